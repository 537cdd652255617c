package dev.booty.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.booty.api.ChaosContext;
import dev.booty.api.ClusterProvider;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.core.deploy.DeploymentPlan.DataCentre;
import dev.booty.core.deploy.DeploymentPlan.DataCentreAction;
import dev.booty.core.deploy.DeploymentPlan.Job;
import dev.booty.core.deploy.DeploymentPlan.JobAction;
import dev.booty.core.deploy.DeploymentPlan.WanLink;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner on fake plugins: no stack, no Nomad, nothing made. */
class DeploymentPlannerTest {

  /** Hosts data centre N on 10.N.0.x; reaches other data centres through 10.N.9.x. */
  static final class FakeHosting implements HostingProvider, HostingPreview, WanEmulation {
    int provisioned;

    @Override
    public String id() {
      return "fake";
    }

    @Override
    public HostedDataCenter provision(DataCenterSpec dc, PluginContext ctx) {
      provisioned++;
      return preview(dc, ctx);
    }

    @Override
    public HostedDataCenter preview(DataCenterSpec dc, PluginContext ctx) {
      List<String> servers = new ArrayList<>();
      for (int k = 1; k <= dc.servers(); k++) {
        servers.add("10." + dc.index() + ".0." + k);
      }
      return new HostedDataCenter(dc.name(), dc.name(), servers, Map.of("node", "n-" + dc.name()));
    }

    @Override
    public Map<String, Map<String, String>> names(
        List<DataCenterSpec> dcs, List<Endpoint> endpoints, List<Link> links) {
      Map<String, Map<String, String>> views = new LinkedHashMap<>();
      for (DataCenterSpec dc : dcs) {
        Map<String, String> view = new LinkedHashMap<>();
        for (int i = 0; i < endpoints.size(); i++) {
          Endpoint e = endpoints.get(i);
          view.put(
              e.hostName(),
              e.dataCenter().equals(dc.name()) ? e.address() : "10." + dc.index() + ".9." + i);
        }
        views.put(dc.name(), view);
      }
      return views;
    }

    @Override
    public void release(String dc, PluginContext ctx) {}

    @Override
    public Map<String, Map<String, String>> connect(
        List<Endpoint> endpoints, List<Link> links, PluginContext ctx) {
      throw new AssertionError("the planner made a WAN link");
    }

    @Override
    public void path(String a, String b, ChaosContext.Path state, PluginContext ctx) {}

    @Override
    public void disconnect(PluginContext ctx) {}
  }

  /** One job per data centre; its text names every server and what it resolves the others to. */
  static final class FakeCluster implements ClusterProvider {
    @Override
    public String id() {
      return "fakecluster";
    }

    @Override
    public List<WanEmulation.Endpoint> endpoints(ClusterSpec cluster, List<HostedDataCenter> dcs) {
      List<WanEmulation.Endpoint> out = new ArrayList<>();
      for (HostedDataCenter dc : dcs) {
        for (int k = 0; k < dc.addresses().size(); k++) {
          out.add(
              new WanEmulation.Endpoint(
                  dc.name() + "-" + (k + 1), dc.name(), dc.addresses().get(k), List.of(7222)));
        }
      }
      return out;
    }

    @Override
    public List<NomadJob> plan(
        ClusterSpec cluster,
        List<HostedDataCenter> dcs,
        Map<String, Map<String, String>> names,
        PluginContext ctx) {
      return dcs.stream()
          .map(
              dc ->
                  new NomadJob(
                      cluster.name() + "-nats-" + dc.name(),
                      "job " + names.get(dc.name()),
                      Map.of("data_center", dc.nomadDatacenter())))
          .toList();
    }
  }

  /** Nomad as a map of job id to the spec hash it runs. */
  static final class FakeFacts implements DeploymentPlanner.Facts {
    final Map<String, String> running = new HashMap<>();
    Set<String> drifted = Set.of();
    Map<String, String> credentials = Map.of();

