package dev.booty.dev.bench;

import static dev.booty.dev.bench.Bench.f0;
import static dev.booty.dev.bench.Bench.f2OrUnknown;

import com.sun.management.OperatingSystemMXBean;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.LatencyInterval;
import dev.booty.core.client.SequenceSet;
import dev.booty.core.client.TestClient;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.HdrHistogram.Histogram;

/**
 * Part (a) of {@link HarnessBenchmark}: a ramp of concurrent test clients, each running the pub/sub
 * round trip with full measurement, to find how many this JVM sustains; prints each step as it goes
 * and a table at the end.
 */
final class Ramp {
  /** Sustained: p99 below this, besides every client connected and 99 % of the rate received. */
  static final double P99_LIMIT_MS = 250;

  private static final int PARALLEL_STARTS = 64;
  private static final int WARM_UP_SECONDS = 3;
  private static final int START_ATTEMPTS = 3;

  private final CliContext ctx;
  private final Settings settings;

  /** Client counts of the ramp, measured seconds per step, msgs/s per client, payload bytes. */
  record Settings(List<Integer> steps, int stepSeconds, int rate, int size) {}

  Ramp(CliContext ctx, Settings s) {
    this.ctx = ctx;
    this.settings = s;
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

  void run(LoopbackNats nats) throws Exception {
    ctx.out().println();
    ctx.out()
        .println(
            "(a) concurrent clients: pub/sub round trip (own subject), "
                + settings.rate()
                + " msg/s each, "
                + settings.size()
                + " B, full measurement (sequences, latency histograms, per-second intervals);"
                + " each step adds clients, warms up "
                + WARM_UP_SECONDS
                + " s, then measures "
                + settings.stepSeconds()
                + " s");
    List<TestClient> clients = new ArrayList<>();
    List<Step> results = new ArrayList<>();
    int failed = 0;
    try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int target : settings.steps()) {
        progress("ramp to " + target + " clients");
        failed += startClients(nats, clients, target, starter);
        Thread.sleep(WARM_UP_SECONDS * 1000L);
        results.add(measure(nats, clients, failed));
        printStep(results.get(results.size() - 1));
      }
      progress("closing " + clients.size() + " clients");
      long lost = 0;
      long sent = 0;
      TestClients.eachAtOnce(clients, starter, TestClient::stop);
      for (ClientReport r : TestClients.reports(clients)) {
        lost += r.lost();
        sent += r.sent();
      }
      TestClients.eachAtOnce(clients, starter, TestClient::close);
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
            f0(s.target()),
            f0(s.achieved()),
            s.lost(),
            f2OrUnknown(s.p50Ms()),
            f2OrUnknown(s.p99Ms()),
            s.heapMb(),
            s.threads(),
            f2OrUnknown(s.jvmCores()),
            f2OrUnknown(s.serverCores()),
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
                  + Bench.cores()
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
      List<String> seeds = TestClients.rotated(nats.urls(), i);
      TestClient c =
          new TestClient(
              ClientConfig.builder()
                  .id("h" + i)
                  .dc("bench")
                  .servers(seeds)
                  .subject("bench.harness")
                  .rate(settings.rate())
                  .size(settings.size())
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
    List<ClientReport> before = TestClients.reports(clients);
    long jvm0 = os.getProcessCpuTime();
    long server0 = nats.serverCpuNanos();
    long t0 = System.nanoTime();
    long firstSecond = System.currentTimeMillis() / 1000 + 1;
    Thread.sleep(settings.stepSeconds() * 1000L);
    long lastSecond = System.currentTimeMillis() / 1000 - 1;
    double seconds = (System.nanoTime() - t0) / 1e9;
    long jvm = os.getProcessCpuTime() - jvm0;
    long server = nats.serverCpuNanos() - server0;
    List<ClientReport> after = TestClients.reports(clients);
    // what was sent in the window and still not back a second later is lost
    Thread.sleep(1000);
    List<ClientReport> settled = TestClients.reports(clients);
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
      if (TestClients.isConnected(a)) {
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
        (double) clients.size() * settings.rate(),
        received / seconds,
        lost,
        any ? latency.getValueAtPercentile(50) / 1000.0 : 0,
        any ? latency.getValueAtPercentile(99) / 1000.0 : 0,
        heap / (1024 * 1024),
        threads,
        jvm / 1e9 / seconds,
        server < 0 ? -1 : server / 1e9 / seconds,
        Bench.loadAverage());
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

  private static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalStateException("a client's latency interval does not decode", e);
    }
  }

  private void progress(String line) {
    Bench.progress(ctx.err(), line);
  }

  private void warn(String line) {
    ctx.err().println("warning: " + line);
  }
}
