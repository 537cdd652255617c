package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.cli.Table;
import dev.booty.core.backchannel.protocol.Command;
import dev.booty.core.backchannel.protocol.CommandClient;
import dev.booty.core.local.AgentCommands;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@picocli.CommandLine.Command(
    name = "cmd",
    description = {
      "Send a command to the agents of one node, a data centre's nodes (dc:NAME, learnt from their"
          + " heartbeats) or all nodes, in parallel, and show each answer with its round trip.",
      "Commands: ping, status, stats [--server NAME], lame-duck --server NAME, stop --server NAME"
          + " (freeze it: SIGSTOP, connections stay open and silent), start --server NAME (SIGCONT).",
      "Exit 0 when every node answered ok, 1 when one failed or did not answer, 2 for an unknown"
          + " command, bad arguments or a target that matches no node."
    },
    footer = {
      "",
      "Examples:",
      "  booty cmd local-3dc-dallas ping",
      "  booty cmd all status --json",
      "  booty cmd dc:dallas stats --server dal-1",
      "  booty cmd dc:dallas lame-duck --server dal-2",
      "  booty cmd dc:dallas stop --server dal-1      (and start --server dal-1)"
    })
public final class CmdCommand extends BaseCommand {
  private static final int SUMMARY_WIDTH = 200;

  @Mixin ControlPlaneOptions controlPlane;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "TARGET", description = "a node, dc:NAME or all")
  String target;

  @Parameters(
      index = "1",
      paramLabel = "COMMAND",
      description = "ping, status, stats, lame-duck, stop or start")
  String command;

  @Option(
      names = "--server",
      paramLabel = "NAME",
      description = "the nats-server (stats, lame-duck, stop, start)")
  String server;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      description = "how long to wait for the answers (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      description =
          "for dc:NAME and all: how long to listen to heartbeats first (default: ${DEFAULT-VALUE})",
      defaultValue = "2.5s")
  Duration wait;

  CmdCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Command cmd = AgentCommands.parse(command, server);
    AgentCommands.checkTarget(target);
    List<CommandClient.Outcome> outcomes;
    try (Connection nc = controlPlane.connect(localStack(), ctx.err())) {
      outcomes =
          AgentCommands.send(
              nc, target, cmd, wait, timeout, w -> ctx.err().println("booty cmd: " + w));
    }
    print(cmd, outcomes);
    return outcomes.stream().allMatch(o -> o.state() == CommandClient.State.OK) ? 0 : 1;
  }

  private void print(Command cmd, List<CommandClient.Outcome> outcomes) throws Exception {
    long answered = outcomes.stream().filter(CommandClient.Outcome::answered).count();
    if (output.json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("command", command);
      out.put("answered", answered);
      out.put("of", outcomes.size());
      out.put(
          "nodes",
          outcomes.stream()
              .map(
                  o -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("node", o.target().node());
                    row.put("dc", o.target().dc());
                    row.put("state", o.state());
                    row.put("rttMs", o.rttMs());
                    row.put("clockOffsetMs", o.clockOffsetMs());
                    row.put("result", o.result());
                    row.put("error", o.error());
                    return row;
                  })
              .toList());
      printJson(out);
      return;
    }
    Table t = new Table("NODE", "DC", "STATE", "RTT", "RESULT");
    for (CommandClient.Outcome o : outcomes) {
      t.row(
          o.target().node(),
          o.target().dc(),
          o.state() == CommandClient.State.NO_AGENT ? "NO AGENT" : o.state(),
          o.rttMs() == null ? null : String.format("%.2f ms", o.rttMs()),
          CommandClient.summary(cmd, o, SUMMARY_WIDTH));
    }
    t.print(ctx.out());
    List<String> silent =
        outcomes.stream().filter(o -> !o.answered()).map(o -> o.target().node()).toList();
    ctx.out()
        .println(
            answered
                + " of "
                + outcomes.size()
                + " answered"
                + (silent.isEmpty() ? "" : "; no answer from: " + String.join(", ", silent)));
  }
}
