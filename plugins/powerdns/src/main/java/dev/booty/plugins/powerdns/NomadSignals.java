package dev.booty.plugins.powerdns;

import dev.booty.api.StackHttp;
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

/**
 * Signals through Nomad's HTTP API: the job's running allocation ({@code GET
 * /v1/job/:id/allocations}, the one whose {@code ClientStatus} is {@code running}), then {@code
 * POST /v1/client/allocation/:alloc/signal} with the task's name. Nomad passes any signal its table
 * knows to the raw_exec task's process, SIGSTOP and SIGCONT included; the pdns wrapper {@code
 * exec}s, so that process is pdns_server itself.
 */
final class NomadSignals implements TaskSignals {
  static final String TASK = "pdns_server";

  private final String nomad;
  private final StackHttp http;

  NomadSignals(String nomadHttp) {
    this(nomadHttp, StackHttp.of(Optional.empty()));
  }

  /** Nomad at {@code nomadHttp}, with the stack's credentials in {@code http}. */
  NomadSignals(String nomadHttp, StackHttp http) {
    this.nomad =
        nomadHttp.endsWith("/") ? nomadHttp.substring(0, nomadHttp.length() - 1) : nomadHttp;
    this.http = http;
  }

  /** Whether Nomad runs an allocation of the job now. */
  boolean runs(String jobId) throws IOException, InterruptedException {
    return !running(
            send(http.nomad(nomad + "/v1/job/" + encode(jobId) + "/allocations").GET()), jobId)
        .isEmpty();
  }

  @Override
  public boolean signal(String jobId, String signal) throws IOException, InterruptedException {
    String body = send(http.nomad(nomad + "/v1/job/" + encode(jobId) + "/allocations").GET());
    List<String> running = running(body, jobId);
    if (running.isEmpty()) {
      return false;
    }
    for (String alloc : running) {
      send(
          http.nomad(nomad + "/v1/client/allocation/" + encode(alloc) + "/signal")
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"Signal\":\"" + signal + "\",\"Task\":\"" + TASK + "\"}")));
    }
    return true;
  }

  /** The ids of the job's allocations whose client runs them, from the job's allocation list. */
  static List<String> running(String allocations, String jobId) {
    Object parsed;
    try {
      parsed = Json.parse(allocations);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Nomad's allocations of job " + jobId + " are no JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof List<?> list)) {
      throw new IllegalStateException(
          "Nomad's allocations of job " + jobId + " are no JSON list: " + abbreviate(allocations));
    }
    List<String> ids = new ArrayList<>();
    for (Object o : list) {
      if (o instanceof Map<?, ?> alloc
          && "running".equals(alloc.get("ClientStatus"))
          && !"stop".equals(alloc.get("DesiredStatus"))
          && alloc.get("ID") instanceof String id) {
        ids.add(id);
      }
    }
    return ids;
  }

  private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpRequest r = request.timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response;
    try {
      response = http.client().send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("Nomad at " + nomad + ": " + r.method() + " " + r.uri() + ": " + e, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "Nomad answered "
              + r.method()
              + " "
              + r.uri()
              + " with "
              + response.statusCode()
              + ": "
              + abbreviate(response.body()));
    }
    return response.body();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
