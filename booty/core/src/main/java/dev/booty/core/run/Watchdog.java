package dev.booty.core.run;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Heals the faults of a run whose booty died: watches the {@link FaultLedger}; once its lease has
 * run out, heals every fault still listed (through its mode, from its record) and removes it. Ends
 * when the ledger is gone, or its lease has run out and no fault is left. {@code booty chaos
 * watchdog} runs it, as a Nomad job beside every run.
 */
public final class Watchdog {
  /** Attempts to heal one fault before it is given up (and reported). */
  static final int ATTEMPTS = 10;

  private final FaultLedger ledger;
  private final Function<String, ChaosMode> modes;
  private final ChaosContext context;
  private final Consumer<String> log;
  private final Clock clock;
  private final Map<String, Integer> failures = new HashMap<>();
  private final Runnable onExpired;
  private boolean expiredOnce;

  /**
   * @param onExpired runs once when the lease is first seen expired (booty is gone): the run's
   *     other leftovers (its test clients) go then
   */
  public Watchdog(
      FaultLedger ledger,
      Function<String, ChaosMode> modes,
      ChaosContext context,
      Consumer<String> log,
      Clock clock,
      Runnable onExpired) {
    this.ledger = ledger;
    this.modes = modes;
    this.context = context;
    this.log = log;
    this.clock = clock;
    this.onExpired = onExpired;
  }

  /** Watches until nothing is left to watch; returns how many faults it healed. */
  public int run(Duration poll) throws InterruptedException {
    int healed = 0;
    while (true) {
      java.util.Optional<FaultLedger.State> read = ledger.readIfAny();
      if (read.isEmpty()) {
        log.accept("the fault ledger is gone: the run ended cleanly");
        return healed;
      }
      FaultLedger.State s = read.get();
      if (s.expired(clock.instant())) {
        if (!expiredOnce) {
          expiredOnce = true;
          log.accept("booty's lease ran out");
          try {
            onExpired.run();
          } catch (RuntimeException e) {
            log.accept("cleaning up after the run failed: " + e.getMessage());
          }
        }
        if (s.faults().isEmpty()) {
          log.accept("the lease ran out and no fault is left");
          return healed;
        }
        healed += healAll(s);
      }
      Thread.sleep(poll.toMillis());
    }
  }

  /** Heals every fault listed in {@code s}; returns how many it healed. */
  public int healAll(FaultLedger.State s) {
    int healed = 0;
    for (FaultLedger.Entry e : s.faults()) {
      try {
        ChaosMode mode = modes.apply(e.mode());
        mode.heal(e.record(), context);
        ledger.remove(e.id());
        log.accept("healed " + e.id() + " (" + e.mode() + " since " + e.since() + ")");
        healed++;
      } catch (RuntimeException ex) {
        int n = failures.merge(e.id(), 1, Integer::sum);
        log.accept(
            "cannot heal "
                + e.id()
                + " ("
                + e.mode()
                + "), attempt "
                + n
                + " of "
                + ATTEMPTS
                + ": "
                + ex.getMessage());
        if (n >= ATTEMPTS) {
          ledger.remove(e.id());
          log.accept("gave up on " + e.id() + "; its record: " + e.record());
        }
      }
    }
    return healed;
  }
}
