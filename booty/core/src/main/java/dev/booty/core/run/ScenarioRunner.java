package dev.booty.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.ChaosMode;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.WanEmulation;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.Command;
import dev.booty.core.backchannel.CommandClient;
import dev.booty.core.backchannel.Nodes;
import dev.booty.core.backchannel.ProtocolConnections;
import dev.booty.core.client.ClientReport;
import dev.booty.core.deploy.Agents;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.scenario.ClientGroup;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.Step;
import dev.booty.core.stack.NatsTrust;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@code booty scenario run}: deploys (or reuses) the scenario, starts its test clients in every
 * data centre, warms up, runs the timeline of faults (each held in the {@link FaultLedger} under a
 * lease, with a {@link Watchdog} job that heals them if booty dies), lets things settle, collects
 * every client's final report, heals whatever is left, and judges the expectations.
 */
public final class ScenarioRunner {
  /** Exit codes, as the CLI returns them. */
  public static final int PASS = 0;

  public static final int FAIL = 1;
  public static final int BROKEN = 2;

  static final String CLIENTS_TEMPLATE = "/jobs/booty-clients.nomad.hcl";
  static final String WATCHDOG_TEMPLATE = "/jobs/booty-watchdog.nomad.hcl";

  /**
   * How a run behaves.
   *
   * @param lease how long faults outlive a silent booty before the watchdog heals them
   * @param reports where runs keep their reports; null: {@code HOME/scenarios/NAME/runs}
   * @param launcher bin/booty, which Nomad runs for clients and the watchdog
   */
  public record Settings(Duration timeout, Duration lease, Path reports, String launcher) {}

  /** What a run ended with: the report, where it was written, and the exit code. */
  public record Outcome(RunReport report, Path json, Path html, int exitCode) {}

  private final Deployer deployer;
  private final Deployer.Environment env;
  private final Consumer<String> progress;
  private final Settings settings;
  private final Clock clock = Clock.systemUTC();
  private final List<Thread> stepThreads = new CopyOnWriteArrayList<>();
  private final Map<String, ChaosMode> modes = new ConcurrentHashMap<>();
  private volatile FaultLedger ledger;
  private volatile StackChaosContext chaos;
  private volatile List<String> clientJobs = List.of();
  private volatile boolean aborted;
  private volatile Thread renewal;

  public ScenarioRunner(
      Deployer deployer, Deployer.Environment env, Consumer<String> progress, Settings settings) {
    this.deployer = deployer;
    this.env = env;
    this.progress = progress;
    this.settings = settings;
  }

  /** Everything checkable before anything is touched: workload, clients, expectations, modes. */
  public void check(Scenario s) {
    if (s.workload() == null) {
      throw BootyException.usage(s.file() + ": workload: a run needs one (what clients send)");
    }
    if (s.clients().isEmpty()) {
      throw BootyException.usage(s.file() + ": clients: a run needs at least one client group");
    }
    Verdict.check(s);
    for (int i = 0; i < s.steps().size(); i++) {
      mode(s, i);
    }
  }

  /** Runs the scenario; never leaves a fault behind (see the class comment). */
  public Outcome run(Scenario s) {
    check(s);
    String run = runId();
    Path dir =
        (settings.reports() == null
                ? DeploymentState.dir(env.home().root(), s.name()).resolve("runs")
                : settings.reports())
            .resolve(run);
    Instant started = clock.instant();
    Instant measureFrom = started;
    List<StepRun> steps = new ArrayList<>();
    List<ClientReport> reports = new ArrayList<>();
    String error = null;
    Inventory inventory = null;
    try (Connection nc = backChannel()) {
      progress.accept("deploying " + s.name() + " (unchanged parts are kept)");
      Deployer.Result deployed = deployer.deploy(s);
      inventory = inventory(s, deployed, nc);
      inventory.write(env.home().root());
      chaos = chaosContext(s, inventory, nc);
      List<Map<String, String>> records = prepare(s);
      ledger = new FaultLedger(FaultLedger.file(env.home().root(), s.name()), clock);
      ledger.hold(run, settings.lease());
      renewal = renewal();
      startWatchdog(s, run);
      try (ClientFleet fleet = new ClientFleet(nc, s.name(), run)) {
        startClients(s, run, inventory);
        int expected = s.clients().stream().mapToInt(ClientGroup::count).sum();
        try {
          fleet.awaitConnected(expected, settings.timeout(), progress);
        } catch (BootyException e) {
          throw BootyException.failure(e.getMessage() + clientOutput());
        }
        chaos.arm();
        progress.accept("warming up for " + seconds(s.workload().warmup()));
        Thread.sleep(s.workload().warmup().toMillis());
        measureFrom = clock.instant();
        steps = timeline(s, records, measureFrom);
        progress.accept("settling for " + seconds(s.workload().settle()));
        Thread.sleep(s.workload().settle().toMillis());
        reports = fleet.finish(Duration.ofSeconds(30), progress);
      }
    } catch (BootyException e) {
      error = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } catch (RuntimeException e) {
      error = e.toString();
    } finally {
      cleanUp();
    }
    Instant ended = clock.instant();
    RunReport report = report(s, inventory, steps, reports, started, measureFrom, ended, error);
    return write(report, dir);
  }

