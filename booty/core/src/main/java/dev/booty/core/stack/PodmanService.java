package dev.booty.core.stack;

import dev.booty.core.util.ProcessRunner;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Podman's Docker-compatible API service, for Nomad's docker driver (there is no Docker engine on
 * these machines). Part of the stack when {@code podman} is installed. It runs with booty's own
 * {@code containers.conf} ({@code CONTAINERS_CONF}): runc rather than crun, and ulimits this
 * machine permits, without touching {@code /etc/containers}.
 */
public final class PodmanService {
  public static final String NAME = "podman";

  private PodmanService() {}

  /** The podman binary, when installed. */
  public static Optional<Path> binary() {
    return Optional.ofNullable(ProcessRunner.which("podman", System.getenv()));
  }

  public static Path socket(StackContext ctx) {
    return ctx.serviceDir(NAME).resolve("podman.sock");
  }

  /** booty's containers.conf, written when missing; for the service and for image builds. */
  public static Path containersConf(StackContext ctx) throws IOException {
    Path conf = ctx.serviceDir(NAME).resolve("containers.conf");
    Files.createDirectories(conf.getParent());
    Files.writeString(
        conf,
        """
        # rendered by booty; crun fails on these machines (hybrid cgroups, no rlimit raising)
        [containers]
        default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

        [engine]
        runtime = "runc"
        """);
    return conf;
  }

  public static ServiceSpec describe(StackContext ctx, Path podman) throws IOException {
    Path dir = ctx.serviceDir(NAME);
    Path conf = containersConf(ctx);
    Path socket = socket(ctx);
    Files.deleteIfExists(socket);
    String version = version(podman);
    return new ServiceSpec(
        NAME,
        "podman",
        version,
        List.of(podman.toString(), "system", "service", "--time=0", "unix://" + socket),
        Map.of("CONTAINERS_CONF", conf.toString()),
        dir,
        Map.of(),
        "unix://" + socket,
        () -> ping(socket),
        List.of());
  }

  /** GET /_ping over the unix socket. */
  static HealthCheck.Result ping(Path socket) {
    if (!Files.exists(socket)) {
      return HealthCheck.Result.failed("no socket yet at " + socket);
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(
          ByteBuffer.wrap(
              "GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buf = ByteBuffer.allocate(1024);
      StringBuilder answer = new StringBuilder();
      while (ch.read(buf) > 0) {
        buf.flip();
        answer.append(StandardCharsets.US_ASCII.decode(buf));
        buf.clear();
      }
      return answer.toString().endsWith("OK")
          ? HealthCheck.Result.ok("Docker API answering")
          : HealthCheck.Result.failed("unexpected /_ping answer");
    } catch (IOException e) {
      return HealthCheck.Result.failed("cannot reach " + socket + ": " + e.getMessage());
    }
  }

  private static String version(Path podman) {
    StringBuilder out = new StringBuilder();
    try {
      ProcessRunner.run(
          List.of(podman.toString(), "--version"),
          null,
          Map.of(),
          java.time.Duration.ofSeconds(20),
          l -> out.append(l));
    } catch (IOException e) {
      return "unknown";
    }
    String v = out.toString().replace("podman version", "").strip();
    return v.isEmpty() ? "unknown" : v;
  }
}
