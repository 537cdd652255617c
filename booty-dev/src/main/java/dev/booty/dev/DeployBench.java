package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.BootyException;
import dev.booty.dev.bench.DeployBenchmark;
import dev.booty.dev.bench.DeployReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code booty-dev bench deploy}: options for {@link DeployBenchmark}; its report. */
@Command(
    name = "deploy",
    description = {
      "Time booty deploy to all servers passing in Consul (cold, then a no-op redeploy; --rounds"
          + " cold deploys with a destroy in between) and measure the request/reply RTT between"
          + " every pair of data centres, in a temporary home on free ports, the scenario renamed "
          + DeployBenchmark.NAME
          + " on subnet "
          + DeployBenchmark.SUBNET
          + "."
    })
final class DeployBench extends BaseCommand {
  @Mixin ScenarioOption deployed;

  @Option(
      names = "--rounds",
      description = "cold deploys, destroyed in between (default: ${DEFAULT-VALUE})")
  int rounds = 2;

  @Mixin OutputOptions output;

  DeployBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    if (rounds < 1) {
      throw BootyException.usage("--rounds: at least 1, not " + rounds);
    }
    DeployBenchmark.Result r =
        new DeployBenchmark(ctx, new DeployBenchmark.Settings(deployed.scenario, rounds)).run();
    new DeployReport(deployed.scenario, r).write(ctx.out(), output.json);
    return r.complete() ? 0 : 1;
  }
}
