package dev.booty.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan, the configs and the errors, with no container engine involved. */
class NatsSuperClusterTest {

  @Test
  void theReferenceScenarioPlansNineServersWithAGatewayPortEach() {
    NatsSuperCluster c = NatsSuperCluster.fromScenario(Path.of("../../scenarios/local-3dc.yaml"));
    Topology t = c.topology();
    assertThat(t.dataCenters())
        .containsExactly(
            java.util.Map.entry("london", 3),
            java.util.Map.entry("amsterdam", 3),
            java.util.Map.entry("dallas", 3));
    assertThat(t.servers())
        .extracting(Topology.Server::name, Topology.Server::gatewayPort)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("london-1", 7301),
            org.assertj.core.groups.Tuple.tuple("london-2", 7302))
        .contains(
            org.assertj.core.groups.Tuple.tuple("amsterdam-1", 7311),
            org.assertj.core.groups.Tuple.tuple("dallas-3", 7323));
    assertThat(t.rtt("dallas", "london")).isEqualTo(Duration.ofMillis(105));
    assertThat(t.remoteServers("london"))
        .hasSize(6)
        .noneMatch(s -> s.dataCenter().equals("london"));
    assertThat(c.jetstream()).isTrue();
    assertThat(c.natsImage()).isEqualTo(NatsSuperCluster.DEFAULT_NATS_IMAGE);
  }

  @Test
  void aServersConfigRoutesWithinItsDataCentreAndGatewaysToTheOthersByName() {
    Topology t =
        NatsSuperCluster.builder()
            .dataCenter("london", 2)
            .dataCenter("dallas", 1)
            .build()
            .topology();
    String london2 = ServerConfig.render(t, t.serversOf("london").get(1), true);
    assertThat(london2)
        .contains("server_name: \"london-2\"")
        .contains("server_tags: [\"dc:london\"]")
        .contains("store_dir: \"/data/jetstream\"")
        .contains("routes: [\"nats-route://london-1:6222\"]")
        .contains("name: \"london\"")
        .contains("listen: \"0.0.0.0:7302\"")
        .contains("advertise: \"london-2:7302\"")
        .contains("{name: \"dallas\", urls: [\"nats://dallas-1:7311\"]}")
        .contains("no_advertise: true");
    String dallas1 = ServerConfig.render(t, t.serversOf("dallas").get(0), false);
    assertThat(dallas1)
        .contains("{name: \"london\", urls: [\"nats://london-1:7301\", \"nats://london-2:7302\"]}")
        // alone in its data centre: a route to itself, which JetStream clustering asks for
        .contains("routes: [\"nats-route://localhost:6222\"]")
        .doesNotContain("jetstream");
  }

  @Test
  void theBuilderNamesWhatIsWrong() {
    assertThatThrownBy(() -> NatsSuperCluster.builder().build())
        .hasMessage("a super-cluster needs at least one data centre");
    assertThatThrownBy(() -> NatsSuperCluster.builder().dataCenter("London", 1).build())
        .hasMessageStartingWith("data centre name 'London': lower-case letters");
    assertThatThrownBy(() -> NatsSuperCluster.builder().dataCenter("london", 10).build())
        .hasMessage("data centre 'london': 10 servers; 1 to 9 allowed");
    assertThatThrownBy(
            () ->
                NatsSuperCluster.builder()
                    .dataCenter("london", 1)
                    .rtt("london", "tokyo", Duration.ofMillis(200))
                    .build())
        .hasMessage("WAN link london~tokyo: no data centre 'tokyo' ([london])");
    NatsSuperCluster c = NatsSuperCluster.builder().dataCenter("london", 1).build();
    assertThatThrownBy(() -> c.outage("london", Outage.SILENT))
        .hasMessage("the super-cluster is not started: call start() first");
  }

  @Test
  void aScenarioErrorNamesFileLineAndKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: bad
        plugins:
          hosting: local
          cluster: nats
        datacenters:
          - name: london
            servers: many
        """);
    assertThatThrownBy(() -> NatsSuperCluster.fromScenario(file))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining(file + ":8:")
        .hasMessageContaining("servers");
  }

  @Test
  void aScenarioWithANatsVersionRunsThatImage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("v.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: pinned
        plugins:
          hosting: local
          cluster: nats
        datacenters:
          - name: london
            servers: 1
        cluster:
          version: 2.10.27
          jetstream: false
        """);
    NatsSuperCluster c = NatsSuperCluster.fromScenario(file);
    assertThat(c.natsImage()).isEqualTo("localhost/booty/nats-server:2.10.27");
    assertThat(c.jetstream()).isFalse();
  }

  @Test
  void aScenarioWithTlsOrJwtIsRefusedRatherThanRunPlain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secured.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: secured
        plugins:
          hosting: local
          cluster: nats
        datacenters:
          - name: london
            servers: 1
        cluster:
          jetstream: false
          tls: true
          auth: jwt
        """);
    assertThatThrownBy(() -> NatsSuperCluster.fromScenario(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "scenario secured asks for cluster.tls: true and cluster.auth: jwt: NatsSuperCluster"
                + " runs plain servers without credentials; remove it for container tests, or run"
                + " the scenario with 'booty scenario run'");
  }

  @Test
  void aMissingImageSaysWhichBuildMakesIt() {
    assertThat(LocalImages.missing("localhost/booty/nats-server:2.12.15"))
        .isEqualTo(
            "image localhost/booty/nats-server:2.12.15 is missing: run 'booty image build"
                + " nats-server@2.12.15' (no registry is used)");
    assertThat(LocalImages.missing("localhost/booty/toxiproxy:latest"))
        .isEqualTo(
            "image localhost/booty/toxiproxy:latest is missing: run 'booty image build"
                + " toxiproxy' (no registry is used)");
  }
}
