package dev.booty.plugins.ssh;

import dev.booty.api.PluginContext;
import dev.booty.api.StackHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts' agents as the stack sees them, with booty's credentials: waiting for their Nomad nodes
 * to be ready (their Consul agents fingerprinted), and forgetting them (Nomad nodes purged, Consul
 * nodes deregistered) once their agents are gone.
 */
final class StackNodes {
  private static final Pattern NODE_ID = Pattern.compile("\"ID\":\"([0-9a-f-]{36})\"");

  private final PluginContext ctx;
  private final StackHttp http;

  StackNodes(PluginContext ctx) {
    this.ctx = ctx;
    this.http = StackHttp.of(ctx.security());
  }

  /**
   * Waits until every named node of the data centre is ready in Nomad and has fingerprinted its
   * Consul agent (jobs that register in Consul are placed only then).
   *
   * @throws IllegalStateException naming the nodes that are not, and why
   */
  void awaitReady(String dataCenter, List<String> nodes, Duration timeout) {
    String nomad = endpoint("nomad.http");
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> waiting = new LinkedHashMap<>();
    for (String node : nodes) {
      waiting.put(node, "not registered yet");
    }
    while (true) {
      for (String node : List.copyOf(waiting.keySet())) {
        try {
          String why = notReady(nomad, dataCenter, node);
          if (why == null) {
            waiting.remove(node);
          } else {
            waiting.put(node, why);
          }
        } catch (IOException e) {
          waiting.put(node, "Nomad did not answer: " + e.getMessage());
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder m =
            new StringBuilder(
                "data centre "
                    + dataCenter
                    + ": Nomad nodes not ready after "
                    + timeout.toSeconds()
                    + " s:");
        waiting.forEach((node, why) -> m.append("\n  ").append(node).append(": ").append(why));
        throw new IllegalStateException(m.toString());
      }
      sleep(500);
    }
  }

  /** Null when ready and Consul is fingerprinted, else why not. */
  private String notReady(String nomad, String dataCenter, String node) throws IOException {
    Response r = nomad("GET", nomad + "/v1/nodes?filter=" + filter(dataCenter, node));
    if (!r.ok()) {
      return "HTTP " + r.status() + " from Nomad: " + r.body();
    }
    Matcher id = NODE_ID.matcher(r.body());
    if (!id.find()) {
      return "not registered yet";
    }
    if (!r.body().contains("\"Status\":\"ready\"")) {
      return "registered, not ready";
    }
    Response detail = nomad("GET", nomad + "/v1/node/" + id.group(1));
    if (!detail.ok() || !detail.body().contains("\"consul.version\"")) {
      return "ready, its Consul agent not fingerprinted yet";
    }
    return null;
  }

  /**
   * Purges the named nodes of the data centre from Nomad and deregisters them from Consul's catalog
   * (their agents must be gone: a live agent registers again). Nodes already gone are skipped.
   */
  void forget(String dataCenter, List<String> nodes) {
    String nomad = endpoint("nomad.http");
    String consul = ctx.endpoints().get("consul.http");
    try {
      for (String node : nodes) {
        Response r = nomad("GET", nomad + "/v1/nodes?filter=" + filter(dataCenter, node));
        Matcher id = NODE_ID.matcher(r.body());
        while (id.find()) {
          nomad("POST", nomad + "/v1/node/" + id.group(1) + "/purge");
        }
        if (consul != null) {
          send(
              http.consul(consul + "/v1/catalog/deregister")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"Node\":\"" + node + "\"}")));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "data centre "
              + dataCenter
              + ": cannot remove the nodes "
              + nodes
              + " from the stack: "
              + e.getMessage(),
          e);
    }
  }

  /** The Nomad node ids of the data centre's named nodes (for tests and messages). */
  List<String> nodeIds(String dataCenter, List<String> nodes) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String node : nodes) {
      Response r =
          nomad("GET", endpoint("nomad.http") + "/v1/nodes?filter=" + filter(dataCenter, node));
      Matcher id = NODE_ID.matcher(r.body());
      while (id.find()) {
        ids.add(id.group(1));
      }
    }
    return ids;
  }

  private record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private Response nomad(String method, String url) throws IOException {
    return send(http.nomad(url).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private Response send(HttpRequest.Builder request) throws IOException {
    try {
      HttpResponse<String> r =
          http.client()
              .send(
                  request
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String filter(String dataCenter, String node) {
    return URLEncoder.encode(
        "Datacenter == \"" + dataCenter + "\" and Name == \"" + node + "\"",
        StandardCharsets.UTF_8);
  }

  private String endpoint(String name) {
    String v = ctx.endpoints().get(name);
    if (v == null) {
      throw new IllegalStateException("the stack does not report its " + name + "; is it up?");
    }
    return v;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
