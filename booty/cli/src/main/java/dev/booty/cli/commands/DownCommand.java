package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.stack.StackController;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "down",
    description = {
      "Stop the local stack in reverse order and leave no process behind. Also cleans up after a"
          + " supervisor that was killed. --purge removes the services' data and logs too."
    })
public final class DownCommand extends BaseCommand {
  @Option(names = "--purge", description = "also remove data and logs (ports are kept)")
  boolean purge;

  @Mixin OutputOptions output;

  DownCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    StackController controller = new StackController(home(), new ComponentStore(home()), Map.of());
    List<String> done = controller.down(purge);
    if (output.json) {
      printJson(Map.of("done", done));
    } else if (done.isEmpty()) {
      ctx.out().println("the stack is not running; nothing to do");
    } else {
      done.forEach(ctx.out()::println);
    }
    return 0;
  }
}
