package dev.booty.core.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import dev.booty.core.report.RunHistory;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.util.ContentTypes;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * booty's dashboard: the server side of the page behind Caddy (docs/dashboard.md is the contract
 * between page and server). A JDK {@link HttpServer} on 127.0.0.1, one virtual thread per request,
 * so an SSE stream simply keeps its thread. Every request must carry Caddy's {@value #FRONT_DOOR}
 * secret (a local process cannot go around Caddy's password); a POST must also carry the session's
 * CSRF token and, when the browser sends an {@code Origin}, come from the page's own origin.
 */
public final class Dashboard implements AutoCloseable {
  public static final String FRONT_DOOR = "X-Booty-Front-Door";
  public static final String CSRF = "X-Booty-CSRF";
  public static final String USER = "booty";
  static final String STATIC = "dev/booty/web/dashboard/";
  static final Duration COALESCE = Duration.ofMillis(100);
  static final Duration PING = Duration.ofSeconds(15);
  private static final List<String> NATS_ENDPOINTS =
      List.of("varz", "jsz", "gatewayz", "routez", "connz", "leafz", "accountz", "healthz");
  private static final Pattern NATS_PATH = Pattern.compile("/nats/([A-Za-z0-9_.-]+)/([a-z]+)");
  private static final Pattern RUN_FILE =
      Pattern.compile("/runs/([^/]+)/(report\\.html|report\\.json)");
  private static final Pattern ACTION = Pattern.compile("/api/scenarios/([^/]+)/(heal|run/stop)");
  private static final Pattern STATIC_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+");

  /**
   * What the dashboard serves.
   *
   * @param port its port on 127.0.0.1 (0 for any free one)
   * @param secret what Caddy sends in {@value #FRONT_DOOR}
   * @param home the booty home: deployed scenarios, fault ledgers, runs
   * @param victoriaMetrics where {@code /api/series} and {@code /api/metrics/names} ask
   * @param sources the probes, catalog, jobs and actions
   * @param stack the stack's links and back channel; null for none (tests feed the state)
   */
  public record Config(
      int port,
      String secret,
      Path home,
      URI victoriaMetrics,
      Sources sources,
      StackFeeds.Stack stack) {}

  private final Config config;
  private final Consumer<String> log;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final EventStream events;
  private final Coalescer coalescer;
  private final LiveState state;
  private final RunFigures runs;
  private final Upstream upstream = new Upstream();
  private final String csrf;
  private final String version;
  private StackFeeds feeds;

  private Dashboard(Config config, Consumer<String> log, Duration ping) throws IOException {
    this.config = config;
    this.log = log;
    this.events = new EventStream(ping);
    this.coalescer = new Coalescer(COALESCE, this::push);
    this.state = new LiveState(Clock.systemUTC(), coalescer::signal);
    this.runs = new RunFigures(RunHistory.at(config.home().resolve("runs")));
    this.csrf = token();
    String v = Dashboard.class.getPackage().getImplementationVersion();
    this.version = v == null ? "0.1.0" : v;
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /** Starts serving, and (with a stack) polling and listening to the back channel. */
  public static Dashboard start(Config config, Consumer<String> log) {
    return start(config, log, PING);
  }

  static Dashboard start(Config config, Consumer<String> log, Duration ping) {
    if (config.secret() == null || config.secret().length() < 16) {
      throw BootyException.usage("the dashboard's front-door secret is missing or too short");
    }
    Dashboard d;
    try {
      d = new Dashboard(config, log, ping);
    } catch (IOException e) {
      throw BootyException.failure(
          "the dashboard cannot listen on 127.0.0.1:" + config.port() + ": " + e.getMessage());
    }
    d.server.start();
    if (config.stack() != null) {
      d.feeds = StackFeeds.start(config, d.state, log);
    }
    log.accept("dashboard listening on http://127.0.0.1:" + d.port());
    return d;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The live state, for whoever feeds it (the pollers, the back channel, tests). */
  LiveState state() {
    return state;
  }

  String csrf() {
    return csrf;
  }

  private void push() {
    events.publish(state.json());
  }

  @Override
  public void close() {
    if (feeds != null) {
      feeds.close();
    }
    coalescer.close();
    events.close();
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange ex) {
    // not try-with-resources: a failure's answer is written in the catch, before the close
    try {
      String path = ex.getRequestURI().getRawPath();
      if (!MessageDigest.isEqual(
          config.secret().getBytes(StandardCharsets.UTF_8),
          String.valueOf(ex.getRequestHeaders().getFirst(FRONT_DOOR))
              .getBytes(StandardCharsets.UTF_8))) {
        text(ex, 401, "booty's dashboard answers only through booty's front door (Caddy)\n");
        return;
      }
      if (ex.getRequestMethod().equals("POST")) {
        post(ex, path);
      } else if (ex.getRequestMethod().equals("GET")) {
        get(ex, path);
      } else {
        ex.getResponseHeaders().add("Allow", "GET, POST");
        text(ex, 405, "only GET and POST\n");
      }
    } catch (BootyException e) {
      int status = e.exitCode() == ExitCode.USAGE ? 400 : 502;
      error(ex, status, e.getMessage());
    } catch (IOException e) {
      // the page went away mid-answer (an SSE stream closing ends here)
    } catch (RuntimeException e) {
      log.accept("dashboard: " + ex.getRequestURI() + ": " + e);
      error(ex, 500, String.valueOf(e.getMessage()));
    } finally {
      ex.close();
    }
  }

  private void get(HttpExchange ex, String path) throws IOException {
    Map<String, String> q = Upstream.query(ex.getRequestURI().getRawQuery());
    Matcher m;
    switch (path) {
      case "/api/session" -> {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("csrf", csrf).put("user", USER).put("version", version);
        json(ex, 200, o);
      }
      case "/api/state" -> json(ex, 200, state.json());
      case "/api/events" -> sse(ex);
      case "/api/runs" -> json(ex, 200, runs.list());
      case "/api/compare" -> {
        String a = q.get("a");
        String b = q.get("b");
        if (!runs.exists(a) || !runs.exists(b)) {
          error(ex, 404, "no run '" + (runs.exists(a) ? b : a) + "'");
        } else {
          json(ex, 200, runs.compare(a, b));
        }
      }
      case "/api/series" -> {
        for (String k : List.of("query", "start", "end", "step")) {
          if (q.get(k) == null || q.get(k).isBlank()) {
            error(ex, 400, "/api/series needs query, start, end and step; " + k + " is missing");
            return;
          }
        }
        Upstream.Answer a =
            upstream.get(
                config.victoriaMetrics(),
                "/api/v1/query_range?"
                    + Upstream.encode(
                        Map.of(
                            "query", q.get("query"),
                            "start", q.get("start"),
                            "end", q.get("end"),
                            "step", q.get("step"))));
        json(ex, a.status(), a.body());
      }
      case "/api/metrics/names" -> json(ex, 200, upstream.metricNames(config.victoriaMetrics()));
      default -> {
        if ((m = RUN_FILE.matcher(path)).matches()) {
          runFile(ex, m.group(1), m.group(2));
        } else if ((m = NATS_PATH.matcher(path)).matches()) {
          nats(ex, m.group(1), m.group(2), ex.getRequestURI().getRawQuery());
        } else if (path.startsWith("/api/")) {
          error(ex, 404, "no such endpoint: " + path);
        } else {
          page(ex, path);
        }
      }
    }
  }

  /**
   * The origin of the page a request comes from: the front door's scheme, which Caddy sends in
   * {@code X-Forwarded-Proto} (https; it replaces whatever a client sent), and the {@code Host} it
   * passes on. Every request here came through Caddy (the secret header is checked first).
   */
  private static String pageOrigin(HttpExchange ex) {
    String scheme = ex.getRequestHeaders().getFirst("X-Forwarded-Proto");
    return (scheme == null ? "http" : scheme) + "://" + ex.getRequestHeaders().getFirst("Host");
  }

  private void post(HttpExchange ex, String path) throws IOException {
    String token = ex.getRequestHeaders().getFirst(CSRF);
    if (token == null
        || !MessageDigest.isEqual(
            csrf.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      error(ex, 403, "missing or wrong " + CSRF + " header (GET /api/session gives the token)");
      return;
    }
    String origin = ex.getRequestHeaders().getFirst("Origin");
    String own = pageOrigin(ex);
    if (origin != null && !origin.equals(own)) {
      error(ex, 403, "a POST from origin " + origin + " is not the page's own (" + own + ")");
      return;
    }
    Matcher m = ACTION.matcher(path);
    if (!m.matches()) {
      error(ex, 404, "no such action: " + path);
      return;
    }
    String scenario = m.group(1);
    if (!Scenario.validName(scenario) || !state.deployed(scenario)) {
      error(ex, 404, "no deployed scenario '" + scenario + "'");
      return;
    }
    if (m.group(2).equals("heal")) {
      List<String> healed = config.sources().actions().heal(scenario);
      ObjectNode o = Json.MAPPER.createObjectNode();
      healed.forEach(o.putArray("healed")::add);
      json(ex, 200, o);
      return;
    }
    var run = state.run(scenario);
    if (run.isEmpty() || run.get().getValue() <= 0) {
      error(ex, 409, "no 'scenario run' of " + scenario + " is going");
      return;
    }
    if (!config.sources().actions().terminate(run.get().getValue())) {
      error(
          ex,
          409,
          "the run " + run.get().getKey() + " (pid " + run.get().getValue() + ") has ended");
      return;
    }
    json(ex, 200, Json.MAPPER.createObjectNode().put("stopped", run.get().getKey()));
  }

  private void sse(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Accel-Buffering", "no");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      events.serve(state.json(), out);
    }
  }

  private void runFile(HttpExchange ex, String id, String file) throws IOException {
    if (!runs.exists(id)) {
      error(ex, 404, "no run '" + id + "'");
      return;
    }
    Path f = config.home().resolve("runs").resolve(id).resolve(file);
    if (!Files.isRegularFile(f)) {
      error(ex, 404, "run " + id + " has no " + file);
      return;
    }
    send(
        ex,
        200,
        file.endsWith(".json") ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
        Files.readAllBytes(f));
  }

  private void nats(HttpExchange ex, String name, String endpoint, String rawQuery)
      throws IOException {
    var server = state.server(name);
    if (server.isEmpty() || !NATS_ENDPOINTS.contains(endpoint)) {
      error(
          ex,
          404,
          server.isEmpty()
              ? "no server '" + name + "' in a deployed scenario"
              : "no monitoring endpoint '" + endpoint + "'; one of " + NATS_ENDPOINTS);
      return;
    }
    Upstream.Answer a =
        upstream.get(
            URI.create("http://" + server.get().address() + ":" + server.get().monitorPort()),
            "/" + endpoint + (rawQuery == null ? "" : "?" + rawQuery));
    json(ex, a.status(), a.body());
  }

  private void page(HttpExchange ex, String path) throws IOException {
    String file = path.equals("/") ? "/index.html" : path;
    if (!STATIC_PATH.matcher(file).matches() || file.contains("..")) {
      text(ex, 404, "not found\n");
      return;
    }
    try (InputStream in =
        Dashboard.class.getClassLoader().getResourceAsStream(STATIC + file.substring(1))) {
      if (in == null) {
        text(ex, 404, "not found: " + file + "\n");
        return;
      }
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      send(ex, 200, ContentTypes.of(file), in.readAllBytes());
    }
  }

  private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    json(ex, status, LiveState.ONE_LINE.writeValueAsString(body));
  }

  private static void json(HttpExchange ex, int status, String body) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    send(ex, status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void error(HttpExchange ex, int status, String message) {
    try {
      json(ex, status, Json.MAPPER.createObjectNode().put("error", message));
    } catch (IOException e) {
      // the page went away
    }
  }

  private static void text(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }

  static String token() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
