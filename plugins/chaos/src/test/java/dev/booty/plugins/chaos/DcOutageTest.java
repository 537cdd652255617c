package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.Calls.path;
import static dev.booty.plugins.chaos.Calls.servers;
import static dev.booty.plugins.chaos.Calls.signal;
import static dev.booty.plugins.chaos.FakeChaosContext.persisted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosContext.Path;
import dev.booty.api.ChaosContext.Signal;
import dev.booty.api.ChaosMode.FaultSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DcOutageTest {
  private static final List<String> DALLAS = List.of("dal-1", "dal-2", "dal-3");
  private static final Path SILENT_CUT = new Path(null, 0, true, true);

  private final FakeChaosContext ctx = new FakeChaosContext();
  private final DcOutage mode = new DcOutage();

  @AfterEach
  void clearInterruption() {
    Thread.interrupted();
  }

  private static FaultSpec dallas(Map<String, String> options) {
    return new FaultSpec(List.of("dallas"), Duration.ofSeconds(60), options);
  }

  @Test
  void hardRecordNamesTheDataCentreAndItsServersAndTouchesNothing() {
    Map<String, String> record = mode.prepare(dallas(Map.of()), ctx);

    assertThat(record)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("kind", "hard", "dataCenters", "dallas", "servers", "dal-1,dal-2,dal-3"));
    assertThat(ctx.calls).isEmpty();
  }

  @Test
  void takesOutItsDataCentresAndRefusesAnUnknownOne() {
    assertThat(mode.takesOut(dallas(Map.of()), ctx)).containsExactly("dallas");
    assertThatThrownBy(() -> mode.takesOut(new FaultSpec(List.of("paris"), null, Map.of()), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paris");
    assertThat(ctx.calls).isEmpty();
  }

  @Test
  void hardKillsFirstThenStopsTheJobAndHealRunsItAgain() throws Exception {
    Map<String, String> record = mode.prepare(dallas(Map.of("kind", "hard")), ctx);

    mode.inject(dallas(Map.of("kind", "hard")), record, ctx);
    assertThat(ctx.calls).containsExactly(signal(DALLAS, Signal.KILL), servers("dallas", false));

    ctx.calls.clear();
    mode.heal(record, ctx);
    assertThat(ctx.calls).containsExactly(servers("dallas", true));
  }

  @Test
  void silentFreezesTheServersAndLeavesThePathsToTheClients() throws Exception {
    FaultSpec fault = dallas(Map.of("kind", "silent"));
    Map<String, String> record = mode.prepare(fault, ctx);
    assertThat(record).containsEntry("kind", "silent").doesNotContainKey("paths");

    mode.inject(fault, record, ctx);
    assertThat(ctx.calls).containsExactly(signal(DALLAS, Signal.STOP));

    ctx.calls.clear();
    mode.heal(record, ctx);
    assertThat(ctx.calls).containsExactly(signal(DALLAS, Signal.CONT));
  }

  @Test
  void silentIsolatedAlsoCutsEveryPathSilently() throws Exception {
    FaultSpec fault = dallas(Map.of("kind", "silent", "isolate", "true"));
    Map<String, String> record = mode.prepare(fault, ctx);
    assertThat(record)
        .containsEntry("kind", "silent")
        .containsEntry("paths", "dallas~london,dallas~amsterdam");

    mode.inject(fault, record, ctx);
    assertThat(ctx.calls)
        .containsExactly(
            signal(DALLAS, Signal.STOP),
            path("dallas", "london", SILENT_CUT),
            path("dallas", "amsterdam", SILENT_CUT));

    ctx.calls.clear();
    mode.heal(record, ctx);
    assertThat(ctx.calls)
        .containsExactly(
            signal(DALLAS, Signal.CONT),
            path("dallas", "london", Path.configured()),
            path("dallas", "amsterdam", Path.configured()));
  }

  @Test
  void twoDataCentresGoDownTogetherAndThePathBetweenThemIsCutOnce() throws Exception {
    FaultSpec fault =
        new FaultSpec(
            List.of("london", "dallas"), null, Map.of("kind", "silent", "isolate", "true"));
    Map<String, String> record = mode.prepare(fault, ctx);

    mode.inject(fault, record, ctx);

    assertThat(ctx.calls)
        .containsExactly(
            signal(List.of("lon-1", "lon-2", "lon-3", "dal-1", "dal-2", "dal-3"), Signal.STOP),
            path("london", "amsterdam", SILENT_CUT),
            path("london", "dallas", SILENT_CUT),
            path("dallas", "amsterdam", SILENT_CUT));
  }

  @Test
  void healWorksFromThePersistedRecordAloneAndTwice() {
    Map<String, String> record =
        persisted(mode.prepare(dallas(Map.of("kind", "silent", "isolate", "true")), ctx));
    FakeChaosContext other = new FakeChaosContext();

    new DcOutage().heal(record, other);
    new DcOutage().heal(record, other);

    List<String> once =
        List.of(
            signal(DALLAS, Signal.CONT),
            path("dallas", "london", Path.configured()),
            path("dallas", "amsterdam", Path.configured()));
    assertThat(other.calls).hasSize(6);
    assertThat(other.calls.subList(0, 3)).isEqualTo(once);
    assertThat(other.calls.subList(3, 6)).isEqualTo(once);
  }

  @Test
  void healGoesOnPastAFailureAndThenReportsIt() {
    FaultSpec fault = new FaultSpec(List.of("london", "dallas"), null, Map.of());
    Map<String, String> record = mode.prepare(fault, ctx);
    ctx.failing.add(servers("london", true));

    assertThatThrownBy(() -> mode.heal(record, ctx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dc-outage did not heal fully: starting london's servers failed");
    assertThat(ctx.calls).containsExactly(servers("london", true), servers("dallas", true));
  }

  @Test
  void healAfterAPartialInjectStillRunsTheJob() {
    Map<String, String> record = mode.prepare(dallas(Map.of()), ctx);
    ctx.failing.add(servers("dallas", false));

    assertThatThrownBy(() -> mode.inject(dallas(Map.of()), record, ctx))
        .isInstanceOf(IllegalStateException.class);
    ctx.calls.clear();
    mode.heal(record, ctx);

    assertThat(ctx.calls).containsExactly(servers("dallas", true));
  }

  @Test
  void anInterruptedInjectStopsBeforeTheNextDataCentre() {
    FaultSpec fault = new FaultSpec(List.of("london", "dallas"), null, Map.of());
    Map<String, String> record = mode.prepare(fault, ctx);

    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> mode.inject(fault, record, ctx))
        .isInstanceOf(InterruptedException.class);
    assertThat(ctx.calls)
        .containsExactly(
            signal(List.of("lon-1", "lon-2", "lon-3", "dal-1", "dal-2", "dal-3"), Signal.KILL));
  }

  @Test
  void refusesUnknownDataCentresListingTheKnownOnes() {
    assertThatThrownBy(() -> mode.prepare(new FaultSpec(List.of("paris"), null, Map.of()), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown data centre 'paris' (known: london, amsterdam, dallas)");
    assertThatThrownBy(() -> mode.prepare(new FaultSpec(List.of(), null, Map.of()), ctx))
        .hasMessage(
            "dc-outage needs one or more data centres as target (known: london, amsterdam,"
                + " dallas)");
    assertThatThrownBy(
            () -> mode.prepare(new FaultSpec(List.of("dallas", "dallas"), null, Map.of()), ctx))
        .hasMessage("target 'dallas' is listed twice");
  }

  @Test
  void refusesBadOptions() {
    assertThatThrownBy(() -> mode.prepare(dallas(Map.of("kind", "soft")), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'kind': 'soft' is not one of hard, silent");
    assertThatThrownBy(() -> mode.prepare(dallas(Map.of("knid", "hard")), ctx))
        .hasMessage("unknown option 'knid' (known: kind, isolate)");
    assertThatThrownBy(() -> mode.prepare(dallas(Map.of("isolate", "true")), ctx))
        .hasMessage("dc-outage: option isolate goes with kind: silent");
    assertThat(ctx.calls).isEmpty();
  }
}
