package dev.booty.core.backchannel.agent;

import static dev.booty.core.testing.TestBinaries.awaitPort;
import static dev.booty.core.testing.TestBinaries.natsServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.booty.core.backchannel.protocol.Protocol;
import dev.booty.core.backchannel.protocol.Subjects;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signals to a real nats-server that a (fake) Consul lists: each answer says when the agent
 * signalled, and the process is found by its listening socket, not by its (absent) pid in /varz.
 */
class CommandHandlerSignalTest {
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678901Z");

  Process server;
  HttpServer consul;
  CommandHandler handler;

  @BeforeEach
  void start() throws Exception {
    int port = freePort();
    int monitor = freePort();
    server =
        new ProcessBuilder(
                natsServer().toString(),
                "-a",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-m",
                String.valueOf(monitor))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitPort(monitor);
    byte[] services =
        ("{\"nats-dal-1\":{\"Address\":\"127.0.0.1\",\"Meta\":{\"nats_server\":\"dal-1\","
                + "\"monitor_port\":\""
                + monitor
                + "\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    consul = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    consul.createContext(
        "/v1/agent/services",
        x -> {
          x.sendResponseHeaders(200, services.length);
          x.getResponseBody().write(services);
          x.close();
        });
    consul.start();
    URI uri = URI.create("http://127.0.0.1:" + consul.getAddress().getPort());
    handler =
        new CommandHandler(
            CommandHandlerTest.CONFIG,
            new AgentServers(uri, line -> {}),
            NOW,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.destroyForcibly();
    consul.stop(0);
  }

  Protocol.Reply send(String command) {
    String payload = command.equals("status") ? "{\"v\":1}" : "{\"v\":1,\"server\":\"dal-1\"}";
    return handler.handle(
        Subjects.command("local-3dc-dallas", command), payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void stopStartAndKillSayWhenTheySignalledTheProcess() throws Exception {
    assertThat(send("status").result().path("servers").get(0).path("healthy").asBoolean()).isTrue();

    Protocol.Reply stopped = send("stop");
    assertThat(stopped.ok()).as(stopped.error()).isTrue();
    assertThat(stopped.result().path("pid").asLong()).isEqualTo(server.pid());
    assertThat(stopped.result().path("signal").asText()).isEqualTo("SIGSTOP");
    assertThat(stopped.result().path("at").asText()).isEqualTo(NOW.toString());
    assertThat(settled(server.pid(), true)).isEqualTo("T");

    Protocol.Reply thawed = send("start");
    assertThat(thawed.ok()).as(thawed.error()).isTrue();
    assertThat(thawed.result().path("at").asText()).isEqualTo(NOW.toString());
    assertThat(settled(server.pid(), false)).isNotEqualTo("T");

    Protocol.Reply killed = send("kill");
    assertThat(killed.ok()).as(killed.error()).isTrue();
    assertThat(killed.result().path("signal").asText()).isEqualTo("SIGKILL");
    assertThat(killed.result().path("at").asText()).isEqualTo(NOW.toString());
    assertThat(server.waitFor(5, TimeUnit.SECONDS)).isTrue();

    // the remembered pid went with its process: nothing listens any more
    Protocol.Reply again = send("kill");
    assertThat(again.ok()).isFalse();
    assertThat(again.error()).startsWith("cannot find the process of nats-server dal-1: nothing");
  }

  /** The process's state once it is (or is no longer) stopped: delivery takes a moment. */
  private static String settled(long pid, boolean stopped) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    String s = state(pid);
    while (s.equals("T") != stopped && System.nanoTime() < deadline) {
      Thread.sleep(20);
      s = state(pid);
    }
    return s;
  }

  private static String state(long pid) throws Exception {
    // /proc/PID/stat: "pid (comm) S ...", the state after the command's closing parenthesis
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
