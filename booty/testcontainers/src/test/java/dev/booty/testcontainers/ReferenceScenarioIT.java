package dev.booty.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The README's lines on the README's scenario: booty's reference {@code scenarios/local-3dc.yaml},
 * three data centres of three servers each (twelve containers with the WAN). A London client's
 * request to a subscriber on Dallas' third server takes the scenario's round trip; a silent Dallas
 * answers nothing until heal.
 */
@ExtendWith(PodmanFixture.class)
@Testcontainers
class ReferenceScenarioIT {
  @Container
  static NatsSuperCluster nats =
      NatsSuperCluster.fromScenario(Path.of("../../scenarios/local-3dc.yaml"));

  @Test
  void londonReachesDallasAcrossTheScenariosWanAndAfterASilentOutage() throws Exception {
    assertThat(nats.clientUrls("london")).hasSize(3);
    try (Connection london = NatsSuperClusterIT.connect(nats.clientUrl("london"));
        Connection dallas = NatsSuperClusterIT.connect(nats.clientUrls("dallas").get(2))) {
      dallas.createDispatcher().subscribe("svc", m -> dallas.publish(m.getReplyTo(), new byte[1]));
      dallas.flush(Duration.ofSeconds(2));
      assertThat(awaitAnswer(london)).as("an answer from Dallas within 30 s").isTrue();
      long fastest = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        assertThat(london.request("svc", new byte[0], Duration.ofSeconds(2))).isNotNull();
        fastest = Math.min(fastest, Duration.ofNanos(System.nanoTime() - t0).toMillis());
      }
      assertThat(fastest).as("fastest London-Dallas round trip, ms").isGreaterThanOrEqualTo(105);

      nats.outage("dallas", Outage.SILENT);
      try {
        assertThat(london.request("svc", new byte[0], Duration.ofSeconds(2))).isNull();
      } finally {
        nats.heal();
      }
      assertThat(awaitAnswer(london)).as("an answer from Dallas after heal").isTrue();
    }
  }

  private static boolean awaitAnswer(Connection london) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Message m = london.request("svc", new byte[0], Duration.ofSeconds(1));
      if (m != null && !m.isStatusMessage()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }
}
