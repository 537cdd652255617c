package dev.booty.core.stack;

import dev.booty.core.install.InstalledVersion;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The control-plane NATS server, with JetStream, in operator mode like NGS: booty's operator, a
 * system account, booty's back-channel account; creds files for booty ({@code creds/booty.creds})
 * and the system user ({@code creds/sys.creds}). Anonymous clients are refused.
 */
public final class NatsService {
  public static final String NAME = "nats";

  private NatsService() {}

  /**
   * Healthy once booty, with its own creds, gets its account's JetStream statistics: the server
   * takes clients, checks their JWTs, and JetStream runs (asked over NATS, so no unauthenticated
   * monitoring port is needed).
   */
  static HealthCheck jetStreamReady(String url, Path creds) {
    return () -> {
      io.nats.client.Options options =
          new io.nats.client.Options.Builder()
              .server(url)
              .authHandler(io.nats.client.Nats.credentials(creds.toString()))
              .connectionTimeout(java.time.Duration.ofSeconds(3))
              .noReconnect()
              .build();
      try (io.nats.client.Connection nc = io.nats.client.Nats.connect(options)) {
        nc.jetStreamManagement().getAccountStatistics();
        return HealthCheck.Result.ok("JetStream ready");
      } catch (IOException | io.nats.client.JetStreamApiException | RuntimeException e) {
        return HealthCheck.Result.failed("NATS at " + url + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return HealthCheck.Result.failed("interrupted");
      }
    };
  }

  public static ServiceSpec describe(StackContext ctx) throws IOException {
    InstalledVersion nats = ctx.installed("nats-server");
    Path dir = ctx.serviceDir(NAME);
    Files.createDirectories(dir.resolve("jetstream"));
    Path creds = ctx.home().stack().natsCreds();
    Files.createDirectories(creds);
    NatsTrust trust = NatsTrust.ensure(dir);
    Path operatorJwt = dir.resolve("operator.jwt");
    Files.writeString(operatorJwt, trust.operatorJwt());
    FileTrees.writeAtomically(
        ctx.home().stack().bootyCreds(), trust.userCreds(NatsTrust.BOOTY_ACCOUNT, "booty"), true);
    FileTrees.writeAtomically(
        creds.resolve("sys.creds"), trust.userCreds(NatsTrust.SYSTEM_ACCOUNT, "sys"), true);

    StackPorts p = ctx.ports();
    String conf =
        """
        # rendered by booty up; changes are overwritten
        server_name: booty-control
        # clients on the advertised address (booty up --advertise; loopback when none); no
        # monitoring port: nats-server's has no authentication, and booty asks over NATS instead
        listen: "%s"
        # browser test clients report over WebSocket, with the same JWTs (loopback: no TLS)
        websocket {
          listen: "127.0.0.1:%d"
          no_tls: true
        }
        operator: "%s"
        system_account: %s
        # the CONNECT with a JWT may take seconds on a loaded machine (default ~1 s: "Authentication Timeout")
        authorization {
          timeout: 10
        }
        resolver: MEMORY
        resolver_preload: {
          %s: "%s"
          %s: "%s"
        }
        jetstream {
          store_dir: "%s"
          max_memory_store: 256MB
          max_file_store: 2GB
        }
        """
            .formatted(
                ctx.network().hostPort(p, "nats.client"),
                p.get("nats.websocket"),
                operatorJwt,
                trust.systemAccount(),
                trust.systemAccount(),
                trust.systemAccountJwt(),
                trust.bootyAccount(),
                trust.bootyAccountJwt(),
                dir.resolve("jetstream"));
    Path file = dir.resolve("nats-server.conf");
    Files.writeString(file, conf);
    return new ServiceSpec(
        NAME,
        "nats-server",
        nats.version(),
        List.of(ctx.binary(nats).toString(), "-c", file.toString()),
        Map.of(),
        dir,
        ConsulService.ports(p, "nats.client", "nats.websocket"),
        ctx.natsUrl(),
        jetStreamReady(ctx.natsUrl(), ctx.home().stack().bootyCreds()),
        List.of());
  }
}