    @Override
    public String runningSpec(String jobId) {
      return running.get(jobId);
    }

    @Override
    public String spec(NomadJob job) {
      return Integer.toHexString((job.hcl() + job.variables()).hashCode()) + "0000000000000";
    }

    @Override
    public Set<String> drifted() {
      return drifted;
    }

    @Override
    public NomadJob agents(List<HostingProvider.HostedDataCenter> dcs) {
      return new NomadJob("p-agents", "agents", Map.of());
    }

    @Override
    public Map<String, String> clusterCredentials(Scenario s) {
      return credentials;
    }
  }

  final FakeHosting hosting = new FakeHosting();
  final FakeFacts facts = new FakeFacts();

  static Scenario scenario(String wan, String... dataCentres) {
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            name: p
            plugins:
              hosting: fake
              cluster: fakecluster
            datacenters:
            """);
    for (String dc : dataCentres) {
      yaml.append("  - name: ").append(dc).append("\n    servers: 2\n");
    }
    yaml.append(wan).append("cluster:\n  replicas: 1\n");
    return ScenarioLoader.parse(yaml.toString(), Path.of("p.yaml"));
  }

  DeploymentPlan plan(Scenario s, DeploymentState before) {
    return DeploymentPlanner.plan(
        s,
        before,
        "2.11.17",
        new DeploymentPlanner.Plugins(hosting, null, new FakeCluster(), null),
        facts);
  }

  static DeploymentState deployed(DeploymentPlan plan) {
    List<DeploymentState.DataCentre> dcs = new ArrayList<>();
    plan.declared()
        .forEach(d -> dcs.add(new DeploymentState.DataCentre(d.name(), d.index(), d.servers())));
    List<String> jobs = new ArrayList<>(List.of(plan.agents().id()));
    plan.jobs().stream().filter(j -> j.action() != JobAction.STOP).forEach(j -> jobs.add(j.id()));
    return new DeploymentState(
        "p", "p.yaml", "fake", "fakecluster", true, dcs, jobs, "2026-12-03T11:00:00Z", null, null);
  }

  @Test
  void theClusterGetsTheScenariosSwitchesAndTheCredentialsOverItsOptions() {
    Scenario s = scenario("", "london");
    ClusterProvider.ClusterSpec plain = DeploymentPlanner.clusterSpec(s, "2.11.17", Map.of());
    // the defaults add nothing about TLS or credentials: existing scenarios render as before
    assertThat(plain.options())
        .containsOnlyKeys("jetstream", "replicas", "websocket", "lameDuckDuration");

    ClusterProvider.ClusterSpec secured =
        DeploymentPlanner.clusterSpec(
            s, "2.11.17", Map.of("tls", "true", "auth", "jwt", "operatorJwt", "eyJ"));
    assertThat(secured.options())
        .containsEntry("tls", "true")
        .containsEntry("auth", "jwt")
        .containsEntry("operatorJwt", "eyJ")
        .containsEntry("replicas", "1");
  }

  @Test
  void aFirstDeployAddsEveryDataCentreLinksEveryPairAndCreatesEveryJob() {
    DeploymentPlan plan =
        plan(
            scenario(
                "wan:\n  - between: [london, dallas]\n    rtt: 105ms\n",
                "london",
                "amsterdam",
                "dallas"),
            null);

    assertThat(plan.dataCentres())
        .extracting(DataCentre::name, DataCentre::index, DataCentre::action)
        .containsExactly(
            tuple("london", 1, DataCentreAction.ADD),
            tuple("amsterdam", 2, DataCentreAction.ADD),
            tuple("dallas", 3, DataCentreAction.ADD));
    assertThat(plan.hosted().get(2).addresses()).containsExactly("10.3.0.1", "10.3.0.2");
    // every pair has a link; a pair not listed has no latency, but a link all the same
    assertThat(plan.wan())
        .containsExactly(
            new WanLink("london", "amsterdam", 0, false),
            new WanLink("london", "dallas", 105, true),
            new WanLink("amsterdam", "dallas", 0, false));
    assertThat(DeploymentPlanner.links(plan)).hasSize(1);
    assertThat(plan.endpoints()).hasSize(6);
    assertThat(plan.names().get("london"))
        .containsEntry("london-1", "10.1.0.1")
        .containsEntry("dallas-1", "10.1.9.4");
    assertThat(plan.jobs())
        .extracting(Job::id, Job::dataCentre, Job::action)
        .containsExactly(
            tuple("p-nats-london", "london", JobAction.CREATE),
            tuple("p-nats-amsterdam", "amsterdam", JobAction.CREATE),
            tuple("p-nats-dallas", "dallas", JobAction.CREATE));
    assertThat(plan.jobs()).allMatch(j -> j.spec() != null && j.spec().length() >= 12);
    assertThat(plan.agents().nodes()).containsExactly("n-london", "n-amsterdam", "n-dallas");
    assertThat(plan.servers()).isEqualTo(6);
    assertThat(hosting.provisioned).as("data centres provisioned by planning").isZero();
  }

  @Test
  void aRedeployKeepsIndexesStopsWhatIsGoneAndResubmitsOnlyWhatChanged() {
    Scenario first = scenario("", "london", "amsterdam", "dallas");
    DeploymentPlan applied = plan(first, null);
    applied.jobs().forEach(j -> facts.running.put(j.id(), j.spec()));
    // something else changed Dallas's job in Nomad since (a rolling upgrade)
    facts.drifted = Set.of("p-nats-dallas");

    DeploymentPlan next = plan(scenario("", "dallas", "london"), deployed(applied));

    assertThat(next.dataCentres())
        .extracting(DataCentre::name, DataCentre::index, DataCentre::action)
        .containsExactly(
            tuple("dallas", 3, DataCentreAction.KEEP),
            tuple("london", 1, DataCentreAction.KEEP),
            tuple("amsterdam", 2, DataCentreAction.REMOVE));
    // London's view lost Amsterdam's servers: its job changed; Dallas's did too
    assertThat(next.jobs())
        .extracting(Job::id, Job::action)
        .containsExactly(
            tuple("p-nats-dallas", JobAction.UPDATE),
            tuple("p-nats-london", JobAction.UPDATE),
            tuple("p-nats-amsterdam", JobAction.STOP));

    next.jobs().stream()
        .filter(j -> j.spec() != null)
        .forEach(j -> facts.running.put(j.id(), j.spec()));
    DeploymentPlan again = plan(scenario("", "dallas", "london"), deployed(next));
    assertThat(again.jobs())
        .extracting(Job::id, Job::action)
        .containsExactly(
            tuple("p-nats-dallas", JobAction.RESTORE), tuple("p-nats-london", JobAction.UNCHANGED));
  }

  @Test
  void thePlanReadsAsTextAndAsJson() throws Exception {
    DeploymentPlan plan = plan(scenario("", "london", "dallas"), null);

    assertThat(String.join("\n", plan.lines()))
        .contains("scenario p: hosting fake, cluster fakecluster (nats-server 2.11.17")
        .contains("not deployed yet")
        .contains("data centre london     #1  2 server(s)  add")
        .contains("WAN london <-> dallas  rtt 0 ms (not listed: none added)")
        .contains("endpoint dallas-2  10.2.0.2:7222  in dallas")
        .contains("job p-nats-dallas  create  spec ")
        .contains("job p-agents  agents on n-london, n-dallas");
    var json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(plan));
    assertThat(json.path("dataCentres").get(1).path("index").asInt()).isEqualTo(2);
    assertThat(json.path("jobs").get(0).path("spec").asText()).isEqualTo(plan.jobs().get(0).spec());
    assertThat(json.path("jobs").get(0).has("job")).as("the job text stays out").isFalse();
    assertThat(json.path("wan").get(0).path("listed").asBoolean()).isFalse();
  }
}
