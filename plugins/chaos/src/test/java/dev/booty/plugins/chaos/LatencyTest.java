package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.Calls.path;
import static dev.booty.plugins.chaos.FakeChaosContext.persisted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosContext.Path;
import dev.booty.api.ChaosMode.FaultSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyTest {
  private final FakeChaosContext ctx = new FakeChaosContext();
  private final Latency mode = new Latency();

  private static FaultSpec step(List<String> targets, Map<String, String> options) {
    return new FaultSpec(targets, Duration.ofSeconds(30), options);
  }

  @Test
  void setsThePathsRoundTripAndHealRestoresIt() throws Exception {
    FaultSpec fault = step(List.of("amsterdam~dallas"), Map.of("rtt", "300ms"));
    Map<String, String> record = mode.prepare(fault, ctx);
    assertThat(record)
        .containsExactlyInAnyOrderEntriesOf(Map.of("paths", "amsterdam~dallas", "rtt", "300ms"));
    assertThat(ctx.calls).isEmpty();

    mode.inject(fault, record, ctx);
    assertThat(ctx.calls)
        .containsExactly(
            path("amsterdam", "dallas", new Path(Duration.ofMillis(300), 0, false, false)));

    FakeChaosContext other = new FakeChaosContext();
    new Latency().heal(persisted(record), other);
    new Latency().heal(persisted(record), other);
    assertThat(other.calls)
        .containsExactly(
            path("amsterdam", "dallas", Path.configured()),
            path("amsterdam", "dallas", Path.configured()));
  }

  @Test
  void twoDataCentresNameThePathToo() {
    Map<String, String> record =
        mode.prepare(step(List.of("london", "dallas"), Map.of("rtt", "1.5s")), ctx);

    assertThat(record).containsEntry("paths", "london~dallas").containsEntry("rtt", "1.5s");
  }

  @Test
  void refusesAMissingRttAndAnythingButOnePath() {
    assertThatThrownBy(() -> mode.prepare(step(List.of("london~dallas"), Map.of()), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'rtt' is required (a duration, e.g. 500ms, 5s, 1.5s, 2m or 1m30s)");
    assertThatThrownBy(
            () -> mode.prepare(step(List.of("london~dallas"), Map.of("rtt", "fast")), ctx))
        .hasMessage("option 'rtt': 'fast' is not a duration (e.g. 500ms, 5s, 1.5s, 2m or 1m30s)");
    assertThatThrownBy(() -> mode.prepare(step(List.of("london"), Map.of("rtt", "1s")), ctx))
        .hasMessage("path 'london' is not two data centres joined by ~, e.g. london~dallas");
    assertThatThrownBy(
            () ->
                mode.prepare(
                    step(List.of("london", "dallas", "amsterdam"), Map.of("rtt", "1s")), ctx))
        .hasMessage(
            "latency targets one path, e.g. london~dallas or [london, dallas]; got [london,"
                + " dallas, amsterdam]");
    assertThatThrownBy(
            () -> mode.prepare(step(List.of("dallas", "dallas"), Map.of("rtt", "1s")), ctx))
        .hasMessage("path 'dallas~dallas' must join two different data centres");
    assertThatThrownBy(
            () -> mode.prepare(step(List.of("dallas", "oslo"), Map.of("rtt", "1s")), ctx))
        .hasMessage("unknown data centre 'oslo' (known: london, amsterdam, dallas)");
  }
}
