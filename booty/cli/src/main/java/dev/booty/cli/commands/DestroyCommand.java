package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "destroy",
    description = {
      "Remove what 'booty deploy' made for a scenario, and only that: its cluster's jobs, its data"
          + " centres' agents and nodes, its WAN links and its files. Works from what the deploy"
          + " recorded, so it also works after the file changed.",
      "",
      "Example: booty destroy scenarios/local-3dc.yaml   (or the scenario's name)"
    })
public final class DestroyCommand extends ScenarioDeployment {
  @Parameters(paramLabel = "FILE|NAME", description = "the scenario file, or its name")
  String target;

  DestroyCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Path file = Path.of(target);
    Scenario scenario = Files.isRegularFile(file) ? ScenarioLoader.load(file) : null;
    String name = scenario != null ? scenario.name() : target;
    try (PluginSession plugins = session()) {
      List<String> done = deployer(plugins).destroy(name, scenario);
      if (output.json) {
        printJson(java.util.Map.of("scenario", name, "done", done));
      } else {
        done.forEach(ctx.out()::println);
        ctx.out().println("destroyed " + name);
      }
    }
    return 0;
  }
}
