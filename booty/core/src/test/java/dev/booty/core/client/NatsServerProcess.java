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
 * in {@code dir} and server tags; {@link #close} kills it.
 */
final class NatsServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private NatsServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Core NATS only. */
  static NatsServerProcess start() throws IOException, InterruptedException {
    return start(null);
  }

  /**
   * With JetStream storing in {@code dir} when it is not null, tagged {@code tags} (e.g. {@code
   * dc:dallas}).
   */
  static NatsServerProcess start(Path dir, String... tags)
      throws IOException, InterruptedException {
    int port = freePort();
    return launch(port, config(port, dir == null ? null : dir.resolve("js-" + port), tags));
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
        out.add(launch(ports[i], conf));
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

  private static NatsServerProcess launch(int port, CharSequence conf)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("nats-" + port + "-", ".conf");
    Files.writeString(file, conf);
    file.toFile().deleteOnExit();
    Process p =
        new ProcessBuilder(natsServer().toString(), "-c", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    NatsServerProcess server = new NatsServerProcess(p, port);
    try {
      awaitPort(port);
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

  String url() {
    return "nats://127.0.0.1:" + port;
  }

  long pid() {
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
