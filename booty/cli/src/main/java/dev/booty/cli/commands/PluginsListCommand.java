package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginReport;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Every plugin with its state; exit 1 when one is broken.")
final class PluginsListCommand extends PluginsCommand.PluginCommand {
  PluginsListCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    List<PluginReport> reports;
    try (PluginPlatform p = loaded()) {
      reports = p.reports();
    }
    if (output.json) {
      printJson(reports);
    } else if (reports.isEmpty()) {
      ctx.out().println("no plugins in " + home().plugins());
    } else {
      Table t = new Table("PLUGIN", "KIND", "VERSION", "STATE", "EXTENSIONS OR REASON");
      for (PluginReport r : reports) {
        String detail =
            r.reason() != null
                ? r.reason()
                : String.join(
                    ", ",
                    r.extensions().stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toList());
        t.row(r.id(), r.kind(), r.version(), r.state(), detail);
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
