package dev.booty.core.deploy;

import dev.booty.api.BootyExtension;
import dev.booty.api.ClusterProvider;
import dev.booty.api.DnsProvider;
import dev.booty.api.DnsResolvers;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.WanEmulation;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.Nodes;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.deploy.DeploymentPlan.DataCentre;
import dev.booty.core.deploy.DeploymentPlan.DataCentreAction;
import dev.booty.core.deploy.DeploymentPlan.Job;
import dev.booty.core.deploy.DeploymentPlan.JobAction;
import dev.booty.core.dns.DnsAnswers;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.nomad.JobMeta;
import dev.booty.core.nomad.JobRunner;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.plugin.BootyPluginContext;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.scenario.Plugins;
import dev.booty.core.scenario.Position;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioChecks;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * {@code booty deploy}: a scenario's {@link DeploymentPlan} worked out first ({@link
 * DeploymentPlanner}: everything checkable is checked before anything is made), then applied: data
 * centres from the hosting plugin, the WAN between them, the cluster's Nomad jobs (resubmitted only
 * when their spec hash changed), booty's agents. {@code booty destroy} is {@link Destroyer}.
 */
public final class Deployer {
  private static final Duration AGENTS_TIMEOUT = Duration.ofSeconds(90);

  /** What a deployment talks to. */
  public record Environment(
      BootyHome home, ComponentStore store, NomadApi nomad, StackEndpoints endpoints) {}

  /**
   * What deploy did: its lines for people, the servers passing in Consul, the data centres as
   * hosted and the cluster's endpoints (its servers, by host name).
   */
  public record Result(
      List<String> lines,
      int serversPassing,
      int serversExpected,
      List<HostedDataCenter> hosted,
      List<WanEmulation.Endpoint> endpoints,
      Map<String, Map<String, String>> names) {}

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
  public DeploymentPlan plan(Scenario s) {
    ScenarioChecks.checkPlugins(s, ScenarioChecks.availablePlugins(plugins.platform()));
    HostingProvider hosting =
        extension(HostingProvider.class, s.plugins().hosting(), position(s, Plugins.HOSTING));
    ClusterProvider cluster =
        extension(ClusterProvider.class, s.plugins().cluster(), position(s, Plugins.CLUSTER));
    DnsProvider dns =
        s.plugins().dns() == null
            ? null
            : extension(DnsProvider.class, s.plugins().dns(), position(s, Plugins.DNS));
    if (!(hosting instanceof HostingPreview)) {
      throw BootyException.usage(
          position(s, Plugins.HOSTING)
              + "plugins.hosting: plugin "
              + s.plugins().hosting()
              + " cannot tell what it will provision (dev.booty.api.HostingPreview); booty plans"
              + " a deployment before it acts");
    }
    String version = ClusterVersions.resolve(s, env.store());
    DeploymentState before = DeploymentState.read(env.home().root(), s.name()).orElse(null);
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
    BootyPluginContext base = base(s.name(), jobs(s.name(), Set.of()));
    return plugin(
        s.plugins().cluster()
            + "/"
            + s.plugins().hosting()
            + (dns == null ? "" : "/" + s.plugins().dns()),
        () ->
            DeploymentPlanner.plan(
                s,
                before,
                version,
                new DeploymentPlanner.Plugins(
                    hosting,
                    base.forPlugin(s.plugins().hosting()),
                    cluster,
                    base.forPlugin(s.plugins().cluster()),
                    dns,
                    dns == null ? null : base.forPlugin(s.plugins().dns())),
                facts(s.name(), version)));
  }

  /** Plans, then applies the plan. */
  public Result deploy(Scenario s) {
    return apply(plan(s));
  }

