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
        # clients on the advertised address (booty up --advertise; loopback when none); monitoring on loopback
        listen: "%s"
        http: 127.0.0.1:%d
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
                p.get("nats.monitor"),
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
    String monitor = "http://127.0.0.1:" + p.get("nats.monitor");
    return new ServiceSpec(
        NAME,
        "nats-server",
        nats.version(),
        List.of(ctx.binary(nats).toString(), "-c", file.toString()),
        Map.of(),
        dir,
        ConsulService.ports(p, "nats.client", "nats.monitor", "nats.websocket"),
        ctx.natsUrl(),
        HealthCheck.http(
            monitor + "/healthz?js-enabled-only=true",
            body -> body.contains("\"ok\""),
            "JetStream ready"),
        List.of());
  }
}
