package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.scenario.ScenarioTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code booty-dev scenario new NAME}: a commented starter scenario file. */
@Command(
    name = "new",
    description = {
      "Write a starter scenario file NAME.yaml: three data centres with every key explained and"
          + " the defaults shown. It passes 'booty scenario validate'."
    })
final class NewScenarioCommand extends BaseCommand {
  static final String SCHEMA = "scenario.schema.json";

  @Parameters(paramLabel = "NAME", description = "the scenario's name, e.g. local-5dc")
  String name;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "where to write (default: ${DEFAULT-VALUE})")
  Path dir = Path.of("scenarios");

  @Option(names = "--force", description = "overwrite an existing file")
  boolean force;

  NewScenarioCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws IOException {
    Path file = dir.resolve(name + ".yaml");
    String text = ScenarioTemplate.starter(name, file.toString(), schema(dir));
    if (Files.exists(file) && !force) {
      throw BootyException.usage(file + " exists; --force overwrites it");
    }
    Files.createDirectories(dir);
    Files.writeString(
        file,
        text,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    ScenarioLoader.load(file);
    ctx.out().println("wrote " + file + "; check it with: booty scenario validate " + file);
    return 0;
  }

  /**
   * The JSON schema for editors, relative to {@code dir}: in it, or in a {@code scenarios} folder
   * of it or of a parent (a checkout of booty); null when there is none.
   */
  static String schema(Path dir) {
    Path from = dir.toAbsolutePath().normalize();
    if (Files.isRegularFile(from.resolve(SCHEMA))) {
      return SCHEMA;
    }
    for (Path p = from; p != null; p = p.getParent()) {
      Path schema = p.resolve("scenarios").resolve(SCHEMA);
      if (Files.isRegularFile(schema)) {
        return from.relativize(schema).toString();
      }
    }
    return null;
  }
}
