package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.Calls.dns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosMode.FaultSpec;
import dev.booty.api.DnsChaos.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsFaultTest {
  private final FakeChaosContext ctx = new FakeChaosContext();

  private static FaultSpec on(String... dcs) {
    return new FaultSpec(List.of(dcs), Duration.ofSeconds(30), Map.of());
  }

  @Test
  void anOutageTakesTheDnsDownAndHealBringsItBackTwiceOver() throws Exception {
    DnsOutage mode = new DnsOutage();
    Map<String, String> record =
        FakeChaosContext.persisted(mode.prepare(on("dallas", "amsterdam"), ctx));
    assertThat(record).containsExactlyEntriesOf(Map.of("dataCenters", "dallas,amsterdam"));
    assertThat(ctx.calls).isEmpty();
    // the servers stay: only how clients find them changes
    assertThat(mode.takesOut(on("dallas"), ctx)).isEmpty();

    mode.inject(on("dallas", "amsterdam"), record, ctx);
    mode.heal(record, ctx);
    mode.heal(record, ctx);

    assertThat(ctx.calls)
        .containsExactly(
            dns("dallas", State.DOWN),
            dns("amsterdam", State.DOWN),
            dns("dallas", State.SERVING),
            dns("amsterdam", State.SERVING),
            dns("dallas", State.SERVING),
            dns("amsterdam", State.SERVING));
  }

  @Test
  void staleAnswersKeepTheirLastStateUntilHealed() throws Exception {
    DnsStale mode = new DnsStale();
    Map<String, String> record = mode.prepare(on("dallas"), ctx);
    mode.inject(on("dallas"), record, ctx);
    mode.heal(record, ctx);
    assertThat(ctx.calls).containsExactly(dns("dallas", State.STALE), dns("dallas", State.SERVING));
  }

  @Test
  void unknownDataCentresAndOptionsAreRefusedBeforeAnythingHappens() {
    assertThatThrownBy(() -> new DnsOutage().prepare(on("paris"), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paris");
    assertThatThrownBy(
            () ->
                new DnsStale()
                    .prepare(new FaultSpec(List.of("dallas"), null, Map.of("kind", "slow")), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind");
    assertThat(ctx.calls).isEmpty();
  }
}
