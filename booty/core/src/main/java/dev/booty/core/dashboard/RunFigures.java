package dev.booty.core.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.BootyException;
import dev.booty.core.report.RunHistory;
import dev.booty.core.util.Json;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The history the page lists and compares: {@link RunHistory} entries with the key figures of their
 * {@code report.json} (the format of {@code RunReport}). Reconnect figures are the worst data
 * centre of the worst step, as the verdict measures them; latency the worst client group's.
 */
final class RunFigures {
  /** What a run id may be: {@code 20261203-114500-local-3dc}; anything else is not a run. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final RunHistory history;

  RunFigures(RunHistory history) {
    this.history = history;
  }

  /** {@code {"runs": [RUN_ENTRY...]}}, newest first. */
  ObjectNode list() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode runs = o.putArray("runs");
    for (RunHistory.Entry e : history.list()) {
      runs.add(entry(e, history.report(e.id())));
    }
    return o;
  }

  /** Whether {@code id} names a run with a report; false for anything that is not a run id. */
  boolean exists(String id) {
    if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
      return false;
    }
    try {
      history.entry(id);
      return true;
    } catch (BootyException e) {
      return false;
    }
  }

  /** Two runs of one scenario side by side; a usage error when they are of different scenarios. */
  ObjectNode compare(String a, String b) {
    JsonNode ra = history.report(a);
    JsonNode rb = history.report(b);
    ObjectNode ea = entry(history.entry(a), ra);
    ObjectNode eb = entry(history.entry(b), rb);
    String scenario = ea.path("scenario").asText();
    if (!scenario.equals(eb.path("scenario").asText())) {
      throw BootyException.usage(
          "runs "
              + a
              + " and "
              + b
              + " are of different scenarios ("
              + scenario
              + ", "
              + eb.path("scenario").asText()
              + "): only runs of one scenario compare");
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("scenario", scenario);
    o.set("a", ea);
    o.set("b", eb);
    ArrayNode figures = o.putArray("figures");
    figure(
        figures, "reconnect p50", "ms", ea.get("reconnectP50Ms"), eb.get("reconnectP50Ms"), true);
    figure(
        figures, "reconnect p99", "ms", ea.get("reconnectP99Ms"), eb.get("reconnectP99Ms"), true);
    figure(
        figures, "reconnect max", "ms", ea.get("reconnectMaxMs"), eb.get("reconnectMaxMs"), true);
    figure(
        figures, "messages lost", "messages", ea.get("messagesLost"), eb.get("messagesLost"), true);
    figure(figures, "JetStream lost", "messages", jsLost(ra), jsLost(rb), true);
    figure(figures, "latency p50", "ms", ea.get("latencyP50Ms"), eb.get("latencyP50Ms"), true);
    figure(figures, "latency p99", "ms", ea.get("latencyP99Ms"), eb.get("latencyP99Ms"), true);
    figure(
        figures,
        "expectations held",
        "expectations",
        ea.get("expectationsHeld"),
        eb.get("expectationsHeld"),
        false);
    return o;
  }

  private static void figure(
      ArrayNode figures, String name, String unit, JsonNode a, JsonNode b, boolean lowerIsBetter) {
    ObjectNode f = figures.addObject();
    f.put("name", name);
    f.put("unit", unit);
    f.set("a", a == null ? f.nullNode() : a);
    f.set("b", b == null ? f.nullNode() : b);
    if (a == null || b == null || a.isNull() || b.isNull()) {
      f.putNull("delta");
      f.putNull("better");
      return;
    }
    double delta = b.asDouble() - a.asDouble();
    f.put("delta", delta);
    String better;
    if (delta == 0) {
      better = "same";
    } else if ((delta > 0) == lowerIsBetter) {
      better = "a";
    } else {
      better = "b";
    }
    f.put("better", better);
  }

  private static ObjectNode entry(RunHistory.Entry e, JsonNode report) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", e.id());
    o.put("scenario", e.scenario());
    o.put("startedAt", e.startedAt());
    o.put("outcome", e.outcome());
    o.put("expectationsHeld", e.expectationsHeld());
    o.put("expectations", e.expectations());
    o.put("clients", e.clients());
    o.put("messagesLost", e.messagesLost());
    put(o, "reconnectP50Ms", worstDc(report, d -> d.path("reconnectMs").path("p50").asDouble()));
    put(o, "reconnectP99Ms", worstDc(report, d -> d.path("reconnectMs").path("p99").asDouble()));
    put(o, "reconnectMaxMs", worstDc(report, d -> d.path("reconnectMs").path("max").asDouble()));
    put(o, "latencyP50Ms", worstGroup(report, "p50"));
    put(o, "latencyP99Ms", worstGroup(report, "p99"));
    o.put("report", "/runs/" + e.id() + "/report.html");
    return o;
  }

  private static void put(ObjectNode o, String key, Double value) {
    if (value == null) {
      o.putNull(key);
    } else {
      o.put(key, value);
    }
  }

  /** The worst value over every step's data centres that had reconnects; null when none had. */
  private static Double worstDc(JsonNode report, ToDoubleFunction<JsonNode> value) {
    Double worst = null;
    for (JsonNode step : report.path("steps")) {
      for (JsonNode dc : step.path("datacenters")) {
        if (dc.path("reconnectMs").path("count").asLong() > 0) {
          double v = value.applyAsDouble(dc);
          worst = worst == null ? v : Math.max(worst, v);
        }
      }
    }
    return worst;
  }

  private static Double worstGroup(JsonNode report, String field) {
    Double worst = null;
    for (JsonNode g : report.path("groups")) {
      JsonNode l = g.path("latencyMs");
      if (l.path("count").asLong() > 0) {
        double v = l.path(field).asDouble();
        worst = worst == null ? v : Math.max(worst, v);
      }
    }
    return worst;
  }

  private static JsonNode jsLost(JsonNode report) {
    JsonNode js = report.path("totals").path("jetstream");
    return js.isMissingNode() ? null : js.path("lost");
  }
}
