package dev.booty.plugin.sdk;

import com.google.protobuf.Empty;
import dev.booty.api.ApiVersion;
import dev.booty.api.BootyExtension;
import dev.booty.api.ChaosMode;
import dev.booty.api.ClusterProvider;
import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.api.DnsResolvers;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.WanEmulation;
import dev.booty.plugin.grpc.v1.ControllerGrpc;
import dev.booty.plugin.grpc.v1.Description;
import dev.booty.plugin.grpc.v1.Extension;
import dev.booty.plugin.grpc.v1.PluginGrpc;
import dev.booty.plugin.protocol.Handshake;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The main loop of an executable booty plugin: checks that booty started it, serves the given
 * extensions over gRPC with mutual TLS on 127.0.0.1, prints the handshake line booty waits for, and
 * runs until booty asks it to stop ({@code Controller.Shutdown}) or goes away (stdin closed). A
 * plugin's {@code main} is one call:
 *
 * <pre>{@code PluginServer.serve("hello-chaos", "0.1.0", new HelloChaos());}</pre>
 *
 * <p>stdout belongs to the handshake; log to stderr, which booty keeps in {@code
 * HOME/logs/plugins/ID.log}.
 */
public final class PluginServer {

  /** The environment variable booty sets to a fixed cookie; a plugin refuses to run without it. */
  public static final String COOKIE_KEY = "BOOTY_PLUGIN";

  /** The cookie's value. */
  public static final String COOKIE_VALUE = "d1f0c9a4-booty-plugin-handshake";

  /** The health service name every plugin reports SERVING for, as go-plugin does. */
  public static final String HEALTH_SERVICE = "plugin";

  private PluginServer() {}

  /**
   * Serves {@code extensions} until booty stops the plugin; returns only then. Exits the process
   * with status 1 and a message on stderr when not started by booty or when no protocol version
   * booty offers is spoken here.
   */
  public static void serve(String id, String version, BootyExtension... extensions) {
    Map<String, String> env = System.getenv();
    if (!COOKIE_VALUE.equals(env.get(COOKIE_KEY))) {
      System.err.println("this is a booty plugin: booty starts it (booty plugins info " + id + ")");
      System.exit(1);
    }
    int protocol = protocol(env.getOrDefault("BOOTY_PLUGIN_PROTOCOL_VERSIONS", ""));
    Path tls = Path.of(require(env, "BOOTY_PLUGIN_TLS_DIR"));
    String hostAddress = require(env, "BOOTY_PLUGIN_HOST");
    try {
      new Serving(id, version, List.of(extensions), tls, hostAddress, protocol).run(System.out);
    } catch (IOException | java.security.GeneralSecurityException e) {
      System.err.println("plugin " + id + " cannot serve: " + e);
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The highest version booty offers that this SDK speaks, or its own when none (booty says). */
  static int protocol(String offered) {
    return Arrays.stream(offered.split(","))
        .map(String::strip)
        .filter(s -> s.equals(Integer.toString(Handshake.PROTOCOL_VERSION)))
        .findFirst()
        .map(Integer::parseInt)
        .orElse(Handshake.PROTOCOL_VERSION);
  }

  private static String require(Map<String, String> env, String key) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      System.err.println("booty did not set " + key + ": is this booty too old for this plugin?");
      System.exit(1);
    }
    return value;
  }

