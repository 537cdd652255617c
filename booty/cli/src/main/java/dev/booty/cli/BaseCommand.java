package dev.booty.cli;

import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.local.LocalStack;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.plugin.BundledPlugins;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.util.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * Base of booty's commands: resolves the home and the manifest, prints JSON, and returns the exit
 * code {@link #execute()} gives. Errors are thrown as {@link dev.booty.core.BootyException} and
 * mapped to exit codes in one place ({@link Main#execute}).
 */
public abstract class BaseCommand implements Callable<Integer> {
  protected final CliContext ctx;

  @Mixin protected GlobalOptions global;

  protected BaseCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  protected abstract int execute() throws Exception;

  @Override
  public final Integer call() throws Exception {
    return execute();
  }

  protected BootyHome home() {
    return BootyHome.resolve(global.home, ctx.env());
  }

  /** The home's local stack: its Nomad, Consul, control plane, state. */
  protected LocalStack localStack() {
    return new LocalStack(home(), ctx.env());
  }

  protected ComponentManager components() {
    return new ComponentManager(
        ManifestLoader.load(global.manifest, ctx.env()), new ComponentStore(home()), ctx.env());
  }

  /**
   * The home's plugins, with the distribution's bundled ones copied in ({@link
   * PluginPlatform#forHome}); not loaded yet.
   */
  protected PluginPlatform pluginPlatform() {
    return PluginPlatform.forHome(home(), BundledPlugins.location(ctx.env()));
  }

  protected void printJson(Object value) throws Exception {
    ctx.out().println(Json.MAPPER.writeValueAsString(value));
  }
}