  /** Heals what this run holds and stops its clients: for Ctrl-C (a shutdown hook). */
  public void abort() {
    aborted = true;
    stepThreads.forEach(Thread::interrupt);
    cleanUp();
  }

  /** Renews the lease until the run ends; a run that stops renewing (killed) is healed. */
  private Thread renewal() {
    return Thread.ofPlatform()
        .daemon()
        .name("booty-lease")
        .start(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(Math.max(500, settings.lease().toMillis() / 5));
                  ledger.renew(settings.lease());
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  progress.accept("cannot renew the lease: " + e.getMessage());
                }
              }
            });
  }

  private synchronized void cleanUp() {
    Thread r = renewal;
    if (r != null) {
      r.interrupt();
      try {
        r.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    FaultLedger l = ledger;
    if (l != null && chaos != null) {
      for (FaultLedger.Entry e : l.read().faults()) {
        try {
          modes
              .computeIfAbsent(e.mode(), id -> deployer.extension(ChaosMode.class, id))
              .heal(e.record(), chaos);
          l.remove(e.id());
          progress.accept("healed " + e.id() + " (" + e.mode() + ")");
        } catch (RuntimeException ex) {
          progress.accept(
              "could not heal " + e.id() + ": " + ex.getMessage() + "; the watchdog will retry");
        }
      }
      l.release();
    }
    for (String job : clientJobs) {
      try {
        env.nomad().stop(job, true);
      } catch (RuntimeException ex) {
        progress.accept("could not stop " + job + ": " + ex.getMessage());
      }
    }
    clientJobs = List.of();
  }

  private ChaosMode mode(Scenario s, int i) {
    Step step = s.steps().get(i);
    try {
      return modes.computeIfAbsent(step.action(), id -> deployer.extension(ChaosMode.class, id));
    } catch (BootyException e) {
      throw BootyException.usage(
          s.file() + ": steps[" + i + "].action: " + step.action() + ": " + e.getMessage());
    }
  }

  private List<Map<String, String>> prepare(Scenario s) {
    List<Map<String, String>> records = new ArrayList<>();
    for (int i = 0; i < s.steps().size(); i++) {
      Step step = s.steps().get(i);
      try {
        records.add(mode(s, i).prepare(spec(step), chaos));
      } catch (IllegalArgumentException e) {
        throw BootyException.usage(
            s.file() + ": steps[" + i + "] (" + step.action() + "): " + e.getMessage());
      }
    }
    return records;
  }

  private static ChaosMode.FaultSpec spec(Step step) {
    return new ChaosMode.FaultSpec(step.targets(), step.duration(), step.options());
  }

  /** Runs every step at its time, in parallel where they overlap; returns how each went. */
  private List<StepRun> timeline(Scenario s, List<Map<String, String>> records, Instant t0)
      throws InterruptedException {
    StepRun[] done = new StepRun[s.steps().size()];
    try {
      for (int i = 0; i < s.steps().size(); i++) {
        int index = i;
        stepThreads.add(
            Thread.ofPlatform()
                .name("booty-step-" + i)
                .start(() -> done[index] = step(s, index, records.get(index), t0)));
      }
      for (Thread t : stepThreads) {
        t.join();
      }
    } finally {
      stepThreads.forEach(Thread::interrupt);
    }
    if (aborted) {
      throw new InterruptedException();
    }
    return List.of(done);
  }

  private StepRun step(Scenario s, int i, Map<String, String> checked, Instant t0) {
    Step step = s.steps().get(i);
    Map<String, String> record = checked;
    ChaosMode mode = modes.get(step.action());
    List<String> faulted = faulted(s, step);
    String id = "step-" + i;
    Instant started = null;
    Instant healed = null;
    String error = null;
    StepChaos acting = new StepChaos(chaos);
    try {
      sleepUntil(t0.plus(step.at()));
      // prepared again now: a mode may record the state it finds (client-scale: the counts)
      record = mode.prepare(spec(step), chaos);
      started = clock.instant();
      ledger.add(new FaultLedger.Entry(id, step.action(), record, started.toString()));
      progress.accept(
          "step "
              + i
              + ": "
              + step.action()
              + " "
              + String.join(",", step.targets())
              + (step.duration() == null ? "" : " for " + seconds(step.duration())));
      mode.inject(spec(step), record, acting);
      if (step.duration() != null) {
        sleepUntil(started.plus(step.duration()));
      }
    } catch (InterruptedException e) {
      error = "interrupted";
    } catch (RuntimeException e) {
      error = "inject: " + e.getMessage();
      progress.accept("step " + i + " failed: " + e.getMessage());
    } finally {
      if (started != null) {
        try {
          mode.heal(record, chaos);
          ledger.remove(id);
          healed = clock.instant();
          progress.accept("step " + i + ": healed");
        } catch (RuntimeException e) {
          error = (error == null ? "" : error + "; ") + "heal: " + e.getMessage();
        }
      }
    }
    return new StepRun(
        i,
        step,
        started == null ? clock.instant() : started,
        healed,
        faulted,
        error,
        acting.effectiveAt(),
        acting.inForceAt());
  }

  /**
   * The data centres a step takes out as a whole (an outage); a flapping WAN leaves a data centre's
   * servers to its own clients.
   */
  private static List<String> faulted(Scenario s, Step step) {
    if (!step.action().equals("dc-outage")) {
      return List.of();
    }
    return step.targets().stream().filter(s.datacenterNames()::contains).toList();
  }

  private void sleepUntil(Instant when) throws InterruptedException {
    long ms = Duration.between(clock.instant(), when).toMillis();
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  private Connection backChannel() {
    Path creds = Path.of(env.endpoints().get("nats.keys")).resolve("creds").resolve("booty.creds");
    return ProtocolConnections.connect(env.endpoints().get("nats.url"), creds, progress);
  }

  /** Servers from the cluster's endpoints; their agents' nodes and monitoring from the agents. */
  private Inventory inventory(Scenario s, Deployer.Result deployed, Connection nc)
      throws InterruptedException {
    Map<String, String> nomadDcs = new LinkedHashMap<>();
    for (HostedDataCenter h : deployed.hosted()) {
      nomadDcs.put(h.name(), h.nomadDatacenter());
    }
    Map<String, String> nodeOf = new LinkedHashMap<>();
    Map<String, String> monitorOf = new LinkedHashMap<>();
    int want = deployed.endpoints().size();
    Instant deadline = clock.instant().plus(Duration.ofSeconds(60));
    while (monitorOf.size() < want && clock.instant().isBefore(deadline)) {
      for (Nodes.Heard h : Nodes.listen(nc, Duration.ofMillis(2500), progress)) {
        if (!s.name().equals(h.heartbeat().scenario())) {
          continue;
        }
        CommandClient.Outcome o =
            CommandClient.send(
                    nc,
                    List.of(new CommandClient.Target(h.node(), h.dc())),
                    new Command.Status(),
                    Duration.ofSeconds(5))
                .getFirst();
        if (o.state() != CommandClient.State.OK) {
          continue;
        }
        for (JsonNode server : o.result().path("servers")) {
          nodeOf.put(server.path("name").asText(), h.node());
          monitorOf.put(server.path("name").asText(), server.path("monitorUrl").asText());
        }
      }
    }
    Map<String, String> jobOf = serverJobs(s);
    List<Inventory.Server> servers = new ArrayList<>();
    for (WanEmulation.Endpoint e : deployed.endpoints()) {
      String name = e.hostName().split("\\.")[0];
      if (!monitorOf.containsKey(name)) {
        throw BootyException.failure(
            "no booty agent reports server "
                + name
                + " of "
                + s.name()
                + " (heard: "
                + monitorOf.keySet()
                + "); is the scenario deployed from bin/booty, with its agents?");
      }
      servers.add(
          new Inventory.Server(
              name,
              e.dataCenter(),
              e.hostName(),
              e.address(),
              monitorOf.get(name),
              jobOf.get(name),
              nodeOf.get(name)));
    }
    Map<String, Long> rtt = new LinkedHashMap<>();
    for (String a : s.datacenterNames()) {
      for (String b : s.datacenterNames()) {
        if (!a.equals(b)) {
          rtt.put(a + "->" + b, s.rtt(a, b).toMillis());
        }
      }
    }
    List<Inventory.ClientJob> clients = new ArrayList<>();
    for (ClientGroup g : s.clients()) {
      clients.add(new Inventory.ClientJob(g.datacenter(), clientJobId(s, g), g.perTask()));
    }
    int clientPort = Integer.parseInt(s.cluster().options().getOrDefault("clientPort", "4222"));
    return new Inventory(
        s.name(),
        s.plugins().hosting(),
        s.datacenterNames(),
        nomadDcs,
        servers,
        rtt,
        clientPort,
        clients);
  }

  /** Which of the scenario's jobs runs each server (a group named after it). */
  private Map<String, String> serverJobs(Scenario s) {
    Map<String, String> out = new LinkedHashMap<>();
    DeploymentState state =
        DeploymentState.read(env.home().root(), s.name())
            .orElseThrow(() -> BootyException.failure(s.name() + " has no deployment state"));
    for (String id : state.jobs()) {
      JsonNode job = env.nomad().job(id);
      if (job == null) {
        continue;
      }
      for (JsonNode g : job.path("TaskGroups")) {
        out.put(g.path("Name").asText(), id);
      }
    }
    return out;
  }

  private StackChaosContext chaosContext(Scenario s, Inventory inventory, Connection nc) {
    return StackChaosContext.open(deployer, env, inventory, nc, progress, settings.timeout());
  }

  private void startWatchdog(Scenario s, String run) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("booty", launcher());
    vars.put("home", env.home().root().toString());
    vars.put("scenario", s.name());
    vars.put("run", run);
    vars.put("datacenter", env.endpoints().get("nomad.datacenter"));
    deployer.runJob(
        s.name(), new NomadJob(s.name() + "-watchdog", Agents.template(WATCHDOG_TEMPLATE), vars));
    progress.accept(
        "watchdog running: faults heal "
            + seconds(settings.lease())
            + " after booty stops renewing its lease");
  }

  private void startClients(Scenario s, String run, Inventory inventory) {
    NatsTrust trust = NatsTrust.ensure(Path.of(env.endpoints().get("nats.keys")));
    Path creds = DeploymentState.dir(env.home().root(), s.name()).resolve("clients.creds");
    try {
      FileTrees.writeAtomically(creds, trust.clientCreds(s.name()), true);
    } catch (IOException e) {
      throw BootyException.failure("cannot write " + creds + ": " + e.getMessage());
    }
    List<String> ids = new ArrayList<>();
    for (ClientGroup g : s.clients()) {
      ids.add(clientJobId(s, g));
    }
    clientJobs = List.copyOf(ids);
    for (ClientGroup g : s.clients()) {
      List<String> order =
          g.connect().isEmpty() ? inventory.byDistance(g.datacenter()) : g.connect();
      List<String> seeds = new ArrayList<>();
      for (String dc : order) {
        inventory
            .in(dc)
            .forEach(sv -> seeds.add("nats://" + sv.host() + ":" + inventory.clientPort()));
      }
      int replicas = Math.min(s.cluster().replicas(), s.datacenter(g.datacenter()).servers());
      List<String> workload =
          List.of(
              "--subject", s.workload().subject(),
              "--rate", Long.toString(Math.max(1, Math.round(s.workload().rate()))),
              "--size", Integer.toString(s.workload().size()),
              "--kinds", String.join(",", s.workload().kinds()),
              "--ping-interval", s.workload().pingInterval().toMillis() + "ms",
              "--max-pings-out", Integer.toString(s.workload().maxPingsOut()),
              "--connect-timeout", s.workload().connectTimeout().toMillis() + "ms",
              "--replicas", Integer.toString(replicas));
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("booty", launcher());
      vars.put("control_plane", env.endpoints().get("nats.url"));
      vars.put("creds", creds.toString());
      vars.put("scenario", s.name());
      vars.put("run", run);
      vars.put("dc", g.datacenter());
      vars.put("datacenter", inventory.nomadDatacenters().get(g.datacenter()));
      vars.put("count", Integer.toString(g.tasks()));
      vars.put("per_task", Integer.toString(g.perTask()));
      vars.put("servers", String.join(",", seeds));
      vars.put(
          "workload",
          "[" + String.join(", ", workload.stream().map(ScenarioRunner::quote).toList()) + "]");
      progress.accept(
          "clients of "
              + g.datacenter()
              + ": "
              + g.count()
              + " in "
              + g.tasks()
              + " process(es), seeds "
              + String.join(" > ", order));
      deployer.runJob(
          s.name(), new NomadJob(clientJobId(s, g), Agents.template(CLIENTS_TEMPLATE), vars));
    }
  }

  static String clientJobId(Scenario s, ClientGroup g) {
    return s.name() + "-clients-" + g.datacenter();
  }

  /** The last lines each client process wrote to stderr, for a run whose clients did not start. */
  private String clientOutput() {
    StringBuilder sb = new StringBuilder();
    for (String job : clientJobs) {
      try {
        for (JsonNode alloc : env.nomad().allocations(job)) {
          String tail = env.nomad().stderrTail(alloc.path("ID").asText(), "clients", 600).strip();
          if (!tail.isEmpty()) {
            sb.append("\n  ")
                .append(job)
                .append(" allocation ")
                .append(alloc.path("ID").asText(), 0, 8)
                .append(" (")
                .append(alloc.path("ClientStatus").asText())
                .append("): ")
                .append(tail.replace("\n", "\n    "));
          }
        }
      } catch (RuntimeException e) {
        sb.append("\n  ").append(job).append(": ").append(e.getMessage());
      }
    }
    return sb.toString();
  }

  private String launcher() {
    if (settings.launcher() == null || settings.launcher().isBlank()) {
      throw BootyException.failure(
          "scenario run schedules booty itself on Nomad (clients, watchdog): run it from the"
              + " distribution's bin/booty");
    }
    return settings.launcher();
  }

  private RunReport report(
      Scenario s,
      Inventory inventory,
      List<StepRun> steps,
      List<ClientReport> clients,
      Instant started,
      Instant measureFrom,
      Instant ended,
      String error) {
    List<RunReport.StepReport> stepReports = new ArrayList<>();
    Map<String, RunReport.KindTotals> totals = Map.of();
    List<RunReport.ConnectionSample> connections = List.of();
    List<RunReport.LatencySample> latency = List.of();
    List<RunReport.ExpectationResult> results = List.of();
    String outcome = "broken";
    if (inventory != null) {
      RunAnalysis a = new RunAnalysis(inventory, clients);
      steps.forEach(st -> stepReports.add(a.step(st, ended)));
      totals = a.totals(steps);
      connections = a.connections(started, ended);
      latency = a.latency(started, ended);
      if (error == null) {
        if (clients.isEmpty()) {
          error = "no client reported";
        } else {
          Map<String, Double> m =
              Verdict.measure(stepReports, totals, a.latencyAll(measureFrom, ended));
          results = Verdict.judge(s.expect(), m);
          outcome = results.stream().allMatch(RunReport.ExpectationResult::holds) ? "pass" : "fail";
        }
      }
    }
    Map<String, Long> rtt = inventory == null ? Map.of() : inventory.rttMs();
    return new RunReport(
        s.name(),
        s.file().toString(),
        started.toString(),
        measureFrom.toString(),
        ended.toString(),
        outcome,
        error,
        s.datacenterNames(),
        rtt,
        stepReports,
        results,
        totals,
        connections,
        latency,
        clients);
  }

  private Outcome write(RunReport report, Path dir) {
    Path json = dir.resolve("report.json");
    Path html = dir.resolve("report.html");
    try {
      Files.createDirectories(dir);
      FileTrees.writeAtomically(
          json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report), false);
      FileTrees.writeAtomically(html, HtmlReport.render(report), false);
    } catch (IOException e) {
      throw BootyException.failure("cannot write the report in " + dir + ": " + e.getMessage());
    }
    RunMetrics.push(report, env.endpoints().get("metrics.http"), progress);
    int code =
        switch (report.outcome()) {
          case "pass" -> PASS;
          case "fail" -> FAIL;
          default -> BROKEN;
        };
    return new Outcome(report, json, html, code);
  }

  private String runId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC)
        .format(clock.instant());
  }

  /** A string as an HCL (and JSON) string literal. */
  static String quote(String s) {
    try {
      return Json.MAPPER.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String seconds(Duration d) {
    return Nodes.seconds(d) + " s";
  }
}
