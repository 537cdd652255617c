package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginReport;
import dev.booty.core.plugin.remote.ExecPlugin;
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
    ExecPlugin.Probe probe = null;
    try (PluginPlatform p = loaded()) {
      r = p.plugin(id);
      if (PluginReport.EXEC.equals(r.kind()) && PluginReport.READY.equals(r.state())) {
        // an executable plugin proves itself by starting: handshake, health, description
        probe = p.execPlugin(id).probe();
      }
    }
    if (output.json) {
      printJson(probe == null ? r : java.util.Map.of("plugin", r, "probe", probe));
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
    ctx.out().println("kind         " + r.kind());
    if (r.command() != null) {
      ctx.out().println("command      " + String.join(" ", r.command()));
    }
    if (probe != null) {
      ctx.out()
          .println("handshake    " + probe.handshakeMillis() + " ms (pid " + probe.pid() + ")");
      ctx.out().println("protocol     " + probe.protocol());
      ctx.out().println("health       " + probe.health());
      ctx.out().println("describes    " + String.join(", ", probe.extensions()));
    }
    return 0;
  }
}