  /** Executes the plan, and nothing else. */
  public Result apply(DeploymentPlan plan) {
    Instant started = Instant.now();
    HostingProvider hosting = extension(HostingProvider.class, plan.hosting(), null);
    Path home = env.home().root();
    DeploymentState before = DeploymentState.read(home, plan.scenario()).orElse(null);
    Set<String> restore = new LinkedHashSet<>();
    plan.jobs().stream()
        .filter(j -> j.action() == JobAction.RESTORE)
        .forEach(j -> restore.add(j.id()));
    PluginJobs jobs = jobs(plan.scenario(), restore);
    BootyPluginContext base = base(plan.scenario(), jobs);
    BootyPluginContext hostingCtx = base.forPlugin(plan.hosting());
    List<String> lines = new ArrayList<>();

    // what the file no longer makes: jobs first (those of removed data centres among them)
    List<String> stopped = new ArrayList<>();
    for (Job j : plan.jobs()) {
      if (j.action() == JobAction.STOP) {
        plugin(plan.cluster(), () -> jobs.stop(j.id()));
        stopped.add(j.id());
        lines.add("stopped job " + j.id());
      }
    }
    for (DataCentre dc : plan.dataCentres()) {
      if (dc.action() == DataCentreAction.REMOVE) {
        plugin(plan.hosting(), run(() -> hosting.release(dc.name(), hostingCtx)));
        lines.add("removed data centre " + dc.name());
      }
    }

    if (before != null && before.dns() != null && before.zone() != null) {
      String zone = plan.dns() == null ? null : plan.dns().plan().zone().zone();
      if (!before.dns().equals(plan.dns() == null ? null : plan.dns().plugin())
          || !before.zone().equals(zone)) {
        // the name moves or goes: what the last deploy published is withdrawn (its servers' jobs
        // were stopped above), and without DNS every data centre resolves as the machine does
        DnsProvider old = extension(DnsProvider.class, before.dns(), null);
        BootyPluginContext oldCtx = base.forPlugin(before.dns());
        plugin(before.dns(), run(() -> old.withdraw(before.zone(), oldCtx)));
        lines.add("withdrew " + before.zone() + " from dns " + before.dns());
        if (plan.dns() == null && hosting instanceof DnsResolvers r) {
          Map<String, List<String>> machine = new LinkedHashMap<>();
          plan.dataCentres().stream()
              .filter(d -> d.action() == DataCentreAction.KEEP)
              .forEach(d -> machine.put(d.name(), List.of()));
          plugin(plan.hosting(), run(() -> r.resolvers(machine, hostingCtx)));
        }
      }
    }
    List<HostedDataCenter> hosted = provision(plan, hosting, hostingCtx);
    if (!hosted.equals(plan.hosted())) {
      throw BootyException.failure(
          "plugin "
              + plan.hosting()
              + " provisioned "
              + hosted
              + ", not what it planned: "
              + plan.hosted());
    }
    List<String> jobIds = new ArrayList<>();
    if (before != null) {
      before.jobs().stream().filter(j -> !stopped.contains(j)).forEach(jobIds::add);
    }
    record(plan, jobIds, hosting instanceof WanEmulation);

    if (hosting instanceof WanEmulation wan) {
      Map<String, Map<String, String>> names =
          plugin(
              plan.hosting(),
              () -> wan.connect(plan.endpoints(), DeploymentPlanner.links(plan), hostingCtx));
      if (!names.equals(plan.names())) {
        throw BootyException.failure(
            "plugin " + plan.hosting() + " connected the WAN otherwise than it planned: " + names);
      }
    }
    jobIds.clear();
    jobIds.add(plan.agents().id());
    plan.jobs().stream().filter(j -> j.action() != JobAction.STOP).forEach(j -> jobIds.add(j.id()));
    record(plan, jobIds, hosting instanceof WanEmulation);

    List<JobRunner.Outcome> submitted = new ArrayList<>();
    for (Job job : plan.jobs()) {
      switch (job.action()) {
        case CREATE, UPDATE, RESTORE -> submitted.add(jobs.submit(job.job()));
        case UNCHANGED -> lines.add("job " + job.id() + ": unchanged");
        case STOP -> {}
      }
    }
    List<String> failures = new ArrayList<>();
    for (JobRunner.Outcome o : submitted) {
      JobRunner.Outcome done = jobs.follow(o);
      lines.add(
          "job "
              + o.jobId()
              + ": "
              + o.message()
              + (done.exitCode() == 0 ? ", healthy" : ", not healthy"));
      if (done.exitCode() != 0) {
        failures.add(o.jobId() + ": " + done.message());
      }
    }
    String service = plan.scenario() + "-nats";
    if (!failures.isEmpty()) {
      throw BootyException.failure(
          "scenario "
              + plan.scenario()
              + " is not healthy: "
              + String.join("; ", failures)
              + ServerHealth.report(
                  env.endpoints().consulHttp(), env.endpoints().http(), service, plan.endpoints())
              + "\n('booty destroy "
              + plan.file()
              + "' removes what was made)");
    }
    Drift.clear(home, plan.scenario());
    int expected = plan.servers();
    int passing =
        ServerHealth.awaitPassing(
            env.endpoints().consulHttp(),
            env.endpoints().http(),
            service,
            plan.endpoints(),
            expected,
            timeout);
    Map<String, String> jobOfDc = new LinkedHashMap<>();
    plan.jobs().stream()
        .filter(j -> j.action() != JobAction.STOP && j.dataCentre() != null)
        .forEach(j -> jobOfDc.put(j.dataCentre(), j.id()));
    MetaGroup.settle(
        env.endpoints().consulHttp(),
        env.endpoints().http(),
        service,
        env.nomad(),
        jobOfDc,
        timeout,
        progress);
    if (plan.dns() != null) {
      lines.addAll(publishDns(plan, hosting, base));
    }
    if (plan.agents().job() == null) {
      lines.add("agents: not started (" + plan.agents().missing() + ")");
    } else {
      env.nomad()
          .putVariable(
              Agents.secretsPath(plan.scenario()),
              Agents.creds(plan.scenario(), hosted, env.endpoints()));
      var r = jobs.run(plan.agents().job());
      lines.add("job " + r.id() + ": " + r.message() + ", " + awaitAgents(plan.scenario(), hosted));
    }
    lines.add(
        "%d/%d servers passing in Consul; deployed in %.1f s"
            .formatted(
                passing, expected, Duration.between(started, Instant.now()).toMillis() / 1000.0));
    return new Result(lines, passing, expected, hosted, plan.endpoints(), plan.names());
  }

