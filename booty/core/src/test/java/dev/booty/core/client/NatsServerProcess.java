package dev.booty.core.client;

import static dev.booty.core.testing.TestBinaries.awaitPort;
import static dev.booty.core.testing.TestBinaries.natsServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real nats-server (booty's default version) on a free loopback port, optionally with JetStream
 * in {@code dir}, server tags and a WebSocket listener; {@link #close} kills it.
 */
public final class NatsServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final int wsPort;

  private NatsServerProcess(Process process, int port, int wsPort) {
    this.process = process;
    this.port = port;
    this.wsPort = wsPort;
  }

  /** Core NATS only. */
  public static NatsServerProcess start() throws IOException, InterruptedException {
    return start(null);
  }

  /**
   * With JetStream storing in {@code dir} when it is not null, tagged {@code tags} (e.g. {@code
   * dc:dallas}).
   */
  public static NatsServerProcess start(Path dir, String... tags)
      throws IOException, InterruptedException {
    int port = freePort();
    return launch(port, 0, config(port, dir == null ? null : dir.resolve("js-" + port), tags));
  }

  /**
   * Also listening for WebSocket clients (plain ws, no TLS) on another free port ({@link
   * #wsUrl()}), as browser clients connect; with JetStream in {@code dir} when it is not null.
   */
  public static NatsServerProcess withWebsocket(Path dir, String... tags)
      throws IOException, InterruptedException {
    return websocket(dir, "", tags);
  }

  /**
   * With a WebSocket listener, no JetStream, and {@code extra} appended to its configuration (an
   * operator and its accounts, say).
   */
  public static NatsServerProcess withWebsocketConfig(String extra)
      throws IOException, InterruptedException {
    return websocket(null, extra);
  }

  private static NatsServerProcess websocket(Path dir, String extra, String... tags)
      throws IOException, InterruptedException {
    int port = freePort();
    int ws = freePort();
    StringBuilder conf = config(port, dir == null ? null : dir.resolve("js-" + port), tags);
    conf.append(extra).append('\n');
    conf.append("websocket { listen: \"127.0.0.1:").append(ws).append("\", no_tls: true }\n");
    return launch(port, ws, conf);
  }

  /**
   * A JetStream cluster of {@code n} servers routed to each other, storing under {@code dir}, each
   * tagged {@code tags}; JetStream answers once they elected a meta leader.
   */
  static List<NatsServerProcess> cluster(Path dir, int n, String... tags)
      throws IOException, InterruptedException {
    int[] ports = new int[n];
    int[] routes = new int[n];
    for (int i = 0; i < n; i++) {
      ports[i] = freePort();
      routes[i] = freePort();
    }
    List<NatsServerProcess> out = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        StringBuilder conf = config(ports[i], dir.resolve("js-" + ports[i]), tags);
        conf.append("cluster { name: \"test\", listen: \"127.0.0.1:")
            .append(routes[i])
            .append("\", routes: [");
        for (int j = 0; j < n; j++) {
          conf.append(j > 0 ? ", " : "")
              .append("\"nats://127.0.0.1:")
              .append(routes[j])
              .append('"');
        }
        conf.append("] }\n");
        out.add(launch(ports[i], 0, conf));
      }
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      for (NatsServerProcess s : out) {
        s.close();
      }
      throw e;
    }
    return out;
  }

  private static StringBuilder config(int port, Path store, String... tags) {
    StringBuilder conf = new StringBuilder();
    conf.append("listen: \"127.0.0.1:").append(port).append("\"\n");
    conf.append("server_name: \"test-").append(port).append("\"\n");
    if (store != null) {
      conf.append("jetstream { store_dir: \"").append(store).append("\" }\n");
    }
    if (tags.length > 0) {
      conf.append("server_tags: [");
      for (int i = 0; i < tags.length; i++) {
        conf.append(i > 0 ? ", " : "").append('"').append(tags[i]).append('"');
      }
      conf.append("]\n");
    }
    return conf;
  }

  private static NatsServerProcess launch(int port, int wsPort, CharSequence conf)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("nats-" + port + "-", ".conf");
    Files.writeString(file, conf);
    file.toFile().deleteOnExit();
    Process p =
        new ProcessBuilder(natsServer().toString(), "-c", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    NatsServerProcess server = new NatsServerProcess(p, port, wsPort);
    try {
      awaitPort(port);
      if (wsPort != 0) {
        awaitPort(wsPort);
      }
    } catch (AssertionError | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  /** The WebSocket listener's URL; only of a server started {@link #withWebsocket}. */
  public String wsUrl() {
    if (wsPort == 0) {
      throw new IllegalStateException("nats-server " + url() + " has no WebSocket listener");
    }
    return "ws://127.0.0.1:" + wsPort;
  }

  public long pid() {
    return process.pid();
  }

  /** Sends {@code signal} (STOP, CONT) to the server. */
  void signal(String signal) throws IOException, InterruptedException {
    int code = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).start().waitFor();
    if (code != 0) {
      throw new IOException("kill -" + signal + " " + pid() + " exited " + code);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
