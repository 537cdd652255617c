package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.ProtocolConnections;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.run.ClientHost;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "clients",
    hidden = true,
    description = {
      "Run one process's share of a scenario's test clients and report them over the back channel"
          + " (booty scenario run schedules this on Nomad in each data centre). Clients are named"
          + " DC-INDEX-N(-INSTANCE); each reports every second on booty.clients.SCENARIO.report and, when"
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

  @Option(names = "--dc", required = true, paramLabel = "NAME", description = "its data centre")
  String dc;

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

  @Option(
      names = "--servers",
      required = true,
      paramLabel = "URL,URL",
      split = ",",
      description = "the seed list, in the order to try")
  List<String> servers;

  @Option(names = "--subject", defaultValue = "booty.client", paramLabel = "SUBJECT")
  String subject;

  @Option(names = "--rate", defaultValue = "100", paramLabel = "N", description = "msgs/s per kind")
  int rate;

  @Option(names = "--size", defaultValue = "128", paramLabel = "BYTES")
  int size;

  @Option(
      names = "--kinds",
      defaultValue = "pubsub",
      split = ",",
      paramLabel = "KIND,KIND",
      description = "pubsub, request, queue, jetstream (default: ${DEFAULT-VALUE})")
  List<String> kinds;

  @Option(names = "--ping-interval", defaultValue = "2s", paramLabel = "DURATION")
  Duration pingInterval;

  @Option(names = "--max-pings-out", defaultValue = "2", paramLabel = "N")
  int maxPingsOut;

  @Option(
      names = "--connect-timeout",
      defaultValue = "2s",
      paramLabel = "DURATION",
      description = "how long one connection attempt may take (default: ${DEFAULT-VALUE})")
  Duration connectTimeout;

  @Option(names = "--replicas", defaultValue = "3", paramLabel = "N")
  int replicas;

  @Option(
      names = "--no-placement",
      description = "do not place the JetStream stream by the servers' dc:NAME tag")
  boolean noPlacement;

  ClientsCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    if (count < 1) {
      throw BootyException.usage("--count " + count + ": at least 1");
    }
    List<ClientConfig> configs = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        configs.add(
            ClientConfig.builder()
                .id(
                    dc
                        + "-"
                        + index
                        + "-"
                        + i
                        + (instance == null || instance.isBlank()
                            ? ""
                            : "-" + instance.substring(0, Math.min(4, instance.length()))))
                .dc(dc)
                .servers(servers)
                .subject(subject)
                .rate(rate)
                .size(size)
                .kinds(kinds)
                .pingInterval(pingInterval)
                .maxPingsOut(maxPingsOut)
                .connectTimeout(connectTimeout)
                .replicas(replicas)
                .placement(!noPlacement)
                .build());
      }
    } catch (IllegalArgumentException e) {
      throw BootyException.usage(e.getMessage());
    }
    String who = "booty clients " + dc + "-" + index;
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
