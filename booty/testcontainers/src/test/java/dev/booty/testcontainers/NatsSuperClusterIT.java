package dev.booty.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.DockerClientFactory;

/**
 * London with two servers and Dallas with one on this machine's Podman: requests across the WAN,
 * its latency, a silent and a hard outage of Dallas and their heal, a cut link, and nothing left
 * after stop.
 */
@ExtendWith(PodmanFixture.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatsSuperClusterIT {
  private static NatsSuperCluster nats;
  private static Connection london;
  private static Connection dallas;

  @BeforeAll
  static void start() throws Exception {
    nats =
        NatsSuperCluster.builder()
            .dataCenter("london", 2)
            .dataCenter("dallas", 1)
            .jetstream(false)
            .natsImage(BootyImages.nats())
            .toxiproxyImage(BootyImages.toxiproxy())
            .build();
    nats.start();
    london = connect(nats.clientUrl("london"));
    dallas = connect(nats.clientUrl("dallas"));
    answer(dallas, "svc.dallas", "from dallas");
    answer(london, "svc.london", "from london");
  }

  @AfterAll
  static void stop() {
    try {
      if (london != null) {
        london.close();
      }
      if (dallas != null) {
        dallas.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (nats != null) {
        String session = nats.sessionId();
        nats.stop();
        assertThat(labelled(session)).as("containers left by session " + session).isZero();
      }
    }
  }

  @Test
  @Order(1)
  void clientUrlsAreOnePerServerOnTheHost() {
    assertThat(nats.clientUrls("london"))
        .hasSize(2)
        .allSatisfy(u -> assertThat(u).startsWith("nats://localhost:"))
        .doesNotHaveDuplicates();
    assertThat(nats.clientUrl("london")).isEqualTo(String.join(",", nats.clientUrls("london")));
    assertThat(nats.clientUrls("dallas"))
        .singleElement()
        .satisfies(u -> assertThat(nats.clientUrls("london")).doesNotContain(u));
    assertThatThrownBy(() -> nats.clientUrls("tokyo"))
        .hasMessage("no data centre 'tokyo' in this super-cluster [london, dallas]");
  }

  @Test
  @Order(2)
  void aLondonRequestIsAnsweredInDallasAndTakesTheWanLatency() throws Exception {
    assertThat(awaitAnswer("svc.dallas", Duration.ofSeconds(30))).isEqualTo("from dallas");
    nats.latency("london", "dallas", Duration.ofMillis(300));
    long took = timedRequest("svc.dallas");
    assertThat(took).as("round trip ms with 300 ms rtt").isGreaterThanOrEqualTo(300);
    nats.heal();
    assertThat(timedRequest("svc.dallas")).as("round trip ms after heal").isLessThan(300);
  }

  @Test
  @Order(3)
  void aSilentDallasTimesOutWhileLondonAnswersThenHealRestoresIt() throws Exception {
    nats.outage("dallas", Outage.SILENT);
    try {
      assertThat(london.request("svc.dallas", new byte[0], Duration.ofSeconds(2))).isNull();
      assertThat(text(london.request("svc.london", new byte[0], Duration.ofSeconds(2))))
          .isEqualTo("from london");
    } finally {
      nats.heal();
    }
    assertThat(awaitAnswer("svc.dallas", Duration.ofSeconds(30))).isEqualTo("from dallas");
  }

  @Test
  @Order(4)
  void aHardOutageRefusesDallasAndHealKeepsItsUrl() throws Exception {
    String url = nats.clientUrl("dallas");
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    nats.outage("dallas", Outage.HARD);
    try {
      assertThat(refuses(port)).as("dallas' port %d refuses while killed", port).isTrue();
    } finally {
      nats.heal();
    }
    assertThat(nats.clientUrl("dallas")).isEqualTo(url);
    // the dallas client reconnects to the same URL by itself and answers again
    assertThat(awaitAnswer("svc.dallas", Duration.ofSeconds(30))).isEqualTo("from dallas");
  }

  @ParameterizedTest
  @EnumSource(Outage.class)
  @Order(5)
  void aCutLinkSeparatesTheDataCentresUntilHeal(Outage kind) throws Exception {
    nats.cut("london", "dallas", kind);
    try {
      assertThat(london.request("svc.dallas", new byte[0], Duration.ofSeconds(2)))
          .as("an answer across a %s cut", kind)
          .isNull();
      assertThat(text(london.request("svc.london", new byte[0], Duration.ofSeconds(2))))
          .isEqualTo("from london");
    } finally {
      nats.heal();
    }
    assertThat(awaitAnswer("svc.dallas", Duration.ofSeconds(30))).isEqualTo("from dallas");
  }

  @Test
  @Order(6)
  void aClusterRemovesItsContainersWhenTheTestThrowsAndWhatADeadJvmLeft() throws Exception {
    NatsSuperCluster other =
        NatsSuperCluster.builder()
            .dataCenter("paris", 1)
            .natsImage(BootyImages.nats())
            .toxiproxyImage(BootyImages.toxiproxy())
            .build();
    // what a JVM killed before its stop left behind: the next start removes it
    String orphan = "orphan-" + other.sessionId();
    DockerClientFactory.instance()
        .client()
        .createContainerCmd(BootyImages.nats())
        .withLabels(Map.of(Sessions.SESSION, orphan, Sessions.PID, Long.toString(deadPid())))
        .exec();
    assertThat(labelled(orphan)).isEqualTo(1);
    assertThatThrownBy(
            () -> {
              try (other) {
                other.start();
                assertThat(labelled(other.sessionId())).isEqualTo(2); // wan-paris and paris-1
                other.outage("paris", Outage.SILENT); // ends while paris is frozen
                throw new IllegalStateException("the test failed");
              }
            })
        .hasMessage("the test failed");
    assertThat(labelled(other.sessionId())).isZero();
    assertThat(labelled(orphan)).as("the dead JVM's container").isZero();
  }

  @Test
  @Order(7)
  void aMissingImageFailsWithTheCommandThatBuildsIt() {
    NatsSuperCluster missing =
        NatsSuperCluster.builder()
            .dataCenter("paris", 1)
            .natsImage("localhost/booty/nats-server:0.0.1")
            .toxiproxyImage(BootyImages.toxiproxy())
            .build();
    assertThatThrownBy(missing::start)
        .hasMessage(
            "image localhost/booty/nats-server:0.0.1 is missing: run 'booty image build"
                + " nats-server@0.0.1' (no registry is used)");
    assertThat(labelled(missing.sessionId())).isZero();
  }

  static Connection connect(String url) throws IOException, InterruptedException {
    return Nats.connect(
        new Options.Builder()
            .server(url)
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionTimeout(Duration.ofSeconds(5))
            .build());
  }

  private static void answer(Connection c, String subject, String text) {
    Dispatcher d = c.createDispatcher();
    d.subscribe(subject, m -> c.publish(m.getReplyTo(), text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Asks from London until an answer comes (gateways need a moment to learn interest). */
  private static String awaitAnswer(String subject, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Message m = london.request(subject, new byte[0], Duration.ofSeconds(1));
      if (m != null && !m.isStatusMessage()) {
        return text(m);
      }
      Thread.sleep(200);
    }
    return "no answer to " + subject + " within " + within;
  }

  private static long timedRequest(String subject) throws InterruptedException {
    long t0 = System.nanoTime();
    Message m = london.request(subject, new byte[0], Duration.ofSeconds(5));
    long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
    assertThat(m).as("answer to " + subject).isNotNull();
    return ms;
  }

  private static String text(Message m) {
    return m == null ? null : new String(m.getData(), StandardCharsets.UTF_8);
  }

  private static boolean refuses(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("localhost", port), 2000);
      s.setSoTimeout(2000);
      // a port forwarder may accept and close at once: no INFO line either way
      return s.getInputStream().readNBytes(4).length < 4;
    } catch (IOException e) {
      return true;
    }
  }

  /** The PID of a process that has ended. */
  private static long deadPid() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  /** Containers of a session as the Docker API lists them, running or not. */
  static int labelled(String session) {
    return DockerClientFactory.instance()
        .client()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Sessions.SESSION, session))
        .exec()
        .size();
  }
}
