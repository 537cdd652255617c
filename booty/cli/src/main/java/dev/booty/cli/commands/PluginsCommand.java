package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginReport;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "plugins",
    description = {
      "PF4J plugins in the booty home (~/.booty/plugins): hosting, DNS, cluster and chaos"
          + " providers. The plugins the distribution ships are copied in on every use. A broken"
          + " plugin is reported with its reason and does not stop the others."
    },
    subcommands = {
      PluginsCommand.ListPlugins.class,
      PluginsCommand.Info.class,
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
    PluginCommand(CliContext ctx) {
      super(ctx);
    }

    /** One line: the plugin's state now, with the reason when it does not run. */
    void print(PluginReport r) {
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

  @Command(name = "list", description = "Every plugin with its state; exit 1 when one is broken.")
  static final class ListPlugins extends PluginCommand {
    @Option(names = "--json", description = "print JSON")
    boolean json;

    ListPlugins(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      List<PluginReport> reports;
      try (PluginPlatform p = loaded()) {
        reports = p.reports();
      }
      if (json) {
        printJson(reports);
      } else if (reports.isEmpty()) {
        ctx.out().println("no plugins in " + home().plugins());
      } else {
        Table t = new Table("PLUGIN", "VERSION", "STATE", "EXTENSIONS OR REASON");
        for (PluginReport r : reports) {
          String detail =
              r.reason() != null
                  ? r.reason()
                  : String.join(
                      ", ",
                      r.extensions().stream()
                          .map(c -> c.substring(c.lastIndexOf('.') + 1))
                          .toList());
          t.row(r.id(), r.version(), r.state(), detail);
        }
        t.print(ctx.out());
      }
      boolean broken =
          reports.stream()
              .anyMatch(
                  r ->
                      r.state().equals(PluginReport.FAILED)
                          || r.state().equals(PluginReport.REFUSED));
      return broken ? 1 : 0;
    }
  }

  @Command(name = "info", description = "One plugin's descriptor, state and extensions.")
  static final class Info extends PluginCommand {
    @Parameters(paramLabel = "ID", description = "plugin id")
    String id;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    Info(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      PluginReport r;
      try (PluginPlatform p = loaded()) {
        r = p.plugin(id);
      }
      if (json) {
        printJson(r);
        return 0;
      }
      ctx.out().println("id           " + r.id());
      ctx.out().println("version      " + r.version());
      ctx.out()
          .println(
              "state        " + r.state() + (r.reason() == null ? "" : " (" + r.reason() + ")"));
      ctx.out().println("requires     booty API " + r.requires());
      ctx.out().println("provider     " + r.provider());
      ctx.out().println("description  " + r.description());
      ctx.out().println("file         " + r.file());
      r.extensions().forEach(e -> ctx.out().println("extension    " + e));
      return 0;
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
    protected int execute() {
      try (PluginPlatform p = pluginPlatform()) {
        PluginReport r = p.install(file);
        ctx.out().println("installed " + r.id() + " " + r.version() + " as " + r.file());
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
    protected int execute() {
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
    protected int execute() {
      try (PluginPlatform p = pluginPlatform()) {
        print(p.disable(id));
      }
      return 0;
    }
  }
}
