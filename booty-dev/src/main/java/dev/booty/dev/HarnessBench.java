package dev.booty.dev;

import com.sun.management.OperatingSystemMXBean;
import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.ClientReport.LatencyInterval;
import dev.booty.core.client.SequenceSet;
import dev.booty.core.client.TestClient;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstallResult;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.source.Sources;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Progress;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How far booty's test clients go in one JVM: (a) a ramp of concurrent clients, each running the
 * pub/sub round trip with full measurement, to find how many this machine sustains; (b) their
 * throughput, as fast as they can, beside natscli's {@code nats bench} on the same servers. Runs
 * against nats-servers it starts itself on loopback ({@link LoopbackNats}); prints, asserts
 * nothing.
 */
@Command(
    name = "harness",
    description = {
      "Measure booty's test clients in this JVM against nats-servers the bench starts on loopback:"
          + " how many concurrent clients it sustains (a ramp, pub/sub at --rate each with full"
          + " measurement), and their throughput as fast as possible beside 'nats bench' with the"
          + " same publishers, subscribers and message size."
    })
final class HarnessBench extends BaseCommand {
  /** Sustained: p99 below this, besides every client connected and 99 % of the rate received. */
  static final double P99_LIMIT_MS = 250;

  private static final int PARALLEL_STARTS = 64;
  private static final int WARM_UP_SECONDS = 3;
  private static final int START_ATTEMPTS = 3;

  @Option(
      names = "--steps",
      split = ",",
      description = "client counts of the ramp (default: ${DEFAULT-VALUE})")
  List<Integer> steps = List.of(500, 1000, 2000, 3000);

  @Option(names = "--step-seconds", description = "measured seconds per step (default: 20)")
  int stepSeconds = 20;

  @Option(names = "--rate", description = "msgs/s per ramp client (default: ${DEFAULT-VALUE})")
  int rate = 1;

  @Option(names = "--size", description = "payload bytes (default: ${DEFAULT-VALUE})")
  int size = 128;

  @Option(
      names = "--servers",
      description = "nats-servers: 1, or a cluster of that many (default: ${DEFAULT-VALUE})")
  int servers = 1;

  @Option(
      names = "--pairs",
      description =
          "throughput: publishers and subscribers, as booty clients each doing both, and as"
              + " 'nats bench' pub/sub pairs (default: ${DEFAULT-VALUE})")
  int pairs = 4;

  @Option(names = "--throughput-seconds", description = "throughput window (default: 10)")
  int throughputSeconds = 10;

  @Option(
      names = "--rounds",
      description = "throughput: alternating nats bench / booty rounds (default: ${DEFAULT-VALUE})")
  int rounds = 3;

  @Option(names = "--skip-ramp", description = "only the throughput comparison")
  boolean skipRamp;

  @Option(names = "--skip-throughput", description = "only the ramp")
  boolean skipThroughput;

  HarnessBench(CliContext ctx) {
    super(ctx);
  }

  /** One ramp step, measured over its window. */
  record Step(
      int clients,
      int connected,
      int failedStarts,
      double target,
      double achieved,
      long lost,
      double p50Ms,
      double p99Ms,
      long heapMb,
      int threads,
      double jvmCores,
      double serverCores,
      String load) {
    boolean sustained() {
      return connected == clients && achieved >= 0.99 * target && p99Ms < P99_LIMIT_MS;
    }
  }

  @Override
  protected int execute() throws Exception {
    if (servers < 1
        || pairs < 1
        || rate < 1
        || stepSeconds < 1
        || throughputSeconds < 1
        || rounds < 1) {
      throw BootyException.usage(
          "--servers, --pairs, --rate, --step-seconds, --throughput-seconds and --rounds: at"
              + " least 1");
    }
    InstallResult server = install("nats-server");
    InstallResult cli = install("natscli");
    Path work = Files.createTempDirectory("booty-bench-harness-");
    try (LoopbackNats nats = LoopbackNats.start(Path.of(server.binary()), work, servers)) {
      String topology =
          (servers == 1 ? "1 nats-server " : "a cluster of " + servers + " nats-servers ")
              + server.version()
              + " at "
              + String.join(",", nats.urls())
              + " (loopback, started by the bench), clients in this JVM ("
              + Runtime.version()
              + ", "
              + Runtime.getRuntime().availableProcessors()
              + " cores, max heap "
              + Runtime.getRuntime().maxMemory() / (1024 * 1024)
              + " MB, "
              + jvmFlags()
              + "); not a deployed super-cluster";
      ctx.out().println("bench harness: " + topology);
      if (!skipRamp) {
        ramp(nats);
      }
      if (!skipThroughput) {
        new ThroughputRun(
                ctx,
                nats,
                cli,
                work,
                new ThroughputRun.Settings(pairs, size, throughputSeconds, rounds))
            .run();
      }
      return 0;
    } finally {
      FileTrees.deleteRecursively(work);
    }
  }

