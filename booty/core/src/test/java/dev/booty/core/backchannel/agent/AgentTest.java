package dev.booty.core.backchannel.agent;

import static dev.booty.core.testing.TestBinaries.awaitPort;
import static dev.booty.core.testing.TestBinaries.natsServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The agent's connection: backoff, and a control plane that refuses it. */
class AgentTest {
  @Test
  void backoffDoublesFromOneSecondToThirty() {
    assertThat(Stream.iterate(1L, a -> a + 1).limit(8).map(Agent::backoff).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void refusedCredsAreOneClearLineAndRetriedUntilClosed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process server =
        new ProcessBuilder(
                natsServer().toString(),
                "-a",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "--user",
                "someone",
                "--pass",
                "secret")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitPort(port);
    List<String> log = new CopyOnWriteArrayList<>();
    String url = "nats://127.0.0.1:" + port;
    AgentConfig config =
        new AgentConfig(
            url,
            null,
            "n1",
            "d1",
            null,
            null,
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            null,
            "test");
    Agent agent = new Agent(config, log::add);
    Thread runner =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    agent.run();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      while (log.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(log).isNotEmpty();
      assertThat(log.get(0))
          .isEqualTo(
              "cannot connect to the control plane at "
                  + url
                  + " (no creds): Authorization Violation; retrying in 1 s");
      assertThat(runner.isAlive()).as("the agent keeps trying").isTrue();
    } finally {
      agent.close();
      runner.join(5000);
      server.destroy();
      server.waitFor();
    }
    assertThat(runner.isAlive()).as("close ends the retry loop").isFalse();
    assertThat(log.get(log.size() - 1)).isEqualTo("stopped");
  }
}
