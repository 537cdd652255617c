package dev.booty.core.run;

import static dev.booty.core.testing.TestBinaries.awaitPort;
import static dev.booty.core.testing.TestBinaries.freePort;
import static dev.booty.core.testing.TestBinaries.natsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A browser process that says it broke ends the run's waiting at once, naming what it saw. */
class ClientFleetTest {
  Process server;
  Connection nc;

  @BeforeEach
  void start() throws Exception {
    int port = freePort();
    server =
        new ProcessBuilder(natsServer().toString(), "-a", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitPort(port);
    nc = Nats.connect("nats://127.0.0.1:" + port);
  }

  @AfterEach
  void stop() throws Exception {
    if (nc != null) {
      nc.close();
    }
    server.destroyForcibly().waitFor();
  }

  private void say(String json) throws Exception {
    nc.publish("booty.clients.sc.report", json.getBytes(StandardCharsets.UTF_8));
    nc.flush(Duration.ofSeconds(5));
  }

  @Test
  void aBrokenBrowserEndsTheWaitWithItsReasonAndConsole() throws Exception {
    try (ClientFleet fleet = new ClientFleet(nc, "sc", "r1")) {
      AtomicInteger told = new AtomicInteger();
      fleet.onBroken(told::incrementAndGet);
      // another run's trouble is not this run's
      say("{\"v\":1,\"run\":\"r0\",\"broken\":{\"process\":\"x\",\"reason\":\"old\"}}");
      Instant t0 = Instant.now();
      assertThat(fleet.broken()).isEmpty();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  Thread.sleep(300);
                  say(
                      "{\"v\":1,\"run\":\"r1\",\"broken\":{\"process\":\"dallas-browser-0\","
                          + "\"dc\":\"dallas\",\"reason\":\"booty.start failed: boom\","
                          + "\"console\":[\"SEVERE main.js 1:2 Uncaught Error: boom\"]}}");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThatThrownBy(() -> fleet.pause(Duration.ofSeconds(30)))
          .isInstanceOf(BootyException.class)
          .satisfies(e -> assertThat(((BootyException) e).exitCode()).isEqualTo(ExitCode.BROKEN))
          .hasMessageContaining(
              "browser process dallas-browser-0 (dallas): booty.start failed: boom; its console:")
          .hasMessageContaining("Uncaught Error: boom");
      assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(10));
      assertThat(told.get()).isEqualTo(1);
      assertThatThrownBy(() -> fleet.awaitConnected(1, Duration.ofSeconds(30), line -> {}))
          .hasMessageContaining("the test clients broke");
    }
  }
}
