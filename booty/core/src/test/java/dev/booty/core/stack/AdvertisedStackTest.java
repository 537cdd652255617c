package dev.booty.core.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.deploy.StackEndpoints;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configs, certificates and endpoints of the stack with and without {@code booty up
 * --advertise}: only the agent ports move to the address, and what agents are told follows.
 */
class AdvertisedStackTest {
  static final String ADDR = "10.20.30.40"; // rendering does not ask whether the machine has it

  @TempDir Path root;

  private BootyHome home() throws Exception {
    BootyHome home = new BootyHome(root);
    for (String c : List.of("nomad", "consul", "nats-server")) {
      Path dir = home.version(c, "1.0.0");
      Files.createDirectories(dir);
      Json.MAPPER.writeValue(
          dir.resolve(InstalledVersion.FILE).toFile(),
          new InstalledVersion(
              c, "1.0.0", "linux-amd64", c, "release", "test", null, "0", 0, c, "2025-01-01T00Z"));
      Files.writeString(home.activeFile(c), "1.0.0\n");
    }
    return home;
  }

  private StackContext context(StackNetwork network) throws Exception {
    BootyHome home = home();
    return new StackContext(
        home, StackPorts.load(home.stack().ports(), Map.of()), new ComponentStore(home), network);
  }

  @Test
  void nomadListensForAgentsOnTheAddressKeepsHttpOnLoopbackAndItsCertificateNamesIt()
      throws Exception {
    StackContext ctx = context(StackNetwork.parse(ADDR));
    StackCredentials creds = StackCredentials.ensure(ctx.home());
    ServiceSpec spec = NomadService.describe(ctx, null, creds);
    String hcl = Files.readString(spec.workDir().resolve("nomad.hcl"));
    assertThat(hcl)
        .contains("bind_addr    = \"127.0.0.1\"")
        .contains(
            """
            addresses {
              http = "127.0.0.1"
              rpc  = "%s"
              serf = "%s"
            }
            """
                .formatted(ADDR, ADDR))
        .contains(
            """
            advertise {
              http = "127.0.0.1"
              rpc  = "%s"
              serf = "%s"
            }
            """
                .formatted(ADDR, ADDR))
        .contains("address   = \"127.0.0.1:18500\""); // Consul's API: loopback
    assertThat(spec.address()).isEqualTo("https://127.0.0.1:14646");
    Path cert = spec.workDir().resolve("tls/nomad.pem");
    assertThat(creds.ca().names(cert))
        .containsExactlyInAnyOrder(
            "server.global.nomad", "client.global.nomad", "localhost", "127.0.0.1", ADDR);

    // back to loopback: the certificate is issued again without the address
    NomadService.describe(context(StackNetwork.loopback()), null, creds);
    assertThat(creds.ca().names(cert))
        .containsExactlyInAnyOrder(
            "server.global.nomad", "client.global.nomad", "localhost", "127.0.0.1");
    assertThat(Files.readString(spec.workDir().resolve("nomad.hcl")))
        .doesNotContain(ADDR)
        .contains("rpc  = \"127.0.0.1\"");
  }

  @Test
  void consulBindsRpcAndLanGossipToTheAddressAndKeepsClientsAndWanOnLoopback() throws Exception {
    StackContext ctx = context(StackNetwork.parse(ADDR));
    StackCredentials creds = StackCredentials.ensure(ctx.home());
    ServiceSpec spec = ConsulService.describe(ctx, creds);
    JsonNode config = Json.MAPPER.readTree(spec.workDir().resolve("consul.json").toFile());
    assertThat(config.path("bind_addr").asText()).isEqualTo(ADDR);
    assertThat(config.path("serf_lan").asText()).isEqualTo(ADDR);
    assertThat(config.path("advertise_addr").asText()).isEqualTo(ADDR);
    assertThat(config.path("serf_wan").asText()).isEqualTo("127.0.0.1");
    assertThat(config.path("advertise_addr_wan").asText()).isEqualTo("127.0.0.1");
    assertThat(config.path("client_addr").asText()).isEqualTo("127.0.0.1");
    assertThat(creds.ca().names(spec.workDir().resolve("tls/consul.pem")))
        .containsExactlyInAnyOrder("server.booty.consul", "localhost", "127.0.0.1", ADDR);

    ConsulService.describe(context(StackNetwork.loopback()), creds);
    JsonNode loopback = Json.MAPPER.readTree(spec.workDir().resolve("consul.json").toFile());
    assertThat(loopback.path("bind_addr").asText()).isEqualTo("127.0.0.1");
    assertThat(loopback.path("advertise_addr").asText()).isEqualTo("127.0.0.1");
    assertThat(creds.ca().names(spec.workDir().resolve("tls/consul.pem")))
        .containsExactlyInAnyOrder("server.booty.consul", "localhost", "127.0.0.1");
  }

