package dev.booty.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.ClientReport.KindReport;
import dev.booty.core.client.ClientReport.LatencyInterval;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each workload kind against a real nats-server (with JetStream where needed): clients of one data
 * centre, their messages merged across clients, no-responder requests, and ping-based detection of
 * a frozen server.
 */
class TestClientKindsTest {
  private static final Duration RUN = Duration.ofMillis(1500);

  @TempDir Path dir;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void pubsubBringsEachClientItsOwnMessagesBack() throws Exception {
    NatsServerProcess server = server(null);
    List<ClientReport> reports = runAll(clients(server, 2, "pubsub"));
    for (ClientReport r : reports) {
      KindReport k = r.kinds().get("pubsub");
      assertThat(k.scope()).isEqualTo("client");
      assertThat(k.sent()).isGreaterThan(50);
      assertThat(k.ok()).isEqualTo(k.sent());
      assertThat(k.errors()).isZero();
      assertThat(k.expected()).isEqualTo("1-" + k.sent());
      assertThat(k.received()).containsOnlyKeys(r.id());
      assertThat(k.received().get(r.id())).isEqualTo(k.expected());
      assertThat(k.duplicated()).isZero();
      assertThat(k.latencyP99Ms()).isPositive();
      // the top-level fields are the pubsub kind
      assertThat(r.sent()).isEqualTo(k.sent());
      assertThat(r.received()).isEqualTo(k.sent());
      assertThat(r.lost()).isZero();
      assertThat(r.latencyP99Ms()).isEqualTo(k.latencyP99Ms());
      assertThat(r.intervals()).isNotEmpty();
      assertThat(r.intervals().stream().mapToLong(LatencyInterval::count).sum())
          .isEqualTo(k.sent());
      assertThat(r.events()).extracting(ConnectionEvent::type).containsExactly("CONNECTED");
    }
  }

  @Test
  void requestsAreAnsweredByTheRespondersOfTheDc() throws Exception {
    NatsServerProcess server = server(null);
    List<ClientReport> reports = runAll(clients(server, 3, "request"));
    for (ClientReport r : reports) {
      KindReport k = r.kinds().get("request");
      assertThat(k.scope()).isEqualTo("reply");
      assertThat(k.sent()).isGreaterThan(50);
      assertThat(k.ok()).isEqualTo(k.sent());
      assertThat(k.errors()).isZero();
      assertThat(k.expected()).isEqualTo("1-" + k.sent());
      assertThat(k.received()).containsExactly(Map.entry(r.id(), k.expected()));
      assertThat(k.latencyP50Ms()).isPositive();
      // no pubsub run: its top-level fields are zero
      assertThat(r.sent()).isZero();
      assertThat(r.latencyP99Ms()).isZero();
    }
  }

  @Test
  void aRequestWithoutRespondersIsAnError() throws Exception {
    NatsServerProcess server = server(null);
    TestClient asker =
        client(
            builder(server, "asker", "request")
                .respond(false)
                .rate(20)
                .requestTimeout(Duration.ofMillis(500))
                .build());
    ClientReport r = runAll(List.of(asker)).get(0);
    KindReport k = r.kinds().get("request");
    assertThat(k.sent()).isGreaterThan(10);
    assertThat(k.errors()).isEqualTo(k.sent());
    assertThat(k.ok()).isZero();
    assertThat(k.expected()).isEmpty();
    assertThat(k.received()).isEmpty();
  }

  @Test
  void queueMessagesSpreadOverTheClientsOfTheDcAndNoneIsLost() throws Exception {
    NatsServerProcess server = server(null);
    List<TestClient> clients = clients(server, 3, "queue");
    List<ClientReport> reports = runAll(clients);
    reports = awaitNoLoss(clients, "queue");
    assertSpreadWithoutLoss(reports, "queue");
    assertThat(reports.get(0).sent()).isZero();
  }

