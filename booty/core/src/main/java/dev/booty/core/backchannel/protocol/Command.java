package dev.booty.core.backchannel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.util.Json;
import java.util.List;

/**
 * The closed set of commands booty sends an agent (docs/backchannel.md), each with its typed
 * arguments. A command's name is the last token of its subject ({@code booty.cmd.NODE.ping}); its
 * arguments travel as the request's JSON ({@link #request()}). {@link CommandRequest#parse} reads
 * one back, refusing anything else.
 */
public sealed interface Command
    permits Command.Ping,
        Command.Status,
        Command.Stats,
        Command.LameDuck,
        Command.Stop,
        Command.Start,
        Command.Kill {
  /** The names of the commands, in the order the docs list them. */
  List<String> NAMES = List.of("ping", "status", "stats", "lame-duck", "stop", "start", "kill");

  /** The command's name: the last token of its subject. */
  String name();

  /** The request's payload: {@code {"v":1, ...arguments}}. */
  default ObjectNode request() {
    ObjectNode node = Json.MAPPER.createObjectNode().put("v", Protocol.VERSION);
    String server =
        switch (this) {
          case Stats s -> s.server();
          case LameDuck l -> l.server();
          case Stop t -> t.server();
          case Start t -> t.server();
          case Kill k -> k.server();
          case Ping p -> null;
          case Status s -> null;
        };
    if (server != null) {
      node.put("server", server);
    }
    return node;
  }

  /** The agent's clock, to measure the round trip and the clock's offset. */
  record Ping() implements Command {
    @Override
    public String name() {
      return "ping";
    }
  }

  /** The node, the agent and the nats-servers it watches, with their health. */
  record Status() implements Command {
    @Override
    public String name() {
      return "status";
    }
  }

  /**
   * {@code /varz}, {@code /jsz}, {@code /routez} and {@code /gatewayz} of one local nats-server, or
   * of every one when {@code server} is null.
   */
  record Stats(String server) implements Command {
    @Override
    public String name() {
      return "stats";
    }
  }

  /** Puts one local nats-server into lame-duck mode. */
  record LameDuck(String server) implements Command {
    public LameDuck {
      if (server == null || server.isBlank()) {
        throw new IllegalArgumentException("lame-duck needs a server");
      }
    }

    @Override
    public String name() {
      return "lame-duck";
    }
  }

  /**
   * Stops one local nats-server dead without a word (SIGSTOP): its connections stay open and
   * silent, the way a server looks when its network dies quietly, and Nomad still sees it running.
   */
  record Stop(String server) implements Command {
    public Stop {
      if (server == null || server.isBlank()) {
        throw new IllegalArgumentException("stop needs a server");
      }
    }

    @Override
    public String name() {
      return "stop";
    }
  }

  /** Lets a stopped nats-server go on (SIGCONT). */
  record Start(String server) implements Command {
    public Start {
      if (server == null || server.isBlank()) {
        throw new IllegalArgumentException("start needs a server");
      }
    }

    @Override
    public String name() {
      return "start";
    }
  }

  /**
   * Kills one local nats-server at once (SIGKILL): the kernel closes its connections, so clients
   * and peers see them reset. Whatever supervises the server (Nomad) may start it again.
   */
  record Kill(String server) implements Command {
    public Kill {
      if (server == null || server.isBlank()) {
        throw new IllegalArgumentException("kill needs a server");
      }
    }

    @Override
    public String name() {
      return "kill";
    }
  }
}
