package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
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
      paramLabel = "DURATION",
      defaultValue = "5m",
      description = "how long to wait for each step to get healthy (default: ${DEFAULT-VALUE})")
  Duration timeout;

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
    Map<String, String> endpoints = StackEndpoints.of(new StackController(home(), store, Map.of()));
    return new Deployer.Environment(
        home(), store, new StackNomad(endpoints.get("nomad.http")), endpoints);
  }

  Deployer deployer(PluginPlatform plugins) {
    return new Deployer(environment(), plugins, line -> ctx.err().println("==> " + line), timeout);
  }
}