  @Test
  void jetstreamMessagesAreAcknowledgedSpreadOverTheDcAndNoneIsLost() throws Exception {
    NatsServerProcess server = server(dir);
    List<TestClient> clients = clients(server, 3, "jetstream");
    runAll(clients);
    List<ClientReport> reports = awaitNoLoss(clients, "jetstream");
    for (ClientReport r : reports) {
      KindReport k = r.kinds().get("jetstream");
      assertThat(k.ok()).as("acknowledged publishes of %s", r.id()).isEqualTo(k.sent());
    }
    assertSpreadWithoutLoss(reports, "jetstream");
    // the receivers acknowledged every message: the durable has nothing pending
    try (Connection nc = Nats.connect(server.url())) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      ConsumerInfo ci = jsm.getConsumerInfo("booty_dallas", "booty-dallas");
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (ci.getNumAckPending() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        ci = jsm.getConsumerInfo("booty_dallas", "booty-dallas");
      }
      assertThat(ci.getConsumerConfiguration().getDeliverGroup()).isEqualTo("booty-dallas");
      assertThat(ci.getDelivered().getStreamSequence()).isPositive();
      assertThat(ci.getNumAckPending()).isZero();
      assertThat(ci.getNumPending()).isZero();
    }
  }

  @Test
  void inAClusterTheStreamHasItsReplicasOnServersTaggedWithTheDc() throws Exception {
    List<NatsServerProcess> cluster = NatsServerProcess.cluster(dir, 3, "dc:dallas");
    open.addAll(cluster);
    List<String> urls = cluster.stream().map(NatsServerProcess::url).toList();
    List<TestClient> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clients.add(
          client(
              ClientConfig.builder()
                  .id("c" + i)
                  .dc("dallas")
                  .servers(urls.get(i))
                  .subject("booty.t")
                  .kinds("jetstream")
                  .replicas(3)
                  .requestTimeout(Duration.ofSeconds(3))
                  .build()));
    }
    runAll(clients);
    assertSpreadWithoutLoss(awaitNoLoss(clients, "jetstream"), "jetstream");
    try (Connection nc = Nats.connect(urls.get(0))) {
      StreamConfiguration sc =
          nc.jetStreamManagement().getStreamInfo("booty_dallas").getConfiguration();
      assertThat(sc.getPlacement().getTags()).containsExactly("dc:dallas");
      assertThat(sc.getReplicas()).isEqualTo(3);
      assertThat(sc.getSubjects()).containsExactly("booty.t.js.dallas.*");
    }
    // no server is tagged dc:london
    TestClient london =
        client(
            ClientConfig.builder()
                .id("l1")
                .dc("london")
                .servers(urls.get(0))
                .subject("booty.t")
                .kinds("jetstream")
                .requestTimeout(Duration.ofMillis(300))
                .build());
    assertThatThrownBy(london::start)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "client l1: cannot set up stream booty_london and consumer booty-london in 1500 ms:");
  }

  @Test
  void everyKindAtOnce() throws Exception {
    NatsServerProcess server = server(dir);
    List<TestClient> clients = clients(server, 2, "pubsub", "request", "queue", "jetstream");
    runAll(clients);
    List<ClientReport> reports = awaitNoLoss(clients, "jetstream");
    for (ClientReport r : reports) {
      assertThat(r.kinds()).containsOnlyKeys("pubsub", "request", "queue", "jetstream");
      long receipts = 0;
      for (KindReport k : r.kinds().values()) {
        assertThat(k.sent()).as(k.kind()).isGreaterThan(50);
        assertThat(k.errors()).as(k.kind()).isZero();
        receipts +=
            k.received().values().stream().mapToLong(s -> SequenceSet.parse(s).size()).sum();
      }
      assertThat(r.lost()).isZero();
      // every round trip of every kind is in the per-second intervals
      assertThat(r.intervals().stream().mapToLong(LatencyInterval::count).sum())
          .isEqualTo(receipts);
    }
    assertSpreadWithoutLoss(awaitNoLoss(clients, "queue"), "queue");
  }

  @Test
  void asFastAsPossibleLosesNothing() throws Exception {
    NatsServerProcess server = server(null);
    TestClient c = client(builder(server, "fast", "pubsub").rate(0).build());
    ClientReport r = runAll(List.of(c)).get(0);
    assertThat(r.sent()).isGreaterThan(5_000);
    assertThat(r.received()).isEqualTo(r.sent());
    assertThat(r.lost()).isZero();
  }

  @Test
  void aFrozenServerIsNoticedByPings() throws Exception {
    NatsServerProcess server = server(null);
    Duration ping = Duration.ofMillis(500);
    int maxOut = 2;
    TestClient c =
        client(builder(server, "pinger", "pubsub").pingInterval(ping).maxPingsOut(maxOut).build());
    c.start();
    Thread.sleep(300);
    Duration bound = ping.multipliedBy(maxOut + 1).plusSeconds(1);
    Instant frozen = Instant.now();
    List<ConnectionEvent> seen;
    server.signal("STOP");
    try {
      long deadline = System.nanoTime() + bound.toNanos();
      while (disconnects(c).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      seen = disconnects(c);
    } finally {
      server.signal("CONT");
    }
    assertThat(seen).as("DISCONNECTED within %s of the freeze", bound).hasSize(1);
    assertThat(seen.get(0).server()).isEqualTo(server.url());
    assertThat(Duration.between(frozen, Instant.parse(seen.get(0).time())))
        .isLessThanOrEqualTo(bound);
  }

  private static List<ConnectionEvent> disconnects(TestClient c) {
    return c.events().stream().filter(e -> e.type().equals("DISCONNECTED")).toList();
  }

  /** Every publisher's expected sequences were received by some client; each client got some. */
  private static void assertSpreadWithoutLoss(List<ClientReport> reports, String kind) {
    long total = 0;
    for (ClientReport r : reports) {
      KindReport k = r.kinds().get(kind);
      assertThat(k.scope()).isEqualTo("dc");
      assertThat(k.sent()).as("%s of %s", kind, r.id()).isGreaterThan(50);
      assertThat(k.duplicated()).isZero();
      assertThat(missing(reports, kind, r.id()).format()).as("lost of %s", r.id()).isEmpty();
      total += SequenceSet.parse(k.expected()).size();
    }
    for (ClientReport r : reports) {
      long got =
          r.kinds().get(kind).received().values().stream()
              .mapToLong(s -> SequenceSet.parse(s).size())
              .sum();
      assertThat(got)
          .as("%s messages %s received of %d", kind, r.id(), total)
          .isBetween(1L, total - 1);
    }
  }

  /** The expected sequences of {@code publisher} that no client received. */
  private static SequenceSet missing(List<ClientReport> reports, String kind, String publisher) {
    SequenceSet expected = null;
    SequenceSet union = new SequenceSet();
    for (ClientReport r : reports) {
      KindReport k = r.kinds().get(kind);
      if (r.id().equals(publisher)) {
        expected = SequenceSet.parse(k.expected());
      }
      union.addAll(SequenceSet.parse(k.received().getOrDefault(publisher, "")));
    }
    return expected == null ? new SequenceSet() : expected.minus(union);
  }

  /**
   * Reports again until nothing of {@code kind} is missing, for at most 3 s (messages in flight).
   */
  private static List<ClientReport> awaitNoLoss(List<TestClient> clients, String kind)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (true) {
      List<ClientReport> reports = clients.stream().map(TestClient::report).toList();
      boolean complete = reports.stream().allMatch(r -> missing(reports, kind, r.id()).isEmpty());
      if (complete || System.nanoTime() > deadline) {
        return reports;
      }
      Thread.sleep(50);
    }
  }

  /** Starts every client, lets them run, stops every one, then reports (still subscribed). */
  private static List<ClientReport> runAll(List<TestClient> clients) throws Exception {
    for (TestClient c : clients) {
      c.start();
    }
    Thread.sleep(RUN.toMillis());
    for (TestClient c : clients) {
      c.stop();
    }
    return clients.stream().map(TestClient::report).toList();
  }

  private List<TestClient> clients(NatsServerProcess server, int n, String... kinds) {
    List<TestClient> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(client(builder(server, "c" + i, kinds).build()));
    }
    return out;
  }

  private static ClientConfig.Builder builder(
      NatsServerProcess server, String id, String... kinds) {
    return ClientConfig.builder()
        .id(id)
        .dc("dallas")
        .servers(server.url())
        .subject("booty.t")
        .rate(100)
        .size(64)
        .kinds(kinds)
        .replicas(1)
        .placement(false);
  }

  private TestClient client(ClientConfig config) {
    TestClient c = new TestClient(config);
    open.add(c);
    return c;
  }

  private NatsServerProcess server(Path jetstream, String... tags) throws Exception {
    NatsServerProcess s = NatsServerProcess.start(jetstream, tags);
    open.add(s);
    return s;
  }
}
