package dev.booty.core.client;

import static dev.booty.core.testing.TestBinaries.awaitPort;
import static dev.booty.core.testing.TestBinaries.natsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.scenario.ClientGroup.Bootstrap;
import dev.booty.core.scenario.ClientGroup.Profile;
import io.nats.client.Options;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection profiles and the DNS bootstrap: options, and real clients against a nats-server. */
class ClientProfilesTest {
  private Process server;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroyForcibly();
      server.waitFor();
    }
  }

  private static ClientConfig.Builder base() {
    return ClientConfig.builder()
        .id("c1")
        .dc("dallas")
        .servers("nats://a:1", "nats://b:1")
        .pingInterval(Duration.ofMillis(700))
        .maxPingsOut(3)
        .connectTimeout(Duration.ofMillis(400));
  }

  @Test
  void carefulKeepsTheSeedOrderAndTheScenariosPings() {
    Options o = new TestClient(base().build()).options();
    assertThat(o.isNoRandomize()).isTrue();
    assertThat(o.isIgnoreDiscoveredServers()).isTrue();
    assertThat(o.getPingInterval()).isEqualTo(Duration.ofMillis(700));
    assertThat(o.getMaxPingsOut()).isEqualTo(3);
    assertThat(o.getConnectionTimeout()).isEqualTo(Duration.ofMillis(400));
    assertThat(o.getReconnectWait()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.getMaxReconnect()).isEqualTo(-1);
  }

  @Test
  void libraryDefaultTakesJnatsDefaultsWhateverTheScenarioSays() {
    Options o = new TestClient(base().profile(Profile.LIBRARY_DEFAULT).build()).options();
    assertThat(o.isNoRandomize()).isFalse();
    assertThat(o.isIgnoreDiscoveredServers()).isFalse();
    assertThat(o.getPingInterval()).isEqualTo(Options.DEFAULT_PING_INTERVAL);
    assertThat(o.getMaxPingsOut()).isEqualTo(Options.DEFAULT_MAX_PINGS_OUT);
    assertThat(o.getConnectionTimeout()).isEqualTo(Options.DEFAULT_CONNECTION_TIMEOUT);
    assertThat(o.getReconnectWait()).isEqualTo(Options.DEFAULT_RECONNECT_WAIT);
    // forever, as careful: a client that gave up would read as one stopped on purpose
    assertThat(o.getMaxReconnect()).isEqualTo(-1);
    assertThat(o.getConnectionName()).isEqualTo("c1");
  }

  @Test
  void dnsBootstrapTakesOneUrlOfAName() {
    assertThatThrownBy(() -> base().bootstrap(Bootstrap.DNS).build())
        .hasMessageContaining("bootstrap dns expects one URL, nats://NAME:PORT");
    ClientConfig c =
        base().servers("nats://nats.x.booty.test:4222").bootstrap(Bootstrap.DNS).build();
    assertThat(c.dnsName()).isEqualTo("nats.x.booty.test");
    assertThat(base().build().dnsName()).isNull();
    assertThat(base().build().group()).isEqualTo("dallas");
    assertThatThrownBy(() -> base().group("a.b").build())
        .hasMessageContaining("group 'a.b': it goes into subjects as one token");
  }

  @Test
  void libraryDefaultDnsClientRunsTheSameWorkloadAndTimesItsResolution() throws Exception {
    int port = startServer();
    ClientConfig c =
        ClientConfig.builder()
            .id("dallas-dns-library-default-0-0")
            .dc("dallas")
            .group("dallas-dns-library-default")
            .servers("nats://localhost:" + port)
            .bootstrap(Bootstrap.DNS)
            .profile(Profile.LIBRARY_DEFAULT)
            .subject("booty.profiles")
            .rate(200)
            .duration(Duration.ofMillis(1500))
            .build();
    ClientReport r;
    TestClient kept;
    try (TestClient client = new TestClient(c)) {
      r = client.run();
      kept = client;
    }
    // reported after close, as the clients command does: the answers stay
    assertThat(kept.report().dns().answers()).isEqualTo(r.dns().answers());
    // the server is named by the address it listens on, not by the DNS name
    assertThat(r.firstServer()).startsWith("nats://127.0.0.1:");
    assertThat(r.sent()).isPositive();
    assertThat(r.received()).isEqualTo(r.sent());
    assertThat(r.group()).isEqualTo("dallas-dns-library-default");
    assertThat(r.bootstrap()).isEqualTo("dns");
    assertThat(r.profile()).isEqualTo("library-default");
    assertThat(r.dns().name()).isEqualTo("localhost");
    assertThat(r.dns().resolveMs()).isNotEmpty().allMatch(ms -> ms >= 0);
    assertThat(r.dns().resolveErrors()).isZero();
    assertThat(r.dns().answers()).isNotEmpty();
    assertThat(r.dns().answers().getFirst().addresses()).contains("127.0.0.1");
  }

  @Test
  void aSeedsClientReportsNoDns() throws Exception {
    int port = startServer();
    ClientConfig c =
        new ClientConfig(
            "c2",
            "dallas",
            List.of("nats://127.0.0.1:" + port),
            "booty.seeds",
            100,
            128,
            Duration.ofMillis(300));
    try (TestClient client = new TestClient(c)) {
      ClientReport r = client.run();
      assertThat(r.dns()).isNull();
      assertThat(r.group()).isEqualTo("dallas");
      assertThat(r.profile()).isEqualTo("careful");
    }
  }

  @Test
  void theWatchKeepsEachChangeOfTheAnswerAndStopsWithItsLastClient() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    List<List<String>> answers =
        List.of(
            List.of("10.0.0.2", "10.0.0.1"), List.of("10.0.0.1", "10.0.0.2"), List.of("10.0.0.1"));
    DnsWatch w =
        new DnsWatch(
            "nats.x.booty.test",
            name -> {
              int n = asked.getAndIncrement();
              if (n == 3) {
                throw new IOException("resolver timed out");
              }
              return answers.get(Math.min(n, answers.size() - 1));
            },
            Duration.ofMillis(10));
    Instant before = Instant.now().minusSeconds(1);
    w.start();
    w.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (asked.get() < 6 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<ClientReport.DnsAnswer> seen = w.since(before);
    // the same set in another order, and a failed lookup, are no change
    assertThat(seen)
        .extracting(ClientReport.DnsAnswer::addresses)
        .containsExactly(List.of("10.0.0.1", "10.0.0.2"), List.of("10.0.0.1"));
    assertThat(w.since(Instant.now()))
        .extracting(ClientReport.DnsAnswer::addresses)
        .containsExactly(List.of("10.0.0.1"));
    w.release();
    int now = asked.get();
    Thread.sleep(100);
    assertThat(asked.get()).as("one client still watches").isGreaterThan(now);
    w.release();
    Thread.sleep(50);
    now = asked.get();
    Thread.sleep(100);
    assertThat(asked.get()).as("stopped with its last client").isEqualTo(now);
  }

  private int startServer() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server =
        new ProcessBuilder(natsServer().toString(), "-a", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitPort(port);
    return port;
  }
}
