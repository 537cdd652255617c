package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.cli.Table;
import dev.booty.core.install.ListedVersion;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", description = "Show installed and available versions of each component.")
public final class ListCommand extends BaseCommand {
  @Parameters(paramLabel = "COMPONENT", arity = "0..*", description = "only these components")
  List<String> only = new ArrayList<>();

  @Option(names = "--installed", description = "only installed versions")
  boolean installedOnly;

  @Mixin OutputOptions output;

  ListCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    var manager = components();
    only.forEach(manager.manifest()::component);
    List<ListedVersion> rows =
        manager.list().stream()
            .filter(r -> only.isEmpty() || only.contains(r.component()))
            .filter(r -> !installedOnly || !r.state().equals(ListedVersion.AVAILABLE))
            .toList();
    if (output.json) {
      printJson(rows);
      return 0;
    }
    Table t = new Table("COMPONENT", "VERSION", "STATE", "SOURCE");
    for (ListedVersion r : rows) {
      t.row(
          r.component(), r.version() + (r.isDefault() ? " (default)" : ""), r.state(), r.source());
    }
    t.print(ctx.out());
    return 0;
  }
}
