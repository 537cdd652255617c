package dev.booty.core.backchannel.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The payloads of the back channel (docs/backchannel.md), as records serialised with Jackson. Each
 * carries {@code "v": 1}; {@link #read} refuses any other version. Commands and their parsing are
 * in {@link Command} and {@link CommandRequest}.
 */
public final class Protocol {
  /** The protocol version this booty speaks. */
  public static final int VERSION = 1;

  private static final ObjectWriter WRITER =
      Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private Protocol() {}

  /**
   * {@code booty.agent.hb.NODE}, every 2 s.
   *
   * @param startedAt when the agent started (ISO-8601)
   * @param servers the names of the nats-servers the agent watches
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Heartbeat(
      int v,
      String node,
      String dc,
      String scenario,
      String version,
      String startedAt,
      long uptimeSeconds,
      List<String> servers) {}

  /**
   * {@code booty.telemetry.NODE}, every 5 s.
   *
   * @param time when the samples were taken, milliseconds since the epoch
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Telemetry(
      int v, String node, String dc, String scenario, long time, List<Sample> samples) {}

  /** One figure: a metric name ({@code nats_server_connections}), its labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
  }

  /**
   * An agent's answer to a command: {@code ok} with a {@code result}, or not {@code ok} with an
   * {@code error}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reply(int v, boolean ok, String node, JsonNode result, String error) {
    public static Reply ok(String node, JsonNode result) {
      return new Reply(VERSION, true, node, result, null);
    }

    public static Reply error(String node, String error) {
      return new Reply(VERSION, false, node, null, error);
    }
  }

  /** {@code value} as compact JSON, UTF-8. */
  public static byte[] write(Object value) {
    try {
      return WRITER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A payload as JSON, refusing empty data, anything but an object, and {@code v} other than 1. */
  public static JsonNode readTree(byte[] data) throws ProtocolException {
    if (data == null || data.length == 0) {
      throw new ProtocolException("empty payload; expected a JSON object with \"v\":" + VERSION);
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("payload is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProtocolException("payload is not JSON: " + reason(e));
    }
    if (node == null || !node.isObject()) {
      throw new ProtocolException("payload is not a JSON object: " + abbreviate(node));
    }
    JsonNode v = node.get("v");
    if (v == null) {
      throw new ProtocolException("payload has no protocol version \"v\" (this booty speaks 1)");
    }
    if (!v.isIntegralNumber() || v.asInt() != VERSION) {
      throw new ProtocolException(
          "protocol version v=" + v + " is not known (this booty speaks " + VERSION + ")");
    }
    return node;
  }

  /** A payload as {@code type}, after the checks of {@link #readTree}. */
  public static <T> T read(byte[] data, Class<T> type) throws ProtocolException {
    JsonNode node = readTree(data);
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(
          "payload is not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  /** What went wrong, for one line: the message, or the exception's kind when it has none. */
  public static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String abbreviate(JsonNode node) {
    String s = String.valueOf(node);
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
