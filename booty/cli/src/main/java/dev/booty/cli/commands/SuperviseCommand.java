package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.local.StackLauncher;
import dev.booty.core.stack.StackController;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The supervisor process that {@code booty up} starts detached. Not for direct use. */
@Command(
    name = "supervise",
    hidden = true,
    description = "Run the stack's supervisor (started by 'booty up').")
public final class SuperviseCommand extends BaseCommand {
  @Mixin StackOptions stack;

  SuperviseCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() {
    StackController controller =
        new StackController(home(), new ComponentStore(home()), stack.overrides());
    new StackLauncher(controller).foreground(controller.plan(), ctx.err()::println);
    return 0;
  }
}
