package dev.booty.dev.bench;

import dev.booty.cli.CliContext;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.InstallResult;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.source.Sources;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Progress;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How far booty's test clients go in one JVM: (a) a ramp of concurrent clients, each running the
 * pub/sub round trip with full measurement, to find how many this machine sustains ({@link Ramp});
 * (b) their throughput, as fast as they can, beside natscli's {@code nats bench} on the same
 * servers ({@link ThroughputRun}). Runs against nats-servers it starts itself on loopback ({@link
 * LoopbackNats}); prints its figures as it goes, asserts nothing.
 */
public final class HarnessBenchmark {
  private final CliContext ctx;
  private final ComponentManager components;
  private final Settings s;

  /**
   * The ramp's client counts, seconds per step and msgs/s per client; the payload size; the
   * servers; the throughput's pairs, seconds and rounds; which parts to leave out.
   */
  public record Settings(
      List<Integer> steps,
      int stepSeconds,
      int rate,
      int size,
      int servers,
      int pairs,
      int throughputSeconds,
      int rounds,
      boolean skipRamp,
      boolean skipThroughput) {}

  /** {@code components}: where nats-server and natscli are installed (or found). */
  public HarnessBenchmark(CliContext ctx, ComponentManager components, Settings settings) {
    this.ctx = ctx;
    this.components = components;
    this.s = settings;
  }

  public void run() throws Exception {
    InstallResult server = install("nats-server");
    InstallResult cli = install("natscli");
    Path work = Files.createTempDirectory("booty-bench-harness-");
    try (LoopbackNats nats = LoopbackNats.start(Path.of(server.binary()), work, s.servers())) {
      String topology =
          (s.servers() == 1 ? "1 nats-server " : "a cluster of " + s.servers() + " nats-servers ")
              + server.version()
              + " at "
              + String.join(",", nats.urls())
              + " (loopback, started by the bench), clients in this JVM ("
              + Runtime.version()
              + ", "
              + Bench.cores()
              + " cores, max heap "
              + Runtime.getRuntime().maxMemory() / (1024 * 1024)
              + " MB, "
              + jvmFlags()
              + "); not a deployed super-cluster";
      ctx.out().println("bench harness: " + topology);
      if (!s.skipRamp()) {
        new Ramp(ctx, new Ramp.Settings(s.steps(), s.stepSeconds(), s.rate(), s.size())).run(nats);
      }
      if (!s.skipThroughput()) {
        new ThroughputRun(
                ctx,
                nats,
                cli,
                work,
                new ThroughputRun.Settings(s.pairs(), s.size(), s.throughputSeconds(), s.rounds()))
            .run();
      }
    } finally {
      FileTrees.deleteRecursively(work);
    }
  }

  /** Installs (or finds) {@code component} in the booty home, as {@code booty install} does. */
  private InstallResult install(String component) {
    Bench.progress(ctx.err(), "booty install " + component);
    return components
        .installer(Sources.defaults(), Progress.silent())
        .install(ComponentRef.parse(component));
  }

  /** The JVM's -X options (GC, JIT, heap): they change what a JVM of clients sustains. */
  private static String jvmFlags() {
    List<String> flags =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-X"))
            .toList();
    return flags.isEmpty() ? "default JVM flags" : String.join(" ", flags);
  }
}
