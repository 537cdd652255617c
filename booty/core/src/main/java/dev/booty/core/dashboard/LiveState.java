package dev.booty.core.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.client.ClientReport;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.run.FaultLedger;
import dev.booty.core.util.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live state the page shows (docs/dashboard.md, "Live state"): what the pollers and the back
 * channel feed in, turned into one JSON document. Every input goes through {@link #changed}, which
 * rebuilds the document and, when anything in it differs, bumps {@code seq}, records the cause and
 * tells the listener (the {@link Coalescer} that pushes SSE events). Thread-safe: one lock for
 * everything.
 */
final class LiveState {
  static final ObjectWriter ONE_LINE =
      Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  /** What the page needs of one deployed scenario. */
  private static final class Scenario {
    DeploymentState deployment;
    List<Sources.Server> servers = List.of();
    Map<String, String> seenAs = Map.of();
    List<WanView.Link> wan = List.of();
    List<Sources.Job> jobs = List.of();
    FaultLedger.State faults = new FaultLedger.State(0, null, List.of());
    final RunTracker run = new RunTracker();
    final ClientTally clients = new ClientTally();
  }

  /** A server's latest probe and the state shown, since when. */
  private record Shown(Sources.Health health, String state, long since) {}

  private final Clock clock;
  private final Runnable listener;
  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
  private final Map<String, Shown> shown = new HashMap<>();
  private JsonNode stack = Json.MAPPER.createObjectNode().put("phase", "unknown");
  private JsonNode links = Json.MAPPER.createObjectNode();
  private ObjectNode body;
  private long seq;
  private long at;
  private ObjectNode cause;
  private String json;

  LiveState(Clock clock, Runnable listener) {
    this.clock = clock;
    this.listener = listener;
    this.cause = cause("start", "dashboard started", clock.millis());
    this.body = build();
    this.at = clock.millis();
    this.json = render();
  }

  /** The state as JSON on one line (what {@code /api/state} and each SSE event carry). */
  synchronized String json() {
    return json;
  }

  synchronized long seq() {
    return seq;
  }

  synchronized void stack(JsonNode stack, JsonNode links) {
    this.stack = stack;
    this.links = links;
    changed("stack", "stack " + stack.path("phase").asText());
  }

  /** The deployed scenarios now; the ones gone are forgotten, new ones start empty. */
  synchronized void deployed(List<DeploymentState> deployed) {
    Map<String, Scenario> kept = new LinkedHashMap<>();
    for (DeploymentState d : deployed) {
      Scenario s = scenarios.getOrDefault(d.scenario(), new Scenario());
      s.deployment = d;
      kept.put(d.scenario(), s);
    }
    scenarios.clear();
    scenarios.putAll(kept);
    changed("deploy", "deployed: " + String.join(", ", kept.keySet()));
  }

  /** The scenario's servers, and who other data centres see at which address. */
  synchronized void servers(
      String scenario, List<Sources.Server> servers, Map<String, String> seenAs) {
    with(
        scenario,
        s -> {
          s.servers = List.copyOf(servers);
          s.seenAs = Map.copyOf(seenAs);
        });
    changed("consul", scenario + " servers");
  }

  synchronized void wan(String scenario, List<WanView.Link> links) {
    with(scenario, s -> s.wan = List.copyOf(links));
    changed("wan", scenario + " WAN");
  }

  synchronized void jobs(String scenario, List<Sources.Job> jobs) {
    with(scenario, s -> s.jobs = List.copyOf(jobs));
    changed("jobs", scenario + " jobs");
  }

  synchronized void faults(String scenario, FaultLedger.State faults) {
    with(scenario, s -> s.faults = faults);
    changed("faults", scenario + " faults: " + faults.faults().size());
  }

  /** What a probe of {@code server}'s {@code /healthz} found. */
  synchronized void probed(String scenario, String server, Sources.Health health) {
    Shown before = shown.get(key(scenario, server));
    shown.put(
        key(scenario, server),
        new Shown(
            health,
            before == null ? "unknown" : before.state(),
            before == null ? 0 : before.since()));
    Scenario s = scenarios.get(scenario);
    String state = s == null ? health.name() : stateOf(s, server);
    changed("server", server + " " + state.toLowerCase(java.util.Locale.ROOT));
  }

  /** A run event ({@code booty.run.SCENARIO.event}). */
  synchronized void runEvent(String scenario, JsonNode event) {
    Scenario s = scenarios.get(scenario);
    if (s == null) {
      return;
    }
    if ("started".equals(event.path("type").asText())) {
      s.clients.clear(); // a run starts fresh clients: the last run's are gone
    }
    String what = s.run.apply(event);
    if (what != null) {
      // the event's own time (the run's clock, this machine's): the page measures from it
      changed("run", what, event.path("at").asLong(clock.millis()));
    }
  }

  /** A client's light report ({@code booty.clients.SCENARIO.report}). */
  synchronized void clientReport(String scenario, ClientReport report) {
    Scenario s = scenarios.get(scenario);
    if (s == null) {
      return;
    }
    s.clients.report(report, clock.instant());
    changed("clients", report.id());
  }

  /** Re-evaluates what depends on time alone (clients gone silent). */
  synchronized void tick() {
    changed("clients", "clients gone silent");
  }

  /** A server of a deployed scenario by name, for the monitoring proxy. */
  synchronized Optional<Sources.Server> server(String name) {
    return scenarios.values().stream()
        .flatMap(s -> s.servers.stream())
        .filter(v -> v.name().equals(name))
        .findFirst();
  }

  /** The running run of {@code scenario}: its id and pid; empty when none runs. */
  synchronized Optional<Map.Entry<String, Long>> run(String scenario) {
    Scenario s = scenarios.get(scenario);
    if (s == null || !s.run.running()) {
      return Optional.empty();
    }
    return Optional.of(Map.entry(s.run.id(), s.run.pid()));
  }

  synchronized boolean deployed(String scenario) {
    return scenarios.containsKey(scenario);
  }

  synchronized List<Sources.Server> servers(String scenario) {
    Scenario s = scenarios.get(scenario);
    return s == null ? List.of() : s.servers;
  }

  private void with(String scenario, java.util.function.Consumer<Scenario> change) {
    Scenario s = scenarios.get(scenario);
    if (s != null) {
      change.accept(s);
    }
  }

  private static String key(String scenario, String server) {
    return scenario + "/" + server;
  }

  /**
   * The state of a server: lame duck when its run says so, else what the last probe found ({@code
   * up}, {@code frozen}, {@code dead}); {@code unknown} before the first probe.
   */
  private String stateOf(Scenario s, String server) {
    Shown p = shown.get(key(s.deployment.scenario(), server));
    if (p == null || p.health() == null) {
      return "unknown";
    }
    if (p.health() == Sources.Health.UP && s.run.inLameDuck(server)) {
      return "lameduck";
    }
    return p.health().name().toLowerCase(java.util.Locale.ROOT);
  }

  private void changed(String type, String detail) {
    changed(type, detail, clock.millis());
  }

  private void changed(String type, String detail, long causedAt) {
    ObjectNode next = build();
    if (next.equals(body)) {
      return;
    }
    body = next;
    seq++;
    at = clock.millis();
    cause = cause(type, detail, causedAt);
    json = render();
    listener.run();
  }

  private ObjectNode cause(String type, String detail, long at) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("type", type);
    c.put("at", at);
    c.put("detail", detail);
    return c;
  }

  private String render() {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("seq", seq);
    s.put("at", at);
    s.set("cause", cause);
    s.setAll(body);
    try {
      return ONE_LINE.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the live state cannot be written as JSON", e);
    }
  }

  /** The document without seq, at and cause: what decides whether anything changed. */
  private ObjectNode build() {
    Instant now = clock.instant();
    ObjectNode b = Json.MAPPER.createObjectNode();
    b.set("stack", stack);
    b.set("links", links);
    ArrayNode list = b.putArray("scenarios");
    for (Scenario s : scenarios.values()) {
      list.add(scenario(s, now));
    }
    return b;
  }

  private ObjectNode scenario(Scenario s, Instant now) {
    DeploymentState d = s.deployment;
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", d.scenario());
    o.put("hosting", d.hosting());
    o.put("appliedAt", d.appliedAt());
    Map<String, String> dcByHost = new HashMap<>();
    for (Sources.Server v : s.servers) {
      dcByHost.put(v.address(), v.dc());
      // clients that bootstrap by name see a server as lon-1.nats.booty (its name, then a domain)
      dcByHost.put(v.name(), v.dc());
    }
    s.seenAs.forEach(
        (address, name) ->
            s.servers.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .ifPresent(v -> dcByHost.putIfAbsent(address, v.dc())));
    ArrayNode dcs = o.putArray("dcs");
    for (String dc : dcNames(s)) {
      ObjectNode dn = dcs.addObject();
      dn.put("name", dc);
      ArrayNode servers = dn.putArray("servers");
      for (Sources.Server v : s.servers) {
        if (!v.dc().equals(dc)) {
          continue;
        }
        String state = stateOf(s, v.name());
        Shown p = shown.get(key(d.scenario(), v.name()));
        long since = p != null && p.state().equals(state) ? p.since() : now.toEpochMilli();
        shown.put(
            key(d.scenario(), v.name()), new Shown(p == null ? null : p.health(), state, since));
        ObjectNode sv = servers.addObject();
        sv.put("name", v.name());
        sv.put("address", v.address());
        sv.put("monitorPort", v.monitorPort());
        sv.put("state", state);
        sv.put("since", since);
        sv.put("consul", v.consul());
      }
      ClientTally.DcClients c =
          s.clients.ofDc(
              dc,
              now,
              host ->
                  host == null
                      ? null
                      : dcByHost.getOrDefault(host, dcByHost.get(host.split("\\.")[0])));
      ObjectNode cn = dn.putObject("clients");
      cn.put("total", c.total());
      cn.put("connected", c.connected());
      ObjectNode by = cn.putObject("byDc");
      c.byDc().forEach(by::put);
    }
    o.set("wan", Json.MAPPER.valueToTree(WanView.of(s.wan, s.faults)));
    o.set("jobs", Json.MAPPER.valueToTree(s.jobs));
    o.set("faults", Json.MAPPER.valueToTree(WanView.faults(s.faults)));
    if (s.run.running()) {
      o.set("run", s.run.json(s.clients.sinceRun(Instant.ofEpochMilli(s.run.startedAt()), now)));
    } else {
      o.putNull("run");
    }
    return o;
  }

  private static List<String> dcNames(Scenario s) {
    List<String> names = new ArrayList<>();
    if (s.deployment.dataCenters() != null) {
      s.deployment.dataCenters().forEach(dc -> names.add(dc.name()));
    }
    s.servers.stream()
        .map(Sources.Server::dc)
        .filter(dc -> !names.contains(dc))
        .forEach(names::add);
    return names;
  }
}
