package dev.booty.core.backchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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

  static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    fail("nothing listens on 127.0.0.1:" + port + " after 5 s");
  }

  /** nats-server from booty's Go build cache or the PATH; a test that needs it fails without it. */
  static Path natsServer() throws IOException {
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "booty", "go-builds");
    if (Files.isDirectory(cache)) {
      try (Stream<Path> dirs = Files.list(cache)) {
        var found =
            dirs.filter(d -> d.getFileName().toString().startsWith("nats-server-2.11.17-"))
                .map(d -> d.resolve("nats-server"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "nats-server");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p;
      }
    }
    return fail(
        "no nats-server binary: neither "
            + cache
            + "/nats-server-2.11.17-*/nats-server nor nats-server on PATH");
  }
}
