package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.SequenceSet;
import dev.booty.core.client.TestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "client",
    description = {
      "Run a measuring NATS test client: it connects to exactly --servers, in that order, and runs"
          + " each of --kinds at --rate: pubsub (its own subject SUBJECT.pubsub.ID), request"
          + " (SUBJECT.request.DC, answered by the DC's clients), queue (SUBJECT.queue.DC.ID, queue"
          + " group q-DC) and jetstream (stream booty_DC, durable booty-DC). Then it prints, per"
          + " kind, what was sent, acknowledged and received, latency, and every disconnect and"
          + " reconnect. It reconnects forever, every 250 ms."
    },
    footer = {
      "",
      "Example:",
      "  booty client --id c1 --dc dallas --servers nats://127.0.0.1:4222,nats://127.0.0.1:4223 \\",
      "      --subject booty.test --rate 200 --size 128 --duration 30s --kinds pubsub,request --json"
    })
public final class ClientCommand extends BaseCommand {
  @Option(names = "--id", required = true, paramLabel = "ID", description = "the client's name")
  String id;

  @Option(names = "--dc", required = true, paramLabel = "DC", description = "its data centre")
  String dc;

  @Option(
      names = "--servers",
      required = true,
      split = ",",
      paramLabel = "URL",
      description = "the seed list, tried in this order")
  List<String> servers;

  @Option(
      names = "--subject",
      defaultValue = "booty.client",
      paramLabel = "SUBJECT",
      description = "the root of the subjects it uses (default: ${DEFAULT-VALUE})")
  String subject;

  @Option(
      names = "--rate",
      defaultValue = "100",
      paramLabel = "N",
      description =
          "messages per second of each kind, 0: as fast as possible (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--size",
      defaultValue = "128",
      paramLabel = "BYTES",
      description = "payload size, at least 16 (default: ${DEFAULT-VALUE})")
  int size;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "how long it publishes (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(
      names = "--kinds",
      defaultValue = "pubsub",
      split = ",",
      paramLabel = "KIND",
      description = "pubsub, request, queue, jetstream (default: ${DEFAULT-VALUE})")
  List<String> kinds;

  @Option(
      names = "--ping-interval",
      defaultValue = "2s",
      paramLabel = "DURATION",
      description = "how often it pings its server (default: ${DEFAULT-VALUE})")
  Duration pingInterval;

  @Option(
      names = "--max-pings-out",
      defaultValue = "2",
      paramLabel = "N",
      description =
          "unanswered pings before the connection counts as dead (default: ${DEFAULT-VALUE})")
  int maxPingsOut;

  @Option(
      names = "--request-timeout",
      defaultValue = "2s",
      paramLabel = "DURATION",
      description = "wait for a reply or a JetStream ack (default: ${DEFAULT-VALUE})")
  Duration requestTimeout;

  @Option(
      names = "--replicas",
      defaultValue = "3",
      paramLabel = "N",
      description = "JetStream stream replicas (default: ${DEFAULT-VALUE})")
  int replicas;

  @Option(
      names = "--no-placement",
      description = "do not place the stream on servers tagged dc:DC (servers without tags)")
  boolean noPlacement;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  ClientCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    ClientConfig config;
    try {
      config =
          ClientConfig.builder()
              .id(id)
              .dc(dc)
              .servers(servers)
              .subject(subject)
              .rate(rate)
              .size(size)
              .duration(duration)
              .kinds(kinds)
              .pingInterval(pingInterval)
              .maxPingsOut(maxPingsOut)
              .requestTimeout(requestTimeout)
              .replicas(replicas)
              .placement(!noPlacement)
              .build();
    } catch (IllegalArgumentException e) {
      throw BootyException.usage(e.getMessage());
    }
    ClientReport r;
    try (TestClient client = new TestClient(config)) {
      r = client.run();
    } catch (IOException e) {
      throw BootyException.failure(
          "booty client " + id + ": cannot connect to " + servers + ": " + e.getMessage());
    }
    if (json) {
      printJson(r);
      return 0;
    }
    Table t =
        new Table(
            "KIND", "SENT", "OK", "ERRORS", "RECEIVED", "DUPLICATED", "P50 MS", "P99 MS", "MAX MS");
    for (ClientReport.KindReport k : r.kinds().values()) {
      long received =
          k.received().values().stream().mapToLong(v -> SequenceSet.parse(v).size()).sum();
      t.row(
          k.kind(),
          k.sent(),
          k.ok(),
          k.errors(),
          received,
          k.duplicated(),
          k.latencyP50Ms(),
          k.latencyP99Ms(),
          k.latencyMaxMs());
    }
    t.print(ctx.out());
    if (r.kinds().containsKey(ClientConfig.PUBSUB)) {
      ctx.out().println("pubsub lost: " + r.lost());
    }
    ctx.out().println("first server: " + r.firstServer() + ", last server: " + r.lastServer());
    for (ClientReport.ConnectionEvent e : r.disconnects()) {
      ctx.out().println(e.time() + " disconnected from " + e.server());
    }
    for (ClientReport.ConnectionEvent e : r.reconnects()) {
      ctx.out().println(e.time() + " reconnected to " + e.server());
    }
    return 0;
  }
}
