package dev.booty.core.nomad;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.api.NomadJob;
import dev.booty.core.BootyException;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.util.Digests;
import dev.booty.core.util.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code booty job run}: renders a job file's variables (given with -var, or filled by booty: a
 * variable named after an installed component, {@code nats_server} for nats-server, gets its
 * binary's path, and {@code nats_server_image} the image {@code booty image build} makes of it),
 * has Nomad parse it, adds booty's meta, registers it, then follows the evaluation and the
 * deployment to healthy, the way {@code nomad job run} does.
 */
public final class JobRunner {
  private static final Pattern VARIABLE =
      Pattern.compile("(?m)^\\s*variable\\s+\"([A-Za-z0-9_-]+)\"");

  /** How a run ended, with the exit code {@code nomad job run} would use. */
  public record Outcome(String jobId, String evalId, int exitCode, String message) {}

  private final NomadApi nomad;
  private final ComponentStore store;
  private final Consumer<String> progress;

  public JobRunner(NomadApi nomad, ComponentStore store, Consumer<String> progress) {
    this.nomad = nomad;
    this.store = store;
    this.progress = progress;
  }

  public Outcome run(
      Path file,
      Map<String, String> vars,
      Map<String, String> meta,
      boolean detach,
      Duration timeout) {
    String hcl;
    try {
      hcl = Files.readString(file);
    } catch (IOException e) {
      throw BootyException.usage("cannot read job file " + file + ": " + e.getMessage());
    }
    Map<String, String> withSource = new LinkedHashMap<>(meta);
    withSource.put(JobMeta.SOURCE, file.getFileName().toString());
    Outcome submitted = submit(new Submission(hcl, file.toString(), null, vars, withSource));
    if (detach) {
      return new Outcome(
          submitted.jobId(),
          submitted.evalId(),
          0,
          "submitted; follow with: booty job status " + submitted.jobId());
    }
    return follow(submitted, timeout);
  }

  /**
   * A job's text and what booty adds to it.
   *
   * @param origin the file name Nomad's parse errors name
   * @param jobId replaces the id the text declares, or null to keep it (templates run many times)
   */
  /**
   * A job to submit.
   *
   * @param force submit even when Nomad runs the same text and variables (its job was changed
   *     behind booty's back)
   */
  public record Submission(
      String hcl,
      String origin,
      String jobId,
      Map<String, String> vars,
      Map<String, String> meta,
      boolean force) {
    public Submission(
        String hcl,
        String origin,
        String jobId,
        Map<String, String> vars,
        Map<String, String> meta) {
      this(hcl, origin, jobId, vars, meta, false);
    }
  }

  /**
   * Parses and registers a job, unless Nomad already runs this very text with these variables
   * (booty keeps a hash of both in the job's meta): then nothing is submitted and the outcome's
   * eval id is null.
   */
  public Outcome submit(Submission s) {
    String variables = variables(s.hcl(), s.vars());
    ObjectNode job = nomad.parse(s.hcl(), variables, s.origin());
    if (s.jobId() != null) {
      job.put("ID", s.jobId());
      job.put("Name", s.jobId());
    }
    String id = job.path("ID").asText();
    String spec = Digests.sha256Hex((s.hcl() + "\n--\n" + variables).getBytes(UTF_8));
    ObjectNode jobMeta =
        job.hasNonNull("Meta") ? (ObjectNode) job.get("Meta") : job.putObject("Meta");
    s.meta().forEach(jobMeta::put);
    jobMeta.put(JobMeta.SPEC, spec);
    JsonNode running = nomad.job(id);
    if (running != null
        && !s.force()
        && !running.path("Stop").asBoolean()
        && spec.equals(running.path("Meta").path(JobMeta.SPEC).asText())) {
      return new Outcome(id, null, 0, "unchanged");
    }
    String eval = nomad.register(job);
    progress.accept("registered job " + id + ", evaluation " + eval);
    return new Outcome(id, eval, 0, running == null ? "created" : "updated");
  }

  /** The hash {@link #submit} records in a job's meta for this text and these variables. */
  public String spec(String hcl, Map<String, String> vars) {
    return Digests.sha256Hex((hcl + "\n--\n" + variables(hcl, vars)).getBytes(UTF_8));
  }

