package dev.booty.core.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.client.ClientReport;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.home.StackLayout;
import dev.booty.core.run.FaultLedger;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.stack.StackState;
import dev.booty.core.util.Json;
import dev.booty.core.util.Poll;
import dev.booty.core.verdict.Inventory;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What feeds the live state from the stack: every second the deployed scenarios, their servers
 * (Consul, and the run's inventory when there is one), WAN, jobs and fault ledger, and the stack's
 * own state; every 500 ms a probe of each server's {@code /healthz}; and, on the back channel, the
 * run events and the clients' light reports. Nothing here is fatal: a source that fails is logged
 * (once a minute) and asked again next time.
 */
final class StackFeeds implements AutoCloseable {
  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration PROBE = Duration.ofMillis(500);
  static final String RUN_EVENTS = Subjects.runEventsAll();
  static final String CLIENT_REPORTS = "booty.clients.*.report";
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);

  /**
   * The stack the dashboard belongs to.
   *
   * @param links the front door's addresses of the Nomad, Consul and VictoriaMetrics UIs
   * @param natsUrl the control plane's NATS; null to listen to no back channel
   * @param creds the creds the dashboard connects with
   */
  public record Stack(Links links, String natsUrl, Path creds) {}

  /** Where the page's frames point: Caddy's ports for the UIs; {@code dns} null when none. */
  public record Links(String nomad, String consul, String vmui, String dns) {}

  private final Dashboard.Config config;
  private final LiveState state;
  private final Consumer<String> log;
  private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();
  private final Set<String> probing = ConcurrentHashMap.newKeySet();
  private final Map<Path, Map.Entry<Long, List<WanView.Link>>> scenarioFiles = new HashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile Connection connection;
  private volatile boolean closed;

  private StackFeeds(Dashboard.Config config, LiveState state, Consumer<String> log) {
    this.config = config;
    this.state = state;
    this.log = log;
  }

  static StackFeeds start(Dashboard.Config config, LiveState state, Consumer<String> log) {
    StackFeeds f = new StackFeeds(config, state, log);
    f.loop("booty-dashboard-poll", POLL, f::poll);
    f.loop("booty-dashboard-probe", PROBE, f::probeAll);
    if (config.stack().natsUrl() != null) {
      f.threads.add(Thread.ofVirtual().name("booty-dashboard-nats").start(f::connect));
    }
    return f;
  }

  private void loop(String name, Duration every, Runnable body) {
    threads.add(
        Thread.ofVirtual()
            .name(name)
            .start(
                () -> {
                  while (!closed) {
                    long t0 = System.nanoTime();
                    try {
                      body.run();
                    } catch (RuntimeException e) {
                      warn(name, name + ": " + e.getMessage());
                    }
                    Duration left = every.minusNanos(System.nanoTime() - t0);
                    if (!Poll.sleep(left)) {
                      return;
                    }
                  }
                }));
  }

  void poll() {
    Path home = config.home();
    stack(home);
    List<DeploymentState> deployed = DeploymentState.all(home);
    state.deployed(deployed);
    for (DeploymentState d : deployed) {
      String name = d.scenario();
      Inventory inventory = inventory(home, name);
      attempt("consul " + name, () -> servers(d, inventory));
      attempt("wan " + name, () -> state.wan(name, wan(d, inventory)));
      attempt("jobs " + name, () -> state.jobs(name, config.sources().jobs().jobs(name)));
      attempt(
          "faults " + name,
          () ->
              state.faults(
                  name, new FaultLedger(FaultLedger.file(home, name), Clock.systemUTC()).read()));
    }
    state.tick();
  }

  private void stack(Path home) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    StackState st =
        StackState.read(StackLayout.of(new dev.booty.core.home.BootyHome(home)).state())
            .orElse(null);
    s.put("phase", st == null ? "unknown" : st.phase());
    ArrayNode services = s.putArray("services");
    if (st != null) {
      for (StackState.Service v : st.services()) {
        services
            .addObject()
            .put("name", v.name())
            .put("health", v.health() != null ? v.health() : v.healthy() ? "healthy" : "unhealthy");
      }
    }
    state.stack(s, Json.MAPPER.valueToTree(config.stack().links()));
  }

  /** Consul's servers, plus the inventory's ones Consul does not have ({@code missing}). */
  private void servers(DeploymentState d, Inventory inventory) {
    List<Sources.Server> servers = new ArrayList<>(config.sources().catalog().servers(d));
    if (inventory != null) {
      for (Inventory.Server s : inventory.servers()) {
        if (servers.stream().noneMatch(v -> v.name().equals(s.name()))) {
          java.net.URI monitor = java.net.URI.create(s.monitorUrl());
          servers.add(
              new Sources.Server(
                  s.name(), s.dc(), monitor.getHost(), monitor.getPort(), "missing"));
        }
      }
    }
    servers.sort(java.util.Comparator.comparing(Sources.Server::name));
    state.servers(d.scenario(), servers, inventory == null ? Map.of() : inventory.seenAs());
  }

  private Inventory inventory(Path home, String scenario) {
    if (!Files.isRegularFile(Inventory.file(home, scenario))) {
      return null;
    }
    try {
      return Inventory.read(home, scenario);
    } catch (RuntimeException e) {
      warn("inventory " + scenario, e.getMessage());
      return null;
    }
  }

  /**
   * The configured round trips: the scenario file's (read again when it changes), else the run's.
   */
  private List<WanView.Link> wan(DeploymentState d, Inventory inventory) {
    Path file = d.file() == null ? null : Path.of(d.file());
    if (file != null && Files.isRegularFile(file)) {
      try {
        long modified = Files.getLastModifiedTime(file).toMillis();
        var cached = scenarioFiles.get(file);
        if (cached != null && cached.getKey() == modified) {
          return cached.getValue();
        }
        Scenario s = ScenarioLoader.load(file);
        List<WanView.Link> links = new ArrayList<>();
        for (int i = 0; i < s.datacenters().size(); i++) {
          for (int j = i + 1; j < s.datacenters().size(); j++) {
            String a = s.datacenters().get(i).name();
            String b = s.datacenters().get(j).name();
            links.add(new WanView.Link(a, b, s.rtt(a, b).toMillis()));
          }
        }
        scenarioFiles.put(file, Map.entry(modified, links));
        return links;
      } catch (IOException | RuntimeException e) {
        warn("scenario " + file, "cannot read " + file + ": " + e.getMessage());
      }
    }
    List<WanView.Link> links = new ArrayList<>();
    if (inventory != null) {
      List<String> dcs = inventory.datacenters();
      for (int i = 0; i < dcs.size(); i++) {
        for (int j = i + 1; j < dcs.size(); j++) {
          Long rtt = inventory.rttMs().get(dcs.get(i) + "->" + dcs.get(j));
          links.add(new WanView.Link(dcs.get(i), dcs.get(j), rtt == null ? 0 : rtt));
        }
      }
    }
    return links;
  }

  /** Probes every server not still being probed, each on its own virtual thread. */
  void probeAll() {
    for (DeploymentState d : DeploymentState.all(config.home())) {
      for (Sources.Server s : state.servers(d.scenario())) {
        String key = d.scenario() + "/" + s.name();
        if (closed || !probing.add(key)) {
          continue;
        }
        Thread.ofVirtual()
            .name("booty-dashboard-probe-" + s.name())
            .start(
                () -> {
                  try {
                    Sources.Health h = config.sources().probe().probe(s.address(), s.monitorPort());
                    if (!closed) {
                      state.probed(d.scenario(), s.name(), h);
                    }
                  } finally {
                    probing.remove(key);
                  }
                });
      }
    }
  }

  private void connect() {
    Options options =
        new Options.Builder()
            .server(config.stack().natsUrl())
            .authHandler(Nats.credentials(config.stack().creds().toString()))
            .connectionName("booty-dashboard")
            .maxReconnects(-1)
            .reconnectWait(Duration.ofSeconds(1))
            .build();
    Connection nc =
        ProtocolConnections.connectPatiently(
            options,
            () -> closed,
            (e, wait) ->
                warn(
                    "nats",
                    "dashboard cannot reach "
                        + config.stack().natsUrl()
                        + " yet: "
                        + e.getMessage()));
    if (nc == null) {
      return;
    }
    connection = nc;
    if (closed) {
      try {
        nc.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    Dispatcher d = nc.createDispatcher(this::message);
    d.subscribe(RUN_EVENTS);
    d.subscribe(CLIENT_REPORTS);
    log.accept("dashboard listening to " + RUN_EVENTS + " and " + CLIENT_REPORTS);
  }

  void message(Message m) {
    String[] tokens = m.getSubject().split("\\.");
    if (tokens.length != 4) {
      return;
    }
    String scenario = tokens[2];
    try {
      JsonNode body = Json.MAPPER.readTree(m.getData());
      if (tokens[1].equals("run")) {
        state.runEvent(scenario, body);
      } else if (body.has("report")) {
        state.clientReport(
            scenario, Json.MAPPER.treeToValue(body.path("report"), ClientReport.class));
      }
    } catch (IOException | RuntimeException e) {
      warn(
          "message " + m.getSubject(),
          "unreadable message on " + m.getSubject() + ": " + e.getMessage());
    }
  }

  private void attempt(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      warn(what, "dashboard: " + what + ": " + e.getMessage());
    }
  }

  private void warn(String key, String line) {
    Instant now = Instant.now();
    Instant last = lastLogged.get(key);
    if (last == null || last.plus(LOG_EVERY).isBefore(now)) {
      lastLogged.put(key, now);
      log.accept(line);
    }
  }

  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    Connection nc = connection;
    if (nc != null) {
      try {
        nc.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
