package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.TestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "client",
    description = {
      "Run a measuring NATS test client: it connects to exactly --servers, in that order, publishes"
          + " numbered, time-stamped messages on --subject at --rate and subscribes to the same"
          + " subject, then prints what came back: sent, received, lost, duplicated, latency and"
          + " every disconnect and reconnect. It reconnects forever, every 250 ms."
    },
    footer = {
      "",
      "Example:",
      "  booty client --id c1 --dc dallas --servers nats://127.0.0.1:4222,nats://127.0.0.1:4223 \\",
      "      --subject booty.test --rate 200 --size 128 --duration 30s --json"
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
      description = "where it publishes and subscribes (default: ${DEFAULT-VALUE})")
  String subject;

  @Option(
      names = "--rate",
      defaultValue = "100",
      paramLabel = "N",
      description = "messages per second (default: ${DEFAULT-VALUE})")
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
      converter = NodesCommand.DurationConverter.class,
      description = "how long it publishes (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  ClientCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    ClientConfig config;
    try {
      config = new ClientConfig(id, dc, servers, subject, rate, size, duration);
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
    Table t = new Table("SENT", "RECEIVED", "LOST", "DUPLICATED", "P50 MS", "P99 MS", "MAX MS");
    t.row(
        String.valueOf(r.sent()),
        String.valueOf(r.received()),
        String.valueOf(r.lost()),
        String.valueOf(r.duplicated()),
        String.valueOf(r.latencyP50Ms()),
        String.valueOf(r.latencyP99Ms()),
        String.valueOf(r.latencyMaxMs()));
    t.print(ctx.out());
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
