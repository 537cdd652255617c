package dev.booty.core.deploy;

import dev.booty.api.BootyExtension;
import dev.booty.api.ClusterProvider;
import dev.booty.api.ClusterProvider.ClusterSpec;
import dev.booty.api.HostingProvider;
import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.WanEmulation;
import dev.booty.core.BootyException;
import dev.booty.core.consul.StackConsul;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.nomad.JobRunner;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.plugin.BootyPluginContext;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.scenario.DataCenter;
import dev.booty.core.scenario.Plugins;
import dev.booty.core.scenario.Position;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioChecks;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code booty deploy} and {@code booty destroy}: a scenario's data centres from its hosting
 * plugin, the WAN between them, and its cluster's Nomad jobs. Everything that can be checked is
 * checked before anything is made (plugins, versions); what exists already is kept (jobs are
 * resubmitted only when their text changed); destroy removes what the scenario's state records, in
 * reverse.
 */
public final class Deployer {

  /** What a deployment talks to. */
  public record Environment(
      BootyHome home, ComponentStore store, NomadApi nomad, Map<String, String> endpoints) {}

  /**
   * What deploy did: its lines for people, the servers passing in Consul, the data centres as
   * hosted and the cluster's endpoints (its servers, by host name).
   */
  public record Result(
      List<String> lines,
      int serversPassing,
      int serversExpected,
      List<HostedDataCenter> hosted,
      List<WanEmulation.Endpoint> endpoints) {}

  private final Environment env;
  private final PluginSession plugins;
  private final Consumer<String> progress;
  private final Duration timeout;

  public Deployer(
      Environment env, PluginSession plugins, Consumer<String> progress, Duration timeout) {
    this.env = env;
    this.plugins = plugins;
    this.progress = progress;
    this.timeout = timeout;
  }

  /** The plugin session this deployer takes its extensions from, for whoever acts after it. */
  public PluginSession plugins() {
    return plugins;
  }

  /** The stack this deployer acts on. */
  public Environment environment() {
    return env;
  }

  /** The plan: what deploy will make, keep or remove, compared with the last deploy. */
  public List<String> plan(Scenario s) {
    Checked c = check(s);
    DeploymentState before = DeploymentState.read(env.home().root(), s.name()).orElse(null);
    List<String> lines = new ArrayList<>();
    lines.add(
        "scenario "
            + s.name()
            + ": hosting "
            + s.plugins().hosting()
            + ", cluster "
            + s.plugins().cluster()
            + " (nats-server "
            + c.version()
            + ", "
            + s.cluster().driver()
            + ")"
            + (before == null ? ", not deployed yet" : ", deployed " + before.appliedAt()));
    Map<String, Integer> indexes = indexes(s, before);
    for (DataCenter dc : s.datacenters()) {
      boolean known =
          before != null && before.dataCenters().stream().anyMatch(d -> d.name().equals(dc.name()));
      lines.add(
          "  data centre %-10s #%d  %d server(s)  %s"
              .formatted(dc.name(), indexes.get(dc.name()), dc.servers(), known ? "keep" : "add"));
    }
    if (before != null) {
      before.dataCenters().stream()
          .filter(d -> !s.datacenterNames().contains(d.name()))
          .forEach(d -> lines.add("  data centre %-10s remove".formatted(d.name())));
    }
    if (c.hosting() instanceof WanEmulation) {
      for (int i = 0; i < s.datacenters().size(); i++) {
        for (int j = i + 1; j < s.datacenters().size(); j++) {
          String a = s.datacenters().get(i).name();
          String b = s.datacenters().get(j).name();
          lines.add("  WAN %s <-> %s  rtt %d ms".formatted(a, b, s.rtt(a, b).toMillis()));
        }
      }
    }
    lines.add("  jobs: rendered after the data centres exist; unchanged ones are left alone");
    lines.add(
        "  agents: booty agent on every node, reporting to the control plane"
            + (System.getProperty(Agents.LAUNCHER) == null ? " (not here: no bin/booty)" : ""));
    return lines;
  }