  /** Follows a submitted job's evaluation and deployment to healthy, like nomad job run. */
  public Outcome follow(Outcome submitted, Duration timeout) {
    if (submitted.evalId() == null) {
      return submitted;
    }
    String id = submitted.jobId();
    String eval = submitted.evalId();
    Instant deadline = Instant.now().plus(timeout);
    JsonNode evaluation = followEvaluation(eval, deadline);
    JsonNode failed = evaluation.path("FailedTGAllocs");
    if (failed.isObject() && failed.size() > 0) {
      return new Outcome(id, eval, 2, "placement failed: " + placementReasons(failed));
    }
    return followDeployment(id, eval, deadline);
  }

  /** The var-file text for Nomad: the user's -var values, plus binaries booty knows. */
  String variables(String hcl, Map<String, String> given) {
    // in name order, whichever filled them: the text's hash decides resubmission
    Map<String, String> values = new TreeMap<>();
    Set<String> declared = new TreeSet<>();
    Matcher m = VARIABLE.matcher(hcl);
    while (m.find()) {
      declared.add(m.group(1));
    }
    for (String name : declared) {
      boolean image = name.endsWith("_image");
      String component =
          (image ? name.substring(0, name.length() - "_image".length()) : name).replace('_', '-');
      store
          .active(component)
          .flatMap(v -> store.find(component, v))
          .ifPresent(
              v ->
                  values.put(
                      name,
                      NomadJob.hclString(
                          image
                              ? "localhost/booty/" + component + ":" + v.version()
                              : store.binary(v).toString())));
    }
    // in name order, so the same values make the same text (its hash decides resubmission)
    new java.util.TreeMap<>(given)
        .forEach(
            (k, v) -> {
              if (!declared.contains(k)) {
                throw BootyException.usage(
                    "-var "
                        + k
                        + ": the job file declares no variable \""
                        + k
                        + "\" (it has: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared))
                        + ")");
              }
              String t = v.strip();
              boolean literal =
                  t.startsWith("[")
                      || t.startsWith("{")
                      || t.matches("-?\\d+(\\.\\d+)?|true|false");
              values.put(k, literal ? t : NomadJob.hclString(v));
            });
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }

