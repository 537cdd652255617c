package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.DeployProgress;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.deploy.StackEndpoints;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.nomad.StackNomad;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.stack.StackController;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** What deploy and destroy share: the running stack, the plugins and a deployer on them. */
abstract class ScenarioDeployment extends BaseCommand {
  @Option(
      names = "--timeout",
      description =
          "how long to wait for each step to get healthy, in seconds (default: ${DEFAULT-VALUE})")
  int timeout = 300;

  ScenarioDeployment(CliContext ctx) {
    super(ctx);
  }

  /** The home's plugins, loaded; a broken one is reported by 'booty plugins list', not here. */
  PluginPlatform loadedPlugins() {
    PluginPlatform platform = pluginPlatform();
    platform.load();
    return platform;
  }

  /** The running stack booty deploys on; fails when it is not up. */
  Deployer.Environment environment() {
    ComponentStore store = new ComponentStore(home());
    StackEndpoints endpoints = StackEndpoints.of(new StackController(home(), store, Map.of()));
    return new Deployer.Environment(
        home(), store, new StackNomad(endpoints.nomadHttp()), endpoints);
  }

  Deployer deployer(PluginPlatform plugins) {
    return deployer(plugins, progress());
  }

  Deployer deployer(PluginPlatform plugins, DeployProgress progress) {
    return new Deployer(environment(), plugins, progress, Duration.ofSeconds(timeout));
  }

  /** Progress on stderr: one line per Nomad deployment, redrawn in place on a terminal. */
  DeployProgress progress() {
    return new DeployProgress(ctx.err(), ctx.interactive(), "==> ");
  }
}
