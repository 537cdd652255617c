package dev.booty.core.util;

import dev.booty.core.BootyException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * booty's one way to wait: pause, or check something every so often until it holds or time is up.
 */
public final class Poll {
  private Poll() {}

  /**
   * Sleeps for {@code d}.
   *
   * @throws BootyException (a failure) when interrupted; the thread's interrupt flag stays set
   */
  public static void pause(Duration d) {
    if (!sleep(d)) {
      throw BootyException.failure("interrupted");
    }
  }

  /**
   * Sleeps for {@code d}; false when interrupted (the thread's interrupt flag stays set), for loops
   * that end quietly on an interrupt.
   */
  public static boolean sleep(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return !Thread.currentThread().isInterrupted();
    }
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Checks {@code done} now and every {@code every} until it holds or {@code timeout} has passed.
   *
   * @return whether it held in time
   * @throws BootyException (a failure) when interrupted
   */
  public static boolean until(Duration timeout, Duration every, BooleanSupplier done) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (done.getAsBoolean()) {
        return true;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        return false;
      }
      pause(every.compareTo(left) < 0 ? every : left);
    }
  }
}
