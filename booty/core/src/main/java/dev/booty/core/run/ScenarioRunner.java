package dev.booty.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.ChaosMode;
import dev.booty.api.NomadJob;
import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import dev.booty.core.backchannel.protocol.Nodes;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.client.ClientReport;
import dev.booty.core.deploy.Agents;
import dev.booty.core.deploy.ClusterCredentials;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.nomad.JobStops;
import dev.booty.core.report.RunHistory;
import dev.booty.core.report.RunMetrics;
import dev.booty.core.report.RunReport;
import dev.booty.core.scenario.ClientGroup;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.Step;
import dev.booty.core.security.AclSetup;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.stack.NatsTrust;
import dev.booty.core.verdict.Inventory;
import dev.booty.core.verdict.RunJudge;
import dev.booty.core.verdict.StepRun;
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
  public static final int PASS = ExitCode.OK.code();

  public static final int FAIL = ExitCode.FAILURE.code();
  public static final int BROKEN = ExitCode.BROKEN.code();

  static final String WATCHDOG_TEMPLATE = "/jobs/booty-watchdog.nomad.hcl";

  /** How long the end of a run waits for its test clients' allocations to end. */
  static final Duration CLIENTS_STOP = Duration.ofSeconds(45);

  /**
   * How a run behaves.
   *
   * @param lease how long faults outlive a silent booty before the watchdog heals them
   * @param reports where runs keep their reports; null: the home's history ({@link RunHistory})
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
  private volatile FaultLedger ledger;
  private volatile StackChaosContext chaos;
  private volatile List<String> clientJobs = List.of();
  private volatile boolean aborted;
  private volatile Thread renewal;
  private volatile RunEvents events;

  public ScenarioRunner(
      Deployer deployer, Deployer.Environment env, Consumer<String> progress, Settings settings) {
    this.deployer = deployer;
    this.env = env;
    // every progress line is also a run event, for the dashboard
    this.progress =
        line -> {
          progress.accept(line);
          RunEvents e = events;
          if (e != null) {
            e.progress(line);
          }
        };
    this.settings = settings;
  }

  /**
   * Everything checkable before anything is touched (workload, clients, expectations, every step's
   * mode and targets), as the plan of the run.
   */
  public RunPlan plan(Scenario s) {
    return RunPlanner.of(deployer.plugins(), env.store()).plan(s, settings.lease());
  }

  /** Runs the scenario; never leaves a fault behind (see the class comment). */
  public Outcome run(Scenario s) {
    RunPlan plan = plan(s);
    plan.lines().forEach(progress);
    String run = runId();
    Instant started = clock.instant();
    Instant measureFrom = started;
    List<StepRun> steps = new ArrayList<>();
    List<ClientReport> reports = new ArrayList<>();
    String error = null;
    Inventory inventory = null;
    Map<String, Double> measuredRtt = null;
    Connection nc = null;
    try {
      nc = backChannel();
      events = new RunEvents(nc, s.name(), run, clock, progress);
      events.phase("deploying");
      progress.accept("deploying " + s.name() + " (unchanged parts are kept)");
      Deployer.Result deployed = deployer.deploy(s);
      inventory = new InventoryProbe(env, progress).inventory(s, deployed, nc);
      inventory.write(env.home().root());
      chaos = chaosContext(s, inventory, nc);
      events.lameDuckFrom(chaos::inLameDuck);
      List<Map<String, String>> records = prepare(s);
      ledger = new FaultLedger(FaultLedger.file(env.home().root(), s.name()), clock);
      ledger.hold(run, settings.lease());
      renewal = renewal();
      startWatchdog(s, run);
      try (ClientFleet fleet = new ClientFleet(nc, s.name(), run)) {
        // a browser that broke ends the timeline at once: its steps heal as they are interrupted
        fleet.onBroken(() -> stepThreads.forEach(Thread::interrupt));
        int expected = s.clients().stream().mapToInt(ClientGroup::count).sum();
        events.started(s, expected);
        events.phase("connecting");
        startClients(s, run, inventory);
        try {
          fleet.awaitConnected(expected, settings.timeout(), progress);
        } catch (BootyException e) {
          throw e.exitCode() == ExitCode.BROKEN
              ? e
              : BootyException.failure(e.getMessage() + clientOutput());
        }
        chaos.arm();
        events.phase("warmup");
        progress.accept("warming up for " + seconds(s.workload().warmup()));
        fleet.pause(s.workload().warmup());
        measuredRtt = GatewayRtts.measure(inventory);
        if (!measuredRtt.isEmpty()) {
          progress.accept("round trips between data centres (gateways): " + measuredRtt);
        }
        measureFrom = clock.instant();
        events.phase("steps");
        steps = timeline(s, records, measureFrom);
        fleet.failIfBroken();
        events.phase("settle");
        progress.accept("settling for " + seconds(s.workload().settle()));
        fleet.pause(s.workload().settle());
        events.phase("reporting");
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
    RunReport report =
        RunJudge.report(
                new RunJudge.Facts(
                    s, inventory, steps, reports, started, measureFrom, ended, error))
            .withMeasuredRttMs(measuredRtt);
    try {
      Outcome o = write(report, RunHistory.id(run, s.name()));
      RunEvents e = events;
      if (e != null) {
        e.ended(report.outcome(), o.html().toString());
      }
      return o;
    } finally {
      events = null;
      if (nc != null) {
        try {
          nc.close();
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** {@link #run}, with {@link #abort} as a shutdown hook meanwhile (Ctrl-C heals). */
  public Outcome runHealingOnExit(Scenario s) {
    Thread abort = new Thread(this::abort, "booty-run-abort");
    Runtime.getRuntime().addShutdownHook(abort);
    try {
      return run(s);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(abort);
      } catch (IllegalStateException e) {
        // shutting down: the hook heals
      }
    }
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
          deployer.plugins().mode(e.mode()).heal(e.record(), chaos);
          l.remove(e.id());
          progress.accept("healed " + e.id() + " (" + e.mode() + ")");
        } catch (RuntimeException ex) {
          progress.accept(
              "could not heal " + e.id() + ": " + ex.getMessage() + "; the watchdog will retry");
        }
      }
      l.release();
    }
    List<String> jobs = clientJobs;
    clientJobs = List.of();
    if (!jobs.isEmpty()) {
      // the clients' kill timeout (20 s) and some room: the run ends once its clients have
      try {
        JobStops.stopAndPurge(env.nomad(), jobs, CLIENTS_STOP)
            .forEach(
                (job, n) ->
                    progress.accept(
                        "could not stop "
                            + job
                            + ": "
                            + n
                            + " allocation(s) still run "
                            + seconds(CLIENTS_STOP)
                            + " after the stop"));
      } catch (RuntimeException ex) {
        progress.accept("could not stop the test clients " + jobs + ": " + ex.getMessage());
      }
      for (String job : jobs) {
        try {
          env.nomad().deleteVariable(ClientJobs.secretsPath(job));
        } catch (RuntimeException ex) {
          progress.accept("could not delete the creds of " + job + ": " + ex.getMessage());
        }
      }
    }
  }

  private List<Map<String, String>> prepare(Scenario s) {
    List<Map<String, String>> records = new ArrayList<>();
    for (int i = 0; i < s.steps().size(); i++) {
      Step step = s.steps().get(i);
      try {
        records.add(deployer.plugins().mode(step.action()).prepare(spec(step), chaos));
      } catch (IllegalArgumentException e) {
        throw BootyException.usage(
            s.file() + ": steps[" + i + "] (" + step.action() + "): " + e.getMessage());
      }
    }
    return records;
  }

  static ChaosMode.FaultSpec spec(Step step) {
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
    ChaosMode mode = deployer.plugins().mode(step.action());
    List<String> faulted = faulted(s, step, mode);
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
      RunEvents ev = events;
      if (ev != null) {
        ev.stepStarted(i);
      }
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
        RunEvents ev = events;
        if (ev != null) {
          ev.stepEnded(i, error);
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
   * The data centres a step takes out as a whole, as its mode declares ({@link
   * ChaosMode#takesOut}); a flapping WAN leaves a data centre's servers to its own clients.
   */
  private List<String> faulted(Scenario s, Step step, ChaosMode mode) {
    try {
      return mode.takesOut(spec(step), chaos).stream()
          .filter(s.datacenterNames()::contains)
          .toList();
    } catch (RuntimeException e) {
      progress.accept(
          "step " + step.action() + ": cannot tell what it takes out: " + e.getMessage());
      return List.of();
    }
  }

  private void sleepUntil(Instant when) throws InterruptedException {
    long ms = Duration.between(clock.instant(), when).toMillis();
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  private Connection backChannel() {
    Path creds = env.endpoints().bootyCreds();
    return ProtocolConnections.connect(env.endpoints().natsUrl(), creds, progress);
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
    vars.put("datacenter", env.endpoints().nomadDatacenter());
    vars.put("secrets", Agents.secretsPathOf(watchdogJob(s)));
    Path tokenFile = AclSetup.watchdogTokenFile(StackCredentials.dir(env.home()));
    if (Files.isRegularFile(tokenFile)) {
      try {
        env.nomad()
            .putVariable(
                Agents.secretsPathOf(watchdogJob(s)),
                Map.of("nomad_token", Files.readString(tokenFile).strip()));
      } catch (IOException e) {
        throw BootyException.failure("cannot read " + tokenFile + ": " + e.getMessage());
      }
      vars.put("token_file", "${NOMAD_SECRETS_DIR}/nomad.token");
    } else if (StackCredentials.present(env.home())) {
      progress.accept(
          "the watchdog uses booty's management token: this stack was started before the"
              + " watchdog had a token of its own ('booty down' then 'booty up' makes it)");
    }
    deployer.runJob(
        s.name(), new NomadJob(watchdogJob(s), Agents.template(WATCHDOG_TEMPLATE), vars));
    progress.accept(
        "watchdog running: faults heal "
            + seconds(settings.lease())
            + " after booty stops renewing its lease");
  }

  private void startClients(Scenario s, String run, Inventory inventory) {
    NatsTrust trust = NatsTrust.ensure(env.endpoints().natsKeys());
    String reportCreds = null;
    if (s.clients().stream().anyMatch(g -> g.kind() == ClientGroup.Kind.BROWSER)) {
      requireListening(env.endpoints().natsWebsocketUrl());
      // per run: a page holds them in a browser, so they may only publish this run's reports
      reportCreds = trust.reportCreds(s.name(), run);
    }
    ClusterCredentials.ClientSecrets nats = ClusterCredentials.clientSecrets(env.home(), s, run);
    Map<String, String> secrets =
        ClientJobs.secrets(trust.clientCreds(s.name()), reportCreds, nats);
    clientJobs = s.clients().stream().map(g -> ClientJobs.jobId(s, g)).toList();
    ClientJobs.Run jobs =
        new ClientJobs.Run(
            run, env.endpoints().natsUrl(), env.endpoints().natsWebsocketUrl(), nats);
    for (ClientGroup g : s.clients()) {
      progress.accept(
          "clients of "
              + ClientJobs.label(g)
              + ": "
              + g.count()
              + " in "
              + g.tasks()
              + (g.kind() == ClientGroup.Kind.BROWSER ? " browser(s), " : " process(es), ")
              + (g.bootstrap() == ClientGroup.Bootstrap.DNS
                  ? "DNS name " + s.dns().fqdn()
                  : "seeds " + String.join(" > ", ClientJobs.seedOrder(s, g)))
              + ", profile "
              + g.profile().id());
      env.nomad().putVariable(ClientJobs.secretsPath(ClientJobs.jobId(s, g)), secrets);
      deployer.runJob(s.name(), ClientJobs.job(s, g, inventory, jobs));
    }
  }

  /**
   * The control plane's websocket listener answers: a stack started by an older booty has none, and
   * every browser would fail to report.
   */
  private static void requireListening(String wsUrl) {
    java.net.URI u = java.net.URI.create(wsUrl);
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(u.getHost(), u.getPort()), 2000);
    } catch (IOException e) {
      throw BootyException.broken(
          "browser clients report to the control plane over WebSocket at "
              + wsUrl
              + ", which does not answer ("
              + e.getMessage()
              + "); a stack started by an older booty has no such listener: 'booty down' then"
              + " 'booty up' restarts it with one");
    }
  }

  static String watchdogJob(Scenario s) {
    return s.name() + "-watchdog";
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

  private Outcome write(RunReport report, String id) {
    RunHistory.Written w =
        (settings.reports() == null
                ? RunHistory.of(env.home().root())
                : RunHistory.at(settings.reports()))
            .write(id, report);
    RunMetrics.push(report, env.endpoints().metricsHttp(), progress);
    int code =
        switch (report.outcome()) {
          case "pass" -> PASS;
          case "fail" -> FAIL;
          default -> BROKEN;
        };
    return new Outcome(report, w.json(), w.html(), code);
  }

  private String runId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC)
        .format(clock.instant());
  }

  private static String seconds(Duration d) {
    return Nodes.seconds(d) + " s";
  }
}
