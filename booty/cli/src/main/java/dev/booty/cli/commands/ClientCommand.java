package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.SequenceSet;
import dev.booty.core.client.TestClient;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ClientOptions client;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "how long it publishes (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Mixin OutputOptions output;

  ClientCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    client.applyNameCache();
    ClientConfig config;
    try {
      config = client.builder(id).duration(duration).build();
    } catch (IllegalArgumentException e) {
      throw BootyException.usage(e.getMessage());
    }
    ClientReport r;
    try (TestClient client = new TestClient(config)) {
      r = client.run();
    } catch (IOException e) {
      throw BootyException.failure(
          "booty client " + id + ": cannot connect to " + client.servers + ": " + e.getMessage());
    }
    if (output.json) {
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
