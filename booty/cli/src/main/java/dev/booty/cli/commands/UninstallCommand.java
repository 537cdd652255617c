package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.manifest.ComponentRef;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "uninstall",
    description = {
      "Remove installed versions. When the active version goes, the newest remaining one"
          + " becomes active."
    })
public final class UninstallCommand extends BaseCommand {
  @Parameters(paramLabel = "COMPONENT@VERSION", arity = "1..*", description = "versions to remove")
  List<String> refs;

  UninstallCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() {
    ComponentManager manager = components();
    for (String text : refs) {
      ComponentRef ref = ComponentRef.parse(text);
      Optional<String> active = manager.uninstall(ref);
      ctx.out()
          .println(
              "removed " + ref + active.map(a -> "; active: " + ref.name() + "@" + a).orElse(""));
    }
    return 0;
  }
}
