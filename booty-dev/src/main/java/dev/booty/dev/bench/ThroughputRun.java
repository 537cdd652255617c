package dev.booty.dev.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.TestClient;
import dev.booty.core.install.InstallResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Part (b) of {@link HarnessBenchmark}: delivered messages per second of {@code pairs} publishers
 * and subscribers, 'nats bench' against booty's test clients at rate 0, on the same servers.
 *
 * <p>'nats bench': {@code pairs} independent {@code nats bench sub bench.tp.I} and {@code nats
 * bench pub bench.tp.I} processes (a connection each), every subscriber getting one publisher's
 * stream; the rate is all messages received over the longest subscriber's time, as nats bench
 * measures it. booty: {@code pairs} clients, each publishing to and subscribing to its own subject
 * on its one connection with at most {@link TestClient#WINDOW} messages in flight; the rate is what
 * they received over a window after a warm-up.
 */
final class ThroughputRun {
  private static final long CALIBRATION_MSGS = 200_000;
  private static final int WARM_UP_SECONDS = 2;

  private final CliContext ctx;
  private final LoopbackNats nats;
  private final InstallResult cli;
  private final Path work;
  private final int pairs;
  private final int size;
  private final int seconds;
  private final int rounds;

  /** What to run: publisher/subscriber pairs, message size, seconds per run, alternating rounds. */
  record Settings(int pairs, int size, int seconds, int rounds) {}

  ThroughputRun(CliContext ctx, LoopbackNats nats, InstallResult cli, Path work, Settings s) {
    this.ctx = ctx;
    this.nats = nats;
    this.cli = cli;
    this.work = work;
    this.pairs = s.pairs();
    this.size = s.size();
    this.seconds = s.seconds();
    this.rounds = s.rounds();
  }

  /**
   * Messages received over seconds; the CPU seconds the clients used for them and the servers' CPU
   * meanwhile (cores); latency if known.
   */
  record Figures(
      long messages,
      double seconds,
      double clientCpuSeconds,
      double serverCores,
      double p50Ms,
      double p99Ms) {
    double rate() {
      return seconds <= 0 ? 0 : messages / seconds;
    }

    /** Messages per CPU second of the clients: what they cost, whatever else the machine runs. */
    double perCpuSecond() {
      return clientCpuSeconds <= 0 ? 0 : messages / clientCpuSeconds;
    }
  }

  void run() throws Exception {
    ctx.out().println();
    ctx.out()
        .println(
            "(b) throughput: "
                + pairs
                + " publishers and "
                + pairs
                + " subscribers, one stream each, "
                + size
                + " B messages, about "
                + seconds
                + " s each");
    progress("nats bench: calibrating with " + CALIBRATION_MSGS + " msgs per pair");
    Figures calibration = natsBench(CALIBRATION_MSGS);
    long perPair = Math.max(CALIBRATION_MSGS, (long) (calibration.rate() * seconds / pairs));
    Table t =
        new Table(
            "ROUND",
            "CLIENT",
            "CONNECTIONS",
            "MESSAGES",
            "SECONDS",
            "MSG/S",
            "CLIENT CPU S",
            "MSGS PER CPU S",
            "SERVER CPU",
            "P50 MS",
            "P99 MS",
            "LOAD AVG");
    List<Double> ratios = new ArrayList<>();
    List<Double> costRatios = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      progress("round " + r + " of " + rounds + ": nats bench, " + perPair + " msgs per pair");
      Figures n = natsBench(perPair);
      progress("round " + r + " of " + rounds + ": booty, " + pairs + " test clients at rate 0");
      Figures b = bootyClients();
      ratios.add(n.rate() <= 0 ? 0 : b.rate() / n.rate());
      costRatios.add(n.perCpuSecond() <= 0 ? 0 : b.perCpuSecond() / n.perCpuSecond());
      row(t, r, "nats bench (natscli " + cli.version() + ")", 2 * pairs, n);
      row(t, r, "booty TestClient, rate 0", pairs, b);
    }
    t.print(ctx.out());
    ctx.out()
        .println(
            "booty / nats bench, msgs/s: "
                + ratioLine(ratios)
                + "; msgs per client CPU second: "
                + ratioLine(costRatios));
    ctx.out()
        .println(
            "nats bench: a publisher and a subscriber process per pair, separate connections, no"
                + " per-message bookkeeping, MSG/S as its subscribers measure it; booty: one"
                + " connection per client for both, every message sequenced, timed and recorded,"
                + " at most "
                + TestClient.WINDOW
                + " in flight per client, MSG/S over a window after a "
                + WARM_UP_SECONDS
                + " s warm-up, latency over the whole run (queueing at full speed). Rounds"
                + " alternate, so load from elsewhere on the machine hits both; CPU seconds"
                + " compare what the clients cost whatever that load is.");
  }

  private static void row(Table t, int round, String client, int connections, Figures f) {
    t.row(
        round,
        client,
        connections,
        f.messages(),
        Bench.f2OrUnknown(f.seconds()),
        Bench.f0(f.rate()),
        Bench.f2OrUnknown(f.clientCpuSeconds()),
        Bench.f0(f.perCpuSecond()),
        Bench.f2OrUnknown(f.serverCores()),
        f.p50Ms() < 0 ? "-" : Bench.f2OrUnknown(f.p50Ms()),
        f.p99Ms() < 0 ? "-" : Bench.f2OrUnknown(f.p99Ms()),
        Bench.loadAverage());
  }

  private static String ratioLine(List<Double> ratios) {
    List<Double> sorted = ratios.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "median %.0f %% of %d rounds (%.0f %% to %.0f %%)",
        100 * sorted.get(sorted.size() / 2),
        sorted.size(),
        100 * sorted.get(0),
        100 * sorted.get(sorted.size() - 1));
  }

  /** {@code pairs} sub/pub pairs of {@code msgs} messages; waits for every subscriber. */
  private Figures natsBench(long msgs) throws Exception {
    List<Process> subs = new ArrayList<>();
    List<Path> csvs = new ArrayList<>();
    List<Process> pubs = new ArrayList<>();
    List<Path> stats = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Path csv = work.resolve("sub-" + i + "-" + msgs + ".csv");
      Files.deleteIfExists(csv);
      csvs.add(csv);
      subs.add(bench(i, "sub", msgs, csv, stats));
    }
    // the subscribers subscribe within milliseconds; leave them a second
    Thread.sleep(1000);
    long cpu0 = nats.serverCpuNanos();
    long t0 = System.nanoTime();
    for (int i = 0; i < pairs; i++) {
      pubs.add(bench(i, "pub", msgs, null, stats));
    }
    long limit = Math.max(60, 5L * seconds);
    for (Process p : subs) {
      if (!p.waitFor(limit, TimeUnit.SECONDS)) {
        throw BootyException.failure(
            "nats bench sub did not receive its "
                + msgs
                + " messages in "
                + limit
                + " s (slow consumer?); see "
                + work);
      }
    }
    for (Process p : pubs) {
      p.waitFor(limit, TimeUnit.SECONDS);
    }
    double cores = (nats.serverCpuNanos() - cpu0) / (double) (System.nanoTime() - t0);
    long clientCpu = 0;
    for (Path stat : stats) {
      clientCpu += Files.exists(stat) ? LoopbackNats.childCpuNanos(stat) : 0;
    }
    long total = 0;
    double longest = 0;
    for (Path csv : csvs) {
      List<String> lines = Files.readAllLines(csv);
      // #RunID,ClientID,MsgCount,MsgBytes,MsgsPerSec,BytesPerSec,DurationSecs,...
      String[] f = lines.get(lines.size() - 1).split(",");
      total += Long.parseLong(f[2]);
      longest = Math.max(longest, Double.parseDouble(f[6]));
    }
    return new Figures(total, longest, clientCpu / 1e9, cores, -1, -1);
  }

  /** Starts {@code nats bench WHAT}; the file it writes its CPU time to goes into {@code stats}. */
  private Process bench(int i, String what, long msgs, Path csv, List<Path> stats)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                cli.binary(),
                "-s",
                nats.urls().get(i % nats.urls().size()),
                "bench",
                what,
                "bench.tp." + i,
                "--msgs",
                String.valueOf(msgs),
                "--size",
                String.valueOf(size),
                "--no-progress"));
    if (csv != null) {
      cmd.add("--csv");
      cmd.add(csv.toString());
    }
    Path stat = work.resolve(what + "-" + i + "-" + msgs + ".stat");
    Files.deleteIfExists(stat);
    stats.add(stat);
    return nats.own(
        new ProcessBuilder(LoopbackNats.measured(stat, cmd))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(what + "-" + i + ".log").toFile())
            .start());
  }

  private Figures bootyClients() throws Exception {
    List<TestClient> clients = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      try {
        for (int i = 0; i < pairs; i++) {
          TestClient c =
              new TestClient(
                  ClientConfig.builder()
                      .id("t" + i)
                      .dc("bench")
                      .servers(TestClients.rotated(nats.urls(), i))
                      .subject("bench.tp")
                      .rate(0)
                      .size(size)
                      .build());
          clients.add(c);
          c.start();
        }
        Thread.sleep(WARM_UP_SECONDS * 1000L);
        long before = received(TestClients.reports(clients));
        OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jvm0 = os.getProcessCpuTime();
        long cpu0 = nats.serverCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        List<ClientReport> after = TestClients.reports(clients);
        long jvm = os.getProcessCpuTime() - jvm0;
        long cpu = nats.serverCpuNanos() - cpu0;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long got = received(after) - before;
        double p50 = after.stream().mapToDouble(ClientReport::latencyP50Ms).max().orElse(0);
        double p99 = after.stream().mapToDouble(ClientReport::latencyP99Ms).max().orElse(0);
        return new Figures(got, elapsed, jvm / 1e9, cpu / 1e9 / elapsed, p50, p99);
      } finally {
        TestClients.eachAtOnce(clients, pool, TestClient::close);
      }
    }
  }

  private static long received(List<ClientReport> reports) {
    return reports.stream().mapToLong(ClientReport::received).sum();
  }

  private void progress(String line) {
    Bench.progress(ctx.err(), line);
  }
}
