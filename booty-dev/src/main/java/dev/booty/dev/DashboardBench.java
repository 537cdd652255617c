package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.dev.bench.DashboardBenchmark;
import dev.booty.dev.bench.DashboardReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code booty-dev bench dashboard}: options for {@link DashboardBenchmark}; its report. */
@Command(
    name = "dashboard",
    description = {
      "Measure booty's page through Caddy in headless Chromium (Debian's chromium and"
          + " chromium-driver): time to first render of the live view, from an event on the back"
          + " channel to the page showing it, from freezing a data centre to its servers showing"
          + " down, and the page weight; goals under 1 s and 500 KB. In a temporary home on free"
          + " ports, the scenario renamed "
          + DashboardBenchmark.NAME
          + " on subnet "
          + DashboardBenchmark.SUBNET
          + "."
    })
final class DashboardBench extends BaseCommand {
  @Mixin ScenarioOption deployed;

  @Option(
      names = "--loads",
      description = "fresh loads of the live view (default: ${DEFAULT-VALUE})")
  int loads = 10;

  @Option(
      names = "--events",
      description = "run events published and followed to the page (default: ${DEFAULT-VALUE})")
  int events = 20;

  @Option(
      names = "--freezes",
      description = "freezes of the victim's servers (default: ${DEFAULT-VALUE})")
  int freezes = 3;

  @Option(
      names = "--victim",
      description = "the data centre to freeze (default: the scenario's last)")
  String victim;

  @Mixin OutputOptions output;

  DashboardBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    DashboardBenchmark.Settings settings =
        new DashboardBenchmark.Settings(deployed.scenario, loads, events, freezes, victim);
    DashboardBenchmark.check(settings);
    DashboardBenchmark.Result r = new DashboardBenchmark(ctx, settings).run();
    new DashboardReport(settings, r).write(ctx.out(), output.json);
    return r.complete() ? 0 : 1;
  }
}
