package dev.booty.core.plugin.remote;

import dev.booty.api.ChaosContext;
import dev.booty.api.PluginContext;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.plugin.grpc.v1.Context;
import dev.booty.plugin.protocol.CommonCodec;
import dev.booty.plugin.protocol.Errors;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One executable plugin as booty's side sees it: started at its first call, its calls made with a
 * deadline and a context registered on the {@link HostServer}, and every failure turned into a
 * message naming the plugin, the call and its last stderr lines. A plugin that crashed stays failed
 * for the calls that act; {@link #restartOnce} gives healing one more start.
 */
public final class ExecPlugin implements AutoCloseable {
  private final PluginProcess.Spec spec;
  private final Duration callTimeout;
  private final BootyHome home;
  private final RemotePlugins remote;
  private final List<String> declared;
  private PluginProcess process;

  /** Calls under way: a start is renewed only between calls. */
  private int inFlight;

  /** How long before its leaves end a start is replaced. */
  private static final Duration RENEW_BEFORE = Duration.ofHours(1);

  private String failure;
  private boolean restarted;

  ExecPlugin(
      PluginProcess.Spec spec,
      Duration callTimeout,
      List<String> declared,
      BootyHome home,
      RemotePlugins remote) {
    this.spec = spec;
    this.declared = declared;
    this.callTimeout = callTimeout;
    this.home = home;
    this.remote = remote;
  }

  public String id() {
    return spec.id();
  }

  /** The timeout of calls without one of their own ({@code timeouts.call}). */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Why it failed, or null while it works. */
  public synchronized String failure() {
    return failure;
  }

  /**
   * The running process, started on first use.
   *
   * @throws BootyException why it does not run (also when it crashed before)
   */
  public synchronized PluginProcess process() {
    if (failure != null) {
      throw BootyException.failure(failure);
    }
    if (process != null
        && inFlight == 0
        && dueForRenewal(process.certificates().plugin(), Instant.now())) {
      // its leaves end soon: a reconnect after an idle spell would fail its TLS handshake
      process.close();
      process = null;
    }
    if (process == null) {
      try {
        process = PluginProcess.start(spec, home, remote.tls(), remote.host().address());
        checkDescription(process);
      } catch (BootyException e) {
        failure = e.getMessage();
        throw e;
      }
    }
    return process;
  }

  /**
   * Whether a start whose leaf is {@code leaf} should be replaced before its next call at {@code
   * now}.
   */
  static boolean dueForRenewal(X509Certificate leaf, Instant now) {
    return now.isAfter(leaf.getNotAfter().toInstant().minus(RENEW_BEFORE));
  }

  /** The plugin must be what its descriptor says: its id and exactly the declared extensions. */
  private void checkDescription(PluginProcess p) {
    var d = p.description();
    List<String> described = described(d).stream().sorted().toList();
    String problem = null;
    if (!d.getPluginId().equals(spec.id())) {
      problem = "describes itself as plugin '" + d.getPluginId() + "'";
    } else if (declared != null && !described.equals(declared.stream().sorted().toList())) {
      problem = "serves " + described + " but its descriptor declares " + declared;
    }
    if (problem != null) {
      p.kill();
      throw BootyException.failure(
          "plugin %s %s (%s)".formatted(spec.id(), problem, spec.source()));
    }
  }

  /**
   * Starts the plugin again after a crash, once per booty process: healing must be tried and needs
   * only the record. False when it was restarted before.
   */
  public synchronized boolean restartOnce() {
    if (restarted || failure == null) {
      return false;
    }
    restarted = true;
    if (process != null) {
      process.kill();
      process = null;
    }
    failure = null;
    return true;
  }

  /**
   * Makes one call.
   *
   * @param what for messages: {@code ChaosMode 'exec' Inject}
   * @param body the call, given the channel and the call's context message
   */
  <T> T call(
      String what,
      Duration deadline,
      PluginContext plugin,
      ChaosContext chaos,
      BiFunction<Channel, Context, T> body) {
    PluginProcess p;
    synchronized (this) {
      p = process();
      inFlight++;
    }
    try (HostServer.Registered call = remote.host().register(spec.id(), plugin, chaos)) {
      // no plugin context while booty plans a run: the call carries its token only
      Context context =
          plugin == null
              ? Context.newBuilder()
                  .setToken(call.token())
                  .setApiVersion(dev.booty.api.ApiVersion.CURRENT.toString())
                  .build()
              : CommonCodec.toMessage(plugin, call.token(), binaries(plugin, chaos));
      Channel channel = ClientInterceptors.intercept(p.channel(), new Deadline(deadline));
      return body.apply(channel, context);
    } catch (StatusRuntimeException e) {
      throw translate(e, what, deadline, p);
    } finally {
      synchronized (this) {
        inFlight--;
      }
    }
  }

  private RuntimeException translate(
      StatusRuntimeException e, String what, Duration deadline, PluginProcess p) {
    var api = Errors.toApiException(e);
    if (api.isPresent()) {
      return api.get();
    }
    Status.Code code = e.getStatus().getCode();
    if (code == Status.Code.CANCELLED && Thread.currentThread().isInterrupted()) {
      return new Interrupted(what);
    }
    if (!p.alive() || (code == Status.Code.UNAVAILABLE && p.waitForExit(Duration.ofSeconds(2)))) {
      p.waitForExit(Duration.ofSeconds(2));
      String message =
          "plugin %s ended (%s) while %s was running%s"
              .formatted(spec.id(), p.exitText(), what, p.stderrTail());
      synchronized (this) {
        failure = message;
      }
      p.kill();
      return BootyException.failure(message);
    }
    if (code == Status.Code.DEADLINE_EXCEEDED) {
      return BootyException.failure(
          "plugin %s did not answer %s within %s"
              .formatted(spec.id(), what, PluginProcess.human(deadline)));
    }
    String foreign = PluginProcess.foreignAnswer(e);
    if (foreign != null) {
      return BootyException.failure(
          "plugin %s answered %s with something that is not its protocol: %s%s"
              .formatted(spec.id(), what, foreign, p.stderrTail()));
    }
    if (code == Status.Code.INTERNAL) {
      return BootyException.failure(
          "plugin %s answered %s with a message booty cannot read (%s)"
              .formatted(spec.id(), what, PluginProcess.statusText(e)));
    }
    return BootyException.failure(
        "plugin %s failed %s: %s%s"
            .formatted(spec.id(), what, PluginProcess.statusText(e), p.stderrTail()));
  }

  /**
   * What starting the plugin showed, for {@code booty plugins info}.
   *
   * @param extensions what it described, {@code chaos:exec}, {@code hosting:fly[preview,wan]}
   */
  public record Probe(
      long pid, long handshakeMillis, int protocol, String health, List<String> extensions) {}

  /** Starts the plugin (if not running) and asks its health. */
  public Probe probe() {
    PluginProcess p = process();
    return new Probe(
        p.pid(),
        p.handshakeTime().toMillis(),
        p.protocol(),
        p.health(Duration.ofSeconds(5)).name(),
        described(p.description()));
  }

  /** The extensions a plugin describes, labelled as its descriptor's ({@code hosting:fly[wan]}). */
  private static List<String> described(dev.booty.plugin.grpc.v1.Description d) {
    return d.getExtensionsList().stream()
        .map(e -> ExecDescriptor.Extension.label(e.getPoint(), e.getId(), e.getAbilitiesList()))
        .toList();
  }

  /** Sets a call's deadline. */
  private record Deadline(Duration after) implements ClientInterceptor {
    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(
        MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
      return next.newCall(
          method, options.withDeadlineAfter(after.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  /** A call cancelled because booty's thread was interrupted. */
  static final class Interrupted extends RuntimeException {
    Interrupted(String what) {
      super(what + " was interrupted");
    }
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  static Map<String, Path> binaries(PluginContext plugin, ChaosContext chaos) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String component : new String[] {"nomad", "consul", "nats-server"}) {
      plugin.binary(component).ifPresent(p -> out.put(component, p));
    }
    if (chaos != null) {
      for (String v : chaos.installedVersions()) {
        plugin.binary("nats-server", v).ifPresent(p -> out.put("nats-server@" + v, p));
      }
    }
    return out;
  }
}