  public Result deploy(Scenario s) {
    Checked c = check(s);
    Path home = env.home().root();
    DeploymentState before = DeploymentState.read(home, s.name()).orElse(null);
    if (before != null
        && (!before.hosting().equals(s.plugins().hosting())
            || !before.cluster().equals(s.plugins().cluster()))) {
      throw BootyException.usage(
          s.file()
              + ": scenario "
              + s.name()
              + " runs with hosting "
              + before.hosting()
              + " and cluster "
              + before.cluster()
              + "; 'booty destroy' it before changing plugins");
    }
    Instant started = Instant.now();
    PluginJobs jobs = jobs(s);
    BootyPluginContext base =
        new BootyPluginContext(
            env.home(),
            env.store(),
            new BootyPluginContext.Deployment(
                s.name(), DeploymentState.dir(home, s.name()), env.endpoints(), jobs),
            progress);
    BootyPluginContext hostingCtx = base.forPlugin(s.plugins().hosting());
    BootyPluginContext clusterCtx = base.forPlugin(s.plugins().cluster());
    List<String> lines = new ArrayList<>();
    Map<String, Integer> indexes = indexes(s, before);

    // data centres gone from the file: their cluster jobs first, then the data centres
    if (before != null) {
      for (DeploymentState.DataCentre dc : before.dataCenters()) {
        if (!s.datacenterNames().contains(dc.name())) {
          // the cluster's jobs placed in that data centre (Nomad's own Datacenters field says so)
          before.jobs().stream()
              .filter(j -> targets(j, dc.name()))
              .forEach(j -> plugin(s.plugins().cluster(), () -> jobs.stop(j)));
          plugin(s.plugins().hosting(), run(() -> c.hosting().release(dc.name(), hostingCtx)));
          lines.add("removed data centre " + dc.name());
        }
      }
    }

    List<HostedDataCenter> hosted = provision(s, c.hosting(), indexes, hostingCtx);
    record(s, indexes, before == null ? List.of() : before.jobs(), c.hosting());

    ClusterSpec spec = clusterSpec(s, c.version());
    List<WanEmulation.Endpoint> endpoints =
        plugin(s.plugins().cluster(), () -> c.cluster().endpoints(spec, hosted));
    Map<String, Map<String, String>> names =
        plugin(
            s.plugins().hosting(),
            () -> {
              if (c.hosting() instanceof WanEmulation wan) {
                List<WanEmulation.Link> links = new ArrayList<>();
                s.wan().forEach(l -> links.add(new WanEmulation.Link(l.a(), l.b(), l.rtt())));
                return wan.connect(endpoints, links, hostingCtx);
              }
              Map<String, String> direct = new LinkedHashMap<>();
              endpoints.forEach(e -> direct.put(e.hostName(), e.address()));
              Map<String, Map<String, String>> same = new LinkedHashMap<>();
              hosted.forEach(h -> same.put(h.name(), direct));
              return same;
            });
    List<NomadJob> planned =
        plugin(s.plugins().cluster(), () -> c.cluster().plan(spec, hosted, names, clusterCtx));
    NomadJob agents =
        Agents.job(
            s.name(),
            hosted,
            env.endpoints(),
            DeploymentState.dir(home, s.name()).resolve("agents"),
            env.store()
                .find(ClusterVersions.COMPONENT, c.version())
                .map(env.store()::binary)
                .map(Path::toString)
                .orElse("nats-server"));
    List<String> jobIds = new ArrayList<>();
    if (agents != null) {
      jobIds.add(agents.id());
    }
    planned.forEach(j -> jobIds.add(j.id()));
    if (before != null) {
      before.jobs().stream().filter(j -> !jobIds.contains(j)).forEach(jobs::stop);
    }
    record(s, indexes, jobIds, c.hosting());

    List<JobRunner.Outcome> submitted = new ArrayList<>();
    for (NomadJob job : planned) {
      submitted.add(jobs.submit(job));
    }
    List<String> failures = new ArrayList<>();
    for (JobRunner.Outcome o : submitted) {
      JobRunner.Outcome done = jobs.follow(o);
      lines.add(
          "job "
              + o.jobId()
              + ": "
              + o.message()
              + (o.evalId() == null ? "" : done.exitCode() == 0 ? ", healthy" : ", not healthy"));
      if (done.exitCode() != 0) {
        failures.add(o.jobId() + ": " + done.message());
      }
    }
    if (!failures.isEmpty()) {
      throw BootyException.failure(
          "scenario "
              + s.name()
              + " is not healthy: "
              + String.join("; ", failures)
              + " ('booty destroy "
              + s.file()
              + "' removes what was made)");
    }
    Drift.clear(home, s.name());
    int expected = s.datacenters().stream().mapToInt(DataCenter::servers).sum();
    int passing = awaitPassing(s.name() + "-nats", expected);
    if (agents == null) {
      lines.add("agents: not started (booty runs outside its distribution: no bin/booty to run)");
    } else {
      var r = jobs.run(agents);
      lines.add("job " + r.id() + ": " + r.message() + ", one agent per node");
    }
    lines.add(
        "%d/%d servers passing in Consul; deployed in %.1f s"
            .formatted(
                passing, expected, Duration.between(started, Instant.now()).toMillis() / 1000.0));
    return new Result(lines, passing, expected, hosted, endpoints);
  }

