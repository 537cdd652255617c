package dev.booty.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.booty.core.util.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP side, with the real server and real requests; sources are fakes. */
class DashboardTest {
  static final String SECRET = "front-door-secret-for-tests";
  static final AtomicInteger NEXT_PORT = new AtomicInteger(19300);

  @TempDir Path home;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Sources.Health> health = new ConcurrentHashMap<>();
  private final List<String> healed = new CopyOnWriteArrayList<>();
  private final List<Long> terminated = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> upstreamQuery = new AtomicReference<>();
  private HttpServer upstream;
  private Dashboard dashboard;
  private String base;

  @BeforeEach
  void start() throws Exception {
    int upstreamPort = NEXT_PORT.getAndIncrement();
    upstream = HttpServer.create(new InetSocketAddress("127.0.93.1", upstreamPort), 8);
    upstream.createContext(
        "/",
        ex -> {
          upstreamQuery.set(
              ex.getRequestURI().getRawPath() + "?" + ex.getRequestURI().getRawQuery());
          String body =
              ex.getRequestURI().getPath().equals("/api/v1/label/__name__/values")
                  ? "{\"status\":\"success\",\"data\":[\"booty_run_lost\",\"go_gc\",\"nats_server_cpu\"]}"
                  : "{\"upstream\":\"" + ex.getRequestURI().getPath() + "\"}";
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    upstream.start();

    Files.createDirectories(home.resolve("scenarios/demo"));
    Files.writeString(
        home.resolve("scenarios/demo/state.json"),
        Json.MAPPER.writeValueAsString(LiveStateTest.DEMO));
    writeRun("20261203-114500-demo", "demo", "2026-12-03T11:45:00Z", "pass", 900, 2000, 2, 0);
    writeRun("20261204-114500-demo", "demo", "2026-12-04T11:45:00Z", "fail", 1500, 1200, 1, 3);
    writeRun("20261205-114500-other", "other", "2026-12-05T11:45:00Z", "pass", 100, 100, 1, 0);

    health.put("dal-1", Sources.Health.UP);
    health.put("lon-1", Sources.Health.UP);
    Sources sources =
        new Sources(
            (address, port) -> health.get(address.equals("127.0.93.1") ? "dal-1" : "lon-1"),
            d ->
                List.of(
                    new Sources.Server("dal-1", "dallas", "127.0.93.1", upstreamPort, "passing"),
                    new Sources.Server("lon-1", "london", "127.0.93.2", 19399, "passing")),
            scenario -> List.of(new Sources.Job(scenario + "-nats-dallas", "running", 1, 1)),
            new Sources.Actions() {
              @Override
              public List<String> heal(String scenario) {
                healed.add(scenario);
                return List.of("step-0");
              }

              @Override
              public boolean terminate(long pid) {
                terminated.add(pid);
                return true;
              }
            });
    int port = NEXT_PORT.getAndIncrement();
    dashboard =
        Dashboard.start(
            new Dashboard.Config(
                port,
                SECRET,
                home,
                URI.create("http://127.0.93.1:" + upstreamPort),
                sources,
                new StackFeeds.Stack(
                    new StackFeeds.Links(
                        "http://127.0.0.1:1/ui/",
                        "http://127.0.0.1:2/ui/",
                        "http://127.0.0.1:3/vmui/",
                        null),
                    null,
                    null)),
            System.err::println,
            Duration.ofMillis(300));
    base = "http://127.0.0.1:" + port;
    awaitState(
        s ->
            s.path("scenarios").size() == 1
                && server(s, "dal-1").path("state").asText().equals("up"));
  }

  @AfterEach
  void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
    if (upstream != null) {
      upstream.stop(0);
    }
  }

  @Test
  void withoutTheFrontDoorSecretEverythingIs401() throws Exception {
    for (String path :
        List.of("/", "/api/state", "/api/session", "/api/runs", "/nats/dal-1/varz")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.body()).contains("front door");
    }
    HttpResponse<String> wrong =
        send(
            HttpRequest.newBuilder(URI.create(base + "/api/state"))
                .header(Dashboard.FRONT_DOOR, SECRET + "x"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/scenarios/demo/heal"))
                .header(Dashboard.CSRF, dashboard.csrf())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(401);
    assertThat(healed).isEmpty();
  }

  @Test
  void sessionStateAndThePage() throws Exception {
    HttpResponse<String> session = get("/api/session");
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(session.headers().firstValue("Content-Type"))
        .contains("application/json; charset=utf-8");
    assertThat(session.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(session.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    JsonNode s = Json.MAPPER.readTree(session.body());
    assertThat(s.path("csrf").asText()).isEqualTo(dashboard.csrf()).hasSizeGreaterThan(20);
    assertThat(s.path("user").asText()).isEqualTo("booty");

    JsonNode state = Json.MAPPER.readTree(get("/api/state").body());
    assertThat(state.path("links").path("vmui").asText()).isEqualTo("http://127.0.0.1:3/vmui/");
    JsonNode demo = state.path("scenarios").get(0);
    assertThat(demo.path("name").asText()).isEqualTo("demo");
    assertThat(demo.path("dcs").findValuesAsText("name"))
        .contains("dallas", "london", "dal-1", "lon-1");
    assertThat(demo.path("jobs").get(0).path("id").asText()).isEqualTo("demo-nats-dallas");

    for (String path : List.of("/", "/index.html")) {
      HttpResponse<String> page = get(path);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("fake dashboard page for DashboardTest");
      assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    }
    for (String path :
        List.of(
            "/no-such-file.js",
            "/../index.html",
            "/%2e%2e/dev/booty/web/dashboard/index.html",
            "/a/../../x",
            "/.hidden")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void runsAreListedNewestFirstAndServedByIdOnly() throws Exception {
    JsonNode runs = Json.MAPPER.readTree(get("/api/runs").body()).path("runs");
    assertThat(runs.findValuesAsText("id"))
        .containsExactly("20261205-114500-other", "20261204-114500-demo", "20261203-114500-demo");
    JsonNode first = runs.get(1);
    assertThat(first.path("outcome").asText()).isEqualTo("fail");
    assertThat(first.path("reconnectP50Ms").asDouble()).isEqualTo(1500);
    assertThat(first.path("latencyP99Ms").asDouble()).isEqualTo(1200);
    assertThat(first.path("messagesLost").asLong()).isEqualTo(3);
    assertThat(first.path("report").asText()).isEqualTo("/runs/20261204-114500-demo/report.html");

    HttpResponse<String> html = get("/runs/20261204-114500-demo/report.html");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.body()).contains("report of 20261204-114500-demo");
    assertThat(get("/runs/20261204-114500-demo/report.json").body())
        .contains("\"outcome\":\"fail\"");
    for (String path :
        List.of(
            "/runs/20261299-000000-demo/report.html",
            "/runs/..%2Fscenarios%2Fdemo/report.json",
            "/runs/../scenarios/demo/state.json",
            "/runs/20261204-114500-demo/state.json")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void compareGivesFiguresWithDeltasAndWhichIsBetter() throws Exception {
    HttpResponse<String> r = get("/api/compare?a=20261203-114500-demo&b=20261204-114500-demo");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode c = Json.MAPPER.readTree(r.body());
    assertThat(c.path("scenario").asText()).isEqualTo("demo");
    JsonNode p50 = figure(c, "reconnect p50");
    assertThat(p50.path("a").asDouble()).isEqualTo(900);
    assertThat(p50.path("b").asDouble()).isEqualTo(1500);
    assertThat(p50.path("delta").asDouble()).isEqualTo(600);
    assertThat(p50.path("better").asText()).isEqualTo("a");
    assertThat(figure(c, "latency p99").path("better").asText()).isEqualTo("b");
    assertThat(figure(c, "expectations held").path("better").asText())
        .as("more held is better")
        .isEqualTo("a");
    assertThat(figure(c, "JetStream lost").path("better").asText()).isEqualTo("same");
    assertThat(c.path("figures").findValuesAsText("name"))
        .containsExactly(
            "reconnect p50",
            "reconnect p99",
            "reconnect max",
            "messages lost",
            "JetStream lost",
            "latency p50",
            "latency p99",
            "expectations held");

    HttpResponse<String> other = get("/api/compare?a=20261203-114500-demo&b=20261205-114500-other");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(other.body()).path("error").asText())
        .contains("different scenarios");
    assertThat(get("/api/compare?a=20261203-114500-demo&b=nope").statusCode()).isEqualTo(404);
  }

  @Test
  void postsNeedTheCsrfTokenAndThePagesOwnOrigin() throws Exception {
    assertThat(post("/api/scenarios/demo/heal", null, null).statusCode()).isEqualTo(403);
    assertThat(post("/api/scenarios/demo/heal", "wrong", null).statusCode()).isEqualTo(403);
    HttpResponse<String> foreign =
        post("/api/scenarios/demo/heal", dashboard.csrf(), "http://evil.example");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(Json.MAPPER.readTree(foreign.body()).path("error").asText())
        .contains("evil.example");
    assertThat(healed).as("nothing refused reached the action").isEmpty();
    assertThat(get("/api/scenarios/demo/heal").statusCode()).as("GET does not act").isEqualTo(404);
    assertThat(healed).isEmpty();

    // through the HTTPS front door: Caddy says the page's scheme in X-Forwarded-Proto
    String host = base.substring("http://".length());
    HttpResponse<String> plainFromHttps =
        send(post("/api/scenarios/demo/heal", dashboard.csrf(), base, "https"));
    assertThat(plainFromHttps.statusCode()).isEqualTo(403);
    assertThat(Json.MAPPER.readTree(plainFromHttps.body()).path("error").asText())
        .contains("(https://" + host + ")");
    assertThat(healed).isEmpty();

    HttpResponse<String> ok = post("/api/scenarios/demo/heal", dashboard.csrf(), base);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(ok.body()).path("healed").get(0).asText()).isEqualTo("step-0");
    assertThat(healed).containsExactly("demo");
    HttpResponse<String> https =
        send(post("/api/scenarios/demo/heal", dashboard.csrf(), "https://" + host, "https"));
    assertThat(https.statusCode()).as(https.body()).isEqualTo(200);
    assertThat(healed).containsExactly("demo", "demo");
    assertThat(post("/api/scenarios/nowhere/heal", dashboard.csrf(), null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void runStopSignalsTheRunsPidOr409() throws Exception {
    assertThat(post("/api/scenarios/demo/run/stop", dashboard.csrf(), null).statusCode())
        .isEqualTo(409);
    dashboard
        .state()
        .runEvent(
            "demo",
            Json.MAPPER.readTree(
                "{\"type\":\"started\",\"run\":\"r7\",\"pid\":4242,\"steps\":[]}"));
    HttpResponse<String> r = post("/api/scenarios/demo/run/stop", dashboard.csrf(), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(r.body()).path("stopped").asText()).isEqualTo("r7");
    assertThat(terminated).containsExactly(4242L);
  }

  @Test
  void natsMonitoringAndMetricsArePassedThroughForKnownServersOnly() throws Exception {
    HttpResponse<String> varz = get("/nats/dal-1/varz?subs=1");
    assertThat(varz.statusCode()).isEqualTo(200);
    assertThat(varz.body()).isEqualTo("{\"upstream\":\"/varz\"}");
    assertThat(upstreamQuery.get()).isEqualTo("/varz?subs=1");
    assertThat(get("/nats/nobody/varz").statusCode()).isEqualTo(404);
    assertThat(get("/nats/dal-1/config").statusCode()).isEqualTo(404);

    HttpResponse<String> series =
        get("/api/series?query=up%7Bjob%3D%22x%22%7D&start=1&end=2&step=1s&extra=evil");
    assertThat(series.statusCode()).isEqualTo(200);
    assertThat(upstreamQuery.get())
        .isEqualTo("/api/v1/query_range?end=2&query=up%7Bjob%3D%22x%22%7D&start=1&step=1s");
    assertThat(get("/api/series?query=up").statusCode()).isEqualTo(400);

    JsonNode names = Json.MAPPER.readTree(get("/api/metrics/names").body()).path("names");
    assertThat(names.findValuesAsText("x")).isEmpty();
    assertThat(names.toString()).isEqualTo("[\"booty_run_lost\",\"nats_server_cpu\"]");
  }

  @Test
  void eventsStreamTheStateAtOnceThenEachChangeAndPings() throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/events"))
                .header(Dashboard.FRONT_DOOR, SECRET)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertThat(in.readLine()).isEqualTo("event: state");
      String data = in.readLine();
      assertThat(data).startsWith("data: {\"seq\":");
      long seq = Json.MAPPER.readTree(data.substring(6)).path("seq").asLong();
      assertThat(in.readLine()).isEmpty();

      health.put("dal-1", Sources.Health.FROZEN);
      boolean sawFrozen = false;
      boolean sawPing = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while ((!sawFrozen || !sawPing) && System.nanoTime() < deadline) {
        String line = in.readLine();
        if (line.equals(": ping")) {
          sawPing = true;
        } else if (line.startsWith("data: ")) {
          JsonNode s = Json.MAPPER.readTree(line.substring(6));
          assertThat(s.path("seq").asLong()).isGreaterThan(seq);
          seq = s.path("seq").asLong();
          if (server(s, "dal-1").path("state").asText().equals("frozen")) {
            sawFrozen = true;
            assertThat(s.path("cause").path("detail").asText()).isEqualTo("dal-1 frozen");
          }
        }
      }
      assertThat(sawFrozen).as("the frozen server came as an event").isTrue();
      assertThat(sawPing).as("a quiet stream pings").isTrue();
    }
  }

  private JsonNode figure(JsonNode compare, String name) {
    for (JsonNode f : compare.path("figures")) {
      if (f.path("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no figure " + name);
  }

  static JsonNode server(JsonNode state, String name) {
    for (JsonNode sc : state.path("scenarios")) {
      for (JsonNode dc : sc.path("dcs")) {
        for (JsonNode s : dc.path("servers")) {
          if (s.path("name").asText().equals(name)) {
            return s;
          }
        }
      }
    }
    return Json.MAPPER.createObjectNode();
  }

  private void awaitState(java.util.function.Predicate<JsonNode> ready) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (ready.test(Json.MAPPER.readTree(dashboard.state().json()))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the state never got ready: " + dashboard.state().json());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header(Dashboard.FRONT_DOOR, SECRET));
  }

  private HttpResponse<String> post(String path, String csrf, String origin) throws Exception {
    return send(post(path, csrf, origin, null));
  }

  /** A POST as Caddy passes it on; {@code forwardedProto}: its X-Forwarded-Proto, or none. */
  private HttpRequest.Builder post(String path, String csrf, String origin, String forwardedProto) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header(Dashboard.FRONT_DOOR, SECRET)
            .POST(HttpRequest.BodyPublishers.noBody());
    if (csrf != null) {
      b.header(Dashboard.CSRF, csrf);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (forwardedProto != null) {
      b.header("X-Forwarded-Proto", forwardedProto);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void writeRun(
      String id,
      String scenario,
      String startedAt,
      String outcome,
      double reconnectP50,
      double latencyP99,
      int held,
      long lost)
      throws Exception {
    Path dir = Files.createDirectories(home.resolve("runs").resolve(id));
    String expectations =
        held == 2 ? "[{\"holds\":true},{\"holds\":true}]" : "[{\"holds\":true},{\"holds\":false}]";
    Files.writeString(
        dir.resolve("report.json"),
        ("{\"scenario\":\"%s\",\"startedAt\":\"%s\",\"outcome\":\"%s\",\"expectations\":%s,"
                + "\"totals\":{\"pubsub\":{\"lost\":%d},\"jetstream\":{\"lost\":0}},\"clients\":[{},{}],"
                + "\"steps\":[{\"datacenters\":[{\"reconnectMs\":{\"count\":3,\"p50\":%s,\"p99\":%s,\"max\":%s}},"
                + "{\"reconnectMs\":{\"count\":0,\"p50\":0,\"p99\":0,\"max\":0}}]}],"
                + "\"groups\":[{\"latencyMs\":{\"count\":10,\"p50\":5,\"p99\":%s,\"max\":%s}}]}")
            .formatted(
                scenario,
                startedAt,
                outcome,
                expectations,
                lost,
                reconnectP50,
                reconnectP50 * 2,
                reconnectP50 * 3,
                latencyP99,
                latencyP99));
    Files.writeString(dir.resolve("report.html"), "<p>report of " + id + "</p>");
  }
}
