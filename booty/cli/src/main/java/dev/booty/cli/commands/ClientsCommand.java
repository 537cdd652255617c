package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientHost;
import io.nats.client.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "clients",
    hidden = true,
    description = {
      "Run one process's share of a scenario's test clients and report them over the back channel"
          + " (booty scenario run schedules this on Nomad, one job per client group). Clients are"
          + " named GROUP-INDEX-N(-INSTANCE), GROUP being the data centre unless --group says; each reports every second on booty.clients.SCENARIO.report and, when"
          + " booty asks on booty.clients.SCENARIO.finish or on SIGTERM, stops and sends its"
          + " final report."
    })
public final class ClientsCommand extends BaseCommand {
  @Mixin ClientProcessOptions process;

  @Mixin ClientOptions client;

  ClientsCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    List<ClientConfig> configs = process.configs(client);
    client.applyNameCache();
    String who = "booty clients " + process.processName(client.group());
    try (Connection nc =
        ProtocolConnections.connect(
            process.controlPlane, process.creds, line -> ctx.err().println(who + ": " + line))) {
      ClientHost host =
          new ClientHost(
              configs,
              nc,
              process.scenario,
              process.run,
              Duration.ofSeconds(1),
              line ->
                  ctx.err()
                      .println(
                          Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + who + ": " + line));
      Thread stop = new Thread(host::finish, "booty-clients-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      try {
        host.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
          // shutting down already: the hook sends the final reports
        }
      }
    }
    return 0;
  }
}
