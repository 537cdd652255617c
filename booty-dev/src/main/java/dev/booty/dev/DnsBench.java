package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.BootyException;
import dev.booty.dev.bench.DnsBenchmark;
import dev.booty.dev.bench.DnsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code booty-dev bench dns}: options for {@link DnsBenchmark}; its report. */
@Command(
    name = "dns",
    description = {
      "Measure geo DNS (plugins.dns: "
          + DnsBenchmark.PLUGIN
          + "): the answer latency of each data centre's own DNS server, and the time from freezing"
          + " a data centre's servers (SIGSTOP) to its DNS naming another data centre's, and from"
          + " thawing them to its own again, next to TTL + check interval + 1 s; in a temporary"
          + " home on free ports, the scenario renamed "
          + DnsBenchmark.NAME
          + " on subnet "
          + DnsBenchmark.SUBNET
          + "."
    })
final class DnsBench extends BaseCommand {
  @Mixin ScenarioOption deployed = new ScenarioOption("scenarios/dns-dc-outage.yaml");

  @Option(
      names = "--queries",
      description = "queries to each data centre's DNS server (default: ${DEFAULT-VALUE})")
  int queries = 200;

  @Option(
      names = "--rounds",
      description =
          "freezes of the victim's servers, thawed in between (default: ${DEFAULT-VALUE})")
  int rounds = 3;

  @Option(
      names = "--victim",
      description =
          "the data centre to freeze (default: the one farthest from the others by the"
              + " scenario's RTTs)")
  String victim;

  @Mixin OutputOptions output;

  DnsBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    if (rounds < 1 || queries < 1) {
      throw BootyException.usage(
          "--rounds and --queries: at least 1, not " + rounds + " and " + queries);
    }
    DnsBenchmark.Result r =
        new DnsBenchmark(ctx, new DnsBenchmark.Settings(deployed.scenario, queries, rounds, victim))
            .run();
    new DnsReport(deployed.scenario, r).write(ctx.out(), output.json);
    return r.complete() ? 0 : 1;
  }
}
