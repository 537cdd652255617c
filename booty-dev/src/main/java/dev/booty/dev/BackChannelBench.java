package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.BootyException;
import dev.booty.dev.bench.BackChannelBenchmark;
import dev.booty.dev.bench.BackChannelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code booty-dev bench backchannel}: options for {@link BackChannelBenchmark}; its report. */
@Command(
    name = "backchannel",
    description = {
      "Measure the back channel: the round trip of ping from booty to every node's agent, and the"
          + " delay from publishing telemetry to VictoriaMetrics answering it, in a temporary home"
          + " on free ports, the scenario renamed "
          + BackChannelBenchmark.NAME
          + " on subnet "
          + BackChannelBenchmark.SUBNET
          + "."
    })
final class BackChannelBench extends BaseCommand {
  @Mixin ScenarioOption deployed;

  @Option(
      names = "--pings",
      description =
          "ping requests per node, after "
              + BackChannelBenchmark.WARM_UP
              + " uncounted (default: ${DEFAULT-VALUE})")
  int pings = 100;

  @Option(
      names = "--probes",
      description = "telemetry messages to follow into VictoriaMetrics (default: ${DEFAULT-VALUE})")
  int probes = 10;

  @Mixin OutputOptions output;

  BackChannelBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    if (pings < 1 || probes < 1) {
      throw BootyException.usage(
          "--pings and --probes: at least 1, not " + pings + " and " + probes);
    }
    BackChannelBenchmark.Settings settings =
        new BackChannelBenchmark.Settings(deployed.scenario, pings, probes);
    BackChannelBenchmark.Result r = new BackChannelBenchmark(ctx, settings).run();
    new BackChannelReport(settings, r).write(ctx.out(), output.json);
    return r.complete() ? 0 : 1;
  }
}
