package dev.booty.core.client;

import static dev.booty.core.testing.TestBinaries.awaitPort;
import static dev.booty.core.testing.TestBinaries.natsServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The measuring client against real nats-servers: a clean run, a failover, its payload. */
class TestClientTest {
  private final List<Process> servers = new ArrayList<>();

  @AfterEach
  void stopServers() throws InterruptedException {
    for (Process p : servers) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  @Test
  void payloadCarriesSequenceAndSendTime() {
    byte[] data = new Payload(42, 1_700_000_000_123_456_789L).encode(64);
    assertThat(data).hasSize(64);
    assertThat(Payload.decode(data)).isEqualTo(new Payload(42, 1_700_000_000_123_456_789L));
    assertThat(new Payload(1, 0).encode(Payload.HEADER)).hasSize(Payload.HEADER);
  }

  @Test
  void payloadShorterThanItsHeaderIsRefusedWithItsSize() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Payload.decode(new byte[3]))
        .hasMessage("payload of 3 bytes: expected at least 16");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ClientConfig("c", "d", List.of("nats://x:1"), "s", 10, 8, null))
        .hasMessage("size 8: expected at least 16 bytes");
  }

  @Test
  void clockIsEpochNanosThatNeverGoBack() {
    Payload.Clock clock = new Payload.Clock();
    long a = clock.nanos();
    long b = clock.nanos();
    assertThat(b).isGreaterThanOrEqualTo(a);
    assertThat(a / 1_000_000L)
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.api.Assertions.within(1000L));
  }

  @Test
  void oneServerGetsEveryMessageBack() throws Exception {
    int port = startServer();
    String url = "nats://127.0.0.1:" + port;
    ClientConfig config =
        new ClientConfig(
            "c1", "dallas", List.of(url), "booty.test", 200, 128, Duration.ofMillis(1500));
    ClientReport r;
    try (TestClient client = new TestClient(config)) {
      r = client.run();
    }
    assertThat(r.sent()).isPositive();
    assertThat(r.received()).isEqualTo(r.sent());
    assertThat(r.lost()).isZero();
    assertThat(r.duplicated()).isZero();
    assertThat(r.latencyP99Ms()).isPositive();
    assertThat(r.disconnects()).isEmpty();
    assertThat(r.reconnects()).isEmpty();
    assertThat(r.firstServer()).isEqualTo(url);
    assertThat(r.lastServer()).isEqualTo(url);
  }

  @Test
  void killingTheFirstSeedMovesTheClientToTheSecond() throws Exception {
    int portA = startServer();
    Process a = servers.get(0);
    int portB = startServer();
    String urlA = "nats://127.0.0.1:" + portA;
    String urlB = "nats://127.0.0.1:" + portB;
    ClientConfig config =
        new ClientConfig("c2", "dallas", List.of(urlA, urlB), "booty.test", 200, 128, null);
    ClientReport r;
    try (TestClient client = new TestClient(config)) {
      client.start();
      Thread.sleep(800);
      a.destroyForcibly();
      a.waitFor();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (client.report().reconnects().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(700);
      client.stop();
      r = client.report();
    }
    assertThat(r.firstServer()).isEqualTo(urlA);
    assertThat(r.disconnects()).hasSize(1);
    assertThat(r.disconnects().get(0).server()).isEqualTo(urlA);
    assertThat(r.reconnects()).hasSize(1);
    assertThat(r.reconnects().get(0).server()).isEqualTo(urlB);
    assertThat(r.lastServer()).isEqualTo(urlB);
    assertThat(r.lost()).isGreaterThanOrEqualTo(0);
    assertThat(r.received() + r.lost()).isEqualTo(r.sent());
    assertThat(r.received()).isPositive();
  }

  private int startServer() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(natsServer().toString(), "-a", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    servers.add(p);
    awaitPort(port);
    return port;
  }
}
