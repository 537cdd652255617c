package dev.booty.testcontainers;

import dev.booty.core.stack.PodmanService;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The container engine for this module's tests, made by the tests themselves: Podman's Docker API
 * on the socket {@code DOCKER_HOST} names (Failsafe sets it to {@code target/podman.sock}), served
 * by a {@code podman system service} this fixture starts with booty's containers.conf and stops, by
 * its PID, when the test run ends; and the nats-server and toxiproxy images ({@link BootyImages}).
 * Missing podman or a missing setting fails the test with what to do; nothing is skipped.
 */
public final class PodmanFixture implements BeforeAllCallback {
  private static Process service;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
    // closed when the whole run ends, after every test class of this JVM
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            PodmanFixture.class, k -> (AutoCloseable) PodmanFixture::stop, AutoCloseable.class);
  }

  /** The socket of {@code DOCKER_HOST}; a clear error when it is not a unix socket. */
  static Path socket() {
    String host = System.getenv("DOCKER_HOST");
    if (host == null || !host.startsWith("unix://")) {
      throw new IllegalStateException(
          "DOCKER_HOST is '"
              + host
              + "': these tests serve Podman's Docker API on a socket of their own. Run them"
              + " with Maven (failsafe sets DOCKER_HOST=unix://.../target/podman.sock,"
              + " TESTCONTAINERS_RYUK_DISABLED=true, TESTCONTAINERS_HOST_OVERRIDE=localhost)");
    }
    return Path.of(host.substring("unix://".length()));
  }

  static synchronized void start() throws IOException, InterruptedException {
    if (service != null && service.isAlive()) {
      return;
    }
    Path podman =
        PodmanService.binary()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "podman is not installed: apt-get install podman runc (rootful Podman"
                            + " serves the Docker API these tests use)"));
    Path socket = socket();
    Files.createDirectories(socket.getParent());
    Files.deleteIfExists(socket);
    Path conf = socket.resolveSibling("containers.conf");
    Files.writeString(conf, BootyImages.CONTAINERS_CONF);
    Path log = socket.resolveSibling("podman-service.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                podman.toString(), "system", "service", "--time=0", "unix://" + socket.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("CONTAINERS_CONF", conf.toString());
    service = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!answers(socket)) {
      if (!service.isAlive()) {
        throw new IllegalStateException(
            "podman system service ended with exit "
                + service.exitValue()
                + ": "
                + Files.readString(log).strip());
      }
      if (System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException(
            "podman system service does not listen on "
                + socket
                + " after 30 s (log: "
                + log
                + ")");
      }
      Thread.sleep(100);
    }
    BootyImages.ensure(socket.getParent());
  }

  private static boolean answers(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static synchronized void stop() throws InterruptedException {
    if (service == null) {
      return;
    }
    service.destroy(); // SIGTERM to the PID this fixture started
    if (!service.waitFor(20, TimeUnit.SECONDS)) {
      service.destroyForcibly();
      service.waitFor(10, TimeUnit.SECONDS);
    }
    service = null;
  }
}
