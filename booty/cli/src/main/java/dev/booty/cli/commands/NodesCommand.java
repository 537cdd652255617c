package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.Nodes;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.home.BootyHome;
import dev.booty.core.stack.StackPorts;
import io.nats.client.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
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
      "  booty nodes --wait 5s --json",
      "  booty nodes --control-plane tls://connect.ngs.global --creds ~/booty-ngs.creds"
    })
public final class NodesCommand extends BaseCommand {
  @Mixin ControlPlane controlPlane;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "3s",
      description = "how long to listen (default: ${DEFAULT-VALUE})")
  Duration wait;

  @Option(
      names = "--json",
      description = "print JSON: [{node, dc, scenario, version, ..., lastHeartbeatSecondsAgo}]")
  boolean json;

  NodesCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    List<Nodes.Heard> heard;
    try (Connection nc = controlPlane.connect(home(), ctx.err())) {
      heard = Nodes.listen(nc, wait, w -> ctx.err().println("booty nodes: " + w));
    }
    Instant now = Instant.now();
    if (json) {
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

  /**
   * Where booty reaches the agents: the stack's control-plane NATS with booty's creds, unless
   * {@code --control-plane} (and {@code --creds}) name another, such as NGS.
   */
  public static final class ControlPlane {
    @Option(
        names = "--control-plane",
        paramLabel = "URL",
        description =
            "the control-plane NATS (default: the stack's, nats://127.0.0.1:<nats.client port>)")
    String url;

    @Option(
        names = "--creds",
        paramLabel = "FILE",
        description =
            "creds to connect with (default: HOME/stack/nats/creds/booty.creds for the stack's;"
                + " none with --control-plane)")
    Path creds;

    /** A connection to the control plane; what its server refuses later goes to {@code err}. */
    Connection connect(BootyHome home, java.io.PrintStream err) {
      java.util.function.Consumer<String> warn = w -> err.println("booty: control plane " + w);
      if (url != null) {
        return ProtocolConnections.connect(url, creds, warn);
      }
      Path stack = home.root().resolve("stack");
      Path file =
          creds != null ? creds : stack.resolve("nats").resolve("creds").resolve("booty.creds");
      if (!Files.isRegularFile(file)) {
        throw BootyException.failure(
            "no control-plane creds at "
                + file
                + ": 'booty up' creates them (or give --control-plane URL and --creds FILE)");
      }
      int port = StackPorts.load(stack.resolve("ports.json"), Map.of()).get("nats.client");
      return ProtocolConnections.connect("nats://127.0.0.1:" + port, file, warn);
    }
  }

  /** {@code 500ms}, {@code 2s}, {@code 2.5s}, {@code 1m}, {@code 1h}, or plain seconds. */
  public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = FORM.matcher(value.trim());
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration (500ms, 2s, 2.5s, 1m)");
      }
      double n = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double ms =
          switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
          };
      if (ms < 1) {
        throw new CommandLine.TypeConversionException("'" + value + "' is shorter than 1 ms");
      }
      return Duration.ofMillis(Math.round(ms));
    }
  }
}