  @Test
  void theControlPlaneNatsTakesClientsOnTheAddressOnlyWebSocketStaysOnLoopbackNoMonitoring()
      throws Exception {
    StackContext ctx = context(StackNetwork.parse(ADDR));
    ServiceSpec spec = NatsService.describe(ctx);
    String conf = Files.readString(spec.workDir().resolve("nats-server.conf"));
    assertThat(conf)
        .contains("listen: \"" + ADDR + ":14222\"")
        .doesNotContain("http:")
        .contains("listen: \"127.0.0.1:14280\"");
    assertThat(spec.address()).isEqualTo("nats://" + ADDR + ":14222");
    assertThat(ctx.natsUrl()).isEqualTo("nats://" + ADDR + ":14222");

    ServiceSpec plain = NatsService.describe(context(StackNetwork.loopback()));
    assertThat(Files.readString(plain.workDir().resolve("nats-server.conf")))
        .contains("listen: \"127.0.0.1:14222\"")
        .doesNotContain(ADDR);
  }

  @Test
  void agentsAndPluginsAreToldTheAddressApisStayOnLoopback() throws Exception {
    BootyHome home = home();
    StackNetwork.parse(ADDR).save(home.stack().network());
    new StackState(
            ProcessHandle.current().pid(),
            "2025-01-01T00:00:00Z",
            StackState.UP,
            "",
            ADDR,
            List.of())
        .write(home.stack().state());
    StackController stack = new StackController(home, new ComponentStore(home), Map.of());
    Map<String, String> e = StackEndpoints.of(stack).asMap();
    assertThat(e)
        .containsEntry("nomad.rpc", ADDR + ":14647")
        .containsEntry("consul.serf-lan", ADDR + ":18301")
        .containsEntry("nats.url", "nats://" + ADDR + ":14222")
        .containsEntry("nomad.http", "http://127.0.0.1:14646")
        .containsEntry("consul.http", "http://127.0.0.1:18500")
        .containsEntry("nats.websocket", "ws://127.0.0.1:14280");

    StackNetwork.loopback().save(home.stack().network());
    assertThat(StackEndpoints.of(new StackController(home, new ComponentStore(home), Map.of())))
        .extracting(
            StackEndpoints::nomadRpc, StackEndpoints::consulSerfLan, StackEndpoints::natsUrl)
        .containsExactly("127.0.0.1:14647", "127.0.0.1:18301", "nats://127.0.0.1:14222");
  }

  @Test
  void anAddressThisMachineLacksFailsThePlanBeforeAnythingIsWritten() throws Exception {
    BootyHome home = home();
    StackController stack =
        new StackController(
            home, new ComponentStore(home), Map.of(), StackNetwork.parse("192.0.2.1"));
    assertThatThrownBy(stack::plan)
        .hasMessageStartingWith("--advertise 192.0.2.1: not an address of this machine");
    assertThat(home.stack().network()).doesNotExist();
    assertThat(home.stack().ports()).doesNotExist();
    assertThat(StackCredentials.present(home)).isFalse();
  }

  @Test
  void aRunningStackIsNotMovedToAnotherAddress() throws Exception {
    BootyHome home = home();
    StackState running =
        new StackState(1, "2025-01-01T00:00:00Z", StackState.UP, "", null, List.of());
    new StackController(home, new ComponentStore(home), Map.of(), StackNetwork.loopback())
        .requireSameNetwork(running);
    assertThatThrownBy(
            () ->
                new StackController(
                        home, new ComponentStore(home), Map.of(), StackNetwork.parse("127.0.63.1"))
                    .requireSameNetwork(running))
        .hasMessage(
            "the stack is up and advertises 127.0.0.1; it cannot change to 127.0.63.1 while"
                + " running: run 'booty down', then 'booty up --advertise 127.0.63.1'");
  }

  @Test
  void aTakenAgentPortIsFoundOnTheAddressItWillListenOn() throws Exception {
    StackNetwork network = StackNetwork.parse("127.0.63.1");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.63.1"), 0));
      int port = taken.getLocalPort();
      ServiceSpec nats =
          new ServiceSpec(
              "nats",
              "nats-server",
              "1.0.0",
              List.of("nats-server"),
              Map.of(),
              root,
              Map.of("nats.client", port),
              null,
              null,
              List.of());
      // free on loopback, taken on the address: only the address it will listen on counts
      StackController.checkPortsFree(List.of(nats), StackNetwork.loopback());
      assertThatThrownBy(() -> StackController.checkPortsFree(List.of(nats), network))
          .hasMessageStartingWith(
              "port 127.0.63.1:" + port + " (nats.client, for nats) is already in use");
    }
  }
}
