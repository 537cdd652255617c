package dev.booty.core.consul;

import static dev.booty.core.testing.TestBinaries.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.testing.TestBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * consul-client on booty's class path (one okhttp, Retrofit on it) against a real Consul: a dev
 * agent on free loopback ports.
 */
class StackConsulIT {
  @TempDir Path dir;
  Process consul;

  @AfterEach
  void stop() throws InterruptedException {
    if (consul != null) {
      consul.destroy();
      consul.waitFor();
    }
  }

  @Test
  void theLeaderAndAServiceWithItsChecksComeBack() throws Exception {
    int http = freePort();
    int server = freePort();
    Path log = dir.resolve("consul.log");
    consul =
        new ProcessBuilder(
                TestBinaries.binary("consul").toString(),
                "agent",
                "-dev",
                "-bind=127.0.0.1",
                "-client=127.0.0.1",
                "-http-port=" + http,
                "-dns-port=-1",
                "-grpc-port=-1",
                "-grpc-tls-port=-1",
                "-serf-lan-port=" + freePort(),
                "-serf-wan-port=" + freePort(),
                "-server-port=" + server,
                "-hcl=disable_update_check = true",
                "-data-dir=" + dir.resolve("data"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    TestBinaries.awaitPort(http);

    try (StackConsul client = new StackConsul("http://127.0.0.1:" + http)) {
      String leader = "";
      for (int i = 0; i < 100 && leader.isEmpty(); i++) {
        leader = client.leader();
        Thread.sleep(100);
      }
      assertThat(leader).as(Files.readString(log)).startsWith("127.0.0.1:");

      List<StackConsul.Instance> instances = client.service("consul");
      assertThat(instances).hasSize(1);
      // Consul's own service: at the server port, at the node's address (its own is empty)
      assertThat(instances.getFirst().port()).isEqualTo(server);
      assertThat(instances.getFirst().checks()).contains("Serf Health Status: passing");
      assertThat(instances.getFirst().passing()).isTrue();
      assertThat(client.service("nothing-by-this-name")).isEmpty();
    }
  }
}
