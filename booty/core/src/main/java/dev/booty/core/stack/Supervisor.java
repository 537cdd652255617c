package dev.booty.core.stack;

import dev.booty.core.BootyException;
import dev.booty.core.util.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the stack's services: starts them in plan order, each only once the ones before it are
 * healthy; restarts a service that exits (backoff 1 s doubling to 30 s) and counts the restarts;
 * writes {@link StackState} as it goes; stops everything in reverse order on {@link #stop()}.
 */
public final class Supervisor {
  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final StackContext ctx;
  private final List<ServiceSpec> plan;
  private final Consumer<String> log;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final Map<String, Supplier<? extends AutoCloseable>> companions = new LinkedHashMap<>();
  private final List<AutoCloseable> startedCompanions = new ArrayList<>();
  private final String startedAt = Instant.now().toString();
  private volatile boolean stopping;
  private volatile String phase = StackState.STARTING;
  private volatile String message = "";

  private static final class Running {
    final ServiceSpec spec;
    volatile Process process;
    volatile Instant started;
    volatile int restarts;
    volatile HealthCheck.Result health = HealthCheck.Result.failed("starting");

    Running(ServiceSpec spec) {
      this.spec = spec;
    }
  }

  public Supervisor(StackContext ctx, List<ServiceSpec> plan, Consumer<String> log) {
    this.ctx = ctx;
    this.plan = plan;
    this.log = log;
  }

  public Path stateFile() {
    return ctx.home().stack().state();
  }

  /**
   * Runs {@code start} in this process once every service is healthy (the back channel's
   * collector); what it returns is closed when the stack stops, before any service is. Call before
   * {@link #start()}.
   */
  public Supervisor alongside(String name, Supplier<? extends AutoCloseable> start) {
    companions.put(name, start);
    return this;
  }

  /**
   * Starts every service in order and waits for each to be healthy, then the companions ({@link
   * #alongside}). On failure everything started is stopped again and the state says why.
   */
  public void start() {
    try {
      for (ServiceSpec spec : plan) {
        Running r = new Running(spec);
        running.put(spec.name(), r);
        launch(r);
        awaitHealthy(r);
      }
      startCompanions();
      phase = StackState.UP;
      message = "all " + plan.size() + " services healthy";
      writeState();
    } catch (BootyException e) {
      phase = StackState.FAILED;
      message = e.getMessage();
      writeState();
      stopAll();
      throw e;
    }
  }

  /** Watches the services until {@link #stop()}: restarts what exits, refreshes health. */
  public void watch() throws InterruptedException {
    Map<String, Instant> nextTry = new LinkedHashMap<>();
    while (!stopping) {
      for (Running r : running.values()) {
        if (stopping) {
          break;
        }
        if (r.process != null && !r.process.isAlive()) {
          int code = r.process.exitValue();
          r.process = null;
          r.restarts++;
          long backoff = Math.min(30, 1L << Math.min(r.restarts - 1, 5));
          nextTry.put(r.spec.name(), Instant.now().plusSeconds(backoff));
          r.health =
              HealthCheck.Result.failed("exited with " + code + ", restart in " + backoff + "s");
          log.accept(
              r.spec.name()
                  + " exited with "
                  + code
                  + "; restart #"
                  + r.restarts
                  + " in "
                  + backoff
                  + "s");
          writeState();
        } else if (r.process == null
            && Instant.now().isAfter(nextTry.getOrDefault(r.spec.name(), Instant.MIN))) {
          try {
            launch(r);
          } catch (BootyException e) {
            log.accept(e.getMessage());
            nextTry.put(r.spec.name(), Instant.now().plusSeconds(30));
          }
        } else if (r.process != null) {
          r.health = r.spec.health().probe();
        }
      }
      writeState();
      Thread.sleep(1000);
    }
  }

  /** Stops every service, last started first: SIGTERM, then SIGKILL after a grace period. */
  public void stop() {
    stopping = true;
    phase = StackState.STOPPING;
    writeState();
    stopAll();
    try {
      Files.deleteIfExists(stateFile());
    } catch (IOException e) {
      log.accept("cannot remove " + stateFile() + ": " + e.getMessage());
    }
  }

  private void startCompanions() {
    companions.forEach(
        (name, start) -> {
          synchronized (startedCompanions) {
            if (!stopping) {
              try {
                startedCompanions.add(start.get());
                log.accept("started " + name + " in the supervisor");
              } catch (RuntimeException e) {
                // a companion serves the stack; the services stay up without it
                log.accept("cannot start " + name + ": " + e);
              }
            }
          }
        });
  }

  private void stopCompanions() {
    synchronized (startedCompanions) {
      for (int i = startedCompanions.size() - 1; i >= 0; i--) {
        try {
          startedCompanions.get(i).close();
        } catch (Exception e) {
          log.accept("cannot stop " + startedCompanions.get(i) + ": " + e.getMessage());
        }
      }
      startedCompanions.clear();
    }
  }

  private void stopAll() {
    stopCompanions();
    List<Running> reverse = new ArrayList<>(running.values());
    java.util.Collections.reverse(reverse);
    for (Running r : reverse) {
      Process p = r.process;
      if (p == null) {
        continue;
      }
      log.accept("stopping " + r.spec.name() + " (pid " + p.pid() + ")");
      terminate(p.toHandle(), STOP_GRACE);
      r.process = null;
    }
  }

  /** SIGTERM a process and its children, SIGKILL what is left after {@code grace}. */
  public static void terminate(ProcessHandle p, Duration grace) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    try {
      p.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private void launch(Running r) {
    ServiceSpec spec = r.spec;
    try {
      Path logFile = ctx.logFile(spec.name());
      Files.createDirectories(logFile.getParent());
      ProcessBuilder pb =
          new ProcessBuilder(spec.command())
              .directory(spec.workDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      spec.env()
          .forEach(
              (k, v) -> {
                if (v == null) {
                  pb.environment().remove(k);
                } else {
                  pb.environment().put(k, v);
                }
              });
      r.process = pb.start();
      r.process.getOutputStream().close();
      r.started = Instant.now();
      r.health = HealthCheck.Result.failed("starting");
      log.accept(
          "started " + spec.name() + " " + spec.version() + " (pid " + r.process.pid() + ")");
      writeState();
    } catch (IOException e) {
      throw BootyException.failure("cannot start " + spec.name() + ": " + e.getMessage());
    }
  }

  private void awaitHealthy(Running r) {
    boolean healthy =
        Poll.until(
            HEALTHY_WITHIN,
            Duration.ofMillis(250),
            () -> {
              if (!r.process.isAlive()) {
                throw BootyException.failure(
                    r.spec.name()
                        + " exited with "
                        + r.process.exitValue()
                        + " while starting; last lines of "
                        + ctx.logFile(r.spec.name())
                        + ":\n"
                        + tail(ctx.logFile(r.spec.name()), 12));
              }
              r.health = r.spec.health().probe();
              writeState();
              return r.health.ok();
            });
    if (healthy) {
      log.accept(r.spec.name() + " healthy: " + r.health.detail());
      return;
    }
    throw BootyException.failure(
        r.spec.name()
            + " was not healthy within "
            + HEALTHY_WITHIN.toSeconds()
            + "s ("
            + r.health.detail()
            + "); see "
            + ctx.logFile(r.spec.name()));
  }

  private synchronized void writeState() {
    List<StackState.Service> services = new ArrayList<>();
    for (ServiceSpec spec : plan) {
      Running r = running.get(spec.name());
      Process p = r == null ? null : r.process;
      services.add(
          new StackState.Service(
              spec.name(),
              spec.component(),
              spec.version(),
              p == null ? 0 : p.pid(),
              spec.command().get(0),
              spec.address(),
              r == null || r.started == null ? null : r.started.toString(),
              r == null ? 0 : r.restarts,
              r != null && p != null && r.health.ok(),
              r == null ? "not started" : r.health.detail()));
    }
    try {
      new StackState(
              ProcessHandle.current().pid(),
              startedAt,
              phase,
              message,
              ctx.network().advertise(),
              services)
          .write(stateFile());
    } catch (IOException e) {
      log.accept("cannot write " + stateFile() + ": " + e.getMessage());
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
