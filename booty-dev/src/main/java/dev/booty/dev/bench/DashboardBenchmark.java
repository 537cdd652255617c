package dev.booty.dev.bench;

import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.client.browser.Chromium;
import dev.booty.core.home.BootyHome;
import dev.booty.core.run.BrowserCheck;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.stack.CaddyService;
import dev.booty.core.util.Json;
import dev.booty.dev.bench.BackChannelBenchmark.Figures;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code booty-dev bench dashboard}: booty's page through Caddy in real headless Chromium, on a
 * deployed scenario in a temporary home: the time to first render of the live view (fresh loads),
 * the time from an event published on the back channel to the page showing it, the time from
 * freezing a data centre (SIGSTOP) to its servers showing down, and the page's weight.
 */
public final class DashboardBenchmark {
  public static final String NAME = "bench-dash";
  public static final String SUBNET = "127.87";

  /** Goals of issue 13. */
  public static final double GOAL_MS = 1000;

  public static final long GOAL_BYTES = 500 * 1024;

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern PASSWORD = Pattern.compile("password: +(\\S+)");

  private final CliContext ctx;
  private final Settings settings;

  /**
   * @param loads fresh loads of the live view
   * @param events back-channel events followed to the page
   * @param freezes freezes of the victim data centre's servers
   */
  public record Settings(Path scenario, int loads, int events, int freezes, String victim) {}

  /**
   * The figures.
   *
   * @param pageBytes the live view's files as the browser decoded them (html, scripts, styles)
   * @param transferBytes the same as they came over the wire
   */
  public record Result(
      Scenario scenario,
      String victim,
      long pageBytes,
      long transferBytes,
      List<String> files,
      Figures firstRender,
      Figures eventToPage,
      Figures frozenToPage) {
    public boolean complete() {
      return firstRender.complete() && eventToPage.complete() && frozenToPage.complete();
    }
  }

