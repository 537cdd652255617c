package dev.booty.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.Placement;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The example of the README, as an application developer writes it: an order service's JetStream
 * consumer in London keeps receiving orders while Dallas is down. (PodmanFixture makes this
 * machine's container engine and the images; an application with Docker at hand needs neither.)
 */
@ExtendWith(PodmanFixture.class)
@Testcontainers
class OrdersKeepFlowingIT {
  @Container
  static NatsSuperCluster nats =
      NatsSuperCluster.fromScenario(Path.of("src/test/resources/orders-3dc.yaml"));

  @Test
  void londonKeepsConsumingOrdersWhileDallasIsDown() throws Exception {
    try (Connection london = Nats.connect(nats.clientUrl("london"));
        Connection dallas = Nats.connect(nats.clientUrl("dallas"))) {
      createOrdersStreamInLondon(london);
      ConsumerContext billing =
          london
              .getStreamContext("ORDERS")
              .createOrUpdateConsumer(ConsumerConfiguration.builder().durable("billing").build());
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      try (MessageConsumer consumer =
          billing.consume(
              m -> {
                received.add(new String(m.getData(), StandardCharsets.UTF_8));
                m.ack();
              })) {
        // an order placed in Dallas crosses the WAN to London's stream
        publishOnceHeard(dallas.jetStream(), "order-dallas");
        assertThat(take(received, 1)).containsExactly("order-dallas");

        nats.outage("dallas", Outage.SILENT);
        JetStream js = london.jetStream();
        for (int i = 1; i <= 10; i++) {
          js.publish("orders.new", ("order-" + i).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(take(received, 10))
            .as("orders consumed in London while Dallas is silent")
            .containsExactly(
                "order-1",
                "order-2",
                "order-3",
                "order-4",
                "order-5",
                "order-6",
                "order-7",
                "order-8",
                "order-9",
                "order-10");
        nats.heal();
        assertThat(consumer.isStopped()).isFalse();
      }
    }
  }

  /** R1 in London; JetStream answers once the super-cluster's meta group has a leader. */
  private static void createOrdersStreamInLondon(Connection london) throws Exception {
    StreamConfiguration orders =
        StreamConfiguration.builder()
            .name("ORDERS")
            .subjects("orders.>")
            .replicas(1)
            .placement(Placement.builder().tags("dc:london").build())
            .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        london.jetStreamManagement().addStream(orders);
        return;
      } catch (IOException | JetStreamApiException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("JetStream did not create ORDERS within 60 s: " + e, e);
        }
        Thread.sleep(500);
      }
    }
  }

  /**
   * Publishes from Dallas, again until London's stream answers: Dallas learns across the gateway
   * that the stream listens a moment after it was made (until then: 503, no responders). The
   * message id keeps a retried order single.
   */
  private static void publishOnceHeard(JetStream js, String order) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        js.publish(
            "orders.new",
            order.getBytes(StandardCharsets.UTF_8),
            PublishOptions.builder().messageId(order).build());
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Dallas could not publish to ORDERS within 30 s: " + e, e);
        }
        Thread.sleep(250);
      }
    }
  }

  private static List<String> take(BlockingQueue<String> queue, int n) throws Exception {
    List<String> got = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (got.size() < n && System.nanoTime() < deadline) {
      String s = queue.poll(200, TimeUnit.MILLISECONDS);
      if (s != null) {
        got.add(s);
      }
    }
    return got;
  }
}