  /**
   * Waits until every node's agent heartbeats on the back channel (a fresh host's JVM takes a few
   * seconds), so {@code booty cmd all} right after a deploy reaches them all; a deploy whose agents
   * do not all answer fails naming the silent nodes.
   */
  private String awaitAgents(String scenario, List<HostedDataCenter> hosted) {
    List<String> nodes = new ArrayList<>();
    hosted.forEach(dc -> nodes.addAll(Agents.nodes(scenario, dc)));
    progress.accept("waiting for " + nodes.size() + " agents on the back channel");
    Duration wait = timeout.compareTo(AGENTS_TIMEOUT) < 0 ? timeout : AGENTS_TIMEOUT;
    List<String> heard;
    try (Connection nc =
        ProtocolConnections.connect(
            env.endpoints().natsUrl(), env.endpoints().bootyCreds(), progress)) {
      heard = Nodes.await(nc, nodes, scenario, wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure("interrupted while waiting for the agents of " + scenario);
    }
    if (heard.size() < nodes.size()) {
      List<String> silent = nodes.stream().filter(n -> !heard.contains(n)).toList();
      throw BootyException.failure(
          "no heartbeat from the booty agent on "
              + String.join(", ", silent)
              + " in "
              + Nodes.seconds(wait)
              + " s (job "
              + Agents.jobId(scenario)
              + "; 'nomad alloc logs' of its allocation there tells why)");
    }
    return nodes.size() + "/" + nodes.size() + " agents answering";
  }

  /**
   * The DNS plugin publishes its zone (its servers already run: they are jobs of the plan), the
   * hosting points each data centre's resolver at what it returned, and each data centre's answer
   * must then name its own servers (all pass by now) before the deploy is done.
   */
  private List<String> publishDns(
      DeploymentPlan plan, HostingProvider hosting, BootyPluginContext base) {
    DeploymentPlan.DnsSection dns = plan.dns();
    DnsProvider provider = extension(DnsProvider.class, dns.plugin(), null);
    Map<String, List<String>> resolvers =
        plugin(dns.plugin(), () -> provider.publish(dns.plan(), base.forPlugin(dns.plugin())));
    List<String> lines = new ArrayList<>();
    lines.add("dns " + dns.plugin() + ": published " + dns.fqdn());
    if (resolvers.isEmpty()) {
      return lines;
    }
    if (!(hosting instanceof DnsResolvers r)) {
      throw BootyException.failure(
          "plugin "
              + plan.hosting()
              + " cannot point its data centres' resolvers at DNS servers"
              + " (dev.booty.api.DnsResolvers), which DNS plugin "
              + dns.plugin()
              + " runs");
    }
    plugin(plan.hosting(), run(() -> r.resolvers(resolvers, base.forPlugin(plan.hosting()))));
    for (DnsProvider.View v : dns.plan().zone().views()) {
      List<String> at = resolvers.get(v.dataCenter());
      if (at == null || at.isEmpty()) {
        continue;
      }
      List<String> own =
          v.tiers().getFirst().targets().stream().map(DnsProvider.Target::address).toList();
      Duration took = DnsAnswers.await(at.getFirst(), dns.fqdn(), own, timeout);
      lines.add(
          "dns %s: %s answers %s with its own %d server(s) after %d ms"
              .formatted(dns.plugin(), v.dataCenter(), dns.fqdn(), own.size(), took.toMillis()));
    }
    return lines;
  }

  /** The scenario's plugin context as plugin {@code pluginId} sees it, for acting after deploy. */
  public dev.booty.api.PluginContext context(String scenario, String pluginId) {
    return base(scenario, jobs(scenario, Set.of())).forPlugin(pluginId);
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
    return new Destroyer(env, progress, timeout)
        .destroy(
            scenario,
            file,
            id -> extension(HostingProvider.class, id, null),
            id -> extension(DnsProvider.class, id, null));
  }

  /** What the planner reads: Nomad's jobs, the drift list, the agents' launcher. */
  private DeploymentPlanner.Facts facts(String scenario, String version) {
    JobRunner runner = runner();
    return new DeploymentPlanner.Facts() {
      @Override
      public String runningSpec(String jobId) {
        var job = env.nomad().job(jobId);
        if (job == null || job.path("Stop").asBoolean()) {
          return null;
        }
        return job.path("Meta").path(JobMeta.SPEC).asText("");
      }

      @Override
      public String spec(NomadJob job) {
        return runner.spec(job.hcl(), job.variables());
      }

      @Override
      public Set<String> drifted() {
        return Drift.jobs(env.home().root(), scenario);
      }

      @Override
      public Map<String, String> clusterCredentials(Scenario s) {
        return ClusterCredentials.clusterOptions(env.home().root(), s);
      }

      @Override
      public NomadJob agents(List<HostedDataCenter> dataCentres) {
        return Agents.job(
            scenario,
            dataCentres,
            env.endpoints(),
            env.store()
                .find(ClusterVersions.COMPONENT, version)
                .map(env.store()::binary)
                .map(b -> Agents.onNode(env.home().root(), b))
                .orElse("nats-server"));
      }
    };
  }

  private BootyPluginContext base(String scenario, PluginJobs jobs) {
    return new BootyPluginContext(
        env.home(),
        env.store(),
        new BootyPluginContext.Deployment(
            scenario,
            DeploymentState.dir(env.home().root(), scenario),
            env.endpoints().asMap(),
            jobs),
        progress);
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
      DeploymentPlan plan, HostingProvider hosting, BootyPluginContext ctx) {
    List<DataCenterSpec> specs = DeploymentPlanner.specs(plan);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, specs.size())));
    try {
      List<Future<HostedDataCenter>> futures = new ArrayList<>();
      for (DataCenterSpec spec : specs) {
        futures.add(pool.submit(() -> plugin(plan.hosting(), () -> hosting.provision(spec, ctx))));
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
    return DeploymentPlanner.indexes(s, before);
  }

  private void record(DeploymentPlan plan, List<String> jobIds, boolean wan) {
    List<DeploymentState.DataCentre> dcs = new ArrayList<>();
    plan.declared()
        .forEach(d -> dcs.add(new DeploymentState.DataCentre(d.name(), d.index(), d.servers())));
    new DeploymentState(
            plan.scenario(),
            plan.file(),
            plan.hosting(),
            plan.cluster(),
            wan,
            dcs,
            List.copyOf(jobIds),
            Instant.now().toString(),
            plan.dns() == null ? null : plan.dns().plugin(),
            plan.dns() == null ? null : plan.dns().plan().zone().zone())
        .write(env.home().root());
  }

  private PluginJobs jobs(String scenario, Set<String> forced) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(JobMeta.SUBMITTED_BY, System.getProperty("user.name", "booty"));
    meta.put(JobMeta.SCENARIO, scenario);
    return new PluginJobs(env.nomad(), runner(), meta, timeout, forced);
  }

  private JobRunner runner() {
    return new JobRunner(env.nomad(), env.store(), progress);
  }

  /** Runs plugin code, turning its exceptions into booty errors that name the plugin. */
  static <T> T plugin(String id, Supplier<T> work) {
    try {
      return work.get();
    } catch (BootyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw BootyException.failure("plugin " + id + ": " + e.getMessage());
    }
  }

  static Supplier<Void> run(Runnable r) {
    return () -> {
      r.run();
      return null;
    };
  }
}
