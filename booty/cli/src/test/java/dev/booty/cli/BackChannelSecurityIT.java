package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.BootyException;
import dev.booty.core.stack.NatsTrust;
import dev.booty.core.stack.StackPorts;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The back channel on the real stack: an agent's creds let it publish and hear only its own
 * subjects (the server refuses the rest), and telemetry it publishes reaches VictoriaMetrics
 * through the supervisor's collector, where {@code booty metrics query} finds it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackChannelSecurityIT {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  Path tmp;
  Booty booty;
  Map<String, Integer> port = new HashMap<>();
  String natsUrl;

  @BeforeAll
  void up(@TempDir Path dir) throws Exception {
    tmp = dir;
    booty = new Booty(tmp.resolve("home"), null);
    Booty.Run install =
        booty.run(
            "install", "--quiet", "nomad", "consul", "nats-server", "victoria-metrics", "caddy");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    List<String> args = new ArrayList<>(List.of("up"));
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String name : StackPorts.names()) {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(socket);
        port.put(name, socket.getLocalPort());
        args.add("--port");
        args.add(name + "=" + socket.getLocalPort());
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    Booty.Run up = booty.run(args.toArray(String[]::new));
    assertThat(up.exitCode()).as(up.toString()).isZero();
    natsUrl = "nats://127.0.0.1:" + port.get("nats.client");
  }

  @AfterAll
  void down() {
    booty.run("down");
  }

  @Test
  @Order(1)
  void anAgentPublishesAndHearsOnlyItsOwnSubjectsAndAnswersRequests() throws Exception {
    List<String> errors = new CopyOnWriteArrayList<>();
    BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
    try (Connection operator = connect(bootyCreds(), new ArrayList<>());
        Connection agent = connect(agentCreds("n1"), errors)) {
      operator.createDispatcher(seen::add).subscribe("booty.>");
      operator.flush(Duration.ofSeconds(5));

      // its heartbeat reaches booty
      agent.publish("booty.agent.hb.n1", "{\"v\":1}".getBytes());
      assertThat(next(seen).getSubject()).isEqualTo("booty.agent.hb.n1");

      // it hears its commands and answers the request, once: a second answer is refused
      agent
          .createDispatcher(
              m -> {
                agent.publish(m.getReplyTo(), "{\"v\":1,\"ok\":true}".getBytes());
                agent.publish(m.getReplyTo(), "{\"v\":1,\"ok\":false}".getBytes());
              })
          .subscribe("booty.cmd.n1.>");
      agent.flush(Duration.ofSeconds(5));
      Message reply =
          operator.request("booty.cmd.n1.ping", "{\"v\":1}".getBytes(), Duration.ofSeconds(5));
      assertThat(reply).as("the agent's reply").isNotNull();
      assertThat(new String(reply.getData())).isEqualTo("{\"v\":1,\"ok\":true}");
      awaitError(errors, "Permissions Violation for Publish to \"" + reply.getSubject() + "\"");

      // another node's command and heartbeat subjects, and an inbox nobody asked it to answer
      agent.publish("booty.cmd.n2.ping", "{\"v\":1}".getBytes());
      agent.publish("booty.agent.hb.n2", "{\"v\":1}".getBytes());
      agent.publish("_INBOX.forged", "{\"v\":1}".getBytes());
      agent.publish("booty.agent.hb.n1", "marker".getBytes());
      // the agent's messages arrive in order: what came before the marker is all booty heard
      List<String> heard = new ArrayList<>();
      for (Message m = next(seen); !new String(m.getData()).equals("marker"); m = next(seen)) {
        heard.add(m.getSubject());
      }
      assertThat(heard)
          .as("what booty heard besides its own request")
          .allMatch(subject -> subject.equals("booty.cmd.n1.ping"));
      awaitError(errors, "Permissions Violation for Publish to \"booty.cmd.n2.ping\"");
      awaitError(errors, "Permissions Violation for Publish to \"booty.agent.hb.n2\"");
      awaitError(errors, "Permissions Violation for Publish to \"_INBOX.forged\"");

      // another node's commands cannot be read
      BlockingQueue<Message> stolen = new LinkedBlockingQueue<>();
      BlockingQueue<Message> own = new LinkedBlockingQueue<>();
      agent.createDispatcher(stolen::add).subscribe("booty.cmd.n2.>");
      agent.createDispatcher(own::add).subscribe("booty.cmd.n1.marker");
      agent.flush(Duration.ofSeconds(5));
      awaitError(errors, "Permissions Violation for Subscription to \"booty.cmd.n2.>\"");
      operator.publish("booty.cmd.n2.lame-duck", "{\"v\":1}".getBytes());
      operator.publish("booty.cmd.n1.marker", "{\"v\":1}".getBytes());
      assertThat(own.poll(5, TimeUnit.SECONDS)).as("the agent's own command").isNotNull();
      assertThat(stolen).as("another node's command").isEmpty();
      assertThat(agent.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  @Test
  @Order(2)
  void aNodeNameThatIsNotOneSubjectTokenGetsNoCreds() {
    NatsTrust trust = NatsTrust.ensure(tmp.resolve("home/stack/nats"));
    for (String bad : List.of("a.b", "n*", "n>", "has space", "")) {
      assertThatThrownBy(() -> trust.agentCreds(bad))
          .isInstanceOf(BootyException.class)
          .hasMessageStartingWith("node name '" + bad + "' cannot be an agent's identity");
    }
  }

  @Test
  @Order(2)
  void aBrowserPageReportsOverWebSocketAndMayDoNothingElse() throws Exception {
    Path creds = tmp.resolve("reports.creds");
    Files.writeString(
        creds, NatsTrust.ensure(tmp.resolve("home/stack/nats")).reportCreds("sc", "run1"));
    List<String> errors = new CopyOnWriteArrayList<>();
    BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
    String ws = "ws://127.0.0.1:" + port.get("nats.websocket");
    try (Connection operator = connect(bootyCreds(), new ArrayList<>());
        Connection page = connect(ws, creds, errors)) {
      operator.createDispatcher(seen::add).subscribe("booty.>");
      operator.flush(Duration.ofSeconds(5));
      assertThat(page.getConnectedUrl()).startsWith("ws://");

      page.publish("booty.clients.sc.finish", "run1".getBytes());
      page.publish("booty.clients.other.report", "{}".getBytes());
      page.publish("booty.clients.sc.report", "{\"v\":1}".getBytes());
      Message first = next(seen);
      assertThat(first.getSubject()).isEqualTo("booty.clients.sc.report");
      awaitError(errors, "Permissions Violation for Publish to \"booty.clients.sc.finish\"");
      awaitError(errors, "Permissions Violation for Publish to \"booty.clients.other.report\"");
      // it hears nothing: not even its own scenario's requests
      page.createDispatcher(m -> {}).subscribe("booty.clients.sc.finish");
      page.flush(Duration.ofSeconds(5));
      awaitError(errors, "Permissions Violation for Subscription to \"booty.clients.sc.finish\"");
    }
  }

  @Test
  @Order(3)
  void telemetryReachesVictoriaMetricsAndBootyMetricsQueryShowsIt() throws Exception {
    String payload =
        """
        {"v":1,"node":"dal-agent","dc":"dallas","scenario":"it","time":%d,
         "samples":[{"name":"nats_server_connections","labels":{"server":"dal-1"},"value":7}]}"""
            .formatted(System.currentTimeMillis());
    try (Connection agent = connect(agentCreds("dal-agent"), new ArrayList<>())) {
      agent.publish("booty.telemetry.dal-agent", payload.getBytes(StandardCharsets.UTF_8));
      agent.flush(Duration.ofSeconds(5));
    }
    String vm = victoriaMetrics();
    String query =
        vm
            + "/api/v1/query?nocache=1&query="
            + URLEncoder.encode("nats_server_connections{dc=\"dallas\"}", StandardCharsets.UTF_8);
    JsonNode result = Json.MAPPER.createArrayNode();
    for (int i = 0; i < 30 && result.isEmpty(); i++) {
      Thread.sleep(500);
      result = Json.MAPPER.readTree(get(query)).path("data").path("result");
    }
    assertThat(result).as("series of nats_server_connections{dc=\"dallas\"}").hasSize(1);
    JsonNode series = result.get(0);
    assertThat(Json.MAPPER.convertValue(series.path("metric"), STRING_MAP))
        .isEqualTo(
            Map.of(
                "__name__", "nats_server_connections",
                "node", "dal-agent",
                "dc", "dallas",
                "scenario", "it",
                "server", "dal-1"));
    assertThat(series.path("value").path(1).asText()).isEqualTo("7");

    Booty.Run table = booty.run("metrics", "query", "nats_server_connections");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out())
        .contains("SERIES")
        .contains(
            "nats_server_connections{dc=\"dallas\",node=\"dal-agent\",scenario=\"it\","
                + "server=\"dal-1\"}  7");
    Booty.Run json = booty.run("metrics", "query", "--json", "nats_server_connections");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode data = Json.MAPPER.readTree(json.out());
    assertThat(data.path("resultType").asText()).isEqualTo("vector");
    assertThat(data.path("result").get(0).path("metric").path("dc").asText()).isEqualTo("dallas");

    Booty.Run bad = booty.run("metrics", "query", "sum(");
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).contains("VictoriaMetrics refused the query sum(:");

    Booty.Run nowhere = new Booty(tmp.resolve("empty-home"), null).run("metrics", "query", "up");
    assertThat(nowhere.exitCode()).isEqualTo(1);
    assertThat(nowhere.err()).contains("the stack is not running; 'booty up' starts it");

    assertThat(Files.readString(tmp.resolve("home/stack/logs/supervisor.log")))
        .contains("started collector in the supervisor")
        .contains("collector: listening on booty.telemetry.>");
  }

  @Test
  @Order(4)
  void theCollectorListensAgainAfterTheSupervisorRestartsNats() throws Exception {
    long nats = natsService().path("pid").asLong();
    ProcessHandle.of(nats).orElseThrow().destroyForcibly();
    JsonNode restarted = natsService();
    for (int i = 0;
        i < 120
            && !(restarted.path("restarts").asInt() == 1 && restarted.path("healthy").asBoolean());
        i++) {
      Thread.sleep(500);
      restarted = natsService();
    }
    assertThat(restarted.path("healthy").asBoolean()).as(restarted.toString()).isTrue();

    // core NATS keeps nothing for a subscriber that is away: publish as an agent does, repeatedly
    String query =
        victoriaMetrics()
            + "/api/v1/query?nocache=1&query="
            + URLEncoder.encode("booty_it_after_restart", StandardCharsets.UTF_8);
    JsonNode result = Json.MAPPER.createArrayNode();
    try (Connection agent = connect(agentCreds("restart-agent"), new ArrayList<>())) {
      for (int i = 0; i < 30 && result.isEmpty(); i++) {
        agent.publish(
            "booty.telemetry.restart-agent",
            ("{\"v\":1,\"node\":\"restart-agent\",\"dc\":\"dallas\",\"scenario\":\"it\","
                    + "\"samples\":[{\"name\":\"booty_it_after_restart\",\"value\":9}]}")
                .getBytes(StandardCharsets.UTF_8));
        Thread.sleep(1000);
        result = Json.MAPPER.readTree(get(query)).path("data").path("result");
      }
    }
    assertThat(result).as("series written after NATS came back").hasSize(1);
    assertThat(result.get(0).path("value").path(1).asText()).isEqualTo("9");
    assertThat(Files.readString(tmp.resolve("home/stack/logs/supervisor.log")))
        .contains("collector: reconnected");
  }

  private JsonNode natsService() throws Exception {
    for (JsonNode s :
        Json.MAPPER.readTree(booty.run("status", "--json").out()).path("stack").path("services")) {
      if (s.path("name").asText().equals("nats")) {
        return s;
      }
    }
    throw new AssertionError("no nats service in booty status");
  }

  private Path bootyCreds() {
    return tmp.resolve("home/stack/nats/creds/booty.creds");
  }

  private Path agentCreds(String node) throws Exception {
    Path file = tmp.resolve("agent-" + node + ".creds");
    Files.writeString(file, NatsTrust.ensure(tmp.resolve("home/stack/nats")).agentCreds(node));
    return file;
  }

  private Connection connect(Path creds, List<String> errors) throws Exception {
    return connect(natsUrl, creds, errors);
  }

  private Connection connect(String url, Path creds, List<String> errors) throws Exception {
    return Nats.connect(
        new Options.Builder()
            .server(url)
            .authHandler(Nats.credentials(creds.toString()))
            .maxReconnects(0)
            .errorListener(
                new ErrorListener() {
                  @Override
                  public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                  }
                })
            .build());
  }

  private static Message next(BlockingQueue<Message> queue) throws InterruptedException {
    Message m = queue.poll(5, TimeUnit.SECONDS);
    assertThat(m).as("a message within 5 s").isNotNull();
    return m;
  }

  private static void awaitError(List<String> errors, String expected) throws Exception {
    for (int i = 0; i < 50 && errors.stream().noneMatch(e -> e.contains(expected)); i++) {
      Thread.sleep(100);
    }
    assertThat(errors).as("errors the server sent the agent").anyMatch(e -> e.contains(expected));
  }

  /** VictoriaMetrics with its password in the URL's user info ({@link #get} sends it). */
  private String victoriaMetrics() {
    return dev.booty.core.security.StackCredentials.victoriaMetrics(
            new dev.booty.core.home.BootyHome(tmp.resolve("home")),
            port.get("victoria-metrics.http"))
        .toString();
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            dev.booty.core.util.BasicAuth.request(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
