package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "plugins",
    description = {
      "PF4J plugins in the booty home (~/.booty/plugins): hosting, DNS, cluster and chaos"
          + " providers. The plugins the distribution ships are copied in on every use. A broken"
          + " plugin is reported with its reason and does not stop the others."
    },
    subcommands = {
      PluginsListCommand.class,
      PluginsInfoCommand.class,
      PluginsCommand.Install.class,
      PluginsCommand.Enable.class,
      PluginsCommand.Disable.class
    })
public final class PluginsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What the plugin commands share: the home's plugins, bundled ones synced in, loaded. */
  abstract static class PluginCommand extends BaseCommand {
    @Mixin OutputOptions output;

    PluginCommand(CliContext ctx) {
      super(ctx);
    }

    /** The plugin's state now: one line with the reason when it does not run, or its JSON. */
    void print(PluginReport r) throws Exception {
      if (output.json) {
        printJson(r);
        return;
      }
      ctx.out()
          .println(r.id() + ": " + r.state() + (r.reason() == null ? "" : " (" + r.reason() + ")"));
    }

    /** The home's plugins, loaded; close it. */
    PluginPlatform loaded() {
      PluginPlatform p = pluginPlatform();
      p.load();
      return p;
    }
  }

  @Command(
      name = "install",
      description =
          "Check a plugin zip or jar, then copy it into the plugins folder, replacing an older"
              + " file of the same plugin.")
  static final class Install extends PluginCommand {
    @Parameters(paramLabel = "FILE", description = "a PF4J plugin zip or jar")
    Path file;

    Install(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      try (PluginPlatform p = pluginPlatform()) {
        PluginReport r = p.install(file);
        if (!output.json) {
          ctx.out().println("installed " + r.id() + " " + r.version() + " as " + r.file());
        }
        print(r);
      }
      return 0;
    }
  }

  @Command(name = "enable", description = "Turn a disabled plugin on.")
  static final class Enable extends PluginCommand {
    @Parameters(paramLabel = "ID", description = "plugin id")
    String id;

    Enable(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      try (PluginPlatform p = pluginPlatform()) {
        print(p.enable(id));
      }
      return 0;
    }
  }

  @Command(
      name = "disable",
      description = "Turn a plugin off without removing it (a broken one then stops counting).")
  static final class Disable extends PluginCommand {
    @Parameters(paramLabel = "ID", description = "plugin id")
    String id;

    Disable(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      try (PluginPlatform p = pluginPlatform()) {
        print(p.disable(id));
      }
      return 0;
    }
  }
}
