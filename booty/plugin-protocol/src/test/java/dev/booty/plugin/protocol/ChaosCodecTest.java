package dev.booty.plugin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.plugin.grpc.v1.ChaosWorld;
import dev.booty.plugin.grpc.v1.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosCodecTest {

  @Test
  void faultRoundTripsWithAndWithoutDuration() throws Exception {
    var timed =
        new ChaosMode.FaultSpec(
            List.of("london", "dallas"), Duration.ofMillis(90_500), Map.of("run", "echo $X"));
    var untimed = new ChaosMode.FaultSpec(List.of(), null, Map.of());

    assertThat(ChaosCodec.fromMessage(ChaosCodec.toMessage(timed))).isEqualTo(timed);
    assertThat(ChaosCodec.fromMessage(ChaosCodec.toMessage(untimed))).isEqualTo(untimed);
    // across bytes too, as on the wire
    var parsed =
        dev.booty.plugin.grpc.v1.FaultSpec.parseFrom(ChaosCodec.toMessage(timed).toByteArray());
    assertThat(ChaosCodec.fromMessage(parsed)).isEqualTo(timed);
    assertThat(ChaosCodec.toMessage(untimed).hasDuration()).isFalse();
  }

  @Test
  void siteRoundTrips() {
    var site =
        new ChaosContext.Site(
            "london",
            List.of(
                new ChaosContext.Server("lon-1", "london", "10.0.0.1"),
                new ChaosContext.Server("lon-2", "london", "lon-2.local")));
    assertThat(ChaosCodec.fromMessage(ChaosCodec.toMessage(site))).isEqualTo(site);
  }

  @Test
  void pathRoundTripsKeepingAnUnsetRoundTrip() {
    var configured = ChaosContext.Path.configured();
    var cut = new ChaosContext.Path(Duration.ofMillis(300), 0.25, true, true);
    assertThat(ChaosCodec.fromMessage(ChaosCodec.toMessage(configured))).isEqualTo(configured);
    assertThat(ChaosCodec.fromMessage(ChaosCodec.toMessage(cut))).isEqualTo(cut);
  }

  @Test
  void signalsRoundTripAndAnUnsetOneIsRefused() {
    for (ChaosContext.Signal signal : ChaosContext.Signal.values()) {
      assertThat(ChaosCodec.fromMessage(ChaosCodec.toMessage(signal))).isEqualTo(signal);
    }
    assertThatThrownBy(() -> ChaosCodec.fromMessage(Signal.SIGNAL_UNSPECIFIED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown signal SIGNAL_UNSPECIFIED");
  }

  @Test
  void worldCarriesEveryPairsRoundTripBothWays() {
    var london = new ChaosContext.Site("london", List.of());
    var dallas = new ChaosContext.Site("dallas", List.of());
    var tokyo = new ChaosContext.Site("tokyo", List.of());
    ChaosWorld world =
        ChaosWorld.newBuilder()
            .addSites(ChaosCodec.toMessage(london))
            .addSites(ChaosCodec.toMessage(dallas))
            .addSites(ChaosCodec.toMessage(tokyo))
            .addRtts(
                dev.booty.plugin.grpc.v1.Link.newBuilder()
                    .setA("london")
                    .setB("dallas")
                    .setRtt(CommonCodec.toMessage(Duration.ofMillis(105))))
            .build();
    assertThat(ChaosCodec.rtt(world, "dallas", "london")).isEqualTo(Duration.ofMillis(105));
    assertThat(ChaosCodec.rtt(world, "london", "dallas")).isEqualTo(Duration.ofMillis(105));
    assertThat(ChaosCodec.rtt(world, "london", "tokyo")).isEqualTo(Duration.ZERO);
  }

  @Test
  void jobsAndResultsRoundTrip() {
    var job = new NomadJob("exec-london", "job \"x\" {}", Map.of("dc", "london"));
    var result = new JobResult("exec-london", true, "healthy");
    assertThat(CommonCodec.fromMessage(CommonCodec.toMessage(job))).isEqualTo(job);
    assertThat(CommonCodec.fromMessage(CommonCodec.toMessage(result))).isEqualTo(result);
  }
}
