package dev.booty.core.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackNetworkTest {
  @TempDir Path dir;

  /** A machine with loopback, one LAN address and a link-local IPv6 one. */
  private static Map<String, List<InetAddress>> machine() throws Exception {
    Map<String, List<InetAddress>> m = new LinkedHashMap<>();
    m.put("lo", List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")));
    m.put("eth0", List.of(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("fe80::1")));
    return m;
  }

  @Test
  void anAddressOfTheMachineOrAnyLoopbackAddressIsAccepted() throws Exception {
    StackNetwork.parse("10.0.0.5").requireLocal(machine());
    StackNetwork.parse("127.0.63.1").requireLocal(machine());
    StackNetwork.parse(" 127.0.0.1 ").requireLocal(machine());
    assertThat(StackNetwork.parse(" 127.0.0.1 ").exposed()).isFalse();
    assertThat(StackNetwork.parse("127.0.63.1").exposed()).isTrue();
  }

  @Test
  void anAddressTheMachineLacksIsRefusedNamingItAndTheMachinesAddresses() throws Exception {
    StackNetwork other = StackNetwork.parse("192.0.2.1");
    assertThatThrownBy(() -> other.requireLocal(machine()))
        .isInstanceOf(BootyException.class)
        .hasMessage(
            "--advertise 192.0.2.1: not an address of this machine, so nothing could listen"
                + " there; this machine's addresses: 127.0.0.1 (lo), 10.0.0.5 (eth0) (and"
                + " 127.0.0.0/8 on loopback)")
        .extracting(e -> ((BootyException) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void namesIpv6WildcardsAndMalformedAddressesAreRefused() {
    for (String bad : List.of("myhost.lan", "::1", "1.2.3.256", "1.2.3", "", "01.2.3.4x")) {
      assertThatThrownBy(() -> StackNetwork.parse(bad))
          .as(bad)
          .hasMessageStartingWith("--advertise " + bad + ": expected an IPv4 address");
    }
    for (String bad : List.of("0.0.0.0", "224.0.0.1", "255.255.255.255")) {
      assertThatThrownBy(() -> StackNetwork.parse(bad))
          .as(bad)
          .hasMessageContaining("a wildcard, broadcast or multicast address cannot be advertised");
    }
  }

  @Test
  void onlyTheAgentPortsMoveToTheAdvertisedAddress() {
    StackNetwork n = StackNetwork.parse("10.0.0.5");
    StackPorts ports = StackPorts.load(dir.resolve("none.json"), Map.of());
    assertThat(n.hostPort(ports, "nomad.rpc")).isEqualTo("10.0.0.5:14647");
    assertThat(n.hostPort(ports, "nomad.serf")).isEqualTo("10.0.0.5:14648");
    assertThat(n.hostPort(ports, "consul.server")).isEqualTo("10.0.0.5:18300");
    assertThat(n.hostPort(ports, "consul.serf-lan")).isEqualTo("10.0.0.5:18301");
    assertThat(n.hostPort(ports, "nats.client")).isEqualTo("10.0.0.5:14222");
    for (String name : StackPorts.names()) {
      if (!StackNetwork.EXPOSED.contains(name)) {
        assertThat(n.host(name)).as(name).isEqualTo("127.0.0.1");
      }
    }
    assertThat(StackNetwork.loopback().hostPort(ports, "nomad.rpc")).isEqualTo("127.0.0.1:14647");
    assertThat(n.certificateNames()).containsExactly("localhost", "127.0.0.1", "10.0.0.5");
    assertThat(StackNetwork.loopback().certificateNames())
        .containsExactly("localhost", "127.0.0.1");
  }

  @Test
  void itIsRememberedAndAMissingFileMeansLoopback() throws Exception {
    Path file = dir.resolve("stack/network.json");
    assertThat(StackNetwork.load(file)).isEqualTo(StackNetwork.loopback());
    StackNetwork.parse("10.0.0.5").save(file);
    assertThat(StackNetwork.load(file).advertise()).isEqualTo("10.0.0.5");
    Files.writeString(file, "{\"advertise\": \"far.away\"}");
    assertThatThrownBy(() -> StackNetwork.load(file))
        .hasMessageStartingWith(file + ": advertise: --advertise far.away: expected an IPv4");
  }
}
