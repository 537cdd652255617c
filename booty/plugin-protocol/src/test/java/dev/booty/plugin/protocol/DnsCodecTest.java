package dev.booty.plugin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.api.NomadJob;
import dev.booty.plugin.grpc.v1.DnsPlan;
import dev.booty.plugin.grpc.v1.DnsState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsCodecTest {

  static DnsProvider.DnsZone zone() {
    var london =
        new DnsProvider.Tier(
            "london",
            List.of(
                new DnsProvider.Target("lon-1", "10.0.1.1", 4222, "http://10.0.1.1:8222/healthz"),
                new DnsProvider.Target("lon-2", "10.0.1.2", 4222, "http://10.0.1.2:8222/healthz")));
    var dallas =
        new DnsProvider.Tier(
            "dallas",
            List.of(new DnsProvider.Target("dal-1", "10.9.0.1", 4222, "http://10.9.0.1:8222/")));
    return new DnsProvider.DnsZone(
        "local-3dc.booty.test",
        "nats",
        Duration.ofSeconds(5),
        Duration.ofMillis(1500),
        Map.of("credentials", "/tmp/cf.json"),
        List.of(
            new DnsProvider.View(
                "london", "london", Map.of("dns.address", "127.0.1.53"), List.of(london, dallas)),
            new DnsProvider.View("dallas", "dallas", Map.of(), List.of(dallas, london))));
  }

  @Test
  void planWithZoneViewsTiersAndJobsRoundTripsAcrossBytes() throws Exception {
    var plan =
        new DnsProvider.DnsPlan(
            zone(),
            List.of("london: nats -> 10.0.1.1, 10.0.1.2"),
            List.of("POST /zones/Z/dns_records {}"),
            List.of(new NomadJob("dns-london", "job \"dns-london\" {}", Map.of("port", "53"))),
            Map.of("zone-id", "Z"));
    var parsed = DnsPlan.parseFrom(DnsCodec.toMessage(plan).toByteArray());
    assertThat(DnsCodec.fromMessage(parsed)).isEqualTo(plan);
    assertThat(DnsCodec.fromMessage(parsed).zone().fqdn()).isEqualTo("nats.local-3dc.booty.test");
  }

  @Test
  void unsetDurationsStayNull() {
    var zone = new DnsProvider.DnsZone("z.test", "nats", null, null, Map.of(), List.of());
    assertThat(DnsCodec.toMessage(zone).hasTtl()).isFalse();
    assertThat(DnsCodec.fromMessage(DnsCodec.toMessage(zone))).isEqualTo(zone);
  }

  @Test
  void everyStateRoundTripsAndUnsetIsRefused() {
    for (DnsChaos.State s : DnsChaos.State.values()) {
      assertThat(DnsCodec.fromMessage(DnsCodec.toMessage(s))).isEqualTo(s);
    }
    assertThatThrownBy(() -> DnsCodec.fromMessage(DnsState.DNS_STATE_UNSPECIFIED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown DNS state DNS_STATE_UNSPECIFIED");
  }
}
