package dev.booty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.booty.api.StackHttp;
import dev.booty.core.home.BootyHome;
import dev.booty.core.security.StackCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * booty's dashboard through Caddy, as a user sees it in Chromium, on a deployed scenario: the
 * password, the live view of its data centres and servers (a frozen DC shows down), a run's
 * timeline as it runs, the history with its reports, two runs compared, the frames per layer, and
 * the Nomad UI (a job stopped there shows in {@code booty job status} and on booty's page).
 */
final class DashboardChecks {
  static final ObjectMapper JSON = new ObjectMapper();

  private final TestStack stack;
  private final String scenario;
  private final Path tmp;
  private final String base;

  /** HTTP that trusts the test home's CA, as the front door's HTTPS needs. */
  private final HttpClient http;

  DashboardChecks(TestStack stack, String scenario, Path tmp) {
    this.stack = stack;
    this.scenario = scenario;
    this.tmp = tmp;
    this.base = "https://127.0.0.1:" + stack.port.get("caddy.http");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(
                StackHttp.trusting(
                    StackCredentials.load(new BootyHome(stack.booty.home()))
                        .orElseThrow()
                        .caCertificate()))
            .build();
  }

  /** Every page and API answers 401 without the password, also the dashboard's own port. */
  void nothingWithoutThePassword() throws Exception {
    List<String> paths =
        List.of(
            "/",
            "/index.html",
            "/main.js",
            "/api/session",
            "/api/state",
            "/api/events",
            "/api/runs",
            "/api/compare?a=x&b=y",
            "/api/series?query=up&start=0&end=1&step=1",
            "/api/metrics/names",
            "/nats/x/varz",
            "/runs/x/report.html");
    for (String p : paths) {
      assertThat(send(get(base + p), null).statusCode())
          .as("GET " + p + " without auth")
          .isEqualTo(401);
      assertThat(send(get(base + p), "booty:wrong").statusCode())
          .as("GET " + p + " with a wrong password")
          .isEqualTo(401);
    }
    String heal = base + "/api/scenarios/" + scenario + "/heal";
    assertThat(send(post(heal), null).statusCode()).as("POST heal without auth").isEqualTo(401);
    // around Caddy, straight to the dashboard's port: refused without the front door's secret
    String direct = "http://127.0.0.1:" + stack.port.get("dashboard");
    for (String p : List.of("/", "/api/state", "/api/session")) {
      assertThat(send(get(direct + p), "booty:" + stack.password).statusCode())
          .as("GET " + p + " on the dashboard's own port, not through Caddy")
          .isEqualTo(401);
    }
  }

  /** POSTs need the page's CSRF token and a same-origin (or no) Origin. */
  void actionsAreProtectedAgainstCrossSiteRequests() throws Exception {
    String auth = "booty:" + stack.password;
    String heal = base + "/api/scenarios/" + scenario + "/heal";
    assertThat(send(post(heal), auth).statusCode())
        .as("POST without the CSRF token")
        .isEqualTo(403);
    JsonNode session = JSON.readTree(send(get(base + "/api/session"), auth).body());
    String csrf = session.path("csrf").asText();
    assertThat(csrf).isNotBlank();
    Reply cross =
        send(post(heal).header("X-Booty-CSRF", csrf).header("Origin", "http://evil.example"), auth);
    assertThat(cross.statusCode()).as("POST from another origin").isEqualTo(403);
    Reply wrong = send(post(heal).header("X-Booty-CSRF", csrf + "x"), auth);
    assertThat(wrong.statusCode()).as("POST with a wrong token").isEqualTo(403);
    Reply ok = send(post(heal).header("X-Booty-CSRF", csrf).header("Origin", base), auth);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(JSON.readTree(ok.body()).has("healed")).as(ok.body()).isTrue();
    // a GET never acts
    assertThat(send(get(heal), auth).statusCode()).isIn(404, 405);
  }

  /** The live view: 3 DCs, 9 servers up; Dallas frozen shows within 3 s, and thawed again. */
  void liveViewFollowsAFrozenDataCentre(DashboardBrowser b) throws Exception {
    b.open(base + "/#/live");
    b.await("the first state rendered", Duration.ofSeconds(15), () -> "1".equals(ready(b)));
    b.await(
        "3 data centres and 9 servers, all up",
        Duration.ofSeconds(20),
        () ->
            b.all("#live [data-dc]").size() == 3
                && b.all("#live [data-server]").size() == 9
                && b.all("#live [data-server][data-state=up]").size() == 9);
    b.screenshot("live");

    List<Long> dallas = serverPids(scenario + "-nats-dallas");
    assertThat(dallas).as("Dallas's nats-server processes").hasSize(3);
    try {
      signal("STOP", dallas);
      Instant frozen = Instant.now();
      b.await(
          "Dallas's 3 servers down on the page",
          Duration.ofSeconds(3),
          () -> down(b, "dallas") == 3);
      System.out.println(
          "DashboardChecks: Dallas frozen -> down on the page after "
              + Duration.between(frozen, Instant.now()).toMillis()
              + " ms");
      assertThat(b.all("[data-dc=london] [data-server][data-state=up]")).hasSize(3);
      b.screenshot("live-dallas-frozen");
    } finally {
      signal("CONT", dallas);
    }
    Instant thawed = Instant.now();
    b.await(
        "Dallas's servers up again on the page",
        Duration.ofSeconds(3),
        () -> b.all("[data-dc=dallas] [data-server][data-state=up]").size() == 3);
    System.out.println(
        "DashboardChecks: Dallas thawed -> up on the page after "
            + Duration.between(thawed, Instant.now()).toMillis()
            + " ms");
  }

  /**
   * A run as it goes (timeline, current step) and after (history with its verdict, its report);
   * returns the run's id.
   */
  String runShowsLiveThenInTheHistory(DashboardBrowser b, Path file) throws Exception {
    b.route("#/live");
    Path log = tmp.resolve("dashboard-run-" + System.nanoTime() + ".log");
    Process p = stack.booty.start(log, "scenario", "run", file.toString());
    try {
      b.await(
          "the run's timeline with an active step",
          Duration.ofMinutes(3),
          () -> {
            if (!p.isAlive()) {
              throw new IllegalStateException("the run ended");
            }
            return !b.all("#run[data-run] [data-step][data-state=active]").isEmpty();
          },
          () ->
              "the run said:\n"
                  + read(log)
                  + "\nthe page's numbers: "
                  + b.script("return JSON.stringify(window.bootyDash)"));
      b.screenshot("live-run");
      assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("the run ends").isTrue();
    } finally {
      p.destroy();
    }
    Path json = report(Files.readString(log));
    JsonNode report = JSON.readTree(json.toFile());
    String id = json.getParent().getFileName().toString();
    String outcome = report.path("outcome").asText();
    b.await(
        "the run's end on the live view",
        Duration.ofSeconds(10),
        () -> b.all("#run[data-run] [data-step][data-state=active]").isEmpty());

    b.route("#/history");
    String row = "#history [data-run-id='" + id + "']";
    b.await("run " + id + " in the history", Duration.ofSeconds(10), () -> !b.all(row).isEmpty());
    assertThat(b.all(row).getFirst().getDomAttribute("data-outcome")).isEqualTo(outcome);
    // the runs' figures over time, from VictoriaMetrics through the page's chart
    // VictoriaMetrics shows a sample 30 s after its time (-search.latencyOffset): ask again
    long[] asked = {0};
    b.await(
        "a chart of a booty_run_ metric",
        Duration.ofSeconds(90),
        () -> {
          if (!b.all(".uplot canvas").isEmpty()) {
            return true;
          }
          if (System.nanoTime() - asked[0] > 5_000_000_000L) {
            asked[0] = System.nanoTime();
            b.all("button[data-range='1h']").forEach(WebElement::click);
          }
          return false;
        });
    String auth = "booty:" + stack.password;
    JsonNode names = JSON.readTree(send(get(base + "/api/metrics/names"), auth).body());
    assertThat(names.path("names").toString()).contains("booty_run_outcome");
    long now = System.currentTimeMillis() / 1000;
    JsonNode series =
        JSON.readTree(
            send(
                    get(
                        base
                            + "/api/series?query=booty_run_outcome&start="
                            + (now - 3600)
                            + "&end="
                            + now
                            + "&step=15"),
                    auth)
                .body());
    assertThat(series.path("status").asText()).as(series.toString()).isEqualTo("success");
    assertThat(series.path("data").path("result").size()).as(series.toString()).isPositive();
    b.screenshot("history");
    WebElement link = b.all(row + " a.report").getFirst();
    String href = link.getDomProperty("href");
    assertThat(href).contains(id);
    return id;
  }

  /** The report of run {@code id} opens through the front door. */
  void reportOpens(DashboardBrowser b, String id) throws Exception {
    b.open(base + "/runs/" + id + "/report.html");
    b.await("the report of " + id, Duration.ofSeconds(10), () -> b.text().contains(scenario));
    b.screenshot("report");
    b.open(base + "/#/live");
  }

  /** Two runs of the scenario side by side, figure by figure. */
  void twoRunsCompare(DashboardBrowser b, String a, String c) throws Exception {
    b.route("#/compare?a=" + a + "&b=" + c);
    b.await(
        "the figures of two runs",
        Duration.ofSeconds(10),
        () -> b.all("#compare [data-figure]").size() >= 5);
    assertThat(b.text()).contains(a).contains(c);
    b.screenshot("compare");
  }

  /** The frames: Nomad, Consul, vmui, the NATS servers' monitoring. */
  void everyLayerHasItsFrame(DashboardBrowser b) throws Exception {
    b.open(base + "/#/layers");
    b.await(
        "frames for nomad, consul, vmui and nats",
        Duration.ofSeconds(10),
        () ->
            List.of("nomad", "consul", "vmui", "nats").stream()
                .allMatch(l -> !b.all("iframe[data-layer=" + l + "]").isEmpty()));
    // each frame's page answers through the front door, with the password only
    for (WebElement frame : b.all("iframe[data-layer]")) {
      String src = frame.getDomProperty("src");
      assertThat(src).as("frame " + frame.getDomAttribute("data-layer")).startsWith("https://");
      assertThat(send(get(src), null).statusCode())
          .as(src + " without the password")
          .isEqualTo(401);
      assertThat(send(get(src), "booty:" + stack.password).statusCode()).as(src).isEqualTo(200);
    }
    b.screenshot("layers");
    // the NATS monitoring through the front door: a server's varz
    String server = scenario.equals("it-run") ? "dal-1" : "lon-1";
    Reply varz = send(get(base + "/nats/" + server + "/varz"), "booty:" + stack.password);
    assertThat(varz.statusCode()).as(varz.body()).isEqualTo(200);
    assertThat(JSON.readTree(varz.body()).path("server_name").asText()).isEqualTo(server);
  }

  /**
   * The Nomad UI through Caddy lists the scenario's jobs; stopping {@code job} there shows in
   * {@code booty job status} and on booty's page.
   */
  void nomadUiStopShowsEverywhere(DashboardBrowser b, String job) throws Exception {
    String nomad = "https://127.0.0.1:" + stack.port.get("caddy.nomad");
    b.open(nomad + "/ui/jobs");
    b.await(
        "the scenario's jobs in the Nomad UI",
        Duration.ofSeconds(30),
        () -> b.text().contains(scenario + "-nats-dallas") && b.text().contains(job));
    b.screenshot("nomad-jobs");
    b.open(nomad + "/ui/jobs/" + job + "@default");
    b.await(
        "the Stop Job button", Duration.ofSeconds(30), () -> !stopButtons(b, "Stop Job").isEmpty());
    stopButtons(b, "Stop Job").getFirst().click();
    b.await(
        "the confirmation",
        Duration.ofSeconds(10),
        () -> !stopButtons(b, "Yes, Stop Job").isEmpty());
    stopButtons(b, "Yes, Stop Job").getFirst().click();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Distribution.Run status = stack.booty.run("job", "status", job);
    while (!status.out().contains("dead (stopped)") && Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
      status = stack.booty.run("job", "status", job);
    }
    assertThat(status.out()).as(status.toString()).containsPattern("Status +dead \\(stopped\\)");
    b.screenshot("nomad-job-stopped");

    b.open(base + "/#/live");
    b.await(
        "job " + job + " stopped on booty's page",
        Duration.ofSeconds(15),
        () -> !b.all("[data-job='" + job + "'][data-status=dead]").isEmpty());
    b.screenshot("live-job-stopped");
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** The report.json a run's output names. */
  static Path report(String output) {
    return Path.of(
        output
            .lines()
            .filter(l -> l.strip().endsWith("report.json"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no report in\n" + output))
            .strip());
  }

  private static List<WebElement> stopButtons(DashboardBrowser b, String text) {
    return b.driver().findElements(By.xpath("//button[normalize-space()='" + text + "']"));
  }

  private static int down(DashboardBrowser b, String dc) {
    int n = 0;
    for (WebElement s : b.all("[data-dc=" + dc + "] [data-server]")) {
      String state = s.getDomAttribute("data-state");
      if (state.equals("frozen") || state.equals("dead")) {
        n++;
      }
    }
    return n;
  }

  private static String ready(DashboardBrowser b) {
    Object r = b.script("return document.body.dataset.ready;");
    return r == null ? null : r.toString();
  }

  /** The nats-server processes a job runs (found by the environment Nomad gives its tasks). */
  static List<Long> serverPids(String job) throws Exception {
    List<Long> out = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String env = Files.readString(p.resolve("environ")).replace('\0', '\n');
          String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
          if (env.contains("NOMAD_JOB_NAME=" + job + "\n") && cmd.contains("nats-server")) {
            out.add(Long.parseLong(p.getFileName().toString()));
          }
        } catch (java.io.IOException e) {
          // gone meanwhile, or not ours to read
        }
      }
    }
    return out;
  }

  private static void signal(String signal, List<Long> pids) throws Exception {
    List<String> argv = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(p -> argv.add(Long.toString(p)));
    Process k = new ProcessBuilder(argv).redirectErrorStream(true).start();
    assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(k.exitValue()).as(new String(k.getInputStream().readAllBytes())).isZero();
  }

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
  }

  private static HttpRequest.Builder post(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody());
  }

  /**
   * Sends with basic auth ({@code user:password}, or none); an SSE stream answers with its status
   * and the first bytes only.
   */
  private Reply send(HttpRequest.Builder r, String auth) throws Exception {
    if (auth != null) {
      r.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<java.io.InputStream> s =
        http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
    String body;
    try (var in = s.body()) {
      boolean stream =
          s.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
      body = new String(stream ? in.readNBytes(64) : in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new Reply(s.statusCode(), body);
  }

  /** A response's status and its body as text. */
  private record Reply(int statusCode, String body) {}
}
