package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "One plugin's descriptor, state and extensions.")
final class PluginsInfoCommand extends PluginsCommand.PluginCommand {
  @Parameters(paramLabel = "ID", description = "plugin id")
  String id;

  PluginsInfoCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    PluginReport r;
    try (PluginPlatform p = loaded()) {
      r = p.plugin(id);
    }
    if (output.json) {
      printJson(r);
      return 0;
    }
    ctx.out().println("id           " + r.id());
    ctx.out().println("version      " + r.version());
    ctx.out()
        .println("state        " + r.state() + (r.reason() == null ? "" : " (" + r.reason() + ")"));
    ctx.out().println("requires     booty API " + r.requires());
    ctx.out().println("provider     " + r.provider());
    ctx.out().println("description  " + r.description());
    ctx.out().println("file         " + r.file());
    r.extensions().forEach(e -> ctx.out().println("extension    " + e));
    return 0;
  }
}
