package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.DeployProgress;
import dev.booty.cli.OutputOptions;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.deploy.StackEndpoints;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.nomad.NomadHttp;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.report.RunHistory;
import dev.booty.core.stack.StackController;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What deploy and destroy share: the running stack, the plugins and a deployer on them. */
abstract class ScenarioDeployment extends BaseCommand {
  /**
   * {@code --json} and {@code --quiet}: every command on a deployment acts, so every one has them.
   */
  @Mixin protected OutputOptions output;

  private DeployProgress progress;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description = "how long to wait for each step to get healthy (default: ${DEFAULT-VALUE})")
  Duration timeout;

  ScenarioDeployment(CliContext ctx) {
    super(ctx);
  }

  /** The running stack booty deploys on; fails when it is not up. */
  Deployer.Environment environment() {
    ComponentStore store = new ComponentStore(home());
    StackEndpoints endpoints = StackEndpoints.of(new StackController(home(), store, Map.of()));
    return new Deployer.Environment(
        home(), store, new NomadHttp(endpoints.nomadHttp(), endpoints.http()), endpoints);
  }

  /** The home's plugins, loaded once for everything this command does. */
  PluginSession session() {
    return PluginSession.open(pluginPlatform(), home(), new ComponentStore(home()), progress());
  }

  Deployer deployer(PluginSession plugins) {
    // run reports an older booty kept with the deployment state move out before anything acts
    RunHistory.of(home().root());
    return new Deployer(environment(), plugins, progress(), timeout);
  }

  /**
   * Progress on stderr: one line per Nomad deployment, redrawn in place on a terminal; nothing with
   * {@code --quiet} or {@code --json}. One for the whole command.
   */
  DeployProgress progress() {
    if (progress == null) {
      progress =
          output.progress()
              ? new DeployProgress(ctx.err(), ctx.interactive(), "==> ")
              : new DeployProgress(
                  new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false, "");
    }
    return progress;
  }
}
