package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.home.BootyHome;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.manifest.Platform;
import dev.booty.dev.bench.InstallBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code booty-dev bench install}: options for {@link InstallBenchmark}, its cases as a table. */
@Command(
    name = "install",
    description = {
      "Time cold installs per source (loopback release mirror, Go build, booty's Go build cache,"
          + " already installed) and print the booty home sizes. The binary published on the"
          + " loopback mirror is taken from the booty home, so install the component first."
    })
final class InstallBench extends BaseCommand {
  @Option(names = "--component", description = "component to measure (default: ${DEFAULT-VALUE})")
  String component = "nats-server";

  @Option(names = "--skip-go", description = "leave out the Go build (minutes for big modules)")
  boolean skipGo;

  InstallBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    BootyHome userHome = BootyHome.resolve(global.home, ctx.env());
    InstallBenchmark.Result r =
        new InstallBenchmark(
                ManifestLoader.load(global.manifest, ctx.env()),
                userHome,
                ctx.env(),
                new InstallBenchmark.Settings(component, skipGo))
            .run();
    Table t = new Table("CASE", "SOURCE", "SECONDS", "HOME SIZE");
    for (InstallBenchmark.Case c : r.cases()) {
      t.row(c.name(), c.source(), String.format("%.3f", c.seconds()), mb(c.homeBytes()));
    }
    ctx.out()
        .println("bench install: " + component + " " + r.version() + " on " + Platform.current());
    t.print(ctx.out());
    ctx.out().println("booty home " + userHome.root() + ": " + mb(r.userHomeBytes()));
    return 0;
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
