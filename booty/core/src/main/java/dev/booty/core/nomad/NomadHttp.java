package dev.booty.core.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.api.StackHttp;
import dev.booty.core.BootyException;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Nomad's HTTP API with java.net.http and Jackson. */
public final class NomadHttp implements NomadApi {
  private final String address;
  private final StackHttp http;

  /** Nomad without credentials (a stack made before booty secured it, a test's fake Nomad). */
  public NomadHttp(String address) {
    this(address, StackHttp.of(Optional.empty()));
  }

  public NomadHttp(String address, StackHttp http) {
    this.address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    this.http = http;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public ObjectNode parse(String hcl, String variables, String fileName) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("JobHCL", hcl);
    body.put("Variables", variables);
    body.put("Canonicalize", true);
    HttpResponse<String> r = send("POST", "/v1/jobs/parse", body);
    if (r.statusCode() != 200) {
      // Nomad names the file "input.hcl"; put the user's file in its place
      String message =
          r.body().strip().replace("Failed to parse job: ", "").replace("input.hcl", fileName);
      throw BootyException.failure(message);
    }
    return (ObjectNode) read(r);
  }

  @Override
  public String register(ObjectNode job) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("Job", job);
    return read(ok(send("POST", "/v1/jobs", body), "register job " + job.path("ID").asText()))
        .path("EvalID")
        .asText();
  }

  @Override
  public JsonNode evaluation(String id) {
    return read(ok(send("GET", "/v1/evaluation/" + enc(id), null), "read evaluation " + id));
  }

  @Override
  public JsonNode latestDeployment(String jobId) {
    HttpResponse<String> r = send("GET", "/v1/job/" + enc(jobId) + "/deployment", null);
    JsonNode n = read(ok(r, "read the deployment of " + jobId));
    return n.isNull() || n.isMissingNode() ? null : n;
  }

  @Override
  public JsonNode job(String jobId) {
    HttpResponse<String> r = send("GET", "/v1/job/" + enc(jobId), null);
    if (r.statusCode() == 404) {
      return null;
    }
    return read(ok(r, "read job " + jobId));
  }

  @Override
  public JsonNode allocations(String jobId) {
    return read(
        ok(
            send("GET", "/v1/job/" + enc(jobId) + "/allocations", null),
            "list allocations of " + jobId));
  }

  @Override
  public List<JobSummary> jobs() {
    List<JobSummary> out = new ArrayList<>();
    for (JsonNode j : read(ok(send("GET", "/v1/jobs?meta=true", null), "list jobs"))) {
      out.add(
          new JobSummary(
              j.path("ID").asText(),
              j.path("Type").asText(),
              j.path("Status").asText(),
              j.path("Stop").asBoolean(),
              j.path("Meta").path(JobMeta.SUBMITTED_BY).asText(null),
              running(j.path("JobSummary").path("Summary"))));
    }
    return out;
  }

  /** The allocations running over a job list stub's task-group summaries. */
  private static int running(JsonNode summary) {
    int n = 0;
    for (JsonNode group : summary) {
      n += group.path("Running").asInt();
    }
    return n;
  }

  @Override
  public String stderrTail(String allocId, String task, int bytes) {
    try {
      HttpResponse<String> r =
          send(
              "GET",
              "/v1/client/fs/logs/"
                  + enc(allocId)
                  + "?task="
                  + enc(task)
                  + "&type=stderr&origin=end&plain=true&offset="
                  + bytes,
              null);
      return r.statusCode() == 200 ? r.body() : "";
    } catch (BootyException e) {
      return "";
    }
  }

  @Override
  public String scale(String jobId, String group, int count) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("Count", count);
    body.putObject("Target").put("Group", group);
    body.put("Message", "booty: client-scale");
    return read(ok(send("POST", "/v1/job/" + enc(jobId) + "/scale", body), "scale job " + jobId))
        .path("EvalID")
        .asText();
  }

  @Override
  public void restartAllocation(String allocId) {
    ok(
        send(
            "POST",
            "/v1/client/allocation/" + enc(allocId) + "/restart",
            Json.MAPPER.createObjectNode()),
        "restart allocation " + allocId);
  }

  @Override
  public void putVariable(String path, Map<String, String> items) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("Namespace", "default");
    body.put("Path", path);
    ObjectNode its = body.putObject("Items");
    items.forEach(its::put);
    ok(send("PUT", "/v1/var/" + path, body), "write variable " + path);
  }

  @Override
  public List<String> variablePaths(String prefix) {
    List<String> paths = new ArrayList<>();
    read(ok(send("GET", "/v1/vars?prefix=" + enc(prefix), null), "list variables " + prefix))
        .forEach(v -> paths.add(v.path("Path").asText()));
    return paths;
  }

  @Override
  public boolean deleteVariable(String path) {
    HttpResponse<String> r = send("DELETE", "/v1/var/" + path, null);
    if (r.statusCode() == 404) {
      return false;
    }
    ok(r, "delete variable " + path);
    return true;
  }

  @Override
  public String stop(String jobId, boolean purge) {
    HttpResponse<String> r =
        send("DELETE", "/v1/job/" + enc(jobId) + (purge ? "?purge=true" : ""), null);
    if (r.statusCode() == 404) {
      throw BootyException.failure("Nomad knows no job '" + jobId + "'");
    }
    return read(ok(r, "stop job " + jobId)).path("EvalID").asText();
  }

  private HttpResponse<String> send(String method, String path, JsonNode body) {
    try {
      HttpRequest.Builder b = http.nomad(address + path).timeout(Duration.ofSeconds(30));
      b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
      return http.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw BootyException.broken(
          "cannot reach Nomad at "
              + address
              + " ("
              + e.getClass().getSimpleName()
              + "); is the stack up? 'booty up' starts it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure("interrupted while talking to Nomad");
    }
  }

  private static HttpResponse<String> ok(HttpResponse<String> r, String what) {
    if (r.statusCode() / 100 != 2) {
      throw BootyException.failure(
          "Nomad refused to " + what + ": HTTP " + r.statusCode() + ": " + r.body().strip());
    }
    return r;
  }

  private static JsonNode read(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw BootyException.failure("Nomad answered something that is not JSON: " + r.body());
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
