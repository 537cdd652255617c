package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.dev.bench.HarnessBenchmark;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code booty-dev bench harness}: options for {@link HarnessBenchmark}, which prints. */
@Command(
    name = "harness",
    description = {
      "Measure booty's test clients in this JVM against nats-servers the bench starts on loopback:"
          + " how many concurrent clients it sustains (a ramp, pub/sub at --rate each with full"
          + " measurement), and their throughput as fast as possible beside 'nats bench' with the"
          + " same publishers, subscribers and message size."
    })
final class HarnessBench extends BaseCommand {
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
    ComponentManager components =
        new ComponentManager(
            ManifestLoader.load(global.manifest, ctx.env()),
            new ComponentStore(BootyHome.resolve(global.home, ctx.env())),
            ctx.env());
    HarnessBenchmark.Settings settings =
        new HarnessBenchmark.Settings(
            steps,
            stepSeconds,
            rate,
            size,
            servers,
            pairs,
            throughputSeconds,
            rounds,
            skipRamp,
            skipThroughput);
    new HarnessBenchmark(ctx, components, settings).run();
    return 0;
  }
}
