package dev.booty.dev.bench;

import static dev.booty.dev.bench.Bench.f0;
import static dev.booty.dev.bench.Bench.f2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.InstallResult;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.source.Sources;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import dev.booty.core.util.Progress;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How many NATS connections browser test clients hold on one machine ({@code make bench-browser}):
 * a ramp of connections, each a client of booty's page in headless Chromium ({@code booty
 * browsers}, as Nomad runs it, {@code perBrowser} connections per browser) running the pub/sub
 * round trip at {@code rate}; per step, whether every connection is up and received keeps up with
 * sent, and the memory per connection (PSS of the browsers' process trees, so pages sharing a
 * browser's memory are not counted twice). The same counts of JVM clients ({@code booty clients},
 * one process) beside them. Everything runs against one nats-server on loopback with a websocket
 * listener, which is also the back channel; prints, asserts nothing.
 */
public final class BrowserBenchmark {
  /** Sustained: every connection up, and received at least this share of the target rate. */
  static final double SUSTAINED_SHARE = 0.99;

  private static final String SCENARIO = "bench";
  private static final Duration CONNECT = Duration.ofMinutes(3);
  private static final int WARM_UP_SECONDS = 5;

  private final CliContext ctx;
  private final ComponentManager components;
  private final Settings s;
  private final Path launcher;

  /**
   * @param steps connection counts of the ramp (multiples of {@code perBrowser})
   * @param perBrowser connections one page (one Chromium) holds
   */
  public record Settings(
      List<Integer> steps, int perBrowser, int stepSeconds, int rate, int size, boolean skipJvm) {}

  /** One step of one kind. */
  record Step(
      String kind,
      int connections,
      int processes,
      int connected,
      double connectSeconds,
      double target,
      double achieved,
      long sent,
      long received,
      double pssMb,
      double driverMb,
      String load) {
    boolean sustained() {
      return connected == connections && achieved >= SUSTAINED_SHARE * target && received == sent;
    }

    /** Memory of the clients themselves (browsers, or the JVM), per connection. */
    double mbPerConnection() {
      return connections == 0 ? 0 : pssMb / connections;
    }
  }

  public BrowserBenchmark(
      CliContext ctx, ComponentManager components, Settings settings, Path launcher) {
    this.ctx = ctx;
    this.components = components;
    this.s = settings;
    this.launcher = launcher;
  }

  public void run() throws Exception {
    for (int n : s.steps()) {
      if (n < 1 || n % s.perBrowser() != 0) {
        throw BootyException.usage(
            "--steps: " + n + " is not a positive multiple of --per-browser " + s.perBrowser());
      }
    }
    Bench.progress(ctx.err(), "booty install nats-server");
    InstallResult server =
        components
            .installer(Sources.defaults(), Progress.silent())
            .install(ComponentRef.parse("nats-server"));
    Path work = Files.createTempDirectory("booty-bench-browser-");
    List<Step> results = new ArrayList<>();
    try (LoopbackNats nats = LoopbackNats.start(Path.of(server.binary()), work, 1, true);
        Connection nc = Nats.connect(nats.urls().getFirst())) {
      ctx.out()
          .println(
              "bench browser: nats-server "
                  + server.version()
                  + " at "
                  + nats.urls().getFirst()
                  + " and "
                  + nats.websocketUrls().getFirst()
                  + " (loopback, also the back channel), "
                  + Bench.cores()
                  + " cores; pub/sub round trip at "
                  + s.rate()
                  + " msg/s per connection, "
                  + s.size()
                  + " B; browsers: "
                  + s.perBrowser()
                  + " connections per headless Chromium ('booty browsers'); JVM: one 'booty"
                  + " clients' process; each step warms up "
                  + WARM_UP_SECONDS
                  + " s, then measures "
                  + s.stepSeconds()
                  + " s");
      for (int n : s.steps()) {
        Step b = step(nats, nc, work, "browser", n);
        results.add(b);
        print(b);
        if (!s.skipJvm()) {
          Step j = step(nats, nc, work, "jvm", n);
          results.add(j);
          print(j);
        }
      }
    } finally {
      FileTrees.deleteRecursively(work);
    }
    table(results);
  }

