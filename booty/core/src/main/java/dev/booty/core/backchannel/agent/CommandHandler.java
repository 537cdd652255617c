package dev.booty.core.backchannel.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.backchannel.protocol.Command;
import dev.booty.core.backchannel.protocol.CommandRequest;
import dev.booty.core.backchannel.protocol.Protocol;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Answers the commands that reach an agent on {@code booty.cmd.NODE.>}: reads the request ({@link
 * CommandRequest#parse}), runs the command against the local nats-servers and returns the reply.
 * Never throws: whatever goes wrong becomes a reply with {@code ok:false} and a message naming the
 * server, URL or binary involved.
 */
public final class CommandHandler {
  private static final List<String> STATS = List.of("/varz", "/jsz", "/routez", "/gatewayz");

  private final AgentConfig config;
  private final AgentServers servers;
  private final Instant startedAt;
  private final Clock clock;
  private final AgentPids pids = new AgentPids(Path.of("/proc"));

  public CommandHandler(AgentConfig config, AgentServers servers, Instant startedAt, Clock clock) {
    this.config = config;
    this.servers = servers;
    this.startedAt = startedAt;
    this.clock = clock;
  }

  /** The reply to the request {@code data} that arrived on {@code subject}. */
  public Protocol.Reply handle(String subject, byte[] data) {
    CommandRequest request = CommandRequest.parse(subject, data);
    try {
      return switch (request) {
        case CommandRequest.Refused r -> Protocol.Reply.error(config.node(), r.reason());
        case CommandRequest.Accepted a -> run(a.command());
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Protocol.Reply.error(config.node(), "the agent is stopping");
    } catch (RuntimeException e) {
      return Protocol.Reply.error(
          config.node(),
          "command '"
              + Subjects.lastToken(subject)
              + "' failed in the agent: "
              + Protocol.reason(e));
    }
  }

  private Protocol.Reply run(Command command) throws InterruptedException {
    return switch (command) {
      case Command.Ping p -> ok(Json.MAPPER.createObjectNode().put("time", clock.millis()));
      case Command.Status s -> ok(status());
      case Command.Stats s -> stats(s.server());
      case Command.LameDuck l -> lameDuck(l.server());
      case Command.Stop t -> signal(t.server(), "STOP");
      case Command.Start t -> signal(t.server(), "CONT");
      case Command.Kill k -> signal(k.server(), "KILL");
    };
  }

  private ObjectNode status() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("node", config.node());
    out.put("dc", config.dc());
    out.put("scenario", config.scenario());
    out.put("version", config.version());
    out.put("startedAt", startedAt.toString());
    out.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
    ArrayNode list = out.putArray("servers");
    for (AgentServers.Server s : servers.refresh()) {
      boolean healthy = servers.healthy(s);
      list.addObject()
          .put("name", s.name())
          .put("address", s.address())
          .put("monitorUrl", s.monitorUrl())
          .put("healthy", healthy);
      if (healthy) {
        pidOf(s.name()); // found now (booty asks before a run), a fault later signals at once
      }
    }
    return out;
  }

  private Protocol.Reply stats(String name) throws InterruptedException {
    List<AgentServers.Server> chosen = servers.refresh();
    if (name != null) {
      AgentServers.Server s = servers.find(name).orElse(null);
      if (s == null) {
        return unknownServer(name);
      }
      chosen = List.of(s);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode byName = out.putObject("servers");
    for (AgentServers.Server s : chosen) {
      ObjectNode one = byName.putObject(s.name());
      for (String path : STATS) {
        String key = path.substring(1);
        try {
          one.set(key, servers.monitor(s, path));
        } catch (IOException e) {
          one.putObject(key).put("error", s.monitorUrl() + path + ": " + Protocol.reason(e));
        }
      }
    }
    return ok(out);
  }

  /** A local nats-server's pid on this host, or the reply that says why there is none. */
  private sealed interface Pid permits Found, Failed {}

  private record Found(long pid) implements Pid {}

  private record Failed(Protocol.Reply reply) implements Pid {}

  /**
   * The pid of a local nats-server: the one remembered while its process lives, else the process
   * listening on its monitoring address (nats-server does not report its pid). Consul is asked
   * again only for a server the agent does not know yet.
   */
  private Pid pidOf(String name) {
    AgentServers.Server s = servers.find(name).or(() -> refreshed(name)).orElse(null);
    if (s == null) {
      return new Failed(unknownServer(name));
    }
    OptionalLong remembered = pids.remembered(name);
    if (remembered.isPresent()) {
      return new Found(remembered.getAsLong());
    }
    long pid;
    try {
      pid = pids.listening(s.address(), s.monitorPort()).orElse(0);
    } catch (IOException e) {
      return new Failed(
          error("cannot find the process of nats-server " + name + ": " + Protocol.reason(e)));
    }
    if (pid <= 1) {
      return new Failed(
          error(
              "cannot find the process of nats-server "
                  + name
                  + ": nothing on this host listens on its monitoring address "
                  + s.address()
                  + ":"
                  + s.monitorPort()));
    }
    pids.remember(name, pid);
    return new Found(pid);
  }

  private java.util.Optional<AgentServers.Server> refreshed(String name) {
    servers.refresh();
    return servers.find(name);
  }

  /**
   * Sends SIGSTOP, SIGCONT or SIGKILL to a local nats-server. The reply says when ({@code at}, the
   * agent's clock just before the signal), so booty can measure from the moment the fault took
   * effect.
   */
  private Protocol.Reply signal(String name, String signal) throws InterruptedException {
    long pid;
    switch (pidOf(name)) {
      case Failed f -> {
        return f.reply();
      }
      case Found f -> pid = f.pid();
    }
    Instant at = clock.instant();
    if (signal.equals("KILL")) {
      // SIGKILL straight from the JVM: no process to start first
      pids.forget(name);
      if (!ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
        return error("cannot kill nats-server " + name + " (pid " + pid + "): it is gone");
      }
    } else {
      List<String> argv = List.of("kill", "-" + signal, Long.toString(pid));
      try {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
          p.destroyForcibly();
          return error(String.join(" ", argv) + " (nats-server " + name + ") failed");
        }
      } catch (IOException e) {
        return error("cannot run " + String.join(" ", argv) + ": " + Protocol.reason(e));
      }
    }
    return ok(
        Json.MAPPER
            .createObjectNode()
            .put("server", name)
            .put("pid", pid)
            .put("signal", "SIG" + signal)
            .put("at", at.toString()));
  }

  private Protocol.Reply lameDuck(String name) throws InterruptedException {
    long pid;
    switch (pidOf(name)) {
      case Failed f -> {
        return f.reply();
      }
      case Found f -> pid = f.pid();
    }
    String binary = config.natsServer() == null ? "nats-server" : config.natsServer();
    List<String> argv = List.of(binary, "--signal", "ldm=" + pid);
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      return error(
          "cannot run "
              + binary
              + " to put nats-server "
              + name
              + " into lame-duck mode: "
              + Protocol.reason(e)
              + " (give the agent --nats-server PATH)");
    }
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return error(String.join(" ", argv) + " did not end within 10 s");
    }
    String output;
    try {
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      output = "";
    }
    if (p.exitValue() != 0) {
      return error(
          String.join(" ", argv)
              + " (nats-server "
              + name
              + ") failed with exit "
              + p.exitValue()
              + (output.isEmpty() ? "" : ": " + output.replace('\n', ' ')));
    }
    return ok(Json.MAPPER.createObjectNode().put("server", name).put("pid", pid));
  }

  private Protocol.Reply unknownServer(String name) {
    List<String> known = servers.current().stream().map(AgentServers.Server::name).toList();
    return error(
        "node "
            + config.node()
            + " has no nats-server '"
            + name
            + "'; it knows: "
            + (known.isEmpty() ? "none" : String.join(", ", known))
            + (config.consul() == null ? " (the agent runs without --consul)" : ""));
  }

  private Protocol.Reply ok(JsonNode result) {
    return Protocol.Reply.ok(config.node(), result);
  }

  private Protocol.Reply error(String message) {
    return Protocol.Reply.error(config.node(), message);
  }
}
