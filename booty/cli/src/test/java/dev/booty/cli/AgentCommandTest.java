package dev.booty.cli;

import static dev.booty.core.testing.TestBinaries.awaitPort;
import static dev.booty.core.testing.TestBinaries.natsServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.booty.cli.support.Booty;
import dev.booty.core.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code booty agent}, {@code booty nodes} and {@code booty cmd} in-process against a real
 * nats-server as the control plane (no auth), a second real nats-server as the node's local server,
 * and a stand-in for the DC's Consul agent listing it. The agent reaches the control plane through
 * a proxy the test can freeze, as when a node dies without closing its connections.
 */
class AgentCommandTest {
  @TempDir Path home;

  private final List<Process> processes = new ArrayList<>();
  private HttpServer consul;
  private Proxy proxy;
  private Thread agent;

  @AfterEach
  void cleanUp() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (agent != null) {
      agent.interrupt();
      agent.join(5000);
    }
    if (consul != null) {
      consul.stop(0);
    }
    for (Process p : processes) {
      p.destroy();
      p.waitFor();
    }
  }

  @Test
  void nodesListTheAgentAndCommandsReachIt() throws Exception {
    Path natsServer = natsServer();
    int controlPort = freePort();
    start(natsServer, "-a", "127.0.0.1", "-p", String.valueOf(controlPort), "-n", "control");
    int localPort = freePort();
    int monitorPort = freePort();
    Process local =
        start(
            natsServer,
            "-a",
            "127.0.0.1",
            "-p",
            String.valueOf(localPort),
            "-m",
            String.valueOf(monitorPort),
            "-n",
            "fake-1");
    consul = fakeConsul(localPort, monitorPort);
    awaitPort(controlPort);
    awaitPort(monitorPort);
    proxy = new Proxy(controlPort);
    String url = "nats://127.0.0.1:" + controlPort;

    ByteArrayOutputStream agentErr = new ByteArrayOutputStream();
    agent =
        Thread.ofPlatform()
            .start(
                () ->
                    Main.run(
                        new PrintStream(OutputStream.nullOutputStream()),
                        new PrintStream(agentErr, true, StandardCharsets.UTF_8),
                        new HashMap<>(System.getenv()),
                        "agent",
                        "--control-plane",
                        "nats://127.0.0.1:" + proxy.port(),
                        "--node",
                        "n1",
                        "--dc",
                        "d1",
                        "--scenario",
                        "demo",
                        "--consul",
                        "http://127.0.0.1:" + consul.getAddress().getPort(),
                        "--heartbeat",
                        "200ms",
                        "--telemetry",
                        "1s",
                        "--nats-server",
                        natsServer.toString()));

    Booty booty = new Booty(home, null);
    Booty.Run nodes = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      nodes = booty.run("nodes", "--control-plane", url, "--wait", "400ms");
      if (nodes.out().contains("n1")) {
        break;
      }
    }
    assertThat(nodes.exitCode()).as(nodes + "\nagent:\n" + agentErr).isZero();
    assertThat(nodes.out())
        .contains("NODE", "DC", "SCENARIO", "VERSION", "LAST HEARTBEAT", "UPTIME", "SERVERS")
        .containsPattern("n1 +d1 +demo +.* s ago +\\d+s +fake-1");

    Booty.Run ping = booty.run("cmd", "--control-plane", url, "n1", "ping");
    assertThat(ping.exitCode()).as(ping.toString()).isZero();
    assertThat(ping.out())
        .containsPattern("n1 +- +OK +[0-9.]+ ms +rtt [0-9.]+ ms, agent clock")
        .contains("1 of 1 answered");

    Booty.Run stats = booty.run("cmd", "--control-plane", url, "n1", "stats", "--json");
    assertThat(stats.exitCode()).as(stats.toString()).isZero();
    JsonNode varz = Json.MAPPER.readTree(stats.out()).at("/nodes/0/result/servers/fake-1/varz");
    assertThat(varz.path("server_name").asText()).isEqualTo("fake-1");
    assertThat(varz.path("port").asInt()).isEqualTo(localPort);

    Booty.Run bogus = booty.run("cmd", "--control-plane", url, "all", "bogus");
    assertThat(bogus.exitCode()).isEqualTo(2);
    assertThat(bogus.err())
        .contains("unknown command 'bogus'; known: ping, status, stats, lame-duck");

    Booty.Run nobody = booty.run("cmd", "--control-plane", url, "--wait", "500ms", "n2", "ping");
    assertThat(nobody.exitCode()).as(nobody.toString()).isEqualTo(2);
    assertThat(nobody.err()).contains("no node 'n2': no agent is connected for it", "heard: n1");

    Booty.Run dc = booty.run("cmd", "--control-plane", url, "--wait", "500ms", "dc:d1", "status");
    assertThat(dc.exitCode()).as(dc.toString()).isZero();
    assertThat(dc.out())
        .containsPattern("n1 +d1 +OK")
        .contains("\"servers\":{\"fake-1\":\"healthy\"}", "1 of 1 answered");

    Booty.Run duck =
        booty.run("cmd", "--control-plane", url, "n1", "lame-duck", "--server", "fake-1", "--json");
    assertThat(duck.exitCode()).as(duck.toString()).isZero();
    assertThat(Json.MAPPER.readTree(duck.out()).at("/nodes/0/result/pid").asLong())
        .isEqualTo(local.pid());
    assertThat(local.waitFor(5, java.util.concurrent.TimeUnit.SECONDS))
        .as("fake-1 left in lame-duck mode")
        .isTrue();

    proxy.freeze();
    Booty.Run silent = booty.run("cmd", "--control-plane", url, "--timeout", "1s", "n1", "ping");
    assertThat(silent.exitCode()).as(silent.toString()).isEqualTo(1);
    assertThat(silent.out())
        .containsPattern("n1 +- +TIMEOUT")
        .contains("0 of 1 answered; no answer from: n1");

    proxy.close();
    agent.interrupt();
    agent.join(5000);
    assertThat(agent.isAlive()).as("the agent ends when interrupted").isFalse();
    assertThat(agentErr.toString(StandardCharsets.UTF_8))
        .contains("booty agent n1: connected to nats://127.0.0.1:" + proxy.port())
        .contains("booty agent n1: stopped");

    // an agent that is gone (its connection closed) is no node at all
    Booty.Run gone = booty.run("cmd", "--control-plane", url, "--wait", "300ms", "n1", "ping");
    assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(2);
    assertThat(gone.err())
        .contains("no node 'n1': no agent is connected for it", "no agents heard in 0.3 s");
    Booty.Run none = booty.run("nodes", "--control-plane", url, "--wait", "300ms");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).isEqualTo("no agents heard in 0.3 s\n");
  }

  @Test
  void badUsageIsRefusedBeforeAnythingIsSent() {
    Booty booty = new Booty(home, null);
    // no control plane runs on port 1: these fail before connecting, with exit 2
    String url = "nats://127.0.0.1:1";
    Booty.Run noServer = booty.run("cmd", "--control-plane", url, "n1", "lame-duck");
    assertThat(noServer.exitCode()).isEqualTo(2);
    assertThat(noServer.err()).contains("command 'lame-duck' needs argument 'server'");
    Booty.Run extra = booty.run("cmd", "--control-plane", url, "all", "ping", "--server", "x");
    assertThat(extra.exitCode()).isEqualTo(2);
    assertThat(extra.err()).contains("command 'ping' takes no arguments; got server");
    Booty.Run badTarget = booty.run("cmd", "--control-plane", url, "a.b", "ping");
    assertThat(badTarget.exitCode()).isEqualTo(2);
    assertThat(badTarget.err()).contains("target 'a.b' cannot be a subject token");
    Booty.Run badWait = booty.run("nodes", "--control-plane", url, "--wait", "soon");
    assertThat(badWait.exitCode()).isEqualTo(2);
    assertThat(badWait.err()).contains("'soon' is not a duration");
    Booty.Run agent = booty.run("agent", "--control-plane", url, "--node", "a.b", "--dc", "d1");
    assertThat(agent.exitCode()).isEqualTo(2);
    assertThat(agent.err()).contains("'a.b' cannot be a subject token");
    // the right command against a control plane that is not there: a failure naming it
    Booty.Run down = booty.run("cmd", "--control-plane", url, "n1", "ping");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err())
        .contains("cannot connect to the control plane at nats://127.0.0.1:1 (no creds): ");
    // and without a stack in the home there are no creds to connect with
    Booty.Run noStack = booty.run("nodes");
    assertThat(noStack.exitCode()).isEqualTo(1);
    assertThat(noStack.err())
        .contains("no control-plane creds at " + home.resolve("stack/nats/creds/booty.creds"));
  }

  private Process start(Path binary, String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of(binary.toString()));
    argv.addAll(List.of(args));
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    processes.add(p);
    return p;
  }

  /** A Consul agent's {@code /v1/agent/services} with one nats-server and one other service. */
  private static HttpServer fakeConsul(int clientPort, int monitorPort) throws IOException {
    String body =
        "{\"demo-nats-1\":{\"ID\":\"demo-nats-1\",\"Service\":\"demo-nats\",\"Address\":\"127.0.0.1\","
            + "\"Port\":"
            + clientPort
            + ",\"Meta\":{\"nats_server\":\"fake-1\",\"dc\":\"d1\","
            + "\"monitor_port\":\""
            + monitorPort
            + "\"}},"
            + "\"web\":{\"ID\":\"web\",\"Service\":\"web\",\"Address\":\"127.0.0.1\",\"Port\":80,\"Meta\":{}}}";
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/agent/services",
        exchange -> {
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, b.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
    return server;
  }

  /** A TCP proxy to a local port that can stop forwarding while keeping its connections open. */
  static final class Proxy implements AutoCloseable {
    private final ServerSocket listener =
        new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

    Proxy(int upstream) throws IOException {
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  while (true) {
                    Socket client = listener.accept();
                    Socket server = new Socket("127.0.0.1", upstream);
                    sockets.add(client);
                    sockets.add(server);
                    pump(client, server);
                    pump(server, client);
                  }
                } catch (IOException e) {
                  // closed
                }
              });
    }

    int port() {
      return listener.getLocalPort();
    }

    void freeze() {
      frozen = true;
    }

    private void pump(Socket from, Socket to) {
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                byte[] buf = new byte[8192];
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  int n;
                  while ((n = in.read(buf)) >= 0) {
                    while (frozen && !from.isClosed()) {
                      Thread.sleep(50);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                  }
                } catch (IOException | InterruptedException e) {
                  // one side closed
                } finally {
                  close(from);
                  close(to);
                }
              });
    }

    private static void close(Socket s) {
      try {
        s.close();
      } catch (IOException e) {
        // already
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      sockets.forEach(Proxy::close);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
