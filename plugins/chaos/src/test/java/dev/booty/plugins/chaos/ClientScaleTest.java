package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.Calls.scale;
import static dev.booty.plugins.chaos.FakeChaosContext.persisted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosMode.FaultSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientScaleTest {
  private final FakeChaosContext ctx = new FakeChaosContext();
  private final ClientScale mode = new ClientScale();

  private static FaultSpec step(Duration duration, Map<String, String> options) {
    return new FaultSpec(List.of("london", "dallas"), duration, options);
  }

  @Test
  void recordsTheCountsBeforeScalingAndHealScalesBackToThem() throws Exception {
    FaultSpec fault = step(Duration.ofMinutes(1), Map.of("count", "25"));
    Map<String, String> record = mode.prepare(fault, ctx);
    assertThat(record)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "dataCenters", "london,dallas",
                "count", "25",
                "restore", "true",
                "previous.london", "10",
                "previous.dallas", "6"));
    assertThat(ctx.calls).isEmpty();

    mode.inject(fault, record, ctx);
    assertThat(ctx.calls).containsExactly(scale("london", 25), scale("dallas", 25));
    assertThat(ctx.clients).containsEntry("london", 25).containsEntry("amsterdam", 4);

    ctx.calls.clear();
    new ClientScale().heal(persisted(record), ctx);
    new ClientScale().heal(persisted(record), ctx);
    assertThat(ctx.calls)
        .containsExactly(
            scale("london", 10), scale("dallas", 6), scale("london", 10), scale("dallas", 6));
  }

  @Test
  void aStepWithoutDurationIsPermanentUnlessItAsksToRestore() {
    Map<String, String> permanent = mode.prepare(step(null, Map.of("count", "0")), ctx);
    Map<String, String> restored =
        mode.prepare(step(null, Map.of("count", "0", "restore", "true")), ctx);
    Map<String, String> kept =
        mode.prepare(step(Duration.ofMinutes(1), Map.of("count", "0", "restore", "false")), ctx);

    mode.heal(permanent, ctx);
    mode.heal(kept, ctx);
    assertThat(ctx.calls).isEmpty();
    mode.heal(restored, ctx);
    assertThat(ctx.calls).containsExactly(scale("london", 10), scale("dallas", 6));
  }

  @Test
  void refusesAMissingOrBadCount() {
    assertThatThrownBy(() -> mode.prepare(step(null, Map.of()), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'count' is required (a whole number from 0 to 2147483647)");
    assertThatThrownBy(() -> mode.prepare(step(null, Map.of("count", "-1")), ctx))
        .hasMessage("option 'count': -1 is not from 0 to 2147483647");
    assertThatThrownBy(() -> mode.prepare(step(null, Map.of("count", "ten")), ctx))
        .hasMessage("option 'count': 'ten' is not a whole number");
    assertThatThrownBy(() -> mode.prepare(step(null, Map.of("count", "1", "restore", "yes")), ctx))
        .hasMessage("option 'restore': 'yes' is not true or false");
    assertThatThrownBy(
            () -> mode.prepare(new FaultSpec(List.of("tokyo"), null, Map.of("count", "1")), ctx))
        .hasMessage("unknown data centre 'tokyo' (known: london, amsterdam, dallas)");
  }

  @Test
  void optionGroupScalesOneGroupOfOneDataCentre() throws Exception {
    FaultSpec fault =
        new FaultSpec(
            List.of("london"),
            Duration.ofMinutes(1),
            Map.of("count", "8", "group", "london-browser"));
    Map<String, String> record = mode.prepare(fault, ctx);
    assertThat(record)
        .containsEntry("group", "london-browser")
        .containsEntry("previous.london", "4");
    mode.inject(fault, record, ctx);
    new ClientScale().heal(persisted(record), ctx);
    assertThat(ctx.calls).containsExactly(scale("london-browser", 8), scale("london-browser", 4));
    // london's own group is untouched
    assertThat(ctx.clients).containsEntry("london", 10);

    assertThatThrownBy(
            () -> mode.prepare(step(null, Map.of("count", "1", "group", "london-browser")), ctx))
        .hasMessage(
            "option group 'london-browser' names one data centre's client group: target that data"
                + " centre only, not london, dallas");
    assertThatThrownBy(
            () ->
                mode.prepare(
                    new FaultSpec(
                        List.of("dallas"), null, Map.of("count", "1", "group", "london-browser")),
                    ctx))
        .hasMessage("data centre 'dallas' has no client group 'london-browser'");
  }
}
