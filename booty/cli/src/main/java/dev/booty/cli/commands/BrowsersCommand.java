package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.browser.BrowserHost;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "browsers",
    hidden = true,
    description = {
      "Run one process's share of a scenario's browser clients: a headless Chromium holding one"
          + " page whose --count NATS connections over WebSocket (--servers ws://HOST:PORT) are"
          + " the clients (booty scenario run schedules this on Nomad for a group of kind"
          + " browser). Clients are named as by booty clients; the page reports every second on"
          + " booty.clients.SCENARIO.report over --control-plane-ws with --report-creds, and when"
          + " booty asks on booty.clients.SCENARIO.finish or on SIGTERM, stops and sends the final"
          + " reports. A page that cannot run is reported BROKEN with its console (exit 3)."
    })
public final class BrowsersCommand extends BaseCommand {
  @Mixin ClientProcessOptions process;

  @Mixin ClientOptions client;

  @Option(
      names = "--control-plane-ws",
      required = true,
      paramLabel = "URL",
      description = "the control plane's WebSocket URL, ws://HOST:PORT, for the page")
  String controlPlaneWs;

  @Option(
      names = "--report-creds",
      paramLabel = "FILE",
      description = "creds the page reports with (they may only publish the reports)")
  Path reportCreds;

  @Option(
      names = "--chromium",
      defaultValue = "/usr/bin/chromium",
      paramLabel = "PATH",
      description = "the Chromium to run (default: ${DEFAULT-VALUE})")
  Path chromium;

  @Option(
      names = "--chromedriver",
      defaultValue = "/usr/bin/chromedriver",
      paramLabel = "PATH",
      description = "its chromedriver, of the same version (default: ${DEFAULT-VALUE})")
  Path chromedriver;

  BrowsersCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    if (client.natsCa != null || client.natsCreds != null) {
      throw BootyException.usage(
          (client.natsCa != null ? "--nats-ca" : "--nats-creds")
              + ": browser pages connect over ws:// without credentials; TLS and creds are for"
              + " booty clients (JVM) only");
    }
    List<ClientConfig> configs = process.configs(client);
    String name = process.processName(client.group());
    String who = "booty browsers " + name;
    Consumer<String> log =
        line ->
            ctx.err()
                .println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + who + ": " + line);
    BrowserHost.Settings settings;
    try {
      settings =
          new BrowserHost.Settings(
              configs,
              process.scenario,
              process.run,
              name,
              controlPlaneWs,
              readCreds(),
              chromium,
              chromedriver);
    } catch (IllegalArgumentException e) {
      throw BootyException.usage("--count " + configs.size() + ": " + e.getMessage());
    }
    try (Connection nc =
        ProtocolConnections.connect(
            process.controlPlane, process.creds, line -> ctx.err().println(who + ": " + line))) {
      BrowserHost host = new BrowserHost(settings, nc, log);
      Thread stop =
          new Thread(
              () -> {
                host.finish();
                try {
                  host.awaitClosed(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "booty-browsers-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      try {
        host.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
          // shutting down already: the hook sends the final reports and waits for Chromium to quit
        }
      }
    }
    return 0;
  }

  private String readCreds() {
    if (reportCreds == null) {
      return null;
    }
    try {
      return Files.readString(reportCreds);
    } catch (IOException e) {
      throw BootyException.usage(
          "--report-creds " + reportCreds + ": cannot read it: " + e.getMessage());
    }
  }
}
