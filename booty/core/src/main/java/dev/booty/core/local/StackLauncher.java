package dev.booty.core.local;

import dev.booty.core.BootyException;
import dev.booty.core.backchannel.metrics.Collector;
import dev.booty.core.dashboard.Dashboard;
import dev.booty.core.dashboard.StackSources;
import dev.booty.core.stack.ServiceSpec;
import dev.booty.core.stack.StackController;
import dev.booty.core.stack.StackState;
import dev.booty.core.stack.Supervisor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts the local stack's supervisor: detached, as its own process ({@code booty up}), or in this
 * process until SIGTERM or Ctrl-C ({@code booty up --foreground}, {@code booty supervise}).
 */
public final class StackLauncher {
  /** How long {@code booty up} waits for a detached supervisor to report the stack up. */
  public static final Duration UP_WITHIN = Duration.ofMinutes(5);

  private final StackController controller;

  public StackLauncher(StackController controller) {
    this.controller = controller;
  }

  /**
   * Starts {@code MAIN supervise --home HOME [--port NAME=PORT...]} as its own session (setsid),
   * logging to the stack's supervisor log, and waits until it reports the stack up or failed.
   *
   * @param mainClass the command-line entry point that has a {@code supervise} command
   */
  public StackState detached(String mainClass, List<String> portArgs, Map<String, String> env) {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.addAll(
        List.of(
            java,
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            mainClass,
            "supervise",
            "--home",
            controller.context().home().root().toString()));
    portArgs.forEach(
        p -> {
          cmd.add("--port");
          cmd.add(p);
        });
    Process p;
    try {
      Files.createDirectories(controller.supervisorLog().getParent());
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(controller.supervisorLog().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      p = pb.start();
    } catch (IOException e) {
      throw BootyException.failure("cannot start the supervisor: " + e.getMessage());
    }
    return controller.awaitOutcome(p.toHandle(), UP_WITHIN);
  }

  /**
   * Starts the plan, the back channel's collector and the dashboard in this process, watches them
   * until SIGTERM or Ctrl-C, then stops everything. Lines go to {@code log} with a timestamp.
   */
  public void foreground(List<ServiceSpec> plan, Consumer<String> out) {
    Consumer<String> log = line -> out.accept(Instant.now() + " " + line);
    Supervisor supervisor =
        new Supervisor(controller.context(), plan, log)
            .alongside(
                "collector",
                () -> Collector.start(Collector.Config.forStack(controller.context()), log))
            .alongside(
                "dashboard",
                () -> Dashboard.start(StackSources.config(controller.context(), log), log));
    Thread watcher = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              supervisor.stop();
              controller.afterStop().forEach(log);
              watcher.interrupt();
            },
            "booty-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    supervisor.start();
    log.accept("stack up; watching (SIGTERM or Ctrl-C stops it)");
    try {
      supervisor.watch();
    } catch (InterruptedException e) {
      // the shutdown hook is stopping the services
    }
  }
}
