package dev.booty.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import dev.booty.core.run.FaultLedger.Entry;
import dev.booty.core.run.FaultLedger.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faults in force and booty's lease on them, in one file replaced at every change. */
class FaultLedgerTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path home;

  private FaultLedger ledger(Clock clock) {
    return new FaultLedger(FaultLedger.file(home, "local-3dc"), clock);
  }

  private static Entry outage(String id, String dc) {
    return new Entry(id, "dc-outage", Map.of("dc", dc, "job", "local-3dc-nats-" + dc), "10:00:05");
  }

  @Test
  void theLedgerLivesBesideTheScenarioState() {
    assertThat(FaultLedger.file(home, "local-3dc"))
        .isEqualTo(home.resolve("scenarios/local-3dc/faults.json"));
    assertThat(ledger(CLOCK).file()).isEqualTo(FaultLedger.file(home, "local-3dc"));
  }

  @Test
  void withoutAFileTheStateIsEmptyAndExpired() {
    State s = ledger(CLOCK).read();

    assertThat(s.leaseUntil()).isZero();
    assertThat(s.holder()).isNull();
    assertThat(s.faults()).isEmpty();
    assertThat(s.expired(NOW)).isTrue();
  }

  @Test
  void holdingTakesTheLeaseFromTheClockAndWritesTheFile() {
    FaultLedger l = ledger(CLOCK);

    l.hold("booty pid 4242", Duration.ofSeconds(30));

    assertThat(l.file()).isRegularFile();
    State s = l.read();
    assertThat(s.holder()).isEqualTo("booty pid 4242");
    assertThat(s.leaseUntil()).isEqualTo(NOW.plusSeconds(30).toEpochMilli());
    assertThat(s.faults()).isEmpty();
  }

  @Test
  void theLeaseRunsOutOnlyAfterItsLastMillisecond() {
    State s = new State(NOW.toEpochMilli(), "booty", null);

    assertThat(s.faults()).isEmpty();
    assertThat(s.expired(NOW.minusMillis(1))).isFalse();
    assertThat(s.expired(NOW)).isFalse();
    assertThat(s.expired(NOW.plusMillis(1))).isTrue();
  }

  @Test
  void renewingExtendsTheLeaseFromNowAndKeepsHolderAndFaults() {
    ledger(CLOCK).hold("booty", Duration.ofSeconds(30));
    ledger(CLOCK).add(outage("step-1", "dallas"));
    Clock later = Clock.offset(CLOCK, Duration.ofSeconds(20));

    ledger(later).renew(Duration.ofSeconds(30));

    State s = ledger(CLOCK).read();
    assertThat(s.leaseUntil()).isEqualTo(NOW.plusSeconds(50).toEpochMilli());
    assertThat(s.holder()).isEqualTo("booty");
    assertThat(s.faults()).containsExactly(outage("step-1", "dallas"));
    assertThat(s.expired(NOW.plusSeconds(45))).isFalse();
  }

  @Test
  void holdingAgainKeepsTheFaultsListed() {
    FaultLedger l = ledger(CLOCK);
    l.add(outage("step-1", "dallas"));

    l.hold("a new booty", Duration.ofSeconds(10));

    assertThat(l.read().faults()).containsExactly(outage("step-1", "dallas"));
    assertThat(l.read().holder()).isEqualTo("a new booty");
  }

  @Test
  void addingKeepsTheLeaseAndReplacesAFaultOfTheSameId() {
    FaultLedger l = ledger(CLOCK);
    l.hold("booty", Duration.ofSeconds(30));
    l.add(outage("step-1", "dallas"));
    l.add(outage("step-2", "london"));

    l.add(outage("step-1", "amsterdam"));

    State s = l.read();
    assertThat(s.leaseUntil()).isEqualTo(NOW.plusSeconds(30).toEpochMilli());
    assertThat(s.faults())
        .containsExactly(outage("step-2", "london"), outage("step-1", "amsterdam"));
    assertThat(s.faults().get(1).record()).containsEntry("dc", "amsterdam");
    assertThat(s.faults().get(1).since()).isEqualTo("10:00:05");
  }

  @Test
  void removingTakesOnlyThatFault() {
    FaultLedger l = ledger(CLOCK);
    l.hold("booty", Duration.ofSeconds(30));
    l.add(outage("step-1", "dallas"));
    l.add(outage("step-2", "london"));

    l.remove("step-1");
    l.remove("step-9");

    State s = l.read();
    assertThat(s.faults()).containsExactly(outage("step-2", "london"));
    assertThat(s.holder()).isEqualTo("booty");
    assertThat(s.leaseUntil()).isEqualTo(NOW.plusSeconds(30).toEpochMilli());
  }

  @Test
  void removingFromNoLedgerCreatesNone() {
    FaultLedger l = ledger(CLOCK);

    l.remove("step-1");

    assertThat(l.file()).doesNotExist();
  }

  @Test
  void releasingWithNothingListedRemovesTheFile() {
    FaultLedger l = ledger(CLOCK);
    l.hold("booty", Duration.ofSeconds(30));
    l.add(outage("step-1", "dallas"));
    l.remove("step-1");

    l.release();

    assertThat(l.file()).doesNotExist();
    assertThat(l.file().getParent()).isDirectory();
  }

  @Test
  void releasingWithFaultsLeftLetsTheLeaseExpireNowForTheWatchdog() {
    FaultLedger l = ledger(CLOCK);
    l.hold("booty", Duration.ofSeconds(30));
    l.add(outage("step-1", "dallas"));

    l.release();

    State s = l.read();
    assertThat(s.leaseUntil()).isZero();
    assertThat(s.expired(NOW)).isTrue();
    assertThat(s.holder()).isEqualTo("booty");
    assertThat(s.faults()).containsExactly(outage("step-1", "dallas"));
  }

  @Test
  void everyWriteReplacesTheFileLeavingNoTemporaryOne() throws Exception {
    FaultLedger l = ledger(CLOCK);
    l.hold("booty", Duration.ofSeconds(30));
    l.add(outage("step-1", "dallas"));
    l.renew(Duration.ofSeconds(30));
    l.remove("step-1");

    try (Stream<Path> files = Files.list(l.file().getParent())) {
      assertThat(files).containsExactly(l.file());
    }
    assertThat(Files.readString(l.file())).contains("\"holder\" : \"booty\"", "\"faults\" : [ ]");
  }

  @Test
  void aLedgerAnotherProcessWroteIsRead() throws Exception {
    Path file = FaultLedger.file(home, "local-3dc");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        {"leaseUntil": 1740823230000, "holder": "booty", "faults": [
          {"id": "step-1", "mode": "dc-outage", "record": {"dc": "dallas"}, "since": "x"}
        ], "writtenBy": "a newer booty"}
        """);

    State s = ledger(CLOCK).read();

    assertThat(s.leaseUntil()).isEqualTo(1740823230000L);
    assertThat(s.faults())
        .containsExactly(new Entry("step-1", "dc-outage", Map.of("dc", "dallas"), "x"));
  }

  @Test
  void anUnreadableLedgerIsAFailureNamingTheFile() throws Exception {
    Path file = FaultLedger.file(home, "local-3dc");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"leaseUntil\": ");

    assertThatThrownBy(() -> ledger(CLOCK).read())
        .isInstanceOf(BootyException.class)
        .hasMessageStartingWith("cannot read the fault ledger " + file + ": ")
        .satisfies(e -> assertThat(((BootyException) e).exitCode()).isEqualTo(ExitCode.FAILURE));
  }
}
