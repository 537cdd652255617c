package dev.booty.core.dashboard;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns a burst of changes into at most one push per {@code gap}: the first change after a quiet
 * spell is pushed at once, later ones wait until {@code gap} after the last push, and however many
 * arrive meanwhile, one push carries them all. So a change is pushed within {@code gap}.
 */
final class Coalescer implements AutoCloseable {
  private final long gapNanos;
  private final Runnable push;
  private final ScheduledExecutorService timer;
  private long lastPush = Long.MIN_VALUE;
  private boolean pending;

  Coalescer(Duration gap, Runnable push) {
    this.gapNanos = gap.toNanos();
    this.push = push;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "booty-dashboard-push");
              t.setDaemon(true);
              return t;
            });
  }

  /** Something changed: push now, or once the gap since the last push has passed. */
  synchronized void signal() {
    if (pending || timer.isShutdown()) {
      return;
    }
    pending = true;
    long now = System.nanoTime();
    long wait = lastPush == Long.MIN_VALUE ? 0 : Math.max(0, lastPush + gapNanos - now);
    timer.schedule(this::fire, wait, TimeUnit.NANOSECONDS);
  }

  private void fire() {
    synchronized (this) {
      pending = false;
      lastPush = System.nanoTime();
    }
    push.run();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
