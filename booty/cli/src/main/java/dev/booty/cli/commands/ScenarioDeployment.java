package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.deploy.StackEndpoints;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.nomad.StackNomad;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.report.RunHistory;
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

  /** The home's plugins, loaded once for everything this command does. */
  PluginSession session() {
    return PluginSession.open(pluginPlatform(), home(), new ComponentStore(home()), progress());
  }

  Deployer deployer(PluginPlatform plugins) {
    return deployer(PluginSession.loaded(plugins, home(), new ComponentStore(home()), progress()));
  }

  Deployer deployer(PluginSession plugins) {
    // run reports an older booty kept with the deployment state move out before anything acts
    RunHistory.of(home().root());
    return new Deployer(environment(), plugins, progress(), timeout);
  }

  java.util.function.Consumer<String> progress() {
    return line -> ctx.err().println("==> " + line);
  }
}
