package dev.booty.core.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.util.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code scenario run} going on in one scenario, as its run events tell it ({@code
 * booty.run.SCENARIO.event}, see docs/dashboard.md): id, phase, steps, the last progress lines, and
 * the pid that {@code run/stop} signals. Not thread-safe: {@link LiveState} holds the lock.
 */
final class RunTracker {
  static final int PROGRESS_LINES = 20;

  private String id;
  private long startedAt;
  private long pid;
  private int clients;
  private String phase;
  private ArrayNode steps;
  private final Deque<String> progress = new ArrayDeque<>();
  private final Set<String> lameDuck = new TreeSet<>();

  /**
   * Applies one event; returns a short description of the change for the state's {@code cause}, or
   * null when the event was for another run or unknown.
   */
  String apply(JsonNode e) {
    String type = e.path("type").asText();
    String run = e.path("run").asText(null);
    long at = e.path("at").asLong(System.currentTimeMillis());
    if (type.equals("started")) {
      id = run;
      startedAt = at;
      pid = e.path("pid").asLong(0);
      clients = e.path("clients").asInt(0);
      phase = "deploying";
      steps = Json.MAPPER.createArrayNode();
      for (JsonNode s : e.path("steps")) {
        ObjectNode step = steps.addObject();
        step.put("index", s.path("index").asInt(steps.size() - 1));
        step.set("at", s.path("at"));
        step.set("action", s.path("action"));
        step.set("target", s.path("target"));
        step.put("state", "pending");
        step.putNull("startedAt");
        step.putNull("endedAt");
      }
      progress.clear();
      lameDuck.clear();
      lameDuck(e);
      return "run " + run + " started";
    }
    if (id == null || !id.equals(run)) {
      return null;
    }
    lameDuck(e);
    switch (type) {
      case "phase" -> {
        phase = e.path("phase").asText(phase);
        return "run " + id + " " + phase;
      }
      case "step-started", "step-ended" -> {
        int i = e.path("index").asInt(-1);
        boolean start = type.equals("step-started");
        for (JsonNode s : steps) {
          if (s.path("index").asInt() == i) {
            ((ObjectNode) s).put("state", start ? "active" : "done");
            ((ObjectNode) s).put(start ? "startedAt" : "endedAt", at);
          }
        }
        return "step " + i + (start ? " started" : " ended");
      }
      case "progress" -> {
        progress.addLast(e.path("line").asText(""));
        while (progress.size() > PROGRESS_LINES) {
          progress.removeFirst();
        }
        return "progress";
      }
      case "ended" -> {
        String outcome = e.path("outcome").asText("?");
        id = null;
        pid = 0;
        lameDuck.clear();
        return "run " + run + " ended: " + outcome;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Any run event may say which servers the run has in lame duck now ({@code "lameDuck": [...]}).
   */
  private void lameDuck(JsonNode e) {
    if (e.has("lameDuck")) {
      lameDuck.clear();
      e.path("lameDuck").forEach(n -> lameDuck.add(n.asText()));
    }
  }

  boolean running() {
    return id != null;
  }

  String id() {
    return id;
  }

  long pid() {
    return pid;
  }

  long startedAt() {
    return startedAt;
  }

  boolean inLameDuck(String server) {
    return id != null && lameDuck.contains(server);
  }

  /** The {@code run} object of the live state, with {@code clients} from the client reports. */
  ObjectNode json(ClientTally.RunClients counts) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", id);
    r.put("startedAt", startedAt);
    r.put("phase", phase);
    r.set("steps", steps.deepCopy());
    ObjectNode c = r.putObject("clients");
    c.put("total", Math.max(clients, counts.total()));
    c.put("connected", counts.connected());
    c.put("affected", counts.affected());
    c.put("reconnected", counts.reconnected());
    ArrayNode lines = r.putArray("progress");
    List.copyOf(progress).forEach(lines::add);
    return r;
  }
}
