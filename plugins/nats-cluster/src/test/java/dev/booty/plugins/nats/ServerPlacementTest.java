package dev.booty.plugins.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.HostingProvider.HostedDataCenter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Nomad node a server's group is pinned to: the one whose host has its address. */
class ServerPlacementTest {

  @Test
  void aServerOfADataCentreOfSeveralHostsRunsOnTheHostWithItsAddress() {
    HostedDataCenter dc =
        new HostedDataCenter(
            "london",
            "london",
            List.of("10.0.0.11", "10.0.0.12"),
            Map.of("hosts", "10.0.0.11,10.0.0.12", "nodes", "geo-london-1,geo-london-2"));
    assertThat(NatsCluster.node(dc, "10.0.0.12")).isEqualTo("geo-london-2");
    assertThat(NatsCluster.node(dc, "10.0.0.11")).isEqualTo("geo-london-1");
    assertThat(NatsCluster.node(dc, "10.0.0.99")).isEmpty();
  }

  @Test
  void serversOfADataCentreWithoutNamesAreReachedByAddress() {
    HostedDataCenter ssh =
        new HostedDataCenter(
            "paris", "paris", List.of("10.0.0.11"), Map.of("servers.reachedBy", "address"));
    HostedDataCenter local =
        new HostedDataCenter("london", "london", List.of("127.77.1.11"), Map.of());
    ServerLayout layout = ServerLayout.of(List.of(local, ssh));
    assertThat(layout.servers())
        .extracting(ServerLayout.Server::hostName)
        .containsExactly("lon-1.nats.booty", "10.0.0.11");
    String config =
        NatsConfig.render(
            layout.in("london").get(0),
            layout,
            List.of("london", "paris"),
            NatsConfig.Settings.of(Map.of()));
    assertThat(config).contains("nats://10.0.0.11:7222").doesNotContain("par-1.nats.booty");
  }

  @Test
  void aDataCentreOfOneNodeLeavesPlacementToNomad() {
    HostedDataCenter local =
        new HostedDataCenter(
            "london", "london", List.of("127.77.1.11", "127.77.1.12"), Map.of("node", "x-london"));
    assertThat(NatsCluster.node(local, "127.77.1.11")).isEmpty();
    HostedDataCenter oneHost =
        new HostedDataCenter(
            "london",
            "london",
            List.of("10.0.0.11"),
            Map.of("hosts", "10.0.0.11", "nodes", "geo-london-1"));
    assertThat(NatsCluster.node(oneHost, "10.0.0.11")).isEmpty();
  }
}