  /** One serving plugin: the gRPC server, the channel back to booty, the stdin watch. */
  private record Serving(
      String id,
      String version,
      List<BootyExtension> extensions,
      Path tls,
      String hostAddress,
      int protocol) {

    void run(PrintStream out)
        throws IOException, InterruptedException, java.security.GeneralSecurityException {
      ManagedChannel host = hostChannel();
      HealthStatusManager health = new HealthStatusManager();
      Server[] server = new Server[1];
      var credentials =
          TlsServerCredentials.newBuilder()
              .keyManager(
                  tls.resolve("plugin.pem").toFile(), tls.resolve("plugin-key.pem").toFile())
              .trustManager(tls.resolve("ca.pem").toFile())
              .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
              .build();
      byte[] certificate =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(Files.newInputStream(tls.resolve("plugin.pem")))
              .getEncoded();
      server[0] =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
              .addService(health.getHealthService())
              .addService(new Describer(description()))
              .addService(new Stopper(server, health))
              .addService(new ChaosModeService(of(ChaosMode.class), host))
              .addService(new ClusterProviderService(of(ClusterProvider.class), host))
              .addService(new DnsProviderService(of(DnsProvider.class), host))
              .addService(new HostingProviderService(of(HostingProvider.class), host))
              .build()
              .start();
      health.setStatus(HEALTH_SERVICE, ServingStatus.SERVING);
      StdinWatch.start(System.in);
      Handshake line =
          new Handshake(
              Handshake.CORE,
              protocol,
              "tcp",
              "127.0.0.1:" + server[0].getPort(),
              "grpc",
              certificate);
      out.println(line.format());
      out.flush();
      server[0].awaitTermination();
      host.shutdownNow();
    }

    private ManagedChannel hostChannel() throws IOException {
      var credentials =
          TlsChannelCredentials.newBuilder()
              .keyManager(
                  tls.resolve("plugin.pem").toFile(), tls.resolve("plugin-key.pem").toFile())
              .trustManager(tls.resolve("ca.pem").toFile())
              .build();
      int colon = hostAddress.lastIndexOf(':');
      return NettyChannelBuilder.forAddress(
              hostAddress.substring(0, colon),
              Integer.parseInt(hostAddress.substring(colon + 1)),
              credentials)
          .build();
    }

    /** The extensions of one point. */
    private <T> List<T> of(Class<T> point) {
      List<T> out = new ArrayList<>();
      for (BootyExtension e : extensions) {
        if (point.isInstance(e)) {
          out.add(point.cast(e));
        }
      }
      return out;
    }

    private Description description() {
      Description.Builder d =
          Description.newBuilder()
              .setPluginId(id)
              .setVersion(version)
              .setApiVersion(ApiVersion.CURRENT.toString());
      for (BootyExtension e : extensions) {
        d.addAllExtensions(described(e));
      }
      return d.build();
    }
  }

  /**
   * How {@code Describe} names an extension: its point ({@code chaos}, {@code cluster}, {@code
   * dns}, {@code hosting}), its id and its abilities ({@code dns-chaos}; {@code preview}, {@code
   * wan}, {@code resolvers}). An extension of several points is named once per point.
   */
  static List<Extension> described(BootyExtension e) {
    List<Extension> out = new ArrayList<>();
    if (e instanceof ChaosMode) {
      out.add(Extension.newBuilder().setPoint("chaos").setId(e.id()).build());
    }
    if (e instanceof ClusterProvider) {
      out.add(Extension.newBuilder().setPoint("cluster").setId(e.id()).build());
    }
    if (e instanceof DnsProvider) {
      Extension.Builder x = Extension.newBuilder().setPoint("dns").setId(e.id());
      if (e instanceof DnsChaos) {
        x.addAbilities("dns-chaos");
      }
      out.add(x.build());
    }
    if (e instanceof HostingProvider) {
      Extension.Builder x = Extension.newBuilder().setPoint("hosting").setId(e.id());
      if (e instanceof HostingPreview) {
        x.addAbilities("preview");
      }
      if (e instanceof DnsResolvers) {
        x.addAbilities("resolvers");
      }
      if (e instanceof WanEmulation) {
        x.addAbilities("wan");
      }
      out.add(x.build());
    }
    return out;
  }

  /** Plugin.Describe. */
  private static final class Describer extends PluginGrpc.PluginImplBase {
    private final Description description;

    Describer(Description description) {
      this.description = description;
    }

    @Override
    public void describe(Empty request, StreamObserver<Description> answer) {
      answer.onNext(description);
      answer.onCompleted();
    }
  }

  /** Controller.Shutdown: answers, then stops serving (which ends {@link #serve}). */
  private static final class Stopper extends ControllerGrpc.ControllerImplBase {
    private final Server[] server;
    private final HealthStatusManager health;

    Stopper(Server[] server, HealthStatusManager health) {
      this.server = server;
      this.health = health;
    }

    @Override
    public void shutdown(Empty request, StreamObserver<Empty> answer) {
      health.enterTerminalState();
      answer.onNext(Empty.getDefaultInstance());
      answer.onCompleted();
      Thread.ofPlatform().daemon().start(server[0]::shutdown);
    }
  }
}