  /** The scenario's plugin context as plugin {@code pluginId} sees it, for acting after deploy. */
  public dev.booty.api.PluginContext context(String scenario, String pluginId) {
    Path home = env.home().root();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(dev.booty.core.nomad.JobMeta.SUBMITTED_BY, System.getProperty("user.name", "booty"));
    meta.put(dev.booty.core.nomad.JobMeta.SCENARIO, scenario);
    return new BootyPluginContext(
            env.home(),
            env.store(),
            new BootyPluginContext.Deployment(
                scenario,
                DeploymentState.dir(home, scenario),
                env.endpoints(),
                new PluginJobs(env.nomad(), runner(), meta, timeout)),
            progress)
        .forPlugin(pluginId);
  }

  /** The extension {@code id} of {@code point} from the loaded plugins. */
  public <T extends BootyExtension> T extension(Class<T> point, String id) {
    return extension(point, id, null);
  }

  /** Runs a job for booty itself (not a plugin), following it to healthy. */
  public dev.booty.api.JobResult runJob(String scenario, dev.booty.api.NomadJob job) {
    return context(scenario, "booty").runJob(job);
  }

  /**
   * Removes what the scenario's state records, or, when a deploy failed before recording it, what
   * the scenario file would have made ({@code file} may be null); returns what it did.
   */
  public List<String> destroy(String scenario, Scenario file) {
    Path home = env.home().root();
    DeploymentState state =
        DeploymentState.read(home, scenario)
            .or(() -> java.util.Optional.ofNullable(file).map(f -> assumed(f)))
            .orElseThrow(
                () ->
                    BootyException.usage(
                        "scenario "
                            + scenario
                            + " is not deployed (no "
                            + home.resolve("scenarios").resolve(scenario)
                            + ")"));
    HostingProvider hosting = extension(HostingProvider.class, state.hosting(), null);
    PluginJobs jobs = new PluginJobs(env.nomad(), runner(), Map.of(), timeout);
    BootyPluginContext base =
        new BootyPluginContext(
            env.home(),
            env.store(),
            new BootyPluginContext.Deployment(
                scenario, DeploymentState.dir(home, scenario), env.endpoints(), jobs),
            progress);
    BootyPluginContext hostingCtx = base.forPlugin(state.hosting());
    List<String> done = new ArrayList<>();
    for (String job : state.jobs()) {
      if (jobs.stop(job)) {
        done.add("stopped job " + job);
      }
    }
    for (DeploymentState.DataCentre dc : state.dataCenters().reversed()) {
      plugin(state.hosting(), run(() -> hosting.release(dc.name(), hostingCtx)));
      done.add("released data centre " + dc.name());
    }
    if (hosting instanceof WanEmulation wan) {
      plugin(state.hosting(), run(() -> wan.disconnect(hostingCtx)));
      done.add("removed the WAN links");
    }
    try {
      // the state goes last: a destroy that fails half-way can be run again
      Path dir = DeploymentState.dir(home, scenario);
      Path stateFile = dir.resolve("state.json");
      try (var files = java.nio.file.Files.list(dir)) {
        for (Path p : files.filter(p -> !p.equals(stateFile)).toList()) {
          FileTrees.deleteRecursively(p);
        }
      } catch (java.nio.file.NoSuchFileException e) {
        // nothing was written
      }
      FileTrees.deleteRecursively(dir);
    } catch (IOException e) {
      throw BootyException.failure("cannot remove the scenario's files: " + e.getMessage());
    }
    return done;
  }

