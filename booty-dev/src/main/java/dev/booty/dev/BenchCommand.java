package dev.booty.dev;

import picocli.CommandLine.Command;

/** {@code booty-dev bench ...}: benchmarks that print figures (they assert nothing). */
@Command(
    name = "bench",
    description = "Benchmarks that print figures; see 'make bench-install'.",
    subcommands = {
      InstallBench.class,
      UpBench.class,
      DeployBench.class,
      BackChannelBench.class,
      DnsBench.class,
      HarnessBench.class,
      BrowserBench.class,
      DashboardBench.class,
      PluginBench.class
    })
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
