package dev.booty.core.backchannel.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.util.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The local nats-servers from a Consul agent's services, and the pid behind a listening port. */
class AgentServersTest {
  @Test
  void natsServersAreTheServicesWithNatsServerMeta() throws Exception {
    String services =
        """
        {"nats-b": {"ID":"nats-b","Service":"demo-nats","Address":"127.77.1.12","Port":4222,
                    "Meta":{"nats_server":"dal-2","dc":"dallas","monitor_port":"8222"}},
         "nats-a": {"ID":"nats-a","Service":"demo-nats","Address":"127.77.1.11","Port":4222,
                    "Meta":{"nats_server":"dal-1","dc":"dallas","monitor_port":"8322"}},
         "bare":   {"ID":"bare","Service":"demo-nats","Address":"","Port":4222,
                    "Meta":{"nats_server":"dal-3"}},
         "web":    {"ID":"web","Service":"web","Address":"127.77.1.20","Port":80,"Meta":{}}}
        """;
    assertThat(AgentServers.fromAgentServices(Json.MAPPER.readTree(services), "127.77.1.1"))
        .containsExactly(
            new AgentServers.Server("dal-1", "127.77.1.11", 8322),
            new AgentServers.Server("dal-2", "127.77.1.12", 8222),
            new AgentServers.Server("dal-3", "127.77.1.1", 8222));
    assertThat(new AgentServers.Server("dal-1", "127.77.1.11", 8322).monitorUrl())
        .isEqualTo("http://127.77.1.11:8322");
  }

  @Test
  void withoutConsulTheAgentWatchesNone() {
    assertThat(new AgentServers(null, line -> {}).refresh()).isEmpty();
  }

  @Test
  void theListeningSocketOfAnAddressFromProcNetTcp() throws Exception {
    String tcp =
        """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0B014D7F:2016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4711 1 0000000000000000 100 0 0 10 0
           1: 0C014D7F:2016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4712 1 0000000000000000 100 0 0 10 0
           2: 0B014D7F:2016 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 4713 1 0000000000000000 100 0 0 10 0
           3: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4714 1 0000000000000000 100 0 0 10 0
        """;
    // 127.77.1.11:8214 and 127.77.1.12:8214 listen; 8080 on every address
    assertThat(AgentPids.inode(tcp, InetAddress.getByName("127.77.1.12"), 8214)).isEqualTo(4712);
    assertThat(AgentPids.inode(tcp, InetAddress.getByName("127.77.1.11"), 8214)).isEqualTo(4711);
    assertThat(AgentPids.inode(tcp, InetAddress.getByName("127.77.1.13"), 8214)).isEqualTo(-1);
    assertThat(AgentPids.inode(tcp, InetAddress.getByName("127.0.0.5"), 8080)).isEqualTo(4714);
  }

  @Test
  void thePidBehindARealListeningSocket() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      assertThat(new AgentPids(Path.of("/proc")).listening("127.0.0.1", socket.getLocalPort()))
          .hasValue(ProcessHandle.current().pid());
    }
  }
}
