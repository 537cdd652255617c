package dev.booty.core.local;

import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.Command;
import dev.booty.core.backchannel.protocol.CommandClient;
import dev.booty.core.backchannel.protocol.CommandRequest;
import dev.booty.core.backchannel.protocol.Nodes;
import dev.booty.core.backchannel.protocol.Subjects;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code booty cmd}'s work: a command sent to one node, a data centre's nodes ({@code dc:NAME},
 * learnt from their heartbeats) or {@code all}, in parallel. Checks its input before it connects.
 */
public final class AgentCommands {
  private AgentCommands() {}

  /** The command {@code name} with its {@code --server}; a usage error saying what is wrong. */
  public static Command parse(String name, String server) {
    Map<String, String> args = new LinkedHashMap<>();
    if (server != null) {
      args.put("server", server);
    }
    return switch (CommandRequest.of(name, args)) {
      case CommandRequest.Accepted a -> a.command();
      case CommandRequest.Refused r -> throw BootyException.usage(r.reason());
    };
  }

  /** Refuses a target that can name no node: {@code dc:} alone, a node that is no subject token. */
  public static void checkTarget(String target) {
    if (target.equals("dc:")) {
      throw BootyException.usage("target 'dc:' names no data centre (dc:NAME)");
    }
    if (!many(target)) {
      try {
        Subjects.token(target);
      } catch (IllegalArgumentException e) {
        throw BootyException.usage("target " + e.getMessage());
      }
    }
  }

  /**
   * Sends {@code cmd} to {@code target}'s agents and waits up to {@code timeout} for the answers;
   * for {@code dc:NAME} and {@code all} it listens to heartbeats for {@code wait} first. A single
   * node no agent answers for is a usage error naming the nodes heard.
   */
  public static List<CommandClient.Outcome> send(
      Connection nc,
      String target,
      Command cmd,
      Duration wait,
      Duration timeout,
      Consumer<String> warn)
      throws InterruptedException {
    checkTarget(target);
    List<CommandClient.Target> targets =
        many(target)
            ? Nodes.select(Nodes.listen(nc, wait, warn), target, wait).stream()
                .map(h -> new CommandClient.Target(h.node(), h.dc()))
                .toList()
            : List.of(new CommandClient.Target(target, null));
    List<CommandClient.Outcome> outcomes = CommandClient.send(nc, targets, cmd, timeout);
    if (!many(target) && outcomes.get(0).state() == CommandClient.State.NO_AGENT) {
      List<Nodes.Heard> heard = Nodes.listen(nc, wait, warn);
      throw BootyException.usage(
          "no node '"
              + target
              + "': no agent is connected for it (nothing subscribes to "
              + Subjects.commands(target)
              + "); "
              + (heard.isEmpty()
                  ? "no agents heard"
                  : "heard: " + String.join(", ", heard.stream().map(Nodes.Heard::node).toList()))
              + " in "
              + Nodes.seconds(wait)
              + " s");
    }
    return outcomes;
  }

  private static boolean many(String target) {
    return target.equals("all") || target.startsWith("dc:");
  }
}
