package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.BootyException;
import dev.booty.dev.bench.PluginBenchReport;
import dev.booty.dev.bench.PluginBenchmark;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code booty-dev bench plugins}: options for {@link PluginBenchmark}; its report. */
@Command(
    name = "plugins",
    description = {
      "Measure what running a plugin out of process costs: the example plugin hello-chaos's chaos"
          + " mode called in booty's JVM and through gRPC (prepare, and inject making one"
          + " Host.Progress callback; p50/p99/max and calls/s), and cold starts of its process"
          + " with and without its quick-start JVM flags, in a temporary home. Needs the plugin"
          + " built: "
          + PluginBenchmark.BUILD
          + ". Writes the JSON report to "
          + PluginBenchReport.FILE
          + " too."
    })
final class PluginBench extends BaseCommand {
  @Option(
      names = "--plugin",
      paramLabel = "PATH",
      description =
          "the built hello-chaos folder (plugin.yaml + lib/); default: "
              + PluginBenchmark.PLUGIN_DIR
              + " in the working directory or a parent")
  Path plugin;

  @Option(
      names = "--warm-up",
      description =
          "uncounted prepare calls per side before the measured ones; inject a quarter of it"
              + " (default: ${DEFAULT-VALUE})")
  int warmUp = 5000;

  @Option(
      names = "--calls",
      description = "measured prepare calls per side (default: ${DEFAULT-VALUE})")
  int calls = 20000;

  @Option(
      names = "--injects",
      description = "measured inject calls per side (default: ${DEFAULT-VALUE})")
  int injects = 5000;

  @Option(
      names = "--starts",
      description = "measured cold starts per JVM-flags variant (default: ${DEFAULT-VALUE})")
  int starts = 10;

  @Mixin OutputOptions output;

  PluginBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    if (warmUp < 0 || calls < 1 || injects < 1 || starts < 1) {
      throw BootyException.usage(
          "--calls, --injects and --starts: at least 1, --warm-up at least 0; not "
              + calls
              + ", "
              + injects
              + ", "
              + starts
              + " and "
              + warmUp);
    }
    PluginBenchmark.Settings settings =
        new PluginBenchmark.Settings(plugin, warmUp, calls, injects, starts);
    PluginBenchmark.Result r = new PluginBenchmark(ctx, settings).run();
    PluginBenchReport report = new PluginBenchReport(settings, r);
    report.write(ctx.out(), output.json);
    Path file = PluginBenchmark.reportFile(r.plugin());
    Files.createDirectories(file.getParent());
    try (PrintStream json =
        new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
      report.printJson(json);
    }
    if (!output.json) {
      ctx.out().println();
      ctx.out().println("report: " + file);
    }
    return r.complete() ? 0 : 1;
  }
}
