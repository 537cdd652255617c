package dev.booty.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.core.run.FaultLedger.Entry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Healing the faults of a run whose booty died, once its lease on them has run out. */
class WatchdogTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration POLL = Duration.ofMillis(1);

  @TempDir Path home;

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger expired = new AtomicInteger();

  /** A chaos mode whose heal fails {@code failures} times, then works; it records every call. */
  static final class FakeMode implements ChaosMode {
    final String id;
    final int failures;
    final List<Map<String, String>> heals = Collections.synchronizedList(new ArrayList<>());

    FakeMode(String id, int failures) {
      this.id = id;
      this.failures = failures;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
      throw new UnsupportedOperationException("the watchdog only heals");
    }

    @Override
    public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context) {
      throw new UnsupportedOperationException("the watchdog only heals");
    }

    @Override
    public void heal(Map<String, String> record, ChaosContext context) {
      heals.add(record);
      if (heals.size() <= failures) {
        throw new IllegalStateException("nomad at 127.0.0.1:4646 refused the connection");
      }
    }
  }

  /**
   * A clock fixed at {@link #NOW} that, read for the {@code nth} time (the watchdog reads it right
   * after the ledger), says so and waits until the test lets it go on.
   */
  static final class PausingClock extends Clock {
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    private final AtomicInteger reads = new AtomicInteger();
    private final int nth;

    PausingClock(int nth) {
      this.nth = nth;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      if (reads.incrementAndGet() == nth) {
        paused.countDown();
        try {
          resume.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return NOW;
    }
  }

  private FaultLedger ledger(Clock clock) {
    return new FaultLedger(FaultLedger.file(home, "local-3dc"), clock);
  }

  /** A ledger whose lease ran out {@code ago} before {@link #NOW}, with these faults. */
  private FaultLedger lapsed(Duration ago, Entry... faults) {
    FaultLedger l = ledger(Clock.fixed(NOW.minus(ago).minusSeconds(30), ZoneOffset.UTC));
    l.hold("booty pid 4242", Duration.ofSeconds(30));
    for (Entry e : faults) {
      l.add(e);
    }
    return l;
  }

  private Watchdog watchdog(FaultLedger l, Clock clock, ChaosMode... modes) {
    return new Watchdog(
        l,
        id -> {
          for (ChaosMode m : modes) {
            if (m.id().equals(id)) {
              return m;
            }
          }
          throw new IllegalArgumentException("no chaos mode '" + id + "'");
        },
        null,
        log::add,
        clock,
        expired::incrementAndGet);
  }

  private static Entry fault(String id, String mode, String dc) {
    return new Entry(id, mode, Map.of("dc", dc), "2025-03-01T09:58:00Z");
  }

  @Test
  void afterTheLeaseRunsOutAFaultIsHealedOnceItsModeManagesTo() throws Exception {
    FaultLedger l = lapsed(Duration.ofMinutes(1), fault("step-1", "dc-outage", "dallas"));
    FakeMode outage = new FakeMode("dc-outage", 2);

    int healed = watchdog(l, Clock.fixed(NOW, ZoneOffset.UTC), outage).run(POLL);

    assertThat(healed).isEqualTo(1);
    assertThat(outage.heals)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r).isEqualTo(Map.of("dc", "dallas")));
    assertThat(expired).hasValue(1);
    assertThat(l.read().faults()).isEmpty();
    assertThat(l.file()).exists();
    assertThat(log)
        .containsExactly(
            "booty's lease ran out",
            "cannot heal step-1 (dc-outage), attempt 1 of 10: nomad at 127.0.0.1:4646 refused the"
                + " connection",
            "cannot heal step-1 (dc-outage), attempt 2 of 10: nomad at 127.0.0.1:4646 refused the"
                + " connection",
            "healed step-1 (dc-outage since 2025-03-01T09:58:00Z)",
            "the lease ran out and no fault is left");
  }

  @Test
  void aFaultThatCannotBeHealedIsGivenUpAfterTheLastAttemptWithItsRecord() throws Exception {
    FaultLedger l =
        lapsed(
            Duration.ofSeconds(5),
            fault("step-1", "dc-outage", "dallas"),
            fault("step-2", "latency", "london"));
    FakeMode outage = new FakeMode("dc-outage", Integer.MAX_VALUE);
    FakeMode latency = new FakeMode("latency", 0);

    int healed = watchdog(l, Clock.fixed(NOW, ZoneOffset.UTC), outage, latency).run(POLL);

    assertThat(healed).isEqualTo(1);
    assertThat(outage.heals).hasSize(Watchdog.ATTEMPTS);
    assertThat(latency.heals).containsExactly(Map.of("dc", "london"));
    assertThat(l.read().faults()).isEmpty();
    assertThat(log)
        .contains(
            "cannot heal step-1 (dc-outage), attempt 10 of 10: nomad at 127.0.0.1:4646 refused"
                + " the connection",
            "gave up on step-1; its record: {dc=dallas}")
        .doesNotContain(
            "cannot heal step-1 (dc-outage), attempt 11 of 10: nomad at 127.0.0.1:4646 refused"
                + " the connection");
    assertThat(expired).hasValue(1);
  }

  @Test
  void aFaultOfAnUnknownModeCountsAsAFailedAttempt() {
    FaultLedger l = lapsed(Duration.ofSeconds(5), fault("step-1", "gone-mode", "dallas"));
    Watchdog w = watchdog(l, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(w.healAll(l.read())).isZero();

    assertThat(log)
        .containsExactly(
            "cannot heal step-1 (gone-mode), attempt 1 of 10: no chaos mode 'gone-mode'");
    assertThat(l.read().faults()).extracting(Entry::id).containsExactly("step-1");
  }

  @Test
  void aFailingCleanUpIsReportedAndHealingGoesOn() throws Exception {
    FaultLedger l = lapsed(Duration.ofSeconds(5), fault("step-1", "dc-outage", "dallas"));
    FakeMode outage = new FakeMode("dc-outage", 0);
    Watchdog w =
        new Watchdog(
            l,
            id -> outage,
            null,
            log::add,
            Clock.fixed(NOW, ZoneOffset.UTC),
            () -> {
              expired.incrementAndGet();
              throw new IllegalStateException("job local-3dc-clients-dallas: not found");
            });

    assertThat(w.run(POLL)).isEqualTo(1);

    assertThat(expired).hasValue(1);
    assertThat(log)
        .contains("cleaning up after the run failed: job local-3dc-clients-dallas: not found");
    assertThat(outage.heals).hasSize(1);
  }

  @Test
  void aLapsedLedgerWithNoFaultLeftEndsAtOnceAfterTheCleanUp() throws Exception {
    FaultLedger l = lapsed(Duration.ofSeconds(5));

    assertThat(watchdog(l, Clock.fixed(NOW, ZoneOffset.UTC)).run(POLL)).isZero();

    assertThat(expired).hasValue(1);
    assertThat(log)
        .containsExactly("booty's lease ran out", "the lease ran out and no fault is left");
  }

  @Test
  void noLedgerMeansTheRunEndedCleanly() throws Exception {
    FakeMode outage = new FakeMode("dc-outage", 0);

    int healed =
        watchdog(ledger(Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC), outage)
            .run(POLL);

    assertThat(healed).isZero();
    assertThat(expired).hasValue(0);
    assertThat(outage.heals).isEmpty();
    assertThat(log).containsExactly("the fault ledger is gone: the run ended cleanly");
  }

  @Test
  void whileBootyHoldsTheLeaseNothingIsHealedAndItsCleanReleaseEndsTheWatch() throws Exception {
    FaultLedger l = ledger(Clock.fixed(NOW, ZoneOffset.UTC));
    l.hold("booty pid 4242", Duration.ofSeconds(30));
    l.add(fault("step-1", "dc-outage", "dallas"));
    FakeMode outage = new FakeMode("dc-outage", 0);
    PausingClock clock = new PausingClock(3);
    Watchdog w = watchdog(l, clock, outage);

    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> runQuietly(w));
    assertThat(clock.paused.await(10, TimeUnit.SECONDS)).isTrue();
    // booty heals its own fault and ends the run
    l.remove("step-1");
    l.release();
    clock.resume.countDown();

    assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(outage.heals).isEmpty();
    assertThat(expired).hasValue(0);
    assertThat(log).containsExactly("the fault ledger is gone: the run ended cleanly");
  }

  @Test
  void faultsBootyLeftWhenReleasingAreHealedAtOnce() throws Exception {
    FaultLedger l = ledger(Clock.fixed(NOW, ZoneOffset.UTC));
    l.hold("booty pid 4242", Duration.ofSeconds(30));
    l.add(fault("step-1", "dc-outage", "dallas"));
    FakeMode outage = new FakeMode("dc-outage", 0);
    PausingClock clock = new PausingClock(3);
    Watchdog w = watchdog(l, clock, outage);

    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> runQuietly(w));
    assertThat(clock.paused.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outage.heals).isEmpty();
    assertThat(expired).hasValue(0);
    // booty could not heal it and gives up its lease: the fault is the watchdog's now
    l.release();
    clock.resume.countDown();

    assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(outage.heals).containsExactly(Map.of("dc", "dallas"));
    assertThat(expired).hasValue(1);
    assertThat(l.read().faults()).isEmpty();
  }

  private static int runQuietly(Watchdog w) {
    try {
      return w.run(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
