package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.backchannel.metrics.Collector;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.stack.ServiceSpec;
import dev.booty.core.stack.StackController;
import dev.booty.core.stack.Supervisor;
import java.time.Instant;
import java.util.List;
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
  protected int execute() throws Exception {
    StackController controller =
        new StackController(home(), new ComponentStore(home()), stack.overrides());
    List<ServiceSpec> plan = controller.plan();
    return runInForeground(ctx, controller, plan);
  }

  /**
   * Starts the plan and the back channel's collector, watches them until SIGTERM/Ctrl-C, then stops
   * everything.
   */
  static int runInForeground(CliContext ctx, StackController controller, List<ServiceSpec> plan)
      throws Exception {
    java.util.function.Consumer<String> log = line -> ctx.err().println(Instant.now() + " " + line);
    Supervisor supervisor =
        new Supervisor(controller.context(), plan, log)
            .alongside(
                "collector",
                () -> Collector.start(Collector.Config.forStack(controller.context()), log));
    Thread watcher = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              supervisor.stop();
              controller.afterStop().forEach(line -> ctx.err().println(Instant.now() + " " + line));
              watcher.interrupt();
            },
            "booty-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    supervisor.start();
    ctx.err().println(Instant.now() + " stack up; watching (SIGTERM or Ctrl-C stops it)");
    try {
      supervisor.watch();
    } catch (InterruptedException e) {
      // the shutdown hook is stopping the services
    }
    return 0;
  }
}