  private Step step(LoopbackNats nats, Connection nc, Path work, String kind, int n)
      throws Exception {
    boolean browser = kind.equals("browser");
    String run = kind + "-" + n;
    Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    Map<String, JsonNode> finals = new ConcurrentHashMap<>();
    Dispatcher d =
        nc.createDispatcher(
            m -> {
              try {
                JsonNode msg = Json.MAPPER.readTree(m.getData());
                if (!run.equals(msg.path("run").asText())) {
                  return;
                }
                if (msg.has("broken")) {
                  ctx.err().println("bench browser: broken: " + msg.path("broken"));
                  return;
                }
                JsonNode r = msg.path("report");
                latest.put(r.path("id").asText(), r);
                if (msg.path("final").asBoolean()) {
                  finals.put(r.path("id").asText(), r);
                }
              } catch (IOException e) {
                // not a report
              }
            });
    d.subscribe("booty.clients." + SCENARIO + ".report");
    int processes = browser ? n / s.perBrowser() : 1;
    int per = browser ? s.perBrowser() : n;
    List<Process> started = new ArrayList<>();
    Bench.progress(ctx.err(), kind + ": " + n + " connections in " + processes + " process(es)");
    long t0 = System.nanoTime();
    try {
      for (int i = 0; i < processes; i++) {
        started.add(nats.own(start(nats, work, kind, run, i, per)));
      }
      long deadline = System.nanoTime() + CONNECT.toNanos();
      while (connected(latest) < n && System.nanoTime() < deadline) {
        if (started.stream().anyMatch(p -> !p.isAlive())) {
          break;
        }
        Thread.sleep(250);
      }
      int connected = connected(latest);
      double connectSeconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(WARM_UP_SECONDS * 1000L);
      long[] before = counts(latest);
      long w0 = System.nanoTime();
      Thread.sleep(s.stepSeconds() * 1000L);
      long[] after = counts(latest);
      double window = (System.nanoTime() - w0) / 1e9;
      double pss = 0;
      double driver = 0;
      for (Process p : started) {
        double[] m = memory(p.toHandle());
        pss += browser ? m[1] : m[0] + m[1];
        driver += browser ? m[0] : 0;
      }
      String load = Bench.loadAverage();
      // stop sending, let what is in flight arrive, then the final reports
      nc.publish(
          "booty.clients." + SCENARIO + ".finish",
          (run + " quiet").getBytes(StandardCharsets.UTF_8));
      Thread.sleep(4000);
      nc.publish("booty.clients." + SCENARIO + ".finish", run.getBytes(StandardCharsets.UTF_8));
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (finals.size() < latest.size() && System.nanoTime() < until) {
        Thread.sleep(200);
      }
      long[] end = counts(finals);
      return new Step(
          kind,
          n,
          processes,
          connected,
          connectSeconds,
          (double) n * s.rate(),
          (after[1] - before[1]) / window,
          end[0],
          end[1],
          pss,
          driver,
          load);
    } finally {
      for (Process p : started) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroy();
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        }
      }
      nc.closeDispatcher(d);
    }
  }

  private Process start(LoopbackNats nats, Path work, String kind, String run, int index, int per)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.add(kind.equals("browser") ? "browsers" : "clients");
    cmd.addAll(List.of("--control-plane", nats.urls().getFirst()));
    if (kind.equals("browser")) {
      cmd.addAll(List.of("--control-plane-ws", nats.websocketUrls().getFirst()));
    }
    cmd.addAll(
        List.of(
            "--scenario",
            SCENARIO,
            "--run",
            run,
            "--dc",
            "bench",
            "--group",
            kind.equals("browser") ? "bench-browser" : "bench",
            "--index",
            Integer.toString(index),
            "--count",
            Integer.toString(per),
            "--servers",
            kind.equals("browser") ? nats.websocketUrls().getFirst() : nats.urls().getFirst(),
            "--kinds",
            "pubsub",
            "--rate",
            Integer.toString(s.rate()),
            "--size",
            Integer.toString(s.size())));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(run + "-" + index + ".log").toFile());
    if (kind.equals("jvm")) {
      // as the harness bench runs them: many clients in one JVM want G1 and the full JIT
      pb.environment().put("BOOTY_JAVA_OPTS", "-XX:+UseG1GC");
    }
    return pb.start();
  }

  /** Clients whose report holds a CONNECTED event. */
  private static int connected(Map<String, JsonNode> reports) {
    int n = 0;
    for (JsonNode r : reports.values()) {
      for (JsonNode e : r.path("events")) {
        if (e.path("type").asText().equals("CONNECTED")) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /** Sent and received (pub/sub) over every client's report. */
  private static long[] counts(Map<String, JsonNode> reports) {
    long sent = 0;
    long received = 0;
    for (JsonNode r : reports.values()) {
      sent += r.path("sent").asLong();
      received += r.path("received").asLong();
    }
    return new long[] {sent, received};
  }

  /**
   * The proportional set size of a process tree, MB: {@code [launcher JVM and chromedriver,
   * Chromium's processes]}; for a JVM client process all of it is in the first.
   */
  static double[] memory(ProcessHandle root) {
    double[] mb = new double[2];
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    root.descendants().forEach(all::add);
    for (ProcessHandle h : all) {
      String cmd = h.info().command().orElse("");
      boolean chromium =
          cmd.contains("chromium") || cmd.contains("chrome") && !cmd.contains("driver");
      mb[chromium ? 1 : 0] += pssMb(h.pid());
    }
    return mb;
  }

  private static double pssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone meanwhile
    }
    return 0;
  }

  private void print(Step r) {
    ctx.out()
        .println(
            String.format(
                java.util.Locale.ROOT,
                "%-7s %5d connections in %3d process(es): %d connected in %s s, received %s of %s"
                    + " msg/s, final sent %d received %d, %s MB (%s MB per connection)%s, load %s"
                    + " -> %s",
                r.kind(),
                r.connections(),
                r.processes(),
                r.connected(),
                f2(r.connectSeconds()),
                f0(r.achieved()),
                f0(r.target()),
                r.sent(),
                r.received(),
                f0(r.pssMb()),
                f2(r.mbPerConnection()),
                r.kind().equals("browser") ? ", drivers " + f0(r.driverMb()) + " MB" : "",
                r.load(),
                r.sustained() ? "sustained" : "NOT sustained"));
  }

  private void table(List<Step> results) {
    ctx.out().println();
    Table t =
        new Table(
            "KIND",
            "CONNECTIONS",
            "PROCESSES",
            "CONNECTED",
            "CONNECT S",
            "TARGET MSG/S",
            "RECEIVED MSG/S",
            "SENT",
            "RECEIVED",
            "CLIENT MB",
            "MB/CONN",
            "DRIVER MB",
            "LOAD",
            "SUSTAINED");
    for (Step r : results) {
      t.row(
          r.kind(),
          Integer.toString(r.connections()),
          Integer.toString(r.processes()),
          Integer.toString(r.connected()),
          f2(r.connectSeconds()),
          f0(r.target()),
          f0(r.achieved()),
          Long.toString(r.sent()),
          Long.toString(r.received()),
          f0(r.pssMb()),
          f2(r.mbPerConnection()),
          r.kind().equals("browser") ? f0(r.driverMb()) : "-",
          r.load(),
          r.sustained() ? "yes" : "NO");
    }
    t.print(ctx.out());
    for (String kind : List.of("browser", "jvm")) {
      results.stream()
          .filter(r -> r.kind().equals(kind) && r.sustained())
          .mapToInt(Step::connections)
          .max()
          .ifPresent(
              best ->
                  ctx.out()
                      .println(
                          kind
                              + ": sustained up to "
                              + best
                              + " connections (every one connected, received = sent, at least "
                              + f0(SUSTAINED_SHARE * 100)
                              + " % of the rate)"));
    }
  }
}
