package dev.booty.core.client.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.KindReport;
import dev.booty.core.client.NatsServerProcess;
import dev.booty.core.client.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM client (over TCP) and a page's browser clients (over WebSocket) of one data centre share
 * the queue group, the responders and the JetStream durable: each side receives what the other
 * sent, decodes its payloads (sequence and send time), and nothing acknowledged is lost.
 */
class BrowserJvmInteropTest {
  @TempDir Path dir;

  private BrowserFixture fx;
  private final List<TestClient> jvm = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    fx = new BrowserFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (TestClient c : jvm) {
      c.close();
    }
    fx.close();
  }

  /**
   * @param browserFirst whether the page makes the stream and the durable (the JVM client then
   *     binds to them), or the JVM client does (the page then uses them)
   */
  @ParameterizedTest(name = "browser first: {0}")
  @ValueSource(booleans = {true, false})
  void jvmAndBrowserClientsOfOneDcShareQueueGroupAndDurable(boolean browserFirst) throws Exception {
    NatsServerProcess nats = fx.closing(NatsServerProcess.withWebsocket(dir));
    String[] kinds = {"request", "queue", "jetstream"};
    List<ClientConfig> pages =
        BrowserHostTest.clients("dal-browser", "dal", 2, nats.wsUrl(), kinds);
    List<String> ids = pages.stream().map(ClientConfig::id).toList();
    TestClient java =
        new TestClient(
            ClientConfig.builder()
                .id("dal-0-0")
                .dc("dal")
                .servers(nats.url())
                .rate(20)
                .kinds(kinds)
                .replicas(1)
                .placement(false)
                .build());
    jvm.add(java);
    if (browserFirst) {
      fx.start(fx.settings("i1", pages));
      fx.awaitProgress(Duration.ofSeconds(60), ids);
      java.start();
    } else {
      java.start();
      fx.start(fx.settings("i1", pages));
      fx.awaitProgress(Duration.ofSeconds(60), ids);
    }
    Thread.sleep(3000);
    // as a run ends: everyone stops sending, then everyone reports
    fx.quiet("i1");
    java.stop();
    fx.finish("i1");
    java.close();
    ClientReport fromJvm = java.report();
    Map<String, ClientReport> fromPage = fx.finals(Duration.ofSeconds(10), ids);
    assertThat(fx.ended(Duration.ofSeconds(30))).isNull();

    for (String kind : List.of("queue", "jetstream")) {
      // the JVM client received messages of the browser clients, and they of it
      assertThat(fromJvm.kinds().get(kind).received()).containsKeys(ids.toArray(String[]::new));
      assertThat(
              fromPage.values().stream()
                  .flatMap(r -> r.kinds().get(kind).received().keySet().stream())
                  .distinct())
          .contains("dal-0-0");
      List<ClientReport> all = new ArrayList<>(fromPage.values());
      all.add(fromJvm);
      assertThat(BrowserHostTest.lost(all, kind)).as("%s lost", kind).isEmpty();
      // the send times decode on both sides: latencies across the two are those of one machine
      for (ClientReport r : all) {
        KindReport k = r.kinds().get(kind);
        assertThat(k.latencyMaxMs())
            .as("%s latency max of %s", kind, r.id())
            .isBetween(0.0, 5000.0);
        assertThat(k.duplicated()).isZero();
      }
    }
    // the responders answer every request, whichever side asks
    for (ClientReport r : fromPage.values()) {
      assertThat(r.kinds().get("request").errors()).isZero();
      assertThat(r.kinds().get("request").ok()).isPositive();
    }
    assertThat(fromJvm.kinds().get("request").errors()).isZero();
    fx.assertNothingLeft();
  }
}
