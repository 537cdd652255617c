package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.cli.Table;
import dev.booty.core.backchannel.protocol.Nodes;
import io.nats.client.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "nodes",
    description = {
      "List the agents heard on the control plane: booty listens to their heartbeats"
          + " (booty.agent.hb.*) for a while. Exit 0, also when none is heard."
    },
    footer = {
      "",
      "Examples:",
      "  booty nodes",
      "  booty nodes --wait 5s --json    (--json: [{node, dc, scenario, version, ...}])",
      "  booty nodes --control-plane tls://connect.ngs.global --creds ~/booty-ngs.creds"
    })
public final class NodesCommand extends BaseCommand {
  @Mixin ControlPlaneOptions controlPlane;

  @Mixin OutputOptions output;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      defaultValue = "3s",
      description = "how long to listen (default: ${DEFAULT-VALUE})")
  Duration wait;

  NodesCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    List<Nodes.Heard> heard;
    try (Connection nc = controlPlane.connect(localStack(), ctx.err())) {
      heard = Nodes.listen(nc, wait, w -> ctx.err().println("booty nodes: " + w));
    }
    Instant now = Instant.now();
    if (output.json) {
      printJson(
          heard.stream()
              .map(
                  h -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("node", h.node());
                    row.put("dc", h.dc());
                    row.put("scenario", h.heartbeat().scenario());
                    row.put("version", h.heartbeat().version());
                    row.put("startedAt", h.heartbeat().startedAt());
                    row.put("uptimeSeconds", h.heartbeat().uptimeSeconds());
                    row.put("servers", h.heartbeat().servers());
                    row.put("lastHeartbeatSecondsAgo", secondsAgo(h.at(), now));
                    return row;
                  })
              .toList());
      return 0;
    }
    if (heard.isEmpty()) {
      ctx.out().println("no agents heard in " + Nodes.seconds(wait) + " s");
      return 0;
    }
    Table t = new Table("NODE", "DC", "SCENARIO", "VERSION", "LAST HEARTBEAT", "UPTIME", "SERVERS");
    for (Nodes.Heard h : heard) {
      List<String> servers = h.heartbeat().servers();
      t.row(
          h.node(),
          h.dc(),
          h.heartbeat().scenario(),
          h.heartbeat().version(),
          secondsAgo(h.at(), now) + " s ago",
          uptime(h.heartbeat().uptimeSeconds()),
          servers == null || servers.isEmpty() ? null : String.join(",", servers));
    }
    t.print(ctx.out());
    return 0;
  }

  private static double secondsAgo(Instant at, Instant now) {
    return Math.round(Duration.between(at, now).toMillis() / 100.0) / 10.0;
  }

  static String uptime(long secs) {
    return secs < 60
        ? secs + "s"
        : secs < 3600
            ? (secs / 60) + "m" + (secs % 60) + "s"
            : secs < 86400
                ? (secs / 3600) + "h" + (secs % 3600 / 60) + "m"
                : (secs / 86400) + "d" + (secs % 86400 / 3600) + "h";
  }
}
