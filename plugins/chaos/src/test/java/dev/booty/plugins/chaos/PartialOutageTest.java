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
import org.junit.jupiter.api.Test;

class PartialOutageTest {
  private final FakeChaosContext ctx = new FakeChaosContext();
  private final PartialOutage mode = new PartialOutage();

  private static FaultSpec step(List<String> targets, Map<String, String> options) {
    return new FaultSpec(targets, Duration.ofSeconds(30), options);
  }

  @Test
  void namedServersAreFrozenByDefaultAndThawedByHeal() throws Exception {
    FaultSpec fault = step(List.of("dal-1", "lon-3"), Map.of());
    Map<String, String> record = mode.prepare(fault, ctx);
    assertThat(record)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "target", "servers",
                "kind", "silent",
                "servers", "dal-1,lon-3",
                "dataCenters", "dallas,london"));

    mode.inject(fault, record, ctx);
    assertThat(ctx.calls).containsExactly(signal(List.of("dal-1", "lon-3"), Signal.STOP));

    ctx.calls.clear();
    new PartialOutage().heal(persisted(record), ctx);
    assertThat(ctx.calls).containsExactly(signal(List.of("dal-1", "lon-3"), Signal.CONT));
  }

  @Test
  void takesOutItsServersButNothingForAPath() {
    assertThat(mode.takesOut(step(List.of("dal-1", "lon-3"), Map.of()), ctx))
        .containsExactly("dal-1", "lon-3");
    assertThat(mode.takesOut(step(List.of("amsterdam"), Map.of("servers", "2")), ctx)).hasSize(2);
    assertThat(mode.takesOut(step(List.of("london~dallas"), Map.of("loss", "1")), ctx)).isEmpty();
  }

  @Test
  void hardKillsAndHealWaitsForTheDataCentresJobToBeHealthyAgain() throws Exception {
    FaultSpec fault = step(List.of("dal-1", "dal-2"), Map.of("kind", "hard"));
    Map<String, String> record = mode.prepare(fault, ctx);

    mode.inject(fault, record, ctx);
    assertThat(ctx.calls).containsExactly(signal(List.of("dal-1", "dal-2"), Signal.KILL));

    ctx.calls.clear();
    mode.heal(record, ctx);
    assertThat(ctx.calls).containsExactly(servers("dallas", true));
  }

  @Test
  void aDataCentreWithOptionServersLosesItsFirstServers() throws Exception {
    FaultSpec fault = step(List.of("amsterdam"), Map.of("servers", "2"));
    Map<String, String> record = mode.prepare(fault, ctx);
    assertThat(record).containsEntry("servers", "ams-1,ams-2");

    mode.inject(fault, record, ctx);
    assertThat(ctx.calls).containsExactly(signal(List.of("ams-1", "ams-2"), Signal.STOP));
  }

  @Test
  void aPathGetsLossAndLatencyOnTopOfItsConfiguredRoundTrip() throws Exception {
    FaultSpec fault = step(List.of("london~dallas"), Map.of("loss", "0.25", "latency", "50ms"));
    Map<String, String> record = mode.prepare(fault, ctx);
    assertThat(record)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("target", "paths", "paths", "london~dallas", "loss", "0.25", "latency", "50ms"));

    mode.inject(fault, record, ctx);
    assertThat(ctx.calls)
        .containsExactly(
            path("london", "dallas", new Path(Duration.ofMillis(155), 0.25, false, false)));

    ctx.calls.clear();
    new PartialOutage().heal(persisted(record), ctx);
    assertThat(ctx.calls).containsExactly(path("london", "dallas", Path.configured()));
  }

  @Test
  void lossAloneKeepsTheConfiguredRoundTrip() throws Exception {
    FaultSpec fault = step(List.of("amsterdam~london"), Map.of("loss", "1"));

    mode.inject(fault, mode.prepare(fault, ctx), ctx);

    assertThat(ctx.calls)
        .containsExactly(
            path("amsterdam", "london", new Path(Duration.ofMillis(8), 1.0, false, false)));
  }

  @Test
  void refusesServersItDoesNotKnowAndWholeDataCentres() {
    assertThatThrownBy(() -> mode.prepare(step(List.of("dal-4"), Map.of()), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown server 'dal-4' (known: lon-1, lon-2, lon-3, ams-1, ams-2, ams-3, dal-1,"
                + " dal-2, dal-3)");
    assertThatThrownBy(() -> mode.prepare(step(List.of("dallas"), Map.of()), ctx))
        .hasMessage(
            "target 'dallas' is a data centre: say how many of its servers with option servers,"
                + " or take all of it down with dc-outage");
    assertThatThrownBy(() -> mode.prepare(step(List.of("dallas"), Map.of("servers", "3")), ctx))
        .hasMessage("option 'servers': 3 is not from 1 to 2");
    assertThatThrownBy(() -> mode.prepare(step(List.of("dallas"), Map.of("servers", "x")), ctx))
        .hasMessage("option 'servers': 'x' is not a whole number");
    assertThatThrownBy(() -> mode.prepare(step(List.of("dal-1"), Map.of("servers", "1")), ctx))
        .hasMessage(
            "with option servers the targets are data centres: 'dal-1' is not one (known: london,"
                + " amsterdam, dallas)");
    assertThatThrownBy(() -> mode.prepare(step(List.of("dal-1"), Map.of("kind", "loud")), ctx))
        .hasMessage("option 'kind': 'loud' is not one of silent, hard");
  }

  @Test
  void refusesBadPaths() {
    assertThatThrownBy(
            () -> mode.prepare(step(List.of("london~london"), Map.of("loss", "0.1")), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path 'london~london' must join two different data centres");
    assertThatThrownBy(
            () -> mode.prepare(step(List.of("london~paris"), Map.of("loss", "0.1")), ctx))
        .hasMessage("unknown data centre 'paris' (known: london, amsterdam, dallas)");
    assertThatThrownBy(() -> mode.prepare(step(List.of("london~dallas"), Map.of()), ctx))
        .hasMessage(
            "partial-outage of a path needs option loss (0 to 1) and/or latency (a duration,"
                + " e.g. 200ms)");
    assertThatThrownBy(
            () -> mode.prepare(step(List.of("london~dallas"), Map.of("loss", "1.5")), ctx))
        .hasMessage("option 'loss': 1.5 is not from 0 to 1");
    assertThatThrownBy(
            () -> mode.prepare(step(List.of("london~dallas"), Map.of("kind", "hard")), ctx))
        .hasMessage("unknown option 'kind' (known: loss, latency)");
    assertThatThrownBy(
            () ->
                mode.prepare(
                    step(List.of("london~dallas", "dallas~london"), Map.of("loss", "0.1")), ctx))
        .hasMessage("path 'dallas~london' is listed twice");
    assertThatThrownBy(
            () -> mode.prepare(step(List.of("london~dallas", "dal-1"), Map.of("loss", "0.1")), ctx))
        .hasMessage(
            "partial-outage targets either paths (a~b) or servers, not both: london~dallas, dal-1");
    assertThat(ctx.calls).isEmpty();
  }
}
