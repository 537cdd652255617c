package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.manifest.ComponentRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "use",
    description = "Make an installed version the active one (what booty starts, and ~/.booty/bin).")
public final class UseCommand extends BaseCommand {
  @Parameters(paramLabel = "COMPONENT@VERSION", description = "an installed version")
  String ref;

  @Mixin OutputOptions output;

  UseCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    InstalledVersion v = components().use(ComponentRef.parse(ref));
    if (output.json) {
      printJson(v);
      return 0;
    }
    ctx.out().println(v.component() + "@" + v.version() + " is now active");
    return 0;
  }
}
