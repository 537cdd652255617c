package dev.booty.dev;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.run.BrowserCheck;
import dev.booty.dev.bench.BrowserBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code booty-dev bench browser}: options for {@link BrowserBenchmark}, which prints. */
@Command(
    name = "browser",
    description = {
      "Measure how many NATS connections browser test clients (booty's page in headless Chromium,"
          + " over WebSocket) hold on this machine, a ramp of connections with the pub/sub round"
          + " trip at --rate each, and their memory per connection; the same counts of JVM clients"
          + " beside them. Needs Debian's chromium and chromium-driver."
    })
final class BrowserBench extends BaseCommand {
  @Option(
      names = "--steps",
      split = ",",
      description = "connection counts of the ramp (default: ${DEFAULT-VALUE})")
  List<Integer> steps = List.of(250, 500, 1000, 1500);

  @Option(
      names = "--per-browser",
      description =
          "connections per browser, at most 254: Chromium's 255 WebSockets less the page's report"
              + " channel (default: ${DEFAULT-VALUE})")
  int perBrowser = 250;

  @Option(names = "--step-seconds", description = "measured seconds per step (default: 20)")
  int stepSeconds = 20;

  @Option(names = "--rate", description = "msgs/s per connection (default: ${DEFAULT-VALUE})")
  int rate = 1;

  @Option(names = "--size", description = "payload bytes (default: ${DEFAULT-VALUE})")
  int size = 128;

  @Option(names = "--skip-jvm", description = "only the browsers")
  boolean skipJvm;

  BrowserBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    if (perBrowser < 1
        || perBrowser > dev.booty.core.scenario.ClientGroup.MAX_PER_BROWSER
        || rate < 1
        || stepSeconds < 1
        || size < 16) {
      throw BootyException.usage(
          "--per-browser: 1 to "
              + dev.booty.core.scenario.ClientGroup.MAX_PER_BROWSER
              + "; --rate and --step-seconds: at least 1; --size: at least 16");
    }
    for (Path p : List.of(BrowserCheck.CHROMIUM, BrowserCheck.CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw BootyException.failure(p + " is missing: apt-get install chromium chromium-driver");
      }
    }
    String self = System.getProperty("booty.launcher");
    if (self == null || self.isBlank()) {
      throw BootyException.failure(
          "bench browser starts 'booty browsers' processes: run it from the distribution's"
              + " bin/booty-dev");
    }
    Path launcher = Path.of(self).resolveSibling("booty");
    ComponentManager components =
        new ComponentManager(
            ManifestLoader.load(global.manifest, ctx.env()),
            new ComponentStore(BootyHome.resolve(global.home, ctx.env())),
            ctx.env());
    new BrowserBenchmark(
            ctx,
            components,
            new BrowserBenchmark.Settings(steps, perBrowser, stepSeconds, rate, size, skipJvm),
            launcher)
        .run();
    return 0;
  }
}
