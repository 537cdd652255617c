package dev.booty.core.deploy;

import dev.booty.api.ClusterProvider;
import dev.booty.api.ClusterProvider.ClusterSpec;
import dev.booty.api.DnsProvider;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.core.deploy.DeploymentPlan.AgentsJob;
import dev.booty.core.deploy.DeploymentPlan.DataCentre;
import dev.booty.core.deploy.DeploymentPlan.DataCentreAction;
import dev.booty.core.deploy.DeploymentPlan.Job;
import dev.booty.core.deploy.DeploymentPlan.JobAction;
import dev.booty.core.deploy.DeploymentPlan.WanLink;
import dev.booty.core.scenario.DataCenter;
import dev.booty.core.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out a {@link DeploymentPlan} from a scenario, what its last deploy recorded and what Nomad
 * runs now. Pure: it asks the plugins only what their planning methods answer without acting
 * ({@link HostingPreview}, {@link ClusterProvider#plan}), and reads the world through {@link
 * Facts}.
 */
final class DeploymentPlanner {

  /** The plugins a deployment runs with, and the contexts they see. */
  record Plugins(
      HostingProvider hosting,
      PluginContext hostingContext,
      ClusterProvider cluster,
      PluginContext clusterContext,
      DnsProvider dns,
      PluginContext dnsContext) {
    Plugins(
        HostingProvider hosting,
        PluginContext hostingContext,
        ClusterProvider cluster,
        PluginContext clusterContext) {
      this(hosting, hostingContext, cluster, clusterContext, null, null);
    }
  }

  /** What the planner reads of the world; nothing here changes anything. */
  interface Facts {
    /** The spec hash of the job Nomad runs under this id, null when it runs none. */
    String runningSpec(String jobId);

    /** The spec hash booty will record for this job. */
    String spec(NomadJob job);

    /** Jobs something other than deploy changed in Nomad. */
    Set<String> drifted();

    /** booty's agents' job on these data centres; null with a reason when none can run. */
    NomadJob agents(List<HostedDataCenter> dataCentres);

    /**
     * The cluster options booty adds for the scenario's TLS and authentication ({@link
     * ClusterCredentials#clusterOptions}); its chain of trust's keys are made on first use, the
     * only thing planning may write (like booty's CA, once).
     */
    Map<String, String> clusterCredentials(Scenario s);
  }

  private DeploymentPlanner() {}

  static DeploymentPlan plan(
      Scenario s, DeploymentState before, String version, Plugins plugins, Facts facts) {
    Map<String, Integer> indexes = indexes(s, before);
    List<DataCentre> dcs = new ArrayList<>();
    List<DataCenterSpec> specs = new ArrayList<>();
    for (DataCenter dc : s.datacenters()) {
      boolean known =
          before != null && before.dataCenters().stream().anyMatch(d -> d.name().equals(dc.name()));
      DataCenterSpec spec =
          new DataCenterSpec(dc.name(), indexes.get(dc.name()), dc.servers(), dc.options());
      specs.add(spec);
      HostedDataCenter hosted =
          plugins.hosting() instanceof HostingPreview p
              ? p.preview(spec, plugins.hostingContext())
              : null;
      dcs.add(
          new DataCentre(
              dc.name(),
              spec.index(),
              dc.servers(),
              known ? DataCentreAction.KEEP : DataCentreAction.ADD,
              dc.options(),
              hosted));
    }
    if (before != null) {
      before.dataCenters().stream()
          .filter(d -> !s.datacenterNames().contains(d.name()))
          .forEach(
              d ->
                  dcs.add(
                      new DataCentre(
                          d.name(),
                          d.index(),
                          d.servers(),
                          DataCentreAction.REMOVE,
                          Map.of(),
                          null)));
    }
    List<WanLink> wan = new ArrayList<>();
    if (plugins.hosting() instanceof WanEmulation) {
      for (int i = 0; i < s.datacenters().size(); i++) {
        for (int j = i + 1; j < s.datacenters().size(); j++) {
          String a = s.datacenters().get(i).name();
          String b = s.datacenters().get(j).name();
          boolean listed =
              s.wan().stream()
                  .anyMatch(
                      l ->
                          (l.a().equals(a) && l.b().equals(b))
                              || (l.a().equals(b) && l.b().equals(a)));
          wan.add(new WanLink(a, b, s.rtt(a, b).toMillis(), listed));
        }
      }
    }
    DeploymentPlan partial =
        new DeploymentPlan(
            s.name(),
            s.file().toString(),
            s.plugins().hosting(),
            s.plugins().cluster(),
            version,
            s.cluster().driver(),
            before == null ? null : before.appliedAt(),
            List.copyOf(dcs),
            List.copyOf(wan),
            List.of(),
            Map.of(),
            List.of(),
            new AgentsJob(Agents.jobId(s.name()), List.of(), null, "planned", null),
            null);
    List<HostedDataCenter> hosted = partial.hosted();
    if (hosted.contains(null)) {
      // a hosting plugin that cannot preview: the jobs are planned once it has provisioned
      return partial;
    }
    return withJobs(partial, s, specs, hosted, before, plugins, facts);
  }

  /** The plan completed with the cluster's endpoints, names and jobs on these data centres. */
  static DeploymentPlan withJobs(
      DeploymentPlan partial,
      Scenario s,
      List<DataCenterSpec> specs,
      List<HostedDataCenter> hosted,
      DeploymentState before,
      Plugins plugins,
      Facts facts) {
    ClusterSpec cluster = clusterSpec(s, partial.version(), facts.clusterCredentials(s));
    List<Endpoint> endpoints = plugins.cluster().endpoints(cluster, hosted);
    Map<String, Map<String, String>> names;
    if (plugins.hosting() instanceof WanEmulation
        && plugins.hosting() instanceof HostingPreview p) {
      names = p.names(specs, endpoints, links(partial));
    } else {
      Map<String, String> direct = new LinkedHashMap<>();
      endpoints.forEach(e -> direct.put(e.hostName(), e.address()));
      names = new LinkedHashMap<>();
      for (HostedDataCenter h : hosted) {
        names.put(h.name(), direct);
      }
    }
    List<NomadJob> rendered =
        new ArrayList<>(plugins.cluster().plan(cluster, hosted, names, plugins.clusterContext()));
    DeploymentPlan.DnsSection dns = null;
    if (plugins.dns() != null) {
      ClusterProvider.ClientAccess access = plugins.cluster().access(cluster);
      if (access == null) {
        throw new IllegalArgumentException(
            "cluster plugin "
                + s.plugins().cluster()
                + " cannot tell how clients reach its servers (ClusterProvider.access): no DNS"
                + " plugin can answer for them");
      }
      DnsProvider.DnsZone zone = DnsZones.of(s, hosted, endpoints, names, access);
      DnsProvider.DnsPlan dnsPlan = plugins.dns().plan(zone, plugins.dnsContext());
      rendered.addAll(dnsPlan.jobs());
      dns =
          new DeploymentPlan.DnsSection(
              s.plugins().dns(),
              zone.fqdn(),
              zone.ttl().toSeconds(),
              zone.checkInterval().toSeconds(),
              dnsPlan.records(),
              dnsPlan.calls(),
              dnsPlan);
    }
    Set<String> drifted = facts.drifted();
    List<Job> jobs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (NomadJob job : rendered) {
      String spec = facts.spec(job);
      String running = facts.runningSpec(job.id());
      JobAction action =
          running == null
              ? JobAction.CREATE
              : !running.equals(spec)
                  ? JobAction.UPDATE
                  : drifted.contains(job.id()) ? JobAction.RESTORE : JobAction.UNCHANGED;
      jobs.add(new Job(job.id(), dataCentre(job, hosted), spec, action, job));
      ids.add(job.id());
    }
    NomadJob agentsJob = facts.agents(hosted);
    String agentsId = Agents.jobId(s.name());
    ids.add(agentsId);
    if (before != null) {
      before.jobs().stream()
          .filter(j -> !ids.contains(j))
          .forEach(j -> jobs.add(new Job(j, null, null, JobAction.STOP, null)));
    }
    AgentsJob agents =
        agentsJob == null
            ? new AgentsJob(
                agentsId,
                List.of(),
                null,
                "booty runs outside its distribution: no bin/booty to run",
                null)
            : new AgentsJob(
                agentsId,
                hosted.stream().flatMap(h -> Agents.nodes(s.name(), h).stream()).toList(),
                facts.spec(agentsJob),
                null,
                agentsJob);
    return new DeploymentPlan(
        partial.scenario(),
        partial.file(),
        partial.hosting(),
        partial.cluster(),
        partial.version(),
        partial.driver(),
        partial.deployedAt(),
        partial.dataCentres(),
        partial.wan(),
        List.copyOf(endpoints),
        names,
        List.copyOf(jobs),
        agents,
        dns);
  }

  /** The links the hosting plugin is asked to make: the listed pairs (others have no latency). */
  static List<WanEmulation.Link> links(DeploymentPlan plan) {
    return plan.wan().stream()
        .filter(DeploymentPlan.WanLink::listed)
        .map(l -> new WanEmulation.Link(l.a(), l.b(), java.time.Duration.ofMillis(l.rttMillis())))
        .toList();
  }

  /** The data centre specs of the plan's declared data centres. */
  static List<DataCenterSpec> specs(DeploymentPlan plan) {
    return plan.declared().stream()
        .map(d -> new DataCenterSpec(d.name(), d.index(), d.servers(), d.options()))
        .toList();
  }

  private static String dataCentre(NomadJob job, List<HostedDataCenter> hosted) {
    String dc = job.variables().get("data_center");
    return hosted.stream().anyMatch(h -> h.nomadDatacenter().equals(dc)) ? dc : null;
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

  /**
   * The cluster as the plugin gets it: the scenario's options, its switches as options where the
   * file left them out, and {@code credentials} (TLS, the chain of trust) over both.
   */
  static ClusterSpec clusterSpec(Scenario s, String version, Map<String, String> credentials) {
    Map<String, String> options = new LinkedHashMap<>(s.cluster().options());
    options.putIfAbsent("jetstream", Boolean.toString(s.cluster().jetstream()));
    options.putIfAbsent("replicas", Integer.toString(s.cluster().replicas()));
    options.putIfAbsent("websocket", Boolean.toString(s.cluster().websocket()));
    options.putIfAbsent("lameDuckDuration", s.cluster().lameDuckDuration().toSeconds() + "s");
    options.putAll(credentials);
    return new ClusterSpec(s.name(), version, s.cluster().driver(), options);
  }
}
