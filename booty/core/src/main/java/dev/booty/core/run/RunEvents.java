package dev.booty.core.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.api.Durations;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.Step;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a run says as it goes, on the back channel ({@code booty.run.SCENARIO.event}): started (its
 * steps, its clients, its process), the phase it is in, each step starting and ending, each
 * progress line, and how it ended. booty's dashboard shows a run live from these; nothing depends
 * on them being heard, so a publish that fails is dropped (said once).
 */
final class RunEvents {
  /** The version of the event format; a reader skips events of another. */
  static final int VERSION = 1;

  private final Connection nc;
  private final String scenario;
  private final String run;
  private final Clock clock;
  private final Consumer<String> log;
  private volatile boolean failedOnce;
  private volatile Supplier<Set<String>> lameDuck = Set::of;

  RunEvents(Connection nc, String scenario, String run, Clock clock, Consumer<String> log) {
    this.nc = nc;
    this.scenario = scenario;
    this.run = run;
    this.clock = clock;
    this.log = log;
  }

  /** Where every event learns the servers the run has in lame duck now ({@code lameDuck}). */
  void lameDuckFrom(Supplier<Set<String>> servers) {
    this.lameDuck = servers;
  }

  void started(Scenario s, int clients) {
    ObjectNode e = event("started");
    ArrayNode steps = e.putArray("steps");
    for (int i = 0; i < s.steps().size(); i++) {
      Step step = s.steps().get(i);
      steps
          .addObject()
          .put("index", i)
          .put("at", Durations.format(step.at()))
          .put("action", step.action())
          .put("target", String.join(",", step.targets()))
          .put("duration", step.duration() == null ? null : Durations.format(step.duration()));
    }
    e.put("clients", clients);
    e.put("pid", ProcessHandle.current().pid());
    publish(e);
  }

  void phase(String phase) {
    publish(event("phase").put("phase", phase));
  }

  void stepStarted(int index) {
    publish(event("step-started").put("index", index));
  }

  void stepEnded(int index, String error) {
    publish(event("step-ended").put("index", index).put("error", error));
  }

  void progress(String line) {
    publish(event("progress").put("line", line));
  }

  void ended(String outcome, String report) {
    publish(event("ended").put("outcome", outcome).put("report", report));
  }

  private ObjectNode event(String type) {
    return Json.MAPPER
        .createObjectNode()
        .put("v", VERSION)
        .put("run", run)
        .put("scenario", scenario)
        .put("at", clock.millis())
        .put("type", type);
  }

  private void publish(ObjectNode e) {
    ArrayNode ld = e.putArray("lameDuck");
    lameDuck.get().stream().sorted().forEach(ld::add);
    try {
      nc.publish(Subjects.runEvents(scenario), e.toString().getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException ex) {
      if (!failedOnce) {
        failedOnce = true;
        log.accept("cannot publish the run's events (the dashboard will not show it live): " + ex);
      }
    }
  }
}
