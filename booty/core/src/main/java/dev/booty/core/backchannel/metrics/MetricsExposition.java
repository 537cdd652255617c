package dev.booty.core.backchannel.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.stack.NatsTrust;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns one telemetry message of the back channel ({@code booty.telemetry.NODE}, see
 * docs/backchannel.md) into lines of the Prometheus text exposition format, as VictoriaMetrics
 * imports them: {@code name{node="..",dc="..",scenario="..",label="v"} value timestamp_ms}.
 *
 * <p>A message is refused whole ({@link Refused}) when it is not JSON, carries a protocol version
 * other than 1, lacks {@code node}, {@code dc} or {@code scenario}, or names another node than its
 * subject (the server lets an agent publish only on its own subject, so the subject is the truth).
 * A bad sample is skipped with its reason and the others are kept. Pure: no I/O.
 */
public final class MetricsExposition {
  /** The protocol version this collector understands. */
  public static final int VERSION = 1;

  /** The subject telemetry arrives on, {@code NODE} being its last token. */
  public static final String SUBJECT_PREFIX = Subjects.TELEMETRY;

  /** Labels every line carries, from the message; a sample's own label of that name is renamed. */
  static final List<String> MESSAGE_LABELS = List.of("node", "dc", "scenario");

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final long YEAR_2001_MS = 978_307_200_000L;

  private MetricsExposition() {}

  /** The lines of one message, and each sample left out with the reason. */
  public record Conversion(String node, List<String> lines, List<String> skipped) {}

  /** A message refused whole; the message names the field at fault. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Converts the message received on {@code subject}. {@code receivedAtMs} stamps the lines when
   * the message carries no {@code time}.
   */
  public static Conversion convert(String subject, byte[] payload, long receivedAtMs)
      throws Refused {
    String node = subjectNode(subject);
    JsonNode msg;
    try {
      msg = Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new Refused("from " + node + ": not JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (msg == null || !msg.isObject()) {
      throw new Refused("from " + node + ": not a JSON object");
    }
    JsonNode v = msg.get("v");
    if (v == null || !v.isInt() || v.asInt() != VERSION) {
      throw new Refused(
          "from "
              + node
              + ": protocol version "
              + (v == null ? "missing" : v.toString())
              + " is not "
              + VERSION
              + " (field 'v')");
    }
    Map<String, String> common = new TreeMap<>();
    for (String field : MESSAGE_LABELS) {
      JsonNode f = msg.get(field);
      if (f == null || !f.isTextual() || f.asText().isEmpty()) {
        throw new Refused("from " + node + ": field '" + field + "' is missing or not a string");
      }
      common.put(field, f.asText());
    }
    if (!common.get("node").equals(node)) {
      throw new Refused(
          "from "
              + node
              + ": field 'node' says '"
              + common.get("node")
              + "' but the message came on "
              + subject);
    }
    long time = time(msg.get("time"), node, receivedAtMs);
    JsonNode samples = msg.get("samples");
    if (samples == null || !samples.isArray()) {
      throw new Refused("from " + node + ": field 'samples' is missing or not an array");
    }
    List<String> lines = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      try {
        lines.add(line(samples.get(i), common, time));
      } catch (IllegalArgumentException e) {
        skipped.add("samples[" + i + "]: " + e.getMessage());
      }
    }
    return new Conversion(node, lines, skipped);
  }

  /** The node of a telemetry subject; refused when the subject is not one. */
  static String subjectNode(String subject) throws Refused {
    String node =
        subject != null && subject.startsWith(SUBJECT_PREFIX)
            ? subject.substring(SUBJECT_PREFIX.length())
            : "";
    if (!NatsTrust.NODE_NAME.matcher(node).matches()) {
      throw new Refused("subject " + subject + " is not " + SUBJECT_PREFIX + "NODE");
    }
    return node;
  }

  private static long time(JsonNode t, String node, long receivedAtMs) throws Refused {
    if (t == null || t.isNull()) {
      return receivedAtMs;
    }
    if (t.isIntegralNumber()) {
      if (t.asLong() < YEAR_2001_MS) {
        throw new Refused(
            "from " + node + ": field 'time' " + t.asLong() + " is not milliseconds since 1970");
      }
      return t.asLong();
    }
    if (t.isTextual()) {
      try {
        return Instant.parse(t.asText()).toEpochMilli();
      } catch (DateTimeParseException e) {
        // falls through to the refusal below
      }
    }
    throw new Refused(
        "from "
            + node
            + ": field 'time' is neither milliseconds since 1970 nor an ISO-8601 instant");
  }

  private static String line(JsonNode sample, Map<String, String> common, long time) {
    if (sample == null || !sample.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    JsonNode name = sample.get("name");
    if (name == null || !name.isTextual() || name.asText().isEmpty()) {
      throw new IllegalArgumentException("'name' is missing or not a string");
    }
    String value = value(sample.get("value"));
    Map<String, String> labels = new TreeMap<>();
    JsonNode own = sample.get("labels");
    if (own != null && !own.isNull()) {
      if (!own.isObject()) {
        throw new IllegalArgumentException("'labels' is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> l = it.next();
        if (!l.getValue().isValueNode() || l.getValue().isNull()) {
          throw new IllegalArgumentException("label '" + l.getKey() + "' is not a plain value");
        }
        String key = labelName(l.getKey());
        labels.put(MESSAGE_LABELS.contains(key) ? "exported_" + key : key, l.getValue().asText());
      }
    }
    StringBuilder sb = new StringBuilder(metricName(name.asText())).append('{');
    for (String field : MESSAGE_LABELS) {
      appendLabel(sb, field, common.get(field));
    }
    labels.forEach((k, v) -> appendLabel(sb, k, v));
    sb.setLength(sb.length() - 1);
    return sb.append("} ").append(value).append(' ').append(time).toString();
  }

  private static void appendLabel(StringBuilder sb, String name, String value) {
    sb.append(name).append("=\"").append(escape(value)).append("\",");
  }

  /** A metric name made valid: every other character becomes {@code _}, a leading digit too. */
  static String metricName(String raw) {
    if (METRIC_NAME.matcher(raw).matches()) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || c == ':'
              || (i > 0 && c >= '0' && c <= '9');
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }

  /**
   * A label name made valid ({@code [a-zA-Z_][a-zA-Z0-9_]*}); names starting {@code __} refused.
   */
  static String labelName(String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("a label has an empty name");
    }
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (i > 0 && c >= '0' && c <= '9');
      sb.append(ok ? c : '_');
    }
    if (sb.toString().startsWith("__")) {
      throw new IllegalArgumentException(
          "label '" + raw + "' starts with '__', which is reserved for the database");
    }
    return sb.toString();
  }

  /** A label value as the exposition format quotes it: {@code \\}, {@code \"} and {@code \n}. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A sample's value: a JSON number, or the strings NaN, +Inf, -Inf JSON cannot write. */
  static String value(JsonNode v) {
    if (v != null && v.isNumber()) {
      double d = v.asDouble();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return Double.toString(d).replace('E', 'e');
    }
    if (v != null && v.isTextual()) {
      String special =
          switch (v.asText()) {
            case "NaN" -> "NaN";
            case "+Inf", "Inf" -> "+Inf";
            case "-Inf" -> "-Inf";
            default -> null;
          };
      if (special != null) {
        return special;
      }
    }
    throw new IllegalArgumentException(
        "'value' " + (v == null ? "is missing" : v + " is not a number"));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
