package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.util.Poll;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Print a stack service's log (consul, nomad, supervisor).")
public final class LogsCommand extends BaseCommand {
  @Parameters(paramLabel = "SERVICE", description = "consul, nomad or supervisor")
  String service;

  @Option(
      names = {"-f", "--follow"},
      description = "keep printing what is appended (Ctrl-C ends)")
  boolean follow;

  @Option(
      names = {"-n", "--lines"},
      description = "how many last lines (default: ${DEFAULT-VALUE})")
  int lines = 100;

  LogsCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Path logs = home().stack().logs();
    Path file = home().stack().logOf(service);
    if (!Files.isRegularFile(file)) {
      List<String> known;
      try (var s = Files.list(logs)) {
        known =
            s.map(p -> p.getFileName().toString().replaceFirst("\\.log$", "")).sorted().toList();
      } catch (java.io.IOException e) {
        known = List.of();
      }
      throw BootyException.usage(
          "no log for '"
              + service
              + "' in "
              + logs
              + (known.isEmpty()
                  ? " (has the stack run?)"
                  : "; there are: " + String.join(", ", known)));
    }
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    all.subList(Math.max(0, all.size() - lines), all.size()).forEach(ctx.out()::println);
    if (follow) {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
        long pos = raf.length();
        while (!Thread.currentThread().isInterrupted()) {
          if (raf.length() > pos) {
            raf.seek(pos);
            String line;
            while ((line = raf.readLine()) != null) {
              ctx.out()
                  .println(
                      new String(
                          line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
            pos = raf.getFilePointer();
          }
          if (!Poll.sleep(Duration.ofMillis(300))) {
            break;
          }
        }
      }
    }
    return 0;
  }
}