  public DashboardBenchmark(CliContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  public Result run() throws Exception {
    try (BenchStack stack = new BenchStack(ctx, NAME, SUBNET)) {
      Scenario s = stack.up(settings.scenario());
      String victim = settings.victim() == null ? s.datacenterNames().getLast() : settings.victim();
      if (!s.datacenterNames().contains(victim)) {
        throw BootyException.usage(
            "--victim " + victim + ": the scenario's data centres are " + s.datacenterNames());
      }
      Matcher m = PASSWORD.matcher(stack.upOutput());
      if (!m.find()) {
        throw BootyException.failure("booty up printed no front-door password");
      }
      String password = m.group(1);
      stack.progress("booty deploy");
      stack.deploy();
      String base = "https://127.0.0.1:" + stack.port("caddy.http");
      stack.progress("Chromium: " + settings.loads() + " fresh loads of the live view");
      // the front door's certificate is from the bench home's own CA: this browser alone accepts
      // its key, no trust store changes
      try (Chromium chromium =
          Chromium.launch(
              BrowserCheck.CHROMIUM,
              BrowserCheck.CHROMEDRIVER,
              List.of(
                  Chromium.acceptingKeyOf(CaddyService.certificate(new BootyHome(stack.home())))),
              line -> {})) {
        ChromeDriver driver = chromium.driver();
        // once with the password in the URL: Chromium keeps it for the origin, as after a prompt
        driver.get(base.replace("https://", "https://booty:" + password + "@") + "/#/live");
        List<Double> renders = new ArrayList<>();
        for (int i = 0; i < settings.loads(); i++) {
          driver.get(base + "/?load=" + i + "#/live");
          Double first =
              awaitNumber(driver, "return window.bootyDash && window.bootyDash.firstRenderMs");
          if (first != null) {
            renders.add(first);
          }
        }
        Map<?, ?> weight =
            (Map<?, ?>)
                driver.executeScript(
                    "const all = performance.getEntriesByType('navigation')"
                        + ".concat(performance.getEntriesByType('resource'))"
                        + ".filter(e => !e.name.includes('/api/'));"
                        + "return {decoded: all.reduce((n, e) => n + (e.decodedBodySize || 0), 0),"
                        + " transfer: all.reduce((n, e) => n + (e.transferSize || 0), 0),"
                        + " files: all.map(e => e.name.replace(/^.*\\/\\/[^/]*/, '') + ' '"
                        + " + (e.decodedBodySize || 0))};");
        stack.progress(settings.events() + " run events on the back channel to the page");
        List<Double> lags = events(stack, driver);
        stack.progress(settings.freezes() + " freezes of " + victim + "'s servers to the page");
        List<Double> frozen = freezes(stack, driver, victim);
        return new Result(
            s,
            victim,
            ((Number) weight.get("decoded")).longValue(),
            ((Number) weight.get("transfer")).longValue(),
            ((List<?>) weight.get("files")).stream().map(Object::toString).toList(),
            new Figures(settings.loads(), renders),
            new Figures(settings.events(), lags),
            new Figures(settings.freezes(), frozen));
      }
    }
  }

  /**
   * Publishes progress events of a made-up run and reads, for each, the page's own measure: the
   * time from the event's {@code at} (this machine's clock) to the render that showed it.
   */
  private List<Double> events(BenchStack stack, ChromeDriver driver) throws Exception {
    String url = "nats://127.0.0.1:" + stack.port("nats.client");
    Path creds = new BootyHome(stack.home()).stack().bootyCreds();
    List<Double> lags = new ArrayList<>();
    try (Connection nc = ProtocolConnections.connect(url, creds, ctx.err()::println)) {
      String run = "bench-" + System.currentTimeMillis();
      publish(nc, event(run, "started").put("clients", 0).put("pid", 0));
      for (int i = 0; i < settings.events(); i++) {
        Thread.sleep(300);
        String line = "bench event " + i + " of " + run;
        long before = seq(driver);
        publish(nc, event(run, "progress").put("line", line));
        Double lag =
            awaitNumber(
                driver,
                "return window.bootyDash && window.bootyDash.seq > "
                    + before
                    + " && document.body.innerText.includes('"
                    + line
                    + "') ? window.bootyDash.lastEventLagMs : null");
        if (lag != null) {
          lags.add(lag);
        }
      }
      publish(nc, event(run, "ended").put("outcome", "pass").putNull("report"));
    }
    return lags;
  }

  private List<Double> freezes(BenchStack stack, ChromeDriver driver, String victim)
      throws Exception {
    List<Long> pids = DnsBenchmark.natsServers(stack.home(), victim);
    if (pids.isEmpty()) {
      throw BootyException.failure("found no nats-server process of " + victim);
    }
    String down =
        "return document.querySelectorAll('[data-dc=\""
            + victim
            + "\"] [data-server][data-state=\"frozen\"], [data-dc=\""
            + victim
            + "\"] [data-server][data-state=\"dead\"]').length";
    String up =
        "return document.querySelectorAll('[data-dc=\""
            + victim
            + "\"] [data-server][data-state=\"up\"]').length";
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < settings.freezes(); i++) {
      awaitCount(driver, up, pids.size());
      long start = System.nanoTime();
      try {
        DnsBenchmark.signal("STOP", pids);
        if (awaitCount(driver, down, pids.size())) {
          out.add(Bench.millisSince(start));
        }
      } finally {
        DnsBenchmark.signal("CONT", pids);
      }
    }
    awaitCount(driver, up, pids.size());
    return out;
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode event(String run, String type) {
    return Json.MAPPER
        .createObjectNode()
        .put("v", 1)
        .put("run", run)
        .put("scenario", NAME)
        .put("at", System.currentTimeMillis())
        .put("type", type);
  }

  private static void publish(Connection nc, com.fasterxml.jackson.databind.node.ObjectNode e)
      throws Exception {
    nc.publish(Subjects.runEvents(NAME), e.toString().getBytes(StandardCharsets.UTF_8));
    nc.flush(Duration.ofSeconds(2));
  }

  private static long seq(ChromeDriver driver) {
    Object v = driver.executeScript("return window.bootyDash ? window.bootyDash.seq : 0");
    return v instanceof Number n ? n.longValue() : 0;
  }

  /** Polls {@code script} every 10 ms until it returns a number; null after {@link #WAIT}. */
  private static Double awaitNumber(ChromeDriver driver, String script)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Object v = driver.executeScript(script);
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      Thread.sleep(10);
    }
    return null;
  }

  private static boolean awaitCount(ChromeDriver driver, String script, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (driver.executeScript(script) instanceof Number n && n.intValue() >= count) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  public static void check(Settings s) {
    if (s.loads() < 1 || s.events() < 1 || s.freezes() < 1) {
      throw BootyException.usage(
          "--loads, --events and --freezes: at least 1, not "
              + s.loads()
              + ", "
              + s.events()
              + " and "
              + s.freezes());
    }
  }
}
