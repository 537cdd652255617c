package dev.booty.core.backchannel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * booty's side of a command: sends it to every target node at once (a request each on {@code
 * booty.cmd.NODE.COMMAND}) and waits for the replies until one deadline, measuring each round trip.
 */
public final class CommandClient {
  private CommandClient() {}

  /** How a node answered. */
  public enum State {
    /** The agent ran the command. */
    OK,
    /** The agent answered with an error (or an answer booty cannot read). */
    ERROR,
    /** Nothing came back in time. */
    TIMEOUT,
    /** Nothing subscribes to the node's commands: no agent of that name is connected. */
    NO_AGENT
  }

  /** A node to send to; {@code dc} is null when booty has not heard the node's heartbeat. */
  public record Target(String node, String dc) {}

  /**
   * One node's outcome.
   *
   * @param rttMs the measured round trip (null without an answer)
   * @param clockOffsetMs for {@code ping}: the agent's clock minus booty's at the midpoint
   */
  public record Outcome(
      Target target, State state, Double rttMs, JsonNode result, String error, Long clockOffsetMs) {
    public boolean answered() {
      return state == State.OK || state == State.ERROR;
    }
  }

  /** Sends {@code command} to each target, in parallel, and waits up to {@code timeout}. */
  public static List<Outcome> send(
      Connection nc, List<Target> targets, Command command, Duration timeout)
      throws InterruptedException {
    byte[] request = Protocol.write(command.request());
    record Pending(Target target, long sentNanos, long sentMillis, CompletableFuture<Arrival> f) {}
    List<Pending> pending = new ArrayList<>();
    for (Target t : targets) {
      long nanos = System.nanoTime();
      long millis = System.currentTimeMillis();
      CompletableFuture<Arrival> f =
          nc.request(Subjects.command(t.node(), command.name()), request)
              .thenApply(m -> new Arrival(m, System.nanoTime()));
      pending.add(new Pending(t, nanos, millis, f));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Outcome> out = new ArrayList<>();
    for (Pending p : pending) {
      Arrival a;
      try {
        a = p.f().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        p.f().cancel(true);
        out.add(
            new Outcome(
                p.target(),
                State.TIMEOUT,
                null,
                null,
                "no answer within " + Nodes.seconds(timeout) + " s",
                null));
        continue;
      } catch (CancellationException | ExecutionException e) {
        out.add(failed(p.target(), e));
        continue;
      }
      double rtt = (a.nanos() - p.sentNanos()) / 1e6;
      out.add(outcome(p.target(), command, a.message(), rtt, p.sentMillis()));
    }
    return out;
  }

  /**
   * One line for people about {@code o}, at most about {@code width} characters: for ping the round
   * trip and clock offset; otherwise compact JSON, for status and stats only the figures people
   * look at first ({@code --json} shows everything).
   */
  public static String summary(Command command, Outcome o, int width) {
    if (o.state() != State.OK) {
      return o.error();
    }
    if (o.clockOffsetMs() != null) {
      long off = o.clockOffsetMs();
      return String.format("rtt %.2f ms, agent clock %s%d ms", o.rttMs(), off >= 0 ? "+" : "", off);
    }
    JsonNode result = o.result();
    ObjectNode brief = Json.MAPPER.createObjectNode();
    switch (command) {
      case Command.Status s -> {
        brief.set("uptimeSeconds", result.get("uptimeSeconds"));
        ObjectNode servers = brief.putObject("servers");
        result
            .path("servers")
            .forEach(
                server ->
                    servers.put(
                        server.path("name").asText(),
                        server.path("healthy").asBoolean() ? "healthy" : "unhealthy"));
      }
      case Command.Stats s ->
          result
              .path("servers")
              .properties()
              .forEach(
                  e -> {
                    JsonNode v = e.getValue();
                    ObjectNode one = brief.putObject(e.getKey());
                    for (String f : List.of("connections", "in_msgs", "out_msgs", "routes")) {
                      one.set(f, v.path("varz").get(f));
                    }
                    one.put("gateways", v.path("gatewayz").path("outbound_gateways").size());
                    one.set("streams", v.path("jsz").get("streams"));
                  });
      case Command.Ping p -> {}
      case Command.LameDuck l -> {}
      case Command.Stop t -> {}
      case Command.Start t -> {}
      case Command.Kill k -> {}
    }
    String compact =
        new String(Protocol.write(brief.isEmpty() ? result : brief), StandardCharsets.UTF_8);
    return compact.length() <= width
        ? compact
        : compact.substring(0, width) + "... (--json shows all)";
  }

  private record Arrival(Message message, long nanos) {}

  private static Outcome outcome(
      Target t, Command command, Message m, double rtt, long sentMillis) {
    if (m.isStatusMessage()) {
      return m.getStatus().getCode() == 503
          ? noAgent(t)
          : new Outcome(t, State.ERROR, rtt, null, "server status " + m.getStatus(), null);
    }
    Protocol.Reply reply;
    try {
      reply = Protocol.read(m.getData(), Protocol.Reply.class);
    } catch (ProtocolException e) {
      return new Outcome(t, State.ERROR, rtt, null, "unreadable answer: " + e.getMessage(), null);
    }
    if (!reply.ok()) {
      return new Outcome(t, State.ERROR, rtt, reply.result(), reply.error(), null);
    }
    Long offset = null;
    if (command instanceof Command.Ping && reply.result() != null && reply.result().has("time")) {
      offset = reply.result().get("time").asLong() - (sentMillis + Math.round(rtt / 2));
    }
    return new Outcome(t, State.OK, rtt, reply.result(), null, offset);
  }

  private static Outcome failed(Target t, Exception e) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    if (cause instanceof CancellationException
        || (cause instanceof JetStreamStatusException s && s.getStatus().getCode() == 503)) {
      return noAgent(t);
    }
    return new Outcome(t, State.ERROR, null, null, Protocol.reason(cause), null);
  }

  private static Outcome noAgent(Target t) {
    return new Outcome(
        t,
        State.NO_AGENT,
        null,
        null,
        "no agent is connected for node "
            + t.node()
            + " (nothing subscribes to "
            + Subjects.commands(t.node())
            + ")",
        null);
  }
}
