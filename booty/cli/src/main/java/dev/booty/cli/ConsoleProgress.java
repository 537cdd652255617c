package dev.booty.cli;

import dev.booty.core.util.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Draws progress on stderr. On a terminal, one line per component redrawn in place with the elapsed
 * time ticking; otherwise a line per step, byte counts every quarter, and a "still working" line
 * every 30 s so logs show long builds are alive.
 */
public final class ConsoleProgress implements Progress, AutoCloseable {
  private final PrintStream err;
  private final boolean interactive;
  private final boolean verbose;
  private final long started = System.nanoTime();
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;

  private static final class State {
    volatile String step = "";
    volatile long stepStart = System.nanoTime();
    volatile long lastQuarter = -1;
    volatile long lastLog = System.nanoTime();
  }

  public ConsoleProgress(PrintStream err, boolean interactive, boolean verbose) {
    this.err = err;
    this.interactive = interactive;
    this.verbose = verbose;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "booty-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void step(String component, String message) {
    State s = states.computeIfAbsent(component, c -> new State());
    s.step = message;
    s.stepStart = System.nanoTime();
    s.lastQuarter = -1;
    s.lastLog = System.nanoTime();
    if (interactive) {
      redraw(component, s, "");
    } else {
      err.println("[" + component + " " + elapsed(started) + "] " + message);
    }
  }

  @Override
  public synchronized void bytes(String component, long done, long total) {
    State s = states.computeIfAbsent(component, c -> new State());
    String figures =
        total > 0
            ? String.format("%s / %s  %d%%", mb(done), mb(total), done * 100 / total)
            : mb(done);
    if (interactive) {
      redraw(component, s, "  " + figures);
    } else {
      long quarter = total > 0 ? done * 4 / total : -1;
      if (quarter != s.lastQuarter && (total > 0 || done == 0)) {
        s.lastQuarter = quarter;
        err.println("[" + component + " " + elapsed(started) + "]   " + figures);
      }
    }
  }

  @Override
  public synchronized void detail(String component, String line) {
    if (verbose) {
      if (interactive) {
        err.print("\r\033[K");
      }
      err.println("  " + component + " | " + line);
    }
  }

  private synchronized void tick() {
    long now = System.nanoTime();
    states.forEach(
        (component, s) -> {
          if (s.step.isEmpty()) {
            return;
          }
          if (interactive) {
            redraw(component, s, "");
          } else if (now - s.lastLog >= Duration.ofSeconds(30).toNanos()) {
            s.lastLog = now;
            err.println(
                "["
                    + component
                    + " "
                    + elapsed(started)
                    + "] still "
                    + s.step
                    + " ("
                    + elapsed(s.stepStart)
                    + ")");
          }
        });
  }

  private void redraw(String component, State s, String extra) {
    err.print("\r\033[K" + component + ": " + s.step + extra + "  " + elapsed(s.stepStart));
    err.flush();
  }

  /** Ends the live line of a component before its result is printed. */
  public synchronized void finish(String component) {
    State s = states.remove(component);
    if (interactive && s != null) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  static String elapsed(long sinceNanos) {
    long secs = (System.nanoTime() - sinceNanos) / 1_000_000_000L;
    return secs < 60 ? secs + "s" : (secs / 60) + "m" + String.format("%02d", secs % 60) + "s";
  }

  static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1_000_000.0);
  }
}