  /** Installs (or finds) {@code component} in the booty home, as {@code booty install} does. */
  private InstallResult install(String component) {
    progress("booty install " + component);
    ComponentManager manager =
        new ComponentManager(
            ManifestLoader.load(global.manifest, ctx.env()),
            new ComponentStore(BootyHome.resolve(global.home, ctx.env())),
            ctx.env());
    return manager
        .installer(Sources.defaults(), Progress.silent())
        .install(ComponentRef.parse(component));
  }

  private void ramp(LoopbackNats nats) throws Exception {
    ctx.out().println();
    ctx.out()
        .println(
            "(a) concurrent clients: pub/sub round trip (own subject), "
                + rate
                + " msg/s each, "
                + size
                + " B, full measurement (sequences, latency histograms, per-second intervals);"
                + " each step adds clients, warms up "
                + WARM_UP_SECONDS
                + " s, then measures "
                + stepSeconds
                + " s");
    List<TestClient> clients = new ArrayList<>();
    List<Step> results = new ArrayList<>();
    int failed = 0;
    try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int target : steps) {
        progress("ramp to " + target + " clients");
        failed += startClients(nats, clients, target, starter);
        Thread.sleep(WARM_UP_SECONDS * 1000L);
        results.add(measure(nats, clients, failed));
        printStep(results.get(results.size() - 1));
      }
      progress("closing " + clients.size() + " clients");
      long lost = 0;
      long sent = 0;
      stopAll(clients, starter);
      for (ClientReport r : reports(clients)) {
        lost += r.lost();
        sent += r.sent();
      }
      closeAll(clients, starter);
      ctx.out().println();
      Table t =
          new Table(
              "CLIENTS",
              "CONNECTED",
              "TARGET MSG/S",
              "RECEIVED MSG/S",
              "LOST IN WINDOW",
              "P50 MS",
              "P99 MS",
              "HEAP MB",
              "THREADS",
              "JVM CPU",
              "SERVER CPU",
              "LOAD AVG",
              "SUSTAINED");
      int best = 0;
      for (Step s : results) {
        t.row(
            s.clients(),
            s.connected() + (s.failedStarts() > 0 ? " (" + s.failedStarts() + " failed)" : ""),
            fmt(s.target()),
            fmt(s.achieved()),
            s.lost(),
            fmt2(s.p50Ms()),
            fmt2(s.p99Ms()),
            s.heapMb(),
            s.threads(),
            fmt2(s.jvmCores()),
            fmt2(s.serverCores()),
            s.load(),
            s.sustained() ? "yes" : "no");
        if (s.sustained()) {
          best = Math.max(best, s.clients());
        }
      }
      t.print(ctx.out());
      ctx.out()
          .println(
              "sustained = every client connected, >= 99 % of the target rate received, p99 < "
                  + (int) P99_LIMIT_MS
                  + " ms; CPU in cores of "
                  + Runtime.getRuntime().availableProcessors()
                  + "; THREADS = platform threads (jnats and publishers run on virtual threads);"
                  + " HEAP after a full GC; LOAD AVG = the machine's 1-minute load average at the"
                  + " end of the step (above the core count, other work competes for the CPU)");
      ctx.out()
          .println(
              "sustained up to: "
                  + (best == 0 ? "none of the steps" : best + " clients")
                  + "; over the whole ramp "
                  + lost
                  + " of "
                  + sent
                  + " messages lost after a 2 s drain");
    } finally {
      for (TestClient c : clients) {
        c.close();
      }
    }
  }

  /** Starts clients until there are {@code target}; returns how many failed to start. */
  private int startClients(
      LoopbackNats nats, List<TestClient> clients, int target, ExecutorService starter)
      throws Exception {
    Semaphore slots = new Semaphore(PARALLEL_STARTS);
    List<Future<?>> started = new ArrayList<>();
    List<TestClient> added = new ArrayList<>();
    for (int i = clients.size(); i < target; i++) {
      List<String> seeds = rotated(nats.urls(), i);
      TestClient c =
          new TestClient(
              ClientConfig.builder()
                  .id("h" + i)
                  .dc("bench")
                  .servers(seeds)
                  .subject("bench.harness")
                  .rate(rate)
                  .size(size)
                  .build());
      added.add(c);
      slots.acquire();
      started.add(
          starter.submit(
              () -> {
                try {
                  startWithRetries(c);
                  return null;
                } finally {
                  slots.release();
                }
              }));
    }
    int failed = 0;
    String first = null;
    for (int i = 0; i < started.size(); i++) {
      try {
        started.get(i).get();
      } catch (java.util.concurrent.ExecutionException e) {
        failed++;
        first = first == null ? String.valueOf(e.getCause()) : first;
      }
    }
    clients.addAll(added);
    if (first != null) {
      warn(failed + " client(s) did not start, the first: " + first);
    }
    return failed;
  }

  /** A connect can time out on a loaded machine: up to {@value #START_ATTEMPTS} attempts. */
  private static void startWithRetries(TestClient c) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        c.start();
        return;
      } catch (java.io.IOException e) {
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Step measure(LoopbackNats nats, List<TestClient> clients, int failed)
      throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<ClientReport> before = reports(clients);
    long jvm0 = os.getProcessCpuTime();
    long server0 = nats.serverCpuNanos();
    long t0 = System.nanoTime();
    long firstSecond = System.currentTimeMillis() / 1000 + 1;
    Thread.sleep(stepSeconds * 1000L);
    long lastSecond = System.currentTimeMillis() / 1000 - 1;
    double seconds = (System.nanoTime() - t0) / 1e9;
    long jvm = os.getProcessCpuTime() - jvm0;
    long server = nats.serverCpuNanos() - server0;
    List<ClientReport> after = reports(clients);
    // what was sent in the window and still not back a second later is lost
    Thread.sleep(1000);
    List<ClientReport> settled = reports(clients);
    long received = 0;
    long lost = 0;
    int connected = 0;
    Histogram latency = new Histogram(2);
    for (int i = 0; i < after.size(); i++) {
      ClientReport a = after.get(i);
      ClientReport b = before.get(i);
      received += a.received() - b.received();
      String got = settled.get(i).kinds().get(ClientConfig.PUBSUB).received().get(a.id());
      long back = got == null ? 0 : SequenceSet.parse(got).countBetween(b.sent() + 1, a.sent());
      lost += a.sent() - b.sent() - back;
      if (isConnected(a)) {
        connected++;
      }
      for (LatencyInterval li : a.intervals()) {
        if (li.second() >= firstSecond && li.second() <= lastSecond && li.count() > 0) {
          latency.add(decode(li.histogram()));
        }
      }
    }
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    boolean any = latency.getTotalCount() > 0;
    return new Step(
        clients.size(),
        connected,
        failed,
        (double) clients.size() * rate,
        received / seconds,
        lost,
        any ? latency.getValueAtPercentile(50) / 1000.0 : 0,
        any ? latency.getValueAtPercentile(99) / 1000.0 : 0,
        heap / (1024 * 1024),
        threads,
        jvm / 1e9 / seconds,
        server < 0 ? -1 : server / 1e9 / seconds,
        loadAverage());
  }

  private void printStep(Step s) {
    progress(
        String.format(
            Locale.ROOT,
            "%d clients: %d connected, %.0f of %.0f msg/s, p99 %.2f ms, heap %d MB, %d threads,"
                + " JVM %.2f cores, server %.2f cores, load %s: %s",
            s.clients(),
            s.connected(),
            s.achieved(),
            s.target(),
            s.p99Ms(),
            s.heapMb(),
            s.threads(),
            s.jvmCores(),
            s.serverCores(),
            s.load(),
            s.sustained() ? "sustained" : "NOT sustained"));
  }

  static List<ClientReport> reports(List<TestClient> clients) {
    return clients.stream().map(TestClient::report).toList();
  }

  /** Stops every client at once: each waits up to 2 s for what is still in flight. */
  static void stopAll(List<TestClient> clients, ExecutorService pool) throws Exception {
    List<Future<?>> stopping = new ArrayList<>();
    for (TestClient c : clients) {
      stopping.add(
          pool.submit(
              () -> {
                c.stop();
                return null;
              }));
    }
    for (Future<?> f : stopping) {
      f.get();
    }
  }

  static void closeAll(List<TestClient> clients, ExecutorService pool) throws Exception {
    List<Future<?>> closing = new ArrayList<>();
    for (TestClient c : clients) {
      closing.add(
          pool.submit(
              () -> {
                c.close();
                return null;
              }));
    }
    for (Future<?> f : closing) {
      f.get();
    }
  }

  /** Connected now: its last event is a (re)connection. */
  static boolean isConnected(ClientReport r) {
    List<ConnectionEvent> e = r.events();
    if (e.isEmpty()) {
      return false;
    }
    String last = e.get(e.size() - 1).type();
    return last.equals("CONNECTED") || last.equals("RECONNECTED");
  }

  /** The seed list starting at server {@code i} (clients spread over a cluster). */
  static List<String> rotated(List<String> urls, int i) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < urls.size(); k++) {
      out.add(urls.get((i + k) % urls.size()));
    }
    return out;
  }

  private static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalStateException("a client's latency interval does not decode", e);
    }
  }

  /** The machine's 1-minute load average, from /proc/loadavg; "?" when unreadable. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }

  /** The JVM's -X options (GC, JIT, heap): they change what a JVM of clients sustains. */
  private static String jvmFlags() {
    List<String> flags =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-X"))
            .toList();
    return flags.isEmpty() ? "default JVM flags" : String.join(" ", flags);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  static String fmt2(double v) {
    return v < 0 ? "?" : String.format(Locale.ROOT, "%.2f", v);
  }

  private void progress(String line) {
    ctx.err().println("==> " + line);
  }

  private void warn(String line) {
    ctx.err().println("warning: " + line);
  }
}
