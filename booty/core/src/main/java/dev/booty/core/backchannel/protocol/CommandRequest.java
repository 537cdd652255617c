package dev.booty.core.backchannel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.util.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A request read against the closed set of {@link Command}s: {@link Accepted} with the typed
 * command, or {@link Refused} with the reason the agent sends back. The agent reads requests from
 * the wire ({@link #parse(String, byte[])}); the CLI checks what the user typed the same way
 * ({@link #of}) before it sends anything.
 */
public sealed interface CommandRequest permits CommandRequest.Accepted, CommandRequest.Refused {

  /** A command the agent knows, with valid arguments. */
  record Accepted(Command command) implements CommandRequest {}

  /**
   * A request the agent refuses.
   *
   * @param name the command's name as sent
   * @param reason what is wrong, for the reply's {@code error}
   */
  record Refused(String name, String reason) implements CommandRequest {}

  /**
   * The request that arrived on {@code subject} ({@code booty.cmd.NODE.NAME}) with {@code data}.
   */
  static CommandRequest parse(String subject, byte[] data) {
    String name = Subjects.lastToken(subject);
    JsonNode request;
    try {
      request = Protocol.readTree(data);
    } catch (ProtocolException e) {
      return new Refused(name, e.getMessage());
    }
    return parse(name, request);
  }

  /** A command typed by a user: {@code name} with {@code --NAME VALUE} arguments. */
  static CommandRequest of(String name, Map<String, String> arguments) {
    ObjectNode request = Json.MAPPER.createObjectNode().put("v", Protocol.VERSION);
    arguments.forEach(request::put);
    return parse(name, request);
  }

  /**
   * {@code request} (already version-checked by the caller or not) read as command {@code name}.
   */
  static CommandRequest parse(String name, JsonNode request) {
    JsonNode v = request.get("v");
    if (v == null || !v.isIntegralNumber() || v.asInt() != Protocol.VERSION) {
      return new Refused(
          name,
          "protocol version v=" + v + " is not known (this booty speaks " + Protocol.VERSION + ")");
    }
    List<String> allowed =
        switch (name) {
          case "ping", "status" -> List.of();
          case "stats", "lame-duck", "stop", "start", "kill" -> List.of("server");
          default -> null;
        };
    if (allowed == null) {
      return new Refused(
          name, "unknown command '" + name + "'; known: " + String.join(", ", Command.NAMES));
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("v") && !allowed.contains(field)) {
        unknown.add(field);
      }
    }
    if (!unknown.isEmpty()) {
      return new Refused(
          name,
          "command '"
              + name
              + "' takes "
              + (allowed.isEmpty() ? "no arguments" : "only " + String.join(", ", allowed))
              + "; got "
              + String.join(", ", unknown));
    }
    JsonNode server = request.get("server");
    if (server != null && (!server.isTextual() || server.asText().isBlank())) {
      return new Refused(
          name, "argument 'server' of '" + name + "' must be a nats-server's name, not " + server);
    }
    String s = server == null ? null : server.asText();
    return switch (name) {
      case "ping" -> new Accepted(new Command.Ping());
      case "status" -> new Accepted(new Command.Status());
      case "stats" -> new Accepted(new Command.Stats(s));
      default ->
          s == null
              ? new Refused(
                  name, "command '" + name + "' needs argument 'server' (a nats-server's name)")
              : new Accepted(
                  switch (name) {
                    case "stop" -> new Command.Stop(s);
                    case "start" -> new Command.Start(s);
                    case "kill" -> new Command.Kill(s);
                    default -> new Command.LameDuck(s);
                  });
    };
  }
}
