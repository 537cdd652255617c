package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Main;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.stack.StackPorts;
import dev.booty.core.util.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times {@code booty up} to all-healthy, cold (first boot, empty data) and warm (second boot), and
 * {@code booty job run} to healthy, in a temporary home on free ports, so it never touches the
 * user's stack. Components come from booty's Go build cache (or are built).
 */
@Command(
    name = "up",
    description = {
      "Time booty up to all-healthy, cold (first boot, empty data) and warm (second boot), and"
          + " booty job run to healthy, in a temporary home on free ports."
    })
final class UpBench extends BaseCommand {
  @Option(names = "--job", description = "the job file to time (default: ${DEFAULT-VALUE})")
  Path job = Path.of("jobs/nats-raw.nomad.hcl");

  @Option(
      names = "--rounds",
      description = "warm boots to average over (default: ${DEFAULT-VALUE})")
  int rounds = 3;

  UpBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Path home = Files.createTempDirectory("booty-bench-up-");
    Map<String, String> env = new HashMap<>(ctx.env());
    env.put("BOOTY_HOME", home.toString());
    List<String> ports = freePorts();
    String nomad =
        "--address=http://127.0.0.1:"
            + ports.stream()
                .filter(p -> p.startsWith("nomad.http="))
                .findFirst()
                .orElseThrow()
                .split("=")[1];
    try {
      run(env, "install", "--quiet", "nomad", "consul", "nats-server", "victoria-metrics", "caddy");
      Table t = new Table("CASE", "SECONDS");
      t.row(
          "booty up, cold (first boot, empty data)", secs(() -> run(env, withPorts("up", ports))));
      run(env, "down");
      double total = 0;
      for (int i = 0; i < rounds; i++) {
        double s = Double.parseDouble(secs(() -> run(env, withPorts("up", ports))));
        total += s;
        if (i == rounds - 1) {
          String file = job.toAbsolutePath().toString();
          String name = job.getFileName().toString();
          t.row(
              "booty job run " + name + ", first job after boot",
              secs(() -> run(env, "job", "run", nomad, file)));
          List<Double> settled = new ArrayList<>();
          for (int j = 0; j < 3; j++) {
            run(env, "job", "stop", nomad, "--purge", jobId(file));
            settled.add(Double.parseDouble(secs(() -> run(env, "job", "run", nomad, file))));
          }
          settled.sort(Double::compare);
          t.row(
              "booty job run " + name + ", running stack (median of 3)",
              String.format(java.util.Locale.ROOT, "%.2f", settled.get(1)));
        }
        run(env, "down");
      }
      t.row(
          "booty up, warm (mean of " + rounds + ")",
          String.format(java.util.Locale.ROOT, "%.2f", total / rounds));
      ctx.out().println("bench up: " + Runtime.getRuntime().availableProcessors() + " cores");
      t.print(ctx.out());
      return 0;
    } finally {
      run(env, "down", "--purge");
      FileTrees.deleteRecursively(home);
    }
  }

  /** The job id declared in a job file ({@code job "ID" {}). */
  private static String jobId(String file) throws java.io.IOException {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^job\\s+\"([^\"]+)\"")
            .matcher(Files.readString(Path.of(file)));
    if (!m.find()) {
      throw BootyException.usage(file + " declares no job");
    }
    return m.group(1);
  }

  /** A free loopback port for each of the stack's ports, as {@code name=port}. */
  static List<String> freePorts() throws Exception {
    List<ServerSocket> held = new ArrayList<>();
    List<String> args = new ArrayList<>();
    try {
      for (String name : StackPorts.names()) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        args.add(name + "=" + s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return args;
  }

  /** {@code command} followed by {@code --port name=port} for each of {@code ports}. */
  static String[] withPorts(String command, List<String> ports) {
    List<String> a = new ArrayList<>(List.of(command));
    ports.forEach(
        p -> {
          a.add("--port");
          a.add(p);
        });
    return a.toArray(String[]::new);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static String secs(Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    return String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9);
  }

  /**
   * Runs a booty command in-process; its stdout, or a failure naming the command with its output.
   */
  static String run(Map<String, String> env, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(new CliContext(o, e, env, false), args);
    }
    if (code != 0) {
      throw BootyException.failure(
          "booty "
              + String.join(" ", args)
              + " exited "
              + code
              + ":\n"
              + err.toString(StandardCharsets.UTF_8)
              + out.toString(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
