package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientHost;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
  @Option(names = "--control-plane", required = true, paramLabel = "URL")
  String controlPlane;

  @Option(names = "--creds", paramLabel = "FILE", description = "creds for the control plane")
  Path creds;

  @Option(names = "--scenario", required = true, paramLabel = "NAME")
  String scenario;

  @Option(names = "--run", required = true, paramLabel = "ID", description = "the run's id")
  String run;

  @Option(
      names = "--index",
      defaultValue = "0",
      paramLabel = "N",
      description = "this process's allocation index (default: ${DEFAULT-VALUE})")
  int index;

  @Option(
      names = "--instance",
      paramLabel = "ID",
      description =
          "tells this process's clients from earlier ones of the same index (Nomad's short"
              + " allocation id); clients are named DC-INDEX-N-ID")
  String instance;

  @Option(
      names = "--count",
      defaultValue = "1",
      paramLabel = "N",
      description = "how many clients (default: ${DEFAULT-VALUE})")
  int count;

  @Mixin ClientOptions client;

  ClientsCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    if (count < 1) {
      throw BootyException.usage("--count " + count + ": at least 1");
    }
    client.applyNameCache();
    String group = client.group();
    String suffix =
        instance == null || instance.isBlank()
            ? ""
            : "-" + instance.substring(0, Math.min(4, instance.length()));
    List<ClientConfig> configs = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        configs.add(client.builder(group + "-" + index + "-" + i + suffix).build());
      }
    } catch (IllegalArgumentException e) {
      throw BootyException.usage(e.getMessage());
    }
    String who = "booty clients " + group + "-" + index;
    try (Connection nc =
        ProtocolConnections.connect(
            controlPlane, creds, line -> ctx.err().println(who + ": " + line))) {
      ClientHost host =
          new ClientHost(
              configs,
              nc,
              scenario,
              run,
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