  private JsonNode followEvaluation(String eval, Instant deadline) {
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      JsonNode e = nomad.evaluation(eval);
      String status = e.path("Status").asText();
      if (!status.equals(last)) {
        progress.accept("evaluation " + eval.substring(0, 8) + ": " + status);
        last = status;
      }
      if (!status.equals("pending")) {
        if (status.equals("failed") || status.equals("canceled")) {
          throw BootyException.failure(
              "evaluation " + eval + " " + status + ": " + e.path("StatusDescription").asText());
        }
        return e;
      }
      Poll.pause(Duration.ofMillis(300));
    }
    throw BootyException.failure("evaluation " + eval + " still pending after the timeout");
  }

  private Outcome followDeployment(String id, String eval, Instant deadline) {
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      JsonNode d = nomad.latestDeployment(id);
      if (d == null) {
        return awaitRunning(id, eval, deadline);
      }
      String line =
          "deployment "
              + d.path("ID").asText().substring(0, 8)
              + ": "
              + d.path("Status").asText()
              + groups(d.path("TaskGroups"));
      if (!line.equals(last)) {
        progress.accept(line);
        last = line;
      }
      switch (d.path("Status").asText()) {
        case "successful":
          return new Outcome(
              id, eval, 0, "deployment successful: " + d.path("StatusDescription").asText());
        case "failed", "cancelled":
          return new Outcome(
              id,
              eval,
              1,
              "deployment "
                  + d.path("Status").asText()
                  + ": "
                  + d.path("StatusDescription").asText()
                  + lastFailure(id));
        default:
          Poll.pause(Duration.ofMillis(300));
      }
    }
    return new Outcome(
        id, eval, 1, "job " + id + " was not healthy before the timeout" + lastFailure(id));
  }

  /** A job without a deployment (batch, system, no update block): wait for running allocations. */
  private Outcome awaitRunning(String id, String eval, Instant deadline) {
    while (Instant.now().isBefore(deadline)) {
      int running = 0;
      for (JsonNode a : nomad.allocations(id)) {
        String s = a.path("ClientStatus").asText();
        if (s.equals("running") || s.equals("complete")) {
          running++;
        } else if (s.equals("failed")) {
          return new Outcome(
              id, eval, 1, "allocation " + a.path("ID").asText().substring(0, 8) + " failed");
        }
      }
      if (running > 0) {
        return new Outcome(id, eval, 0, running + " allocation(s) running");
      }
      Poll.pause(Duration.ofMillis(300));
    }
    return new Outcome(id, eval, 1, "no allocation of " + id + " ran before the timeout");
  }

  /**
   * The latest failure of the job's allocations, as Nomad words it, with the last line the task
   * wrote to stderr (where a crashing program says why) and the command that shows the rest.
   */
  private String lastFailure(String id) {
    long latest = 0;
    String message = "";
    String alloc = null;
    String failedTask = null;
    for (JsonNode a : nomad.allocations(id)) {
      Iterator<Map.Entry<String, JsonNode>> tasks = a.path("TaskStates").fields();
      while (tasks.hasNext()) {
        Map.Entry<String, JsonNode> task = tasks.next();
        for (JsonNode e : task.getValue().path("Events")) {
          String type = e.path("Type").asText();
          boolean failure =
              e.path("FailsTask").asBoolean()
                  || type.contains("Failure")
                  || (type.equals("Terminated") && e.path("ExitCode").asInt() != 0);
          if (failure && e.path("Time").asLong() >= latest) {
            latest = e.path("Time").asLong();
            message = type + ": " + e.path("DisplayMessage").asText();
            alloc = a.path("ID").asText();
            failedTask = task.getKey();
          }
        }
      }
    }
    if (message.isEmpty()) {
      return "";
    }
    String said =
        nomad
            .stderrTail(alloc, failedTask, 2048)
            .lines()
            .filter(l -> !l.isBlank())
            .reduce((first, second) -> second)
            .map(l -> "; it said: " + l.strip())
            .orElse("");
    return "; task "
        + failedTask
        + " of allocation "
        + alloc.substring(0, 8)
        + ": "
        + message
        + said
        + " (all of it: nomad alloc logs -stderr "
        + alloc.substring(0, 8)
        + " "
        + failedTask
        + ")";
  }

  /** Each task group's counts, in name order (Nomad's answer has them in any order). */
  static String groups(JsonNode taskGroups) {
    StringBuilder sb = new StringBuilder();
    Map<String, JsonNode> byName = new TreeMap<>();
    taskGroups.fields().forEachRemaining(g -> byName.put(g.getKey(), g.getValue()));
    for (Map.Entry<String, JsonNode> g : byName.entrySet()) {
      JsonNode s = g.getValue();
      sb.append(
          String.format(
              "  [%s desired %d placed %d healthy %d unhealthy %d]",
              g.getKey(),
              s.path("DesiredTotal").asInt(),
              s.path("PlacedAllocs").asInt(),
              s.path("HealthyAllocs").asInt(),
              s.path("UnhealthyAllocs").asInt()));
    }
    return sb.toString();
  }

  private static String placementReasons(JsonNode failed) {
    StringBuilder sb = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> it = failed.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> g = it.next();
      JsonNode m = g.getValue();
      sb.append("group ")
          .append(g.getKey())
          .append(": ")
          .append(m.path("NodesEvaluated").asInt())
          .append(" node(s) evaluated");
      if (m.path("NodesEvaluated").asInt() == 0) {
        sb.append(" (no ready node in the job's datacenters or node pool)");
      }
      appendCounts(sb, "filtered", m.path("ConstraintFiltered"));
      appendCounts(sb, "exhausted", m.path("DimensionExhausted"));
      appendCounts(sb, "filtered by class", m.path("ClassFiltered"));
      if (m.path("NodesAvailable").isObject()) {
        appendCounts(sb, "available in datacenter", m.path("NodesAvailable"));
      }
      sb.append("; ");
    }
    return sb.toString().replaceAll("; $", "");
  }

  private static void appendCounts(StringBuilder sb, String what, JsonNode counts) {
    if (counts.isObject() && counts.size() > 0) {
      sb.append(", ").append(what).append(" ").append(counts);
    }
  }
}
