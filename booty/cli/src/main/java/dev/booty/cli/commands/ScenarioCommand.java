package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.plugin.BundledPlugins;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.run.ScenarioRunner;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioChecks;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.scenario.ScenarioSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "scenario",
    description = {
      "Scenario files: data centres, the WAN between them, the NATS cluster, clients, faults"
          + " and expectations (see scenarios/README.md)."
    },
    subcommands = {ScenarioCommand.Validate.class, ScenarioCommand.Run.class})
public final class ScenarioCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "validate",
      description = {
        "Read a scenario file and check it, and the plugins it names against the installed ones;"
            + " print a summary. A problem is reported as FILE:LINE:COLUMN: KEY: what is wrong"
            + " (exit 2)."
      })
  static final class Validate extends BaseCommand {
    static final String CHECKED = "checked";
    static final String NONE = "none installed";
    static final String SKIPPED = "skipped";

    @Parameters(paramLabel = "FILE", description = "the scenario file")
    Path file;

    @Option(names = "--json", description = "print the scenario, defaults applied, as JSON")
    boolean json;

    @Option(
        names = "--no-plugin-check",
        description = "do not check the plugin ids against the installed plugins")
    boolean noPluginCheck;

    Validate(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      Scenario s = ScenarioLoader.load(file);
      dev.booty.core.run.Verdict.check(s);
      String check = noPluginCheck ? SKIPPED : checkPlugins(s);
      if (json) {
        Map<String, Object> out = ScenarioSummary.json(s);
        out.put("pluginCheck", check);
        printJson(out);
        return 0;
      }
      ctx.out().println(file + ": valid");
      ScenarioSummary.text(s).forEach(ctx.out()::println);
      ctx.out()
          .println(
              switch (check) {
                case CHECKED -> "plugins found among the installed ones";
                case NONE -> "plugins not checked: none installed";
                default -> "plugins not checked (--no-plugin-check)";
              });
      return 0;
    }

    /** {@link #CHECKED} or {@link #NONE}; fails when a plugin id is not an installed one. */
    private String checkPlugins(Scenario s) {
      // validating creates nothing: without a plugin in the home or the distribution, say so
      Path bundled = BundledPlugins.location(ctx.env());
      if (!hasPluginFiles(home().root().resolve("plugins"))
          && (bundled == null || !hasPluginFiles(bundled))) {
        return NONE;
      }
      Map<String, Set<String>> available;
      try (PluginPlatform platform = pluginPlatform()) {
        platform.load();
        available = ScenarioChecks.availablePlugins(platform);
      }
      ScenarioChecks.checkPlugins(s, available);
      return CHECKED;
    }

    private static boolean hasPluginFiles(Path dir) {
      if (!Files.isDirectory(dir)) {
        return false;
      }
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .map(f -> f.getFileName().toString())
            .anyMatch(n -> !n.startsWith(".") && (n.endsWith(".zip") || n.endsWith(".jar")));
      } catch (IOException e) {
        throw BootyException.failure("cannot list " + dir + ": " + e.getMessage());
      }
    }
  }

  @Command(
      name = "run",
      description = {
        "Run a scenario end to end: deploy it (or reuse what runs), start its test clients in"
            + " every data centre, warm up, run the timeline of faults, let things settle, collect"
            + " every client's report, heal, and judge the expectations. Faults heal when their"
            + " step ends, on Ctrl-C, and, if booty is killed, through a watchdog once the lease"
            + " runs out.",
        "",
        "Writes report.json and report.html under HOME/scenarios/NAME/runs/RUN/ (or --reports)"
            + " and pushes booty_run_* figures to VictoriaMetrics.",
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
            + " request_errors, client_errors, latency_p99, latency_max."
      })
  static final class Run extends ScenarioDeployment {
    @Parameters(paramLabel = "FILE", description = "the scenario file")
    Path file;

    @Option(names = "--json", description = "print the whole report as JSON")
    boolean json;

    @Option(
        names = "--reports",
        paramLabel = "DIR",
        description = "where to write the run's report (default: HOME/scenarios/NAME/runs)")
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

    Run(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      Scenario s = ScenarioLoader.load(file);
      try (PluginPlatform plugins = loadedPlugins()) {
        dev.booty.core.deploy.Deployer deployer = deployer(plugins);
        ScenarioRunner runner =
            new ScenarioRunner(
                deployer,
                environment(),
                line -> ctx.err().println("==> " + line),
                new ScenarioRunner.Settings(
                    timeout, lease, reports, System.getProperty("booty.launcher")));
        runner.check(s);
        if (fresh
            && dev.booty.core.deploy.DeploymentState.read(home().root(), s.name()).isPresent()) {
          ctx.err().println("==> --fresh: destroying " + s.name() + " first");
          deployer.destroy(s.name(), s).forEach(l -> ctx.err().println("==> " + l));
        }
        Thread abort = new Thread(runner::abort, "booty-run-abort");
        Runtime.getRuntime().addShutdownHook(abort);
        ScenarioRunner.Outcome o;
        try {
          o = runner.run(s);
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(abort);
          } catch (IllegalStateException e) {
            // shutting down: the hook heals
          }
        }
        if (json) {
          printJson(o.report());
        } else {
          RunSummary.print(o, ctx.out());
        }
        return o.exitCode();
      }
    }
  }
}
