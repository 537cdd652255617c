package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "deploy",
    description = {
      "Deploy a scenario on the running stack: its data centres from the hosting plugin, the WAN"
          + " between them, the cluster's Nomad jobs; then wait until every server passes in"
          + " Consul. Shows the plan first. Idempotent: a second deploy changes nothing, a changed"
          + " file changes only what differs.",
      "",
      "Example: booty deploy scenarios/local-3dc.yaml"
    })
public final class DeployCommand extends ScenarioDeployment {
  @Parameters(paramLabel = "FILE", description = "the scenario file")
  Path file;

  @Option(names = "--plan", description = "show the plan and stop")
  boolean planOnly;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  DeployCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Scenario scenario = ScenarioLoader.load(file);
    try (PluginPlatform plugins = loadedPlugins()) {
      Deployer deployer = deployer(plugins);
      List<String> plan = deployer.plan(scenario);
      if (!json) {
        ctx.out().println("plan:");
        plan.forEach(l -> ctx.out().println("  " + l));
      }
      if (planOnly) {
        return 0;
      }
      Deployer.Result r = deployer.deploy(scenario);
      if (json) {
        printJson(
            Map.of(
                "scenario", scenario.name(),
                "plan", plan,
                "done", r.lines(),
                "serversPassing", r.serversPassing(),
                "serversExpected", r.serversExpected()));
      } else {
        r.lines().forEach(ctx.out()::println);
        ctx.out()
            .println("deployed " + scenario.name() + "; 'booty destroy " + file + "' removes it");
      }
      return 0;
    }
  }
}
