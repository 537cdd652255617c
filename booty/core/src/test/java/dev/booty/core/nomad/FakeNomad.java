package dev.booty.core.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.util.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Nomad that remembers registered jobs (parse gives a job with the text's id) and answers the
 * allocations a test gives each job; stopping marks a job stopped, and its allocations complete
 * after {@link #stopsAfter} looks, unless it hangs; purging forgets it.
 */
final class FakeNomad implements NomadApi {
  final Map<String, ObjectNode> jobs = new HashMap<>();
  final List<String> registered = new ArrayList<>();
  final Map<String, Integer> running = new HashMap<>();
  final Set<String> hanging = new HashSet<>();
  final List<String> calls = new ArrayList<>();
  private final Set<String> stopped = new HashSet<>();
  private final Map<String, Integer> looks = new HashMap<>();
  int stopsAfter = 2;

  @Override
  public String address() {
    return "http://127.0.0.1:0";
  }

  @Override
  public ObjectNode parse(String hcl, String variables, String fileName) {
    ObjectNode job = Json.MAPPER.createObjectNode();
    job.put("ID", "nats-cluster");
    job.put("Name", "nats-cluster");
    job.putNull("Meta");
    return job;
  }

  @Override
  public String register(ObjectNode job) {
    String id = job.path("ID").asText();
    jobs.put(id, job.deepCopy());
    registered.add(id);
    return "eval-" + registered.size() + "-0000000000";
  }

  @Override
  public JsonNode evaluation(String id) {
    throw new AssertionError("not followed here");
  }

  @Override
  public JsonNode latestDeployment(String jobId) {
    throw new AssertionError("not followed here");
  }

  @Override
  public JsonNode job(String jobId) {
    return jobs.get(jobId);
  }

  @Override
  public JsonNode allocations(String jobId) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    int n = running.getOrDefault(jobId, 0);
    boolean ending = stopped.contains(jobId) && !hanging.contains(jobId);
    if (ending && looks.merge(jobId, 1, Integer::sum) > stopsAfter) {
      running.put(jobId, 0);
      n = 0;
    }
    for (int i = 0; i < n; i++) {
      out.addObject().put("ID", jobId + "-" + i).put("ClientStatus", "running");
    }
    return out;
  }

  @Override
  public List<JobSummary> jobs() {
    return List.of();
  }

  @Override
  public String stop(String jobId, boolean purge) {
    calls.add((purge ? "purge " : "stop ") + jobId);
    if (purge) {
      jobs.remove(jobId);
    } else {
      jobs.get(jobId).put("Stop", true);
      stopped.add(jobId);
    }
    return "eval-stop";
  }

  @Override
  public String stderrTail(String allocId, String task, int bytes) {
    return "";
  }
}
