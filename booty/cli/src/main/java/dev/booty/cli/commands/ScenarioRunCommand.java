package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.run.RunPlan;
import dev.booty.core.run.RunPlanner;
import dev.booty.core.run.ScenarioRunner;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code booty scenario run}: plan, deploy, clients, faults, verdict (see the description). */
@Command(
    name = "run",
    description = {
      "Run a scenario end to end: deploy it (or reuse what runs), start its test clients in"
          + " every data centre, warm up, run the timeline of faults, let things settle, collect"
          + " every client's report, heal, and judge the expectations. Faults heal when their"
          + " step ends, on Ctrl-C, and, if booty is killed, through a watchdog once the lease"
          + " runs out.",
      "",
      "Shows its plan first (--plan: only that). Writes report.json and report.html under"
          + " HOME/runs/RUN/ (or --reports; see 'booty runs') and pushes booty_run_* figures to"
          + " VictoriaMetrics.",
      "",
      "Exit codes: 0 every expectation holds, 1 one does not (named), 3 the run itself broke."
    },
    footer = {
      "",
      "Example:",
      "  booty scenario run scenarios/dc-outage.yaml",
      "",
      "Metrics for expect: detect_p50|p99|max, reconnect_p50|p99|max (ms from a step's start),"
          + " clients_affected, clients_not_reconnected, clients_off_nearest, messages_lost,"
          + " messages_duplicated, js_lost (surviving DCs), js_lost_all, js_duplicated,"
          + " request_errors, client_errors, latency_p99, latency_max, new_clients_off_nearest,"
          + " dns_resolve_p99, dns_answer_change_ms."
    })
final class ScenarioRunCommand extends ScenarioDeployment {
  @Parameters(paramLabel = "FILE", description = "the scenario file")
  Path file;

  @Option(names = "--plan", description = "print the run's plan and do nothing else")
  boolean plan;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "where to write the run's report (default: HOME/runs)")
  Path reports;

  @Option(
      names = "--lease",
      paramLabel = "DURATION",
      defaultValue = "15s",
      description =
          "how long faults outlive a booty that stopped renewing (killed) before the watchdog"
              + " heals them (default: ${DEFAULT-VALUE})")
  java.time.Duration lease;

  @Option(
      names = "--fresh",
      description =
          "destroy the scenario's deployment first and deploy it anew (a scenario that starts"
              + " from an older nats-server than the one running needs it: JetStream's files do"
              + " not go back a version)")
  boolean fresh;

  ScenarioRunCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Scenario s = ScenarioLoader.load(file);
    try (PluginSession plugins = session()) {
      // the plan comes first: a bad step is refused before booty looks for a stack
      RunPlan p = RunPlanner.of(plugins, new ComponentStore(home())).plan(s, lease);
      if (plan) {
        if (output.json) {
          printJson(p);
        } else {
          p.lines().forEach(ctx.out()::println);
        }
        return 0;
      }
      Deployer deployer = deployer(plugins);
      ScenarioRunner runner =
          new ScenarioRunner(
              deployer,
              deployer.environment(),
              progress(),
              new ScenarioRunner.Settings(
                  timeout, lease, reports, System.getProperty("booty.launcher")));
      if (fresh && DeploymentState.read(home().root(), s.name()).isPresent()) {
        ctx.err().println("==> --fresh: destroying " + s.name() + " first");
        deployer.destroy(s.name(), s).forEach(l -> ctx.err().println("==> " + l));
      }
      ScenarioRunner.Outcome o = runner.runHealingOnExit(s);
      if (output.json) {
        printJson(o.report());
      } else {
        RunSummary.print(o, ctx.out());
      }
      return o.exitCode();
    }
  }
}
