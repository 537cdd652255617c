package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.Calls.path;
import static dev.booty.plugins.chaos.Calls.servers;
import static dev.booty.plugins.chaos.Calls.signal;
import static dev.booty.plugins.chaos.Calls.sleep;
import static dev.booty.plugins.chaos.FakeChaosContext.persisted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosContext.Path;
import dev.booty.api.ChaosContext.Signal;
import dev.booty.api.ChaosMode.FaultSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DcFlapTest {
  private static final Path SILENT_CUT = new Path(null, 0, true, true);
  private static final Path HARD_CUT = new Path(null, 0, true, false);
  private static final List<String> DALLAS = List.of("dal-1", "dal-2", "dal-3");

  private final FakeChaosContext ctx = new FakeChaosContext();
  private final DcFlap mode = new DcFlap(ctx.nanos::get);

  private static FaultSpec dallas(Duration duration, Map<String, String> options) {
    return new FaultSpec(List.of("dallas"), duration, options);
  }

  private static List<String> dallasPaths(Path state) {
    return List.of(path("dallas", "london", state), path("dallas", "amsterdam", state));
  }

  @Test
  void recordHoldsThePathsAndTheSchedule() {
    Map<String, String> record =
        mode.prepare(dallas(Duration.ofSeconds(90), Map.of("down", "2s", "up", "1.5s")), ctx);

    assertThat(record)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "kind", "silent",
                "dataCenters", "dallas",
                "paths", "dallas~london,dallas~amsterdam",
                "down", "2s",
                "up", "1.5s",
                "duration", "1m30s"));
    assertThat(ctx.calls).isEmpty();
  }

  @Test
  void flapsDownAndUpUntilTheDurationAndEndsRestoredWithTheLastPhaseCutShort() throws Exception {
    FaultSpec fault = dallas(Duration.ofSeconds(12), Map.of());
    long start = ctx.nanos.get();

    mode.inject(fault, mode.prepare(fault, ctx), ctx);

    List<String> expected = new ArrayList<>();
    expected.addAll(dallasPaths(SILENT_CUT));
    expected.add(sleep("5s"));
    expected.addAll(dallasPaths(Path.configured()));
    expected.add(sleep("5s"));
    expected.addAll(dallasPaths(SILENT_CUT));
    expected.add(sleep("2s"));
    expected.addAll(dallasPaths(Path.configured()));
    assertThat(ctx.calls).isEqualTo(expected);
    assertThat(ctx.nanos.get() - start).isEqualTo(Duration.ofSeconds(12).toNanos());
    assertThat(ctx.progress)
        .containsExactly(
            "dc-flap: dallas down (cycle 1)",
            "dc-flap: dallas up (cycle 1)",
            "dc-flap: dallas down (cycle 2)",
            "dc-flap: dallas up (cycle 2)");
  }

  @Test
  void anUpPhaseIsCutShortToo() throws Exception {
    FaultSpec fault =
        dallas(Duration.ofMillis(1500), Map.of("down", "500ms", "up", "2s", "kind", "hard"));

    mode.inject(fault, mode.prepare(fault, ctx), ctx);

    List<String> expected = new ArrayList<>();
    expected.addAll(dallasPaths(HARD_CUT));
    expected.add(sleep("500ms"));
    expected.addAll(dallasPaths(Path.configured()));
    expected.add(sleep("1s"));
    assertThat(ctx.calls).isEqualTo(expected);
  }

  @Test
  void interruptionLeavesThePathsCutAndHealRestoresThemFromTheRecordAlone() {
    FaultSpec fault = dallas(Duration.ofMinutes(1), Map.of());
    Map<String, String> record = mode.prepare(fault, ctx);
    ctx.interruptAtSleep = 1;

    assertThatThrownBy(() -> mode.inject(fault, record, ctx))
        .isInstanceOf(InterruptedException.class);
    assertThat(ctx.calls).isEqualTo(dallasPaths(SILENT_CUT));

    FakeChaosContext other = new FakeChaosContext();
    new DcFlap().heal(persisted(record), other);
    new DcFlap().heal(persisted(record), other);
    List<String> twice = new ArrayList<>(dallasPaths(Path.configured()));
    twice.addAll(dallasPaths(Path.configured()));
    assertThat(other.calls).isEqualTo(twice);
  }

  @Test
  void refusesAStepWithoutDurationAndBadPhases() {
    assertThatThrownBy(() -> mode.prepare(dallas(null, Map.of()), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dc-flap needs a duration: how long the data centres flap, e.g. 1m");
    assertThatThrownBy(() -> mode.prepare(dallas(Duration.ofMinutes(1), Map.of("down", "5")), ctx))
        .hasMessage("option 'down': '5' is not a duration (e.g. 500ms, 5s, 1.5s, 2m or 1m30s)");
    assertThatThrownBy(() -> mode.prepare(dallas(Duration.ofMinutes(1), Map.of("up", "0")), ctx))
        .hasMessage("option 'up': must be more than 0");
    assertThatThrownBy(
            () -> mode.prepare(dallas(Duration.ofMinutes(1), Map.of("kind", "loud")), ctx))
        .hasMessage("option 'kind': 'loud' is not one of silent, hard");
    assertThatThrownBy(
            () ->
                mode.prepare(
                    new FaultSpec(List.of("dallas", "texas"), Duration.ofMinutes(1), Map.of()),
                    ctx))
        .hasMessage("unknown data centre 'texas' (known: london, amsterdam, dallas)");
  }

  @Test
  void aServerFlapTakesItsDataCentresOutAndAWanFlapNone() {
    assertThat(mode.takesOut(dallas(Duration.ofSeconds(30), Map.of("servers", "true")), ctx))
        .containsExactly("dallas");
    assertThat(mode.takesOut(dallas(Duration.ofSeconds(30), Map.of()), ctx)).isEmpty();
    assertThat(ctx.calls).isEmpty();
  }

  @Test
  void aServerFlapRecordsTheServersInsteadOfThePaths() {
    Map<String, String> record =
        mode.prepare(dallas(Duration.ofSeconds(30), Map.of("servers", "true")), ctx);

    assertThat(record)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "kind", "silent",
                "dataCenters", "dallas",
                "servers", "dal-1,dal-2,dal-3",
                "down", "5s",
                "up", "5s",
                "duration", "30s"));
    assertThat(ctx.calls).isEmpty();
  }

  @Test
  void aSilentServerFlapFreezesAndThawsTheServersEachCycleAndLeavesThePathsAlone()
      throws Exception {
    FaultSpec fault = dallas(Duration.ofSeconds(12), Map.of("servers", "true"));

    mode.inject(fault, mode.prepare(fault, ctx), ctx);

    assertThat(ctx.calls)
        .containsExactly(
            signal(DALLAS, Signal.STOP),
            sleep("5s"),
            signal(DALLAS, Signal.CONT),
            sleep("5s"),
            signal(DALLAS, Signal.STOP),
            sleep("2s"),
            signal(DALLAS, Signal.CONT));
    assertThat(ctx.progress)
        .containsExactly(
            "dc-flap: dallas down (cycle 1)",
            "dc-flap: dallas up (cycle 1)",
            "dc-flap: dallas down (cycle 2)",
            "dc-flap: dallas up (cycle 2)");
  }

  @Test
  void aHardServerFlapKillsAndStopsTheJobThenRunsItAgainEachCycle() throws Exception {
    FaultSpec fault =
        new FaultSpec(
            List.of("dallas", "amsterdam"),
            Duration.ofSeconds(5),
            Map.of("servers", "true", "kind", "hard", "down", "2s", "up", "2s"));
    List<String> both = List.of("dal-1", "dal-2", "dal-3", "ams-1", "ams-2", "ams-3");

    mode.inject(fault, mode.prepare(fault, ctx), ctx);

    List<String> cycle =
        List.of(
            signal(both, Signal.KILL),
            servers("dallas", false),
            servers("amsterdam", false),
            sleep("2s"),
            servers("dallas", true),
            servers("amsterdam", true));
    List<String> expected = new ArrayList<>(cycle);
    expected.add(sleep("2s"));
    expected.addAll(cycle.subList(0, 3));
    expected.add(sleep("1s"));
    expected.addAll(cycle.subList(4, 6));
    assertThat(ctx.calls).isEqualTo(expected);
  }

  @Test
  void healOfAServerFlapThawsOrStartsTheServersFromTheRecordAlone() {
    FaultSpec silent = dallas(Duration.ofMinutes(1), Map.of("servers", "true"));
    Map<String, String> frozen = mode.prepare(silent, ctx);
    ctx.interruptAtSleep = 1;
    assertThatThrownBy(() -> mode.inject(silent, frozen, ctx))
        .isInstanceOf(InterruptedException.class);
    assertThat(ctx.calls).containsExactly(signal(DALLAS, Signal.STOP));

    FakeChaosContext other = new FakeChaosContext();
    new DcFlap().heal(persisted(frozen), other);
    new DcFlap().heal(persisted(frozen), other);
    assertThat(other.calls)
        .containsExactly(signal(DALLAS, Signal.CONT), signal(DALLAS, Signal.CONT));

    Map<String, String> killed =
        mode.prepare(dallas(Duration.ofMinutes(1), Map.of("servers", "true", "kind", "hard")), ctx);
    FakeChaosContext third = new FakeChaosContext();
    new DcFlap().heal(persisted(killed), third);
    assertThat(third.calls).containsExactly(servers("dallas", true));
  }

  @Test
  void refusesAServersOptionThatIsNotTrueOrFalse() {
    assertThatThrownBy(
            () -> mode.prepare(dallas(Duration.ofMinutes(1), Map.of("servers", "yes")), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'servers': 'yes' is not true or false");
    assertThatThrownBy(
            () -> mode.prepare(dallas(Duration.ofMinutes(1), Map.of("severs", "true")), ctx))
        .hasMessage("unknown option 'severs' (known: down, up, kind, servers)");
  }
}