  /** What a deploy of this file makes, for destroying one that failed before recording it. */
  private DeploymentState assumed(Scenario s) {
    Map<String, Integer> indexes = indexes(s, null);
    List<DeploymentState.DataCentre> dcs = new ArrayList<>();
    s.datacenters()
        .forEach(
            d ->
                dcs.add(
                    new DeploymentState.DataCentre(d.name(), indexes.get(d.name()), d.servers())));
    // the cluster's jobs: those booty submitted for this scenario, minus the hosting plugin's own
    // (its release and disconnect remove those)
    List<String> jobIds = new ArrayList<>();
    for (NomadApi.JobSummary j : env.nomad().jobs()) {
      var job = env.nomad().job(j.id());
      var meta = job == null ? null : job.path("Meta");
      if (meta != null
          && s.name().equals(meta.path(dev.booty.core.nomad.JobMeta.SCENARIO).asText())
          && !Set.of("dc-agent", "wan").contains(meta.path("booty_role").asText())) {
        jobIds.add(j.id());
      }
    }
    return new DeploymentState(
        s.name(),
        s.file().toString(),
        s.plugins().hosting(),
        s.plugins().cluster(),
        true,
        dcs,
        jobIds,
        null);
  }

  private record Checked(HostingProvider hosting, ClusterProvider cluster, String version) {}

  /** Everything checkable before acting: plugins exist, the nats-server version is installed. */
  private Checked check(Scenario s) {
    ScenarioChecks.checkPlugins(s, ScenarioChecks.availablePlugins(plugins.platform()));
    HostingProvider hosting =
        extension(HostingProvider.class, s.plugins().hosting(), position(s, Plugins.HOSTING));
    ClusterProvider cluster =
        extension(ClusterProvider.class, s.plugins().cluster(), position(s, Plugins.CLUSTER));
    if (s.plugins().dns() != null) {
      throw BootyException.usage(
          position(s, Plugins.DNS)
              + "plugins.dns: DNS plugins are not deployed yet; use 'none' for now");
    }
    return new Checked(hosting, cluster, ClusterVersions.resolve(s, env.store()));
  }

  private String position(Scenario s, String kind) {
    Position p = s.plugins().positions().get(kind);
    return s.file() + (p == null ? "" : ":" + p.line() + ":" + p.column()) + ": ";
  }

  private <T extends BootyExtension> T extension(Class<T> point, String id, String where) {
    try {
      return plugins.extension(point, id);
    } catch (BootyException e) {
      throw where == null ? e : BootyException.usage(where + e.getMessage());
    }
  }

