package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.cli.DeployProgress;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.deploy.DeploymentPlan;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
      "Examples:",
      "  booty deploy scenarios/local-3dc.yaml",
      "  booty deploy scenarios/local-3dc.yaml --plan --json   (the plan as a record, nothing done)"
    })
public final class DeployCommand extends ScenarioDeployment {
  @Parameters(paramLabel = "FILE", description = "the scenario file")
  Path file;

  @Option(names = "--plan", description = "show the plan and stop (with --json: the plan as JSON)")
  boolean planOnly;

  DeployCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Scenario scenario = ScenarioLoader.load(file);
    DeployProgress progress = progress();
    try (PluginSession plugins = session()) {
      Deployer deployer = deployer(plugins);
      DeploymentPlan plan = deployer.plan(scenario);
      if (output.json && planOnly) {
        printJson(plan);
        return 0;
      }
      if (!output.json) {
        ctx.out().println("plan:");
        plan.lines().forEach(l -> ctx.out().println("  " + l));
      }
      if (planOnly) {
        return 0;
      }
      Deployer.Result r = deployer.apply(plan);
      progress.finish();
      if (output.json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario.name());
        out.put("plan", plan);
        out.put("done", r.lines());
        out.put("serversPassing", r.serversPassing());
        out.put("serversExpected", r.serversExpected());
        printJson(out);
      } else {
        r.lines().forEach(ctx.out()::println);
        ctx.out()
            .println("deployed " + scenario.name() + "; 'booty destroy " + file + "' removes it");
      }
      return 0;
    } finally {
      progress.finish();
    }
  }
}
