package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.dev.bench.Bench;
import dev.booty.dev.bench.UpBenchmark;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code booty-dev bench up}: options for {@link UpBenchmark}, and its figures as a table. */
@Command(
    name = "up",
    description = {
      "Time booty up to all-healthy, cold (first boot, empty data) and warm (second boot), and"
          + " booty job run to healthy, in a temporary home on free ports."
    })
final class UpBench extends BaseCommand {
  @Option(names = "--job", description = "the job file to time (default: ${DEFAULT-VALUE})")
  Path job = Path.of("jobs/nats-raw.nomad.hcl");

  @Option(
      names = "--rounds",
      description = "warm boots to average over (default: ${DEFAULT-VALUE})")
  int rounds = 3;

  UpBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    UpBenchmark.Result r = new UpBenchmark(ctx.env(), new UpBenchmark.Settings(job, rounds)).run();
    String name = job.getFileName().toString();
    Table t = new Table("CASE", "SECONDS");
    t.row("booty up, cold (first boot, empty data)", Bench.f2(r.cold()));
    if (r.firstJob() != null) {
      t.row("booty job run " + name + ", first job after boot", Bench.f2(r.firstJob()));
      t.row("booty job run " + name + ", running stack (median of 3)", Bench.f2(r.settledJob()));
    }
    t.row("booty up, warm (mean of " + rounds + ")", Bench.f2(r.warmMean()));
    ctx.out().println("bench up: " + Bench.cores() + " cores");
    t.print(ctx.out());
    return 0;
  }
}