  private List<HostedDataCenter> provision(
      Scenario s, HostingProvider hosting, Map<String, Integer> indexes, BootyPluginContext ctx) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, s.datacenters().size()));
    try {
      List<Future<HostedDataCenter>> futures = new ArrayList<>();
      for (DataCenter dc : s.datacenters()) {
        DataCenterSpec spec =
            new DataCenterSpec(dc.name(), indexes.get(dc.name()), dc.servers(), dc.options());
        futures.add(
            pool.submit(() -> plugin(s.plugins().hosting(), () -> hosting.provision(spec, ctx))));
      }
      List<HostedDataCenter> hosted = new ArrayList<>();
      for (Future<HostedDataCenter> f : futures) {
        hosted.add(f.get());
      }
      return hosted;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof BootyException b
          ? b
          : BootyException.failure("provisioning failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Data centre indexes: those of the last deploy are kept, new ones take the lowest free. */
  static Map<String, Integer> indexes(Scenario s, DeploymentState before) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Set<Integer> used = new HashSet<>();
    if (before != null) {
      for (DeploymentState.DataCentre d : before.dataCenters()) {
        if (s.datacenterNames().contains(d.name())) {
          out.put(d.name(), d.index());
          used.add(d.index());
        }
      }
    }
    int next = 1;
    for (DataCenter dc : s.datacenters()) {
      if (!out.containsKey(dc.name())) {
        while (used.contains(next)) {
          next++;
        }
        out.put(dc.name(), next);
        used.add(next);
      }
    }
    Map<String, Integer> ordered = new LinkedHashMap<>();
    s.datacenterNames().forEach(n -> ordered.put(n, out.get(n)));
    return ordered;
  }

  private void record(
      Scenario s, Map<String, Integer> indexes, List<String> jobIds, HostingProvider hosting) {
    List<DeploymentState.DataCentre> dcs = new ArrayList<>();
    s.datacenters()
        .forEach(
            d ->
                dcs.add(
                    new DeploymentState.DataCentre(d.name(), indexes.get(d.name()), d.servers())));
    new DeploymentState(
            s.name(),
            s.file().toString(),
            s.plugins().hosting(),
            s.plugins().cluster(),
            hosting instanceof WanEmulation,
            dcs,
            jobIds,
            Instant.now().toString())
        .write(env.home().root());
  }

  private static ClusterSpec clusterSpec(Scenario s, String version) {
    Map<String, String> options = new LinkedHashMap<>(s.cluster().options());
    options.putIfAbsent("jetstream", Boolean.toString(s.cluster().jetstream()));
    options.putIfAbsent("replicas", Integer.toString(s.cluster().replicas()));
    options.putIfAbsent("websocket", Boolean.toString(s.cluster().websocket()));
    options.putIfAbsent("lameDuckDuration", s.cluster().lameDuckDuration().toSeconds() + "s");
    return new ClusterSpec(s.name(), version, s.cluster().driver(), options);
  }

  private PluginJobs jobs(Scenario s) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(dev.booty.core.nomad.JobMeta.SUBMITTED_BY, System.getProperty("user.name", "booty"));
    meta.put(dev.booty.core.nomad.JobMeta.SCENARIO, s.name());
    return new PluginJobs(
        env.nomad(), runner(), meta, timeout, Drift.jobs(env.home().root(), s.name()));
  }

  private JobRunner runner() {
    return new JobRunner(env.nomad(), env.store(), progress);
  }

  private int awaitPassing(String service, int expected) {
    Instant deadline = Instant.now().plus(timeout);
    int passing = 0;
    try (StackConsul consul = new StackConsul(env.endpoints().get("consul.http"))) {
      while (Instant.now().isBefore(deadline)) {
        try {
          passing =
              (int) consul.service(service).stream().filter(StackConsul.Instance::passing).count();
        } catch (BootyException e) {
          passing = 0; // Consul busy or restarting: ask again
        }
        if (passing >= expected) {
          return passing;
        }
        Poll.pause(Duration.ofMillis(500));
      }
    }
    throw BootyException.failure(
        passing
            + " of "
            + expected
            + " servers of "
            + service
            + " passing in Consul after "
            + timeout.toSeconds()
            + " s");
  }

  /** Whether Nomad runs job {@code id} in data centre {@code dc}. */
  private boolean targets(String id, String dc) {
    var job = env.nomad().job(id);
    if (job == null) {
      return false;
    }
    for (var d : job.path("Datacenters")) {
      if (d.asText().equals(dc)) {
        return true;
      }
    }
    return false;
  }

  /** Runs plugin code, turning its exceptions into booty errors that name the plugin. */
  private static <T> T plugin(String id, Supplier<T> work) {
    try {
      return work.get();
    } catch (BootyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw BootyException.failure("plugin " + id + ": " + e.getMessage());
    }
  }

  private static Supplier<Void> run(Runnable r) {
    return () -> {
      r.run();
      return null;
    };
  }
}
