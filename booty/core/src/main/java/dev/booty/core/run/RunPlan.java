package dev.booty.core.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.booty.api.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code booty scenario run} will do, worked out before anything starts: the deployment it
 * needs, the client jobs per data centre, each step of the timeline with the heal record its chaos
 * mode prepared and what it takes out, and the watchdog that heals them if booty dies. The run
 * shows it first; {@code scenario run --plan} shows it and stops.
 */
public record RunPlan(
    String scenario,
    Deployment deployment,
    List<ClientJob> clients,
    Timeline timeline,
    Watchdog watchdog) {

  public RunPlan {
    clients = List.copyOf(clients);
  }

  /**
   * The deployment the run deploys, or keeps when it runs already.
   *
   * @param version the nats-server version or line; null: the active installed one
   */
  public record Deployment(
      String hosting, String cluster, String version, List<DataCentre> dataCentres) {
    public Deployment {
      dataCentres = List.copyOf(dataCentres);
    }
  }

  /** A data centre with the servers its cluster plugin names. */
  public record DataCentre(String name, List<String> servers) {
    public DataCentre {
      servers = List.copyOf(servers);
    }
  }

  /**
   * A data centre's test clients.
   *
   * @param seeds the data centres they seed from, in order
   * @param workload their workload options
   */
  public record ClientJob(
      String dc,
      String job,
      int clients,
      int processes,
      int perProcess,
      List<String> seeds,
      List<String> workload) {
    public ClientJob {
      seeds = List.copyOf(seeds);
      workload = List.copyOf(workload);
    }
  }

  /** Warm-up, the steps from the end of warm-up, then settling. */
  public record Timeline(@Go Duration warmup, List<Step> steps, @Go Duration settle) {
    public Timeline {
      steps = List.copyOf(steps);
    }
  }

  /**
   * One step.
   *
   * @param duration null: the mode decides
   * @param healRecord what its mode prepared; prepared again when the step starts
   * @param takesOut the data centres and servers its mode makes unavailable
   */
  public record Step(
      int index,
      @Go Duration at,
      String action,
      List<String> targets,
      @Go Duration duration,
      Map<String, String> healRecord,
      List<String> takesOut) {
    public Step {
      targets = List.copyOf(targets);
      healRecord = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(healRecord));
      takesOut = List.copyOf(takesOut);
    }
  }

  /**
   * The watchdog job.
   *
   * @param lease how long faults outlive a silent booty
   */
  public record Watchdog(String job, @Go Duration lease) {}

  /** Durations in JSON as a scenario writes them ({@code 1m30s}). */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @com.fasterxml.jackson.annotation.JacksonAnnotationsInside
  @JsonSerialize(using = GoDuration.class)
  @interface Go {}

  static final class GoDuration extends StdSerializer<Duration> {
    GoDuration() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration d, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(Durations.format(d));
    }
  }

  /** The plan for people. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(
        "plan for "
            + scenario
            + ": hosting "
            + deployment.hosting()
            + ", cluster "
            + deployment.cluster()
            + (deployment.version() == null ? "" : " " + deployment.version()));
    for (DataCentre dc : deployment.dataCentres()) {
      out.add("  data centre " + dc.name() + ": " + String.join(", ", dc.servers()));
    }
    for (ClientJob c : clients) {
      out.add(
          "  clients of %s: %d in %d process(es) of %d, job %s, seeds %s"
              .formatted(
                  c.dc(),
                  c.clients(),
                  c.processes(),
                  c.perProcess(),
                  c.job(),
                  String.join(" > ", c.seeds())));
    }
    out.add("  warm up " + seconds(timeline.warmup()));
    for (Step s : timeline.steps()) {
      out.add(
          "  step %d at +%s: %s %s%s%s"
              .formatted(
                  s.index(),
                  seconds(s.at()),
                  s.action(),
                  String.join(",", s.targets()),
                  s.duration() == null ? "" : " for " + seconds(s.duration()),
                  s.takesOut().isEmpty() ? "" : ", takes out " + String.join(",", s.takesOut())));
      out.add("    heal record " + s.healRecord());
    }
    out.add("  settle " + seconds(timeline.settle()));
    out.add(
        "  watchdog job "
            + watchdog.job()
            + ": heals "
            + seconds(watchdog.lease())
            + " after booty stops renewing its lease");
    return out;
  }

  private static String seconds(Duration d) {
    return Durations.format(d);
  }
}
