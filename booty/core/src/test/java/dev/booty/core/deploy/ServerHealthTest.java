package dev.booty.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.booty.api.WanEmulation.Endpoint;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed deploy names each unhealthy server with its failing check's output, read from Consul's
 * /v1/health/service answer (a recorded one, served on a loopback port).
 */
class ServerHealthTest {
  static final List<Endpoint> SERVERS =
      List.of(
          new Endpoint("lon-1.nats.booty", "london", "127.93.1.11", List.of(7222, 4222)),
          new Endpoint("dal-1.nats.booty", "dallas", "127.93.2.11", List.of(7222, 4222)),
          new Endpoint("dal-2.nats.booty", "dallas", "127.93.2.12", List.of(7222, 4222)));

  HttpServer consul;

  @BeforeEach
  void recordedConsul() throws Exception {
    consul = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    consul.createContext(
        "/v1/health/service/t2-nats",
        exchange -> {
          byte[] body;
          try (InputStream in =
              getClass().getResourceAsStream("/consul/health-service-unhealthy.json")) {
            body = in.readAllBytes();
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("X-Consul-Index", "70");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    consul.start();
  }

  @AfterEach
  void stop() {
    consul.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + consul.getAddress().getPort();
  }

  @Test
  void namesEachUnhealthyServerWithItsFailingCheckOutput() {
    String report =
        ServerHealth.report(
            url(), dev.booty.api.StackHttp.of(java.util.Optional.empty()), "t2-nats", SERVERS);

    assertThat(report)
        .contains("unhealthy servers:")
        .contains(
            "dal-1.nats.booty (127.93.2.11, data centre dallas): healthz critical: HTTP GET"
                + " http://127.93.2.11:8222/healthz: 503 Service Unavailable")
        .contains("JetStream is not current with the meta leader")
        .contains("dal-2.nats.booty (127.93.2.12, data centre dallas): not registered in Consul")
        .doesNotContain("lon-1");
  }

  @Test
  void waitingForServersThatNeverPassEndsWithTheirChecks() {
    assertThatThrownBy(
            () ->
                ServerHealth.awaitPassing(
                    url(),
                    dev.booty.api.StackHttp.of(java.util.Optional.empty()),
                    "t2-nats",
                    SERVERS,
                    3,
                    Duration.ofMillis(600)))
        .hasMessageContaining("1 of 3 servers of t2-nats passing in Consul")
        .hasMessageContaining("dal-1.nats.booty")
        .hasMessageContaining("JetStream is not current with the meta leader");
  }
}
