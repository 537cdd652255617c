package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.install.ComponentStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    description = {
      "Show each component's active version and whether its binary answers its version command."
          + " Exit 1 when an installed component's binary does not answer as expected."
    })
public final class StatusCommand extends BaseCommand {
  @Option(names = "--json", description = "print JSON")
  boolean json;

  StatusCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    List<ComponentStatus> rows = components().status();
    if (json) {
      printJson(rows);
    } else {
      ctx.out().println("booty home: " + home().root());
      Table t = new Table("COMPONENT", "ACTIVE", "INSTALLED", "HEALTH", "BINARY");
      for (ComponentStatus s : rows) {
        t.row(
            s.component(),
            s.active(),
            s.installed().isEmpty() ? null : String.join(",", s.installed()),
            s.health(),
            s.binary());
      }
      t.print(ctx.out());
    }
    boolean broken = rows.stream().anyMatch(s -> s.active() != null && !s.ok());
    return broken ? 1 : 0;
  }
}
