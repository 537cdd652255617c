package dev.booty.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.StackHttp;
import dev.booty.core.BootyException;
import dev.booty.core.consul.StackConsul;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.util.Json;
import dev.booty.core.util.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The JetStream meta group once every server passes its health check: all of them must be in it.
 * nats-server 2.10 can leave a server out while the group forms (seen 1 deploy in 8 here: the
 * leader counts 8 peers of 9, the server left out follows the leader, passes {@code /healthz}, yet
 * no stream can be placed on it, so an R3 stream tagged with its data centre finds 2 peers and
 * never 3). A server still missing after {@link #GRACE} is restarted in place (its allocation, its
 * files kept), which makes the leader add it; one still missing after that fails the deploy by
 * name.
 */
final class MetaGroup {
  static final Duration GRACE = Duration.ofSeconds(10);
  static final int RESTARTS = 2;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A server as Consul registers it. */
  record Server(String name, String dataCentre, String monitorUrl) {}

  /** What the leader said: its name and the servers in its group (itself included). */
  record View(String leader, TreeSet<String> members) {}

  private MetaGroup() {}

  /**
   * Waits until every server of {@code service} is in the meta group, restarting the ones left out;
   * {@code jobOfDc} names the Nomad job of each data centre's servers (their task groups are named
   * after the servers). Returns at once when the servers run without JetStream.
   */
  static void settle(
      String consulUrl,
      StackHttp http,
      String service,
      NomadApi nomad,
      Map<String, String> jobOfDc,
      Duration timeout,
      Consumer<String> progress) {
    List<Server> servers = servers(consulUrl, http, service);
    Instant deadline = Instant.now().plus(timeout);
    Map<String, Integer> restarts = new HashMap<>();
    Instant missingSince = null;
    View last = null;
    TreeSet<String> missing = new TreeSet<>();
    while (Instant.now().isBefore(deadline)) {
      View v = view(servers);
      if (v == null) {
        return; // no server runs JetStream
      }
      last = v;
      missing = new TreeSet<>();
      for (Server s : servers) {
        if (!v.leader().isEmpty() && !v.members().contains(s.name())) {
          missing.add(s.name());
        }
      }
      if (!v.leader().isEmpty() && missing.isEmpty()) {
        return;
      }
      if (missing.isEmpty()) {
        missingSince = null;
      } else if (missingSince == null) {
        missingSince = Instant.now();
      } else if (Duration.between(missingSince, Instant.now()).compareTo(GRACE) >= 0) {
        for (String name : missing) {
          if (restarts.merge(name, 1, Integer::sum) > RESTARTS) {
            continue;
          }
          Server s = servers.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
          progress.accept(
              "JetStream: meta leader "
                  + v.leader()
                  + " counts "
                  + v.members().size()
                  + " of "
                  + servers.size()
                  + " servers, "
                  + name
                  + " left out; restarting "
                  + name);
          restart(nomad, jobOfDc.get(s.dataCentre()), name);
        }
        missingSince = Instant.now();
      }
      Poll.pause(Duration.ofMillis(500));
    }
    throw BootyException.failure(
        last == null || last.leader().isEmpty()
            ? "JetStream elected no meta leader in "
                + timeout.toSeconds()
                + " s although every server passes its health check"
            : "JetStream: meta leader "
                + last.leader()
                + " counts "
                + last.members().size()
                + " of "
                + servers.size()
                + " servers after "
                + timeout.toSeconds()
                + " s; left out: "
                + String.join(", ", missing)
                + " (restarted "
                + RESTARTS
                + " times each); streams placed on their data centre cannot find their replicas");
  }

  static List<Server> servers(String consulUrl, StackHttp http, String service) {
    List<Server> out = new ArrayList<>();
    try (StackConsul consul = new StackConsul(consulUrl, http)) {
      for (StackConsul.Instance i : consul.service(service)) {
        String name = i.meta().get("nats_server");
        String port = i.meta().get("monitor_port");
        if (name != null && port != null) {
          out.add(
              new Server(
                  name, i.meta().getOrDefault("dc", ""), "http://" + i.address() + ":" + port));
        }
      }
    }
    return out;
  }

  /** The leader's view, or null when no server answers with a meta group (JetStream is off). */
  private static View view(List<Server> servers) {
    Map<String, Server> byName = new LinkedHashMap<>();
    servers.forEach(s -> byName.put(s.name(), s));
    boolean answered = false;
    for (Server s : servers) {
      JsonNode jsz = jsz(s);
      if (jsz == null) {
        continue;
      }
      answered = true;
      JsonNode meta = jsz.path("meta_cluster");
      if (meta.isMissingNode()) {
        continue;
      }
      String leader = meta.path("leader").asText("");
      Server l = byName.get(leader);
      JsonNode ljsz = l == null ? null : jsz(l);
      if (ljsz == null) {
        return new View("", new TreeSet<>());
      }
      return parse(leader, ljsz);
    }
    return answered ? null : new View("", new TreeSet<>());
  }

  /** The members the leader's {@code /jsz} lists: its replicas and itself. */
  static View parse(String leader, JsonNode leaderJsz) {
    TreeSet<String> members = new TreeSet<>();
    members.add(leader);
    for (JsonNode r : leaderJsz.path("meta_cluster").path("replicas")) {
      members.add(r.path("name").asText());
    }
    return new View(leader, members);
  }

  private static JsonNode jsz(Server s) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(s.monitorUrl() + "/jsz"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure("interrupted while asking " + s.name() + " for /jsz");
    }
  }

  private static void restart(NomadApi nomad, String jobId, String server) {
    if (jobId == null) {
      return;
    }
    for (JsonNode a : nomad.allocations(jobId)) {
      if (a.path("TaskGroup").asText().equals(server)
          && a.path("ClientStatus").asText().equals("running")) {
        nomad.restartAllocation(a.path("ID").asText());
      }
    }
  }
}
