package dev.booty.core.plugin.remote;

import com.google.protobuf.Empty;
import dev.booty.api.ChaosContext;
import dev.booty.api.PluginContext;
import dev.booty.core.BootyException;
import dev.booty.plugin.grpc.v1.CertificateCall;
import dev.booty.plugin.grpc.v1.ClientCount;
import dev.booty.plugin.grpc.v1.ClientsCall;
import dev.booty.plugin.grpc.v1.DnsCall;
import dev.booty.plugin.grpc.v1.HostGrpc;
import dev.booty.plugin.grpc.v1.IssuedCertificate;
import dev.booty.plugin.grpc.v1.JobCall;
import dev.booty.plugin.grpc.v1.JobResult;
import dev.booty.plugin.grpc.v1.PathCall;
import dev.booty.plugin.grpc.v1.ProgressCall;
import dev.booty.plugin.grpc.v1.ServersCall;
import dev.booty.plugin.grpc.v1.SignalCall;
import dev.booty.plugin.grpc.v1.StackSecurity;
import dev.booty.plugin.grpc.v1.Stopped;
import dev.booty.plugin.grpc.v1.Token;
import dev.booty.plugin.grpc.v1.UpgradeCall;
import dev.booty.plugin.grpc.v1.VersionAnswer;
import dev.booty.plugin.protocol.ChaosCodec;
import dev.booty.plugin.protocol.CommonCodec;
import dev.booty.plugin.protocol.DnsCodec;
import dev.booty.plugin.protocol.Errors;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * booty's side of the callbacks: the Host service plugins call during a call of booty's (progress,
 * jobs, certificates, the chaos context's actions). One per booty process, on 127.0.0.1 with mutual
 * TLS from the plugin CA. A call's context is registered under a random token for the length of
 * that call; a plugin may use only tokens handed to it (the certificate's CN is its id).
 */
public final class HostServer implements AutoCloseable {
  private static final io.grpc.Context.Key<String> PEER = io.grpc.Context.key("booty-plugin-peer");

  /** A context registered for the length of one call. */
  record Registration(String token, String pluginId, PluginContext plugin, ChaosContext chaos) {}

  /** A registered call's token; closing it ends the token. */
  public interface Registered extends AutoCloseable {
    String token();

    @Override
    void close();
  }

  private final Map<String, Registration> contexts = new ConcurrentHashMap<>();
  private final Server server;

  private HostServer(Server server) {
    this.server = server;
  }

  static HostServer start(PluginTls tls) {
    try {
      var credentials =
          TlsServerCredentials.newBuilder()
              .keyManager(tls.bootyCertificate().toFile(), tls.bootyKey().toFile())
              .trustManager(tls.caCertificate().toFile())
              .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
              .build();
      HostServer[] self = new HostServer[1];
      Host host = new Host(token -> self[0].lookup(token));
      Server server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
              .addService(ServerInterceptors.intercept(host, new PeerName()))
              .build()
              .start();
      self[0] = new HostServer(server);
      return self[0];
    } catch (IOException e) {
      throw BootyException.failure("cannot serve booty's plugin Host service: " + e.getMessage());
    }
  }

  /** Where plugins reach it, {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Registers the context of one call to plugin {@code pluginId}; close the result after it. */
  public Registered register(String pluginId, PluginContext plugin, ChaosContext chaos) {
    String token = UUID.randomUUID().toString();
    contexts.put(token, new Registration(token, pluginId, plugin, chaos));
    return new Registered() {
      @Override
      public String token() {
        return token;
      }

      @Override
      public void close() {
        contexts.remove(token);
      }
    };
  }

  private Registration lookup(String token) {
    Registration r = contexts.get(token);
    String peer = PEER.get();
    if (r == null || !r.pluginId().equals(peer)) {
      throw Status.PERMISSION_DENIED
          .withDescription("no call of booty's to plugin " + peer + " is running under this token")
          .asRuntimeException();
    }
    return r;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  /** Puts the calling plugin's id (its certificate's CN) into the call's context. */
  private static final class PeerName implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      String cn = "";
      SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      try {
        if (session != null) {
          String dn = session.getPeerPrincipal().getName();
          for (String part : dn.split(",")) {
            if (part.strip().startsWith("CN=")) {
              cn = part.strip().substring(3);
            }
          }
        }
      } catch (SSLPeerUnverifiedException e) {
        // no client certificate: no token will match
      }
      return Contexts.interceptCall(
          io.grpc.Context.current().withValue(PEER, cn), call, headers, next);
    }
  }

  /** The Host service: each call finds its context by token and does what the API method does. */
  private static final class Host extends HostGrpc.HostImplBase {
    private final Function<String, Registration> lookup;

    Host(Function<String, Registration> lookup) {
      this.lookup = lookup;
    }

    private interface Body<T> {
      T run() throws Exception;
    }

    private static <T> void answer(StreamObserver<T> out, Body<T> body) {
      try {
        out.onNext(body.run());
        out.onCompleted();
      } catch (Exception e) {
        out.onError(Errors.toStatus(e));
      }
    }

    private PluginContext plugin(String token) {
      Registration r = lookup.apply(token);
      if (r.plugin() == null) {
        throw new IllegalStateException(
            "booty is planning the run: no plugin context (progress, jobs) before it starts");
      }
      return r.plugin();
    }

    private ChaosContext chaos(String token) {
      Registration r = lookup.apply(token);
      if (r.chaos() == null) {
        throw new UnsupportedOperationException("this call has no chaos context");
      }
      return r.chaos();
    }

    @Override
    public void progress(ProgressCall call, StreamObserver<Empty> out) {
      answer(
          out,
          () -> {
            plugin(call.getToken()).progress(call.getMessage());
            return Empty.getDefaultInstance();
          });
    }

    @Override
    public void runJob(JobCall call, StreamObserver<JobResult> out) {
      answer(
          out,
          () ->
              CommonCodec.toMessage(
                  plugin(call.getToken()).runJob(CommonCodec.fromMessage(call.getJob()))));
    }

    @Override
    public void stopJob(JobCall call, StreamObserver<Stopped> out) {
      answer(
          out,
          () ->
              Stopped.newBuilder().setKnown(plugin(call.getToken()).stopJob(call.getId())).build());
    }

    @Override
    public void security(Token call, StreamObserver<StackSecurity> out) {
      answer(
          out,
          () -> {
            var s =
                plugin(call.getToken())
                    .security()
                    .orElseThrow(
                        () ->
                            Status.NOT_FOUND
                                .withDescription("this stack runs without credentials")
                                .asRuntimeException());
            return StackSecurity.newBuilder()
                .setCaCertificate(s.caCertificate().toString())
                .setClientCertificate(s.clientCertificate().toString())
                .setClientKey(s.clientKey().toString())
                .setNomadToken(s.nomadToken())
                .setConsulToken(s.consulToken())
                .setConsulAgentToken(s.consulAgentToken())
                .setConsulNomadToken(s.consulNomadToken())
                .setConsulGossipKey(s.consulGossipKey())
                .setConsulReaderToken(s.consulReaderToken())
                .build();
          });
    }

    @Override
    public void issueCertificate(CertificateCall call, StreamObserver<IssuedCertificate> out) {
      answer(
          out,
          () -> {
            var issued =
                plugin(call.getToken())
                    .issueCertificate(call.getName(), call.getNamesList(), Path.of(call.getDir()));
            return IssuedCertificate.newBuilder()
                .setCertificate(issued.certificate().toString())
                .setKey(issued.key().toString())
                .setCaCertificate(issued.caCertificate().toString())
                .build();
          });
    }

    @Override
    public void signal(SignalCall call, StreamObserver<Empty> out) {
      answer(
          out,
          () -> {
            chaos(call.getToken())
                .signal(call.getServersList(), ChaosCodec.fromMessage(call.getSignal()));
            return Empty.getDefaultInstance();
          });
    }

    @Override
    public void setServers(ServersCall call, StreamObserver<Empty> out) {
      answer(
          out,
          () -> {
            chaos(call.getToken()).servers(call.getDataCenter(), call.getRunning());
            return Empty.getDefaultInstance();
          });
    }

    @Override
    public void upgrade(UpgradeCall call, StreamObserver<Empty> out) {
      answer(
          out,
          () -> {
            chaos(call.getToken()).upgrade(call.getServer(), call.getVersion());
            return Empty.getDefaultInstance();
          });
    }

    @Override
    public void version(UpgradeCall call, StreamObserver<VersionAnswer> out) {
      answer(
          out,
          () ->
              VersionAnswer.newBuilder()
                  .setVersion(chaos(call.getToken()).version(call.getServer()))
                  .build());
    }

    @Override
    public void setPath(PathCall call, StreamObserver<Empty> out) {
      answer(
          out,
          () -> {
            chaos(call.getToken())
                .path(call.getA(), call.getB(), ChaosCodec.fromMessage(call.getState()));
            return Empty.getDefaultInstance();
          });
    }

    @Override
    public void setDns(DnsCall call, StreamObserver<Empty> out) {
      answer(
          out,
          () -> {
            chaos(call.getContext().getToken())
                .dns(call.getDataCenter(), DnsCodec.fromMessage(call.getState()));
            return Empty.getDefaultInstance();
          });
    }

    @Override
    public void clients(ClientsCall call, StreamObserver<ClientCount> out) {
      answer(
          out,
          () -> {
            String group = call.getGroup().isEmpty() ? null : call.getGroup();
            return ClientCount.newBuilder()
                .setCount(chaos(call.getToken()).clients(call.getDataCenter(), group))
                .build();
          });
    }

    @Override
    public void scaleClients(ClientsCall call, StreamObserver<Empty> out) {
      answer(
          out,
          () -> {
            String group = call.getGroup().isEmpty() ? null : call.getGroup();
            chaos(call.getToken()).scaleClients(call.getDataCenter(), group, call.getCount());
            return Empty.getDefaultInstance();
          });
    }
  }
}
