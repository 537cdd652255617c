package dev.booty.core.client.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.ClientReport.KindReport;
import dev.booty.core.client.ClientReport.LatencyInterval;
import dev.booty.core.client.NatsServerProcess;
import dev.booty.core.client.SequenceSet;
import dev.booty.core.scenario.ClientGroup.Bootstrap;
import dev.booty.core.scenario.ClientGroup.Profile;
import dev.booty.core.stack.NatsTrust;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real headless Chromium holding the real page against a real nats-server (JetStream and a
 * WebSocket listener): every workload kind runs, reports arrive on the report subject, and the
 * final reports add up. Nothing of Chromium is left afterwards.
 */
class BrowserHostTest {
  private static final int RATE = 20;

  @TempDir Path dir;

  private BrowserFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new BrowserFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  static List<ClientConfig> clients(
      String group, String dc, int n, String server, String... kinds) {
    List<ClientConfig> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          ClientConfig.builder()
              .id(group + "-0-" + i)
              .dc(dc)
              .servers(server)
              .rate(RATE)
              .kinds(kinds)
              .replicas(1)
              .placement(false)
              .build());
    }
    return out;
  }

  @Test
  void aPageOfThreeConnectionsRunsEveryKindAndItsFinalReportsAddUp() throws Exception {
    NatsServerProcess nats = fx.closing(NatsServerProcess.withWebsocket(dir));
    List<ClientConfig> configs =
        clients("lon", "lon", 3, nats.wsUrl(), "pubsub", "request", "queue", "jetstream");
    List<String> ids = configs.stream().map(ClientConfig::id).toList();
    long t0 = System.nanoTime();
    fx.start(fx.settings("r1", configs));
    fx.awaitProgress(Duration.ofSeconds(60), ids);
    long firstReport = System.nanoTime();
    JsonNode progress =
        fx.await(Duration.ofSeconds(1), "a progress report", m -> !m.path("final").asBoolean());
    assertThat(progress.path("v").asInt()).isEqualTo(1);
    assertThat(progress.path("run").asText()).isEqualTo("r1");
    // progress reports are light: no intervals, no sequence sets
    assertThat(progress.path("report").path("intervals")).isEmpty();
    assertThat(progress.path("report").path("kinds").path("pubsub").path("expected").asText())
        .isEmpty();
    assertThat(progress.path("report").path("kind").asText()).isEqualTo("browser");

    Thread.sleep(3000);
    Instant finishAt = Instant.now();
    JsonNode reply = fx.finish("r1");
    assertThat(reply.path("run").asText()).isEqualTo("r1");
    assertThat(reply.path("clients").asInt()).isEqualTo(3);
    Map<String, ClientReport> finals = fx.finals(Duration.ofSeconds(10), ids);
    assertThat(fx.ended(Duration.ofSeconds(30))).isNull();
    System.err.printf(
        "browser host: first reports of 3 connections %d ms after start%n",
        (firstReport - t0) / 1_000_000);

    for (ClientReport r : finals.values()) {
      assertThat(r.kind()).isEqualTo(ClientReport.BROWSER);
      assertThat(r.dc()).isEqualTo("lon");
      assertThat(r.group()).isEqualTo("lon");
      assertThat(r.bootstrap()).isEqualTo("seeds");
      assertThat(r.profile()).isEqualTo("careful");
      assertThat(r.dns()).isNull();
      assertThat(r.kinds()).containsOnlyKeys("pubsub", "request", "queue", "jetstream");
      // pubsub: everything sent came back
      KindReport p = r.kinds().get("pubsub");
      assertThat(r.sent()).isEqualTo(p.sent()).isGreaterThan(2L * RATE);
      assertThat(r.received()).isEqualTo(r.sent());
      assertThat(r.lost()).isZero();
      assertThat(r.duplicated()).isZero();
      assertThat(r.publishErrors()).isZero();
      assertThat(p.expected()).isEqualTo("1-" + p.sent());
      assertThat(p.received()).containsExactly(Map.entry(r.id(), "1-" + p.sent()));
      assertThat(r.latencyP50Ms()).isPositive().isLessThan(1000);
      assertThat(r.latencyMaxMs()).isGreaterThanOrEqualTo(r.latencyP99Ms());
      // the page's timers kept the rate: at least 70 % of RATE per second since it connected
      Instant connected = Instant.parse(r.events().getFirst().time());
      double seconds = Duration.between(connected, finishAt).toMillis() / 1000.0;
      assertThat((double) p.sent()).isGreaterThan(0.7 * RATE * seconds);
      // request: every request answered by a responder of the data centre
      KindReport q = r.kinds().get("request");
      assertThat(q.scope()).isEqualTo("reply");
      assertThat(q.sent()).isGreaterThan(2L * RATE);
      assertThat(q.ok()).isEqualTo(q.sent());
      assertThat(q.errors()).isZero();
      // jetstream: every publish acknowledged
      KindReport j = r.kinds().get("jetstream");
      assertThat(j.scope()).isEqualTo("dc");
      assertThat(j.ok()).isEqualTo(j.sent()).isGreaterThan(2L * RATE);
      assertThat(j.errors()).isZero();
      assertThat(r.events())
          .extracting(ConnectionEvent::type)
          .containsExactly("CONNECTED", "CLOSED");
      assertThat(r.firstServer()).isEqualTo(nats.wsUrl());
      assertThat(r.lastServer()).isEqualTo(nats.wsUrl());
      // per-second latency: Java's HdrHistogram decodes the page's histograms, and their counts
      // are every receipt of every kind
      long receipts =
          r.kinds().values().stream()
              .flatMap(k -> k.received().values().stream())
              .mapToLong(s -> SequenceSet.parse(s).size())
              .sum();
      assertThat(r.intervals()).hasSizeGreaterThan(2);
      long counted = 0;
      for (LatencyInterval i : r.intervals()) {
        Histogram h =
            Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(i.histogram())), 0);
        assertThat(h.getTotalCount()).as("interval %d", i.second()).isEqualTo(i.count());
        assertThat(h.getNumberOfSignificantValueDigits()).isEqualTo(2);
        if (i.count() > 0) {
          assertThat(h.getMaxValue()).isLessThan(1_000_000); // microseconds: under a second
        }
        counted += i.count();
      }
      assertThat(counted).isEqualTo(receipts);
    }
    // queue and jetstream: everything expected arrived at one client of the data centre
    assertThat(lost(finals.values(), "queue")).isEmpty();
    assertThat(lost(finals.values(), "jetstream")).isEmpty();
    fx.assertNothingLeft();
  }

  @Test
  void aDnsClientReportsTheHostsAnswersAndTheServerItReached() throws Exception {
    NatsServerProcess nats = fx.closing(NatsServerProcess.withWebsocket(null));
    String byName = nats.wsUrl().replace("127.0.0.1", "localhost");
    ClientConfig dns =
        ClientConfig.builder()
            .id("ams-0-0")
            .dc("ams")
            .servers(byName)
            .rate(RATE)
            .bootstrap(Bootstrap.DNS)
            .profile(Profile.LIBRARY_DEFAULT)
            .build();
    fx.start(fx.settings("d1", List.of(dns)));
    fx.awaitProgress(Duration.ofSeconds(60), List.of("ams-0-0"));
    Thread.sleep(1500);
    fx.finish("d1");
    ClientReport r = fx.finals(Duration.ofSeconds(10), List.of("ams-0-0")).get("ams-0-0");
    assertThat(fx.ended(Duration.ofSeconds(30))).isNull();
    assertThat(r.bootstrap()).isEqualTo("dns");
    assertThat(r.profile()).isEqualTo("library-default");
    assertThat(r.dns().name()).isEqualTo("localhost");
    assertThat(r.dns().resolveMs()).isEmpty();
    assertThat(r.dns().answers()).isNotEmpty();
    assertThat(r.dns().answers().getFirst().addresses()).contains("127.0.0.1");
    // the URL names the DNS name; the server's own address stands in for it, with the URL's port
    assertThat(r.firstServer()).isEqualTo(nats.wsUrl());
    assertThat(r.received()).isEqualTo(r.sent()).isPositive();
    fx.assertNothingLeft();
  }

  @Test
  void thePageReportsWithItsCredsToAControlPlaneInOperatorMode() throws Exception {
    fx.close();
    fx = new BrowserFixture(NatsTrust.ensure(dir), dir);
    NatsServerProcess nats = fx.closing(NatsServerProcess.withWebsocket(null));
    List<ClientConfig> configs = clients("fra", "fra", 1, nats.wsUrl(), "pubsub");
    fx.start(fx.settings("c1", configs));
    fx.awaitProgress(Duration.ofSeconds(60), List.of("fra-0-0"));
    assertThat(fx.finish("c1").path("clients").asInt()).isEqualTo(1);
    ClientReport r = fx.finals(Duration.ofSeconds(10), List.of("fra-0-0")).get("fra-0-0");
    assertThat(fx.ended(Duration.ofSeconds(30))).isNull();
    assertThat(r.received()).isEqualTo(r.sent()).isPositive();
    fx.assertNothingLeft();
  }

  /** By publisher, what was expected of kind {@code kind} and received by no client. */
  static Map<String, String> lost(Collection<ClientReport> reports, String kind) {
    Map<String, SequenceSet> received = new TreeMap<>();
    for (ClientReport r : reports) {
      r.kinds()
          .get(kind)
          .received()
          .forEach(
              (p, s) ->
                  received.computeIfAbsent(p, x -> new SequenceSet()).addAll(SequenceSet.parse(s)));
    }
    Map<String, String> lost = new TreeMap<>();
    for (ClientReport r : reports) {
      SequenceSet expected = SequenceSet.parse(r.kinds().get(kind).expected());
      assertThat(expected.size()).as("%s expected of %s", kind, r.id()).isPositive();
      SequenceSet missing = expected.minus(received.getOrDefault(r.id(), new SequenceSet()));
      if (!missing.isEmpty()) {
        lost.put(r.id(), missing.format());
      }
    }
    return lost;
  }
}
