package dev.booty.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.ClusterProvider.ClientAccess;
import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsZonesTest {
  static final String YAML =
      """
      version: 1
      name: geo
      plugins: {hosting: local, cluster: nats, dns: powerdns}
      datacenters:
        - name: london
        - name: amsterdam
        - name: dallas
      wan:
        - between: [london, amsterdam]
          rtt: 8ms
        - between: [london, dallas]
          rtt: 105ms
        - between: [amsterdam, dallas]
          rtt: 115ms
      cluster: {serversPerDatacenter: 1, replicas: 1}
      dns: {ttl: 5s, checkInterval: 2s}
      """;

  @Test
  void eachDataCentreSeesItsOwnServersFirstThenTheNearestAtItsEndOfTheWan() {
    Scenario s = ScenarioLoader.parse(YAML, Path.of("geo.yaml"));
    List<HostedDataCenter> hosted =
        List.of(
            new HostedDataCenter("london", "london", List.of("127.77.1.11"), Map.of()),
            new HostedDataCenter(
                "amsterdam", "amsterdam", List.of("127.77.2.11"), Map.of("dns.address", "x")),
            new HostedDataCenter("dallas", "dallas", List.of("127.77.3.11"), Map.of()));
    List<Endpoint> endpoints =
        List.of(
            new Endpoint("lon-1", "london", "127.77.1.11", List.of(4222)),
            new Endpoint("ams-1", "amsterdam", "127.77.2.11", List.of(4222)),
            new Endpoint("dal-1", "dallas", "127.77.3.11", List.of(4222)));
    // dallas reaches the others through its ends of the WAN links
    Map<String, Map<String, String>> names =
        Map.of(
            "dallas",
            Map.of("lon-1", "127.77.3.100", "ams-1", "127.77.3.101", "dal-1", "127.77.3.11"));

    DnsZone zone =
        DnsZones.of(s, hosted, endpoints, names, new ClientAccess(4222, 8222, "/healthz"));

    assertThat(zone.fqdn()).isEqualTo("nats.geo.booty.test");
    assertThat(zone.ttl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(zone.checkInterval()).isEqualTo(Duration.ofSeconds(2));
    View dallas = zone.views().get(2);
    assertThat(dallas.tiers().stream().map(Tier::dataCenter))
        .containsExactly("dallas", "london", "amsterdam");
    assertThat(dallas.tiers().get(1).targets().getFirst().address()).isEqualTo("127.77.3.100");
    assertThat(dallas.tiers().get(1).targets().getFirst().healthUrl())
        .isEqualTo("http://127.77.3.100:8222/healthz");
    View amsterdam = zone.views().get(1);
    assertThat(amsterdam.tiers().stream().map(Tier::dataCenter))
        .containsExactly("amsterdam", "london", "dallas");
    assertThat(amsterdam.attributes()).containsEntry("dns.address", "x");
    // without a view of its own a data centre reaches servers at their own addresses
    assertThat(amsterdam.tiers().getFirst().targets().getFirst().address())
        .isEqualTo("127.77.2.11");
  }
}
