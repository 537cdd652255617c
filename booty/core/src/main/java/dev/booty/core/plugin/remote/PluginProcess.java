package dev.booty.core.plugin.remote;

import com.google.protobuf.Empty;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.plugin.grpc.v1.ControllerGrpc;
import dev.booty.plugin.grpc.v1.Description;
import dev.booty.plugin.grpc.v1.PluginGrpc;
import dev.booty.plugin.protocol.Handshake;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.NotSslRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running executable plugin: started through {@code setsid} in its own process group, its
 * handshake line read and checked, a mutual-TLS channel to it, its stderr appended to {@code
 * HOME/logs/plugins/ID.log} (the last lines kept for error messages), a pid file under {@code
 * HOME/run/plugins}. {@link #close} asks it to stop, then kills its whole group; a JVM shutdown
 * hook does the same for every plugin still running, so none outlives booty.
 */
public final class PluginProcess implements AutoCloseable {
  static final int STDERR_LINES = 20;
  private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
  private static final Set<PluginProcess> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> List.copyOf(RUNNING).forEach(PluginProcess::kill), "booty-plugin-reaper"));
  }

  /**
   * What starting a plugin needs.
   *
   * @param id the plugin's id
   * @param folder its folder, the working directory of its command
   * @param command the command, placeholders already replaced
   * @param startTimeout how long its handshake line may take
   * @param source where the command was declared, for messages ({@code .../plugin.yaml})
   */
  public record Spec(
      String id, Path folder, List<String> command, Duration startTimeout, Path source) {}

  private final Spec spec;
  private final Process process;
  private final Deque<String> stderr;
  private final Thread stderrReader;
  private final Path pidFile;
  private ManagedChannel channel;
  private Handshake handshake;
  private Duration handshakeTime;
  private Description description;
  private Certificates certificates;

  /**
   * The two leaves of one start, each issued for it alone.
   *
   * @param plugin the plugin's server and client certificate
   * @param booty booty's client certificate on its channel to the plugin
   */
  public record Certificates(X509Certificate plugin, X509Certificate booty) {}

  private PluginProcess(
      Spec spec, Process process, Deque<String> stderr, Thread stderrReader, Path pidFile) {
    this.spec = spec;
    this.stderr = stderr;
    this.process = process;
    this.stderrReader = stderrReader;
    this.pidFile = pidFile;
  }

  /**
   * Starts a plugin and returns once it is healthy and has described itself.
   *
   * @throws BootyException naming the plugin, what went wrong and its last stderr lines
   */
  static PluginProcess start(Spec spec, BootyHome home, PluginTls tls, String hostAddress) {
    PluginTls.Start startTls = tls.issueForStart(spec.id());
    List<String> command = new ArrayList<>();
    command.add("setsid");
    command.addAll(spec.command());
    ProcessBuilder builder = new ProcessBuilder(command).directory(spec.folder().toFile());
    Map<String, String> env = builder.environment();
    env.put("BOOTY_PLUGIN", "d1f0c9a4-booty-plugin-handshake");
    env.put("BOOTY_PLUGIN_PROTOCOL_VERSIONS", Integer.toString(Handshake.PROTOCOL_VERSION));
    env.put("BOOTY_PLUGIN_ID", spec.id());
    env.put("BOOTY_PLUGIN_HOST", hostAddress);
    env.put("BOOTY_PLUGIN_TLS_DIR", startTls.pluginDir().toString());
    Instant started = Instant.now();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      startTls.delete();
      throw BootyException.failure(
          "plugin %s did not start: %s (%s: command)"
              .formatted(spec.id(), e.getMessage(), spec.source()));
    }
    Path log = home.pluginLog(spec.id());
    Path pidFile =
        home.pluginRuntime().resolve(spec.id() + "-" + ProcessHandle.current().pid() + ".pid");
    Deque<String> lines = new ArrayDeque<>();
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .name("plugin-" + spec.id() + "-stderr")
            .start(() -> copyLines(process, process.getErrorStream(), log, "", lines));
    PluginProcess plugin = new PluginProcess(spec, process, lines, reader, pidFile);
    RUNNING.add(plugin);
    try {
      Files.createDirectories(pidFile.getParent());
      Files.writeString(pidFile, process.pid() + "\n");
      plugin.handshake(started, startTls, log);
      return plugin;
    } catch (IOException e) {
      plugin.kill();
      throw BootyException.failure("cannot write " + pidFile + ": " + e.getMessage());
    } catch (RuntimeException e) {
      plugin.kill();
      throw e;
    } finally {
      startTls.delete();
    }
  }

  private void handshake(Instant started, PluginTls.Start tls, Path log) {
    CompletableFuture<String> first = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("plugin-" + spec.id() + "-stdout")
        .start(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line = in.readLine();
                first.complete(line);
                if (line != null) {
                  copyLines(process, in, log, "stdout: ");
                }
              } catch (IOException e) {
                first.complete(null);
              }
            });
    String line;
    try {
      line = first.get(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw failure(
          "printed no handshake line within %s (%s: timeouts.start)"
              .formatted(human(spec.startTimeout()), spec.source().getFileName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("was interrupted while booty waited for its handshake line");
    } catch (ExecutionException e) {
      throw failure("cannot be read: " + e.getCause());
    }
    if (line == null) {
      waitForExit(Duration.ofSeconds(2));
      throw failure(
          "did not start: its command exited with %s before its handshake (%s: command)"
              .formatted(exitText(), spec.source()));
    }
    Handshake h;
    try {
      h = Handshake.parse(line);
    } catch (IllegalArgumentException e) {
      throw failure(
          "'s first stdout line is not %s: '%s' (%s)"
              .formatted(Handshake.SHAPE, abbreviate(line), e.getMessage()));
    }
    if (h.core() != Handshake.CORE || h.app() != Handshake.PROTOCOL_VERSION) {
      throw failure(
          "speaks plugin protocol %d (handshake %d); this booty speaks %d"
              .formatted(h.app(), h.core(), Handshake.PROTOCOL_VERSION));
    }
    if (!h.network().equals("tcp") || !h.protocol().equals("grpc")) {
      throw failure(
          "offers %s over %s; booty speaks grpc over tcp".formatted(h.protocol(), h.network()));
    }
    byte[] issued = PluginTls.der(tls.pluginCertificate());
    if (!Arrays.equals(issued, h.certificate())) {
      throw failure("'s handshake names another certificate than booty issued for this start");
    }
    this.handshake = h;
    this.certificates =
        new Certificates(
            PluginTls.certificate(tls.pluginCertificate()),
            PluginTls.certificate(tls.bootyCertificate()));
    try {
      channel =
          NettyChannelBuilder.forAddress(
                  h.host(),
                  h.port(),
                  TlsChannelCredentials.newBuilder()
                      .keyManager(tls.bootyCertificate().toFile(), tls.bootyKey().toFile())
                      .trustManager(new PinnedTrust(spec.id(), issued))
                      .build())
              .build();
    } catch (IOException e) {
      throw failure("cannot be reached: " + e.getMessage());
    }
    this.handshakeTime = Duration.between(started, Instant.now());
    HealthCheckResponse.ServingStatus status = health(Duration.ofSeconds(5));
    if (status != HealthCheckResponse.ServingStatus.SERVING) {
      throw failure("says it is " + status + ", not SERVING");
    }
    try {
      description =
          PluginGrpc.newBlockingStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .describe(Empty.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw failure("did not describe itself: " + statusText(e));
    }
  }

  /** The plugin's health as its Health service says, or a failure naming why it cannot say. */
  public HealthCheckResponse.ServingStatus health(Duration deadline) {
    try {
      return HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService("plugin").build())
          .getStatus();
    } catch (StatusRuntimeException e) {
      String address = handshake == null ? "" : " at " + handshake.address();
      String foreign = foreignAnswer(e);
      if (foreign != null) {
        throw failure("answered something that is not its protocol" + address + ": " + foreign);
      }
      throw failure(
          "did not answer its health check within %s%s: %s"
              .formatted(human(deadline), address, statusText(e)));
    }
  }

  /**
   * A gRPC failure in one line: its code, the first line of its description and of its root cause's
   * message (Netty's descriptions carry pipelines and stack traces).
   */
  static String statusText(StatusRuntimeException e) {
    Status status = e.getStatus();
    StringBuilder text = new StringBuilder(status.getCode().toString());
    if (status.getDescription() != null) {
      text.append(": ").append(firstLine(status.getDescription()));
    }
    Throwable root = status.getCause();
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != null) {
      text.append(" (").append(root.getClass().getSimpleName());
      if (root.getMessage() != null) {
        text.append(": ").append(firstLine(root.getMessage()));
      }
      text.append(")");
    }
    return text.toString();
  }

  /**
   * What answered instead of TLS, when the plugin's address answered bytes that are no TLS record
   * ({@code its first bytes were '220 hello'}); null for any other failure.
   */
  static String foreignAnswer(StatusRuntimeException e) {
    for (Throwable t = e.getStatus().getCause(); t != null; t = t.getCause()) {
      if (t instanceof NotSslRecordException) {
        // Netty's message: "not an SSL/TLS record: HEX OF THE FIRST BYTES"
        String message = t.getMessage() == null ? "" : t.getMessage();
        String hex = message.substring(message.lastIndexOf(':') + 1).strip();
        return "no TLS record came back, its first bytes were '" + printable(hex) + "'";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** Hex digits as text, non-printable bytes as {@code \xNN}, cut after 60 bytes. */
  private static String printable(String hex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < hex.length() && i < 120; i += 2) {
      int b;
      try {
        b = Integer.parseInt(hex.substring(i, i + 2), 16);
      } catch (NumberFormatException e) {
        return hex;
      }
      if (b >= 0x20 && b < 0x7f) {
        out.append((char) b);
      } else {
        out.append("\\x%02x".formatted(b));
      }
    }
    return hex.length() > 120 ? out + "..." : out.toString();
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  public String id() {
    return spec.id();
  }

  public long pid() {
    return process.pid();
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** How long launch to handshake line took. */
  public Duration handshakeTime() {
    return handshakeTime;
  }

  /** The plugin protocol version it speaks. */
  public int protocol() {
    return handshake.app();
  }

  /** The leaves issued for this start. */
  public Certificates certificates() {
    return certificates;
  }

  /** What it said of itself ({@code Plugin.Describe}). */
  public Description description() {
    return description;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits up to {@code limit} for the process to end; true when it has. */
  boolean waitForExit(Duration limit) {
    try {
      boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (ended) {
        stderrReader.join(1000);
      }
      return ended;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** {@code exit 137: killed by SIGKILL}, {@code exit 1}, or {@code still running}. */
  String exitText() {
    if (process.isAlive()) {
      return "still running";
    }
    int code = process.exitValue();
    String signal = code > 128 ? SIGNALS.get(code - 128) : null;
    return signal == null ? "exit " + code : "exit " + code + ": killed by " + signal;
  }

  private static final Map<Integer, String> SIGNALS = new HashMap<>();

  static {
    SIGNALS.put(1, "SIGHUP");
    SIGNALS.put(2, "SIGINT");
    SIGNALS.put(6, "SIGABRT");
    SIGNALS.put(9, "SIGKILL");
    SIGNALS.put(11, "SIGSEGV");
    SIGNALS.put(15, "SIGTERM");
  }

  /** The last stderr lines, oldest first. */
  public List<String> lastStderr() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  /** "; its last stderr lines: ..." or "" when it wrote none. */
  String stderrTail() {
    List<String> lines = lastStderr();
    return lines.isEmpty()
        ? "; it wrote nothing on stderr"
        : "; its last stderr lines:\n  " + String.join("\n  ", lines);
  }

  /** A failure naming this plugin; {@code what} follows "plugin ID " (or "plugin ID's"). */
  BootyException failure(String what) {
    String sep = what.startsWith("'") ? "" : " ";
    return BootyException.failure("plugin " + spec.id() + sep + what + stderrTail());
  }

  /** Asks the plugin to stop (1 s), waits for it (3 s), then kills its process group. */
  @Override
  public void close() {
    if (process.isAlive() && channel != null) {
      try {
        ControllerGrpc.newBlockingStub(channel)
            .withDeadlineAfter(1, TimeUnit.SECONDS)
            .shutdown(Empty.getDefaultInstance());
        process.waitFor(3, TimeUnit.SECONDS);
      } catch (StatusRuntimeException e) {
        // it did not answer: the group is killed below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    kill();
  }

  /** Kills the plugin's process group at once, closes the channel and removes the pid file. */
  void kill() {
    RUNNING.remove(this);
    // setsid made the plugin a group leader: its pid is the group id
    ProcessGroup.kill(process.pid());
    process.destroyForcibly();
    if (channel != null) {
      channel.shutdownNow();
    }
    try {
      process.getOutputStream().close();
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // gone already
    }
  }

  /**
   * Kills the process groups of pid files left by booty processes that are gone (killed hard) and
   * removes those files.
   */
  public static void reapOrphans(BootyHome home) {
    Path dir = home.pluginRuntime();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        String name = f.getFileName().toString();
        long bootyPid =
            Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - 4));
        if (ProcessHandle.of(bootyPid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        ProcessGroup.kill(Long.parseLong(Files.readString(f).strip()));
        Files.deleteIfExists(f);
      }
    } catch (IOException | NumberFormatException e) {
      // an unreadable pid file is left for the next start
    }
  }

  private static void copyLines(
      Process process, java.io.InputStream in, Path log, String prefix, Deque<String> keep) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      copyLines(process, reader, log, prefix, keep);
    } catch (IOException e) {
      // the pipe closed
    }
  }

  private void copyLines(Process process, BufferedReader in, Path log, String prefix)
      throws IOException {
    copyLines(process, in, log, prefix, null);
  }

  private static void copyLines(
      Process process, BufferedReader in, Path log, String prefix, Deque<String> keep)
      throws IOException {
    Files.createDirectories(log.getParent());
    if (Files.isRegularFile(log) && Files.size(log) > LOG_ROTATE_BYTES) {
      Files.move(
          log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
    try (Writer out =
        Files.newBufferedWriter(
            log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (keep != null) {
          synchronized (keep) {
            keep.addLast(line);
            if (keep.size() > STDERR_LINES) {
              keep.removeFirst();
            }
          }
        }
        out.write(Instant.now() + " [pid " + process.pid() + "] " + prefix + line + "\n");
        out.flush();
      }
    }
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String abbreviate(String line) {
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }
}
