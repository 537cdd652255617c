package dev.booty.plugins.nats;

import static dev.booty.plugins.nats.ServerLayoutTest.threeByThree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ApiVersion;
import dev.booty.api.ClusterProvider.ClusterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NatsClusterTest {
  private static final String VERSION = "2.11.4";
  private static final Path BINARY =
      Path.of("/home/u/.booty/components/nats-server", VERSION, "nats-server");

  /** A context where only nats-server {@value #VERSION} is installed; nothing may act on Nomad. */
  private static final class FakeContext implements PluginContext {
    @Override
    public ApiVersion apiVersion() {
      return ApiVersion.CURRENT;
    }

    @Override
    public Path home() {
      return Path.of("/home/u/.booty");
    }

    @Override
    public Optional<Path> binary(String component) {
      return binary(component, VERSION);
    }

    @Override
    public Optional<Path> binary(String component, String version) {
      return component.equals("nats-server") && version.equals(VERSION)
          ? Optional.of(BINARY)
          : Optional.empty();
    }

    @Override
    public String scenario() {
      return "s3";
    }

    @Override
    public Path workDir() {
      return Path.of("/home/u/.booty/scenarios/s3/nats");
    }

    @Override
    public Map<String, String> endpoints() {
      return Map.of("nomad.http", "http://127.0.0.1:4646");
    }

    @Override
    public JobResult runJob(NomadJob job) {
      throw new AssertionError("a cluster plugin only plans; it ran " + job.id());
    }

    @Override
    public boolean stopJob(String id) {
      throw new AssertionError("a cluster plugin only plans; it stopped " + id);
    }

    @Override
    public void progress(String message) {}
  }

  private final NatsCluster nats = new NatsCluster();
  private final PluginContext ctx = new FakeContext();
  private final List<HostedDataCenter> dcs = threeByThree();

  private static ClusterSpec spec(String driver, String version) {
    return new ClusterSpec("s3", version, driver, Map.of("websocket", "true"));
  }

  /** Each DC's view as the local plugin gives it: own servers direct, others at link ends. */
  private Map<String, Map<String, String>> names() {
    Map<String, Map<String, String>> views = new LinkedHashMap<>();
    List<Endpoint> endpoints = nats.endpoints(spec("raw_exec", VERSION), dcs);
    for (int i = 0; i < dcs.size(); i++) {
      String dc = dcs.get(i).name();
      Map<String, String> view = new LinkedHashMap<>();
      int ordinal = 0;
      for (Endpoint e : endpoints) {
        view.put(
            e.hostName(),
            e.dataCenter().equals(dc) ? e.address() : "127.77." + (i + 1) + "." + (100 + ordinal));
        ordinal++;
      }
      views.put(dc, view);
    }
    return views;
  }

  private List<NomadJob> plan(String driver) {
    return nats.plan(spec(driver, VERSION), dcs, names(), ctx);
  }

  @Test
  void clientsReachTheClientPortAndHealthIsWhetherTheServerServesClients() {
    assertThat(nats.access(spec("raw_exec", VERSION)))
        .isEqualTo(
            new dev.booty.api.ClusterProvider.ClientAccess(
                4222, 8222, "/healthz?js-server-only=true"));
  }

  @Test
  void endpointsAreEveryServerByHostNameWithItsGatewayClientAndMonitorPorts() {
    List<Endpoint> endpoints =
        nats.endpoints(
            new ClusterSpec("s3", VERSION, "raw_exec", Map.of("gatewayPort", "17222")), dcs);

    assertThat(endpoints).hasSize(9);
    assertThat(endpoints.getFirst())
        .isEqualTo(
            new Endpoint("lon-1.nats.booty", "london", "127.77.1.11", List.of(17222, 4222, 8222)));
    // with the websocket listener on, browsers of other data centres reach it over the WAN too
    assertThat(
            nats.endpoints(
                    new ClusterSpec(
                        "s3",
                        VERSION,
                        "raw_exec",
                        Map.of("websocket", "true", "websocketPort", "18080")),
                    dcs)
                .getFirst()
                .ports())
        .containsExactly(7222, 4222, 8222, 18080);
  }

  @Test
  void oneJobPerDataCentreWithItsVariables() {
    List<NomadJob> jobs = plan("raw_exec");

    assertThat(jobs)
        .extracting(NomadJob::id)
        .containsExactly("s3-nats-london", "s3-nats-amsterdam", "s3-nats-dallas");
    assertThat(jobs).allSatisfy(j -> assertThat(j.hcl()).contains("variable \"servers\""));
    NomadJob ams = jobs.get(1);
    assertThat(ams.variables())
        .containsEntry("driver", "raw_exec")
        .containsEntry("data_center", "amsterdam")
        .containsEntry("service", "s3-nats")
        .containsEntry("ports", "{client = 4222, monitor = 8222}")
        .containsEntry("kill_timeout", "45s");
    String servers = ams.variables().get("servers");
    assertThat(servers).startsWith("[").endsWith("]");
    assertThat(servers)
        .contains("{name = \"ams-1\", address = \"127.77.2.11\"")
        .contains("{name = \"ams-3\", address = \"127.77.2.13\"")
        .doesNotContain("\"lon-1\", address")
        .doesNotContain("\"dal-1\", address");
    // every server carries its rendered config as one HCL string
    for (ServerLayout.Server s : ServerLayout.of(dcs).in("amsterdam")) {
      String config =
          NatsConfig.render(
              s,
              ServerLayout.of(dcs),
              List.of("london", "amsterdam", "dallas"),
              NatsConfig.Settings.of(spec("raw_exec", VERSION).options()));
      assertThat(servers).contains("config = " + NomadJob.hclString(config));
    }
    // and the DC's view of every name, for docker's extra_hosts
    assertThat(servers)
        .contains("\"ams-2.nats.booty:127.77.2.12\"")
        .contains("\"lon-1.nats.booty:127.77.2.100\"");
  }

  @Test
  void rawExecGetsTheVersionsBinaryAndDockerItsImage() {
    String raw = plan("raw_exec").getFirst().variables().get("servers");
    String docker = plan("docker").getFirst().variables().get("servers");

    assertThat(raw)
        // the node's own booty home: this machine's for local data centres, an ssh host's install
        // root (same components/ layout) for remote ones; Nomad fills it in on the node
        .contains(
            "binary = "
                + NomadJob.hclString(
                    "${meta.booty_home}/components/nats-server/" + VERSION + "/nats-server"))
        .contains("image = \"\"")
        .doesNotContain("localhost/booty");
    assertThat(docker)
        .contains("image = \"localhost/booty/nats-server:" + VERSION + "\"")
        .contains("binary = \"\"");
  }

  @Test
  void aServerNamedInVersionsRunsThatVersionAndTheOthersTheClusters() {
    ClusterSpec spec = spec("docker", VERSION);
    Map<String, String> options = new java.util.HashMap<>(spec.options());
    options.put(NatsCluster.VERSIONS, "lon-2=2.12.0");
    String servers =
        nats.plan(
                new ClusterSpec(spec.name(), spec.version(), spec.driver(), options),
                dcs,
                names(),
                ctx)
            .getFirst()
            .variables()
            .get("servers");

    assertThat(servers.split("\\{name = ")).hasSize(4);
    assertThat(servers)
        .containsOnlyOnce("localhost/booty/nats-server:2.12.0")
        .contains("\"lon-2\", address")
        .containsPattern("\"lon-2\".*nats-server:2\\.12\\.0");
    assertThat(NatsCluster.versions("lon-1=2.11.1, dal-2=2.10.27"))
        .containsExactly(Map.entry("lon-1", "2.11.1"), Map.entry("dal-2", "2.10.27"));
    assertThatThrownBy(() -> NatsCluster.versions("lon-1"))
        .hasMessageContaining("'lon-1' is not SERVER=VERSION");
  }

  @Test
  void serversStopInLameDuckWithRoomForItsDuration() {
    NomadJob job = plan("raw_exec").getFirst();
    assertThat(job.hcl()).contains("kill_signal  = \"SIGUSR2\"").contains("var.kill_timeout");
    ClusterSpec spec = spec("raw_exec", VERSION);
    Map<String, String> options = new java.util.HashMap<>(spec.options());
    options.put("lameDuckDuration", "2m");
    assertThat(
            nats.plan(new ClusterSpec("s3", VERSION, "raw_exec", options), dcs, names(), ctx)
                .getFirst()
                .variables())
        .containsEntry("kill_timeout", "135s");
  }

  @Test
  void aVersionThatIsNotInstalledIsRefusedWithHowToInstallIt() {
    assertThatThrownBy(() -> nats.plan(spec("raw_exec", "2.99.0"), dcs, names(), ctx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("nats-server@2.99.0 is not installed; run 'booty install nats-server@2.99.0'");
  }

  @Test
  void anUnknownDriverIsRefusedNamingTheDrivers() {
    assertThatThrownBy(() -> nats.plan(spec("exec", VERSION), dcs, names(), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("driver 'exec' is not one of ")
        .hasMessageContaining("raw_exec")
        .hasMessageContaining("docker");
  }

  @Test
  void planningTwiceGivesEqualJobs() {
    assertThat(plan("raw_exec")).isEqualTo(plan("raw_exec"));
    assertThat(plan("docker")).isEqualTo(plan("docker"));
  }

  @Test
  void theViewsOrderDoesNotChangeTheJobs() {
    // a hosting plugin may hand its views over in any order; the jobs' text must not follow it
    Map<String, Map<String, String>> reordered = new LinkedHashMap<>();
    List<String> dcNames = new ArrayList<>(names().keySet());
    Collections.reverse(dcNames);
    for (String dc : dcNames) {
      List<Map.Entry<String, String>> entries = new ArrayList<>(names().get(dc).entrySet());
      Collections.reverse(entries);
      Map<String, String> view = new LinkedHashMap<>();
      entries.forEach(e -> view.put(e.getKey(), e.getValue()));
      reordered.put(dc, view);
    }
    assertThat(new TreeMap<>(reordered)).isEqualTo(new TreeMap<>(names()));

    assertThat(nats.plan(spec("docker", VERSION), dcs, reordered, ctx)).isEqualTo(plan("docker"));
  }

  @Test
  void aChangedOptionChangesOnlyWhatItTouches() {
    List<NomadJob> before = plan("raw_exec");
    List<NomadJob> after =
        nats.plan(
            new ClusterSpec("s3", VERSION, "raw_exec", Map.of("websocket", "false")),
            dcs,
            names(),
            ctx);

    assertThat(after).isNotEqualTo(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i).hcl()).isEqualTo(before.get(i).hcl());
      assertThat(after.get(i).variables().keySet()).isEqualTo(before.get(i).variables().keySet());
      assertThat(after.get(i).variables().get("servers")).doesNotContain("websocket {");
      assertThat(before.get(i).variables().get("servers")).contains("websocket {");
    }
    assertThat(Set.copyOf(after.stream().map(NomadJob::id).toList()))
        .isEqualTo(Set.copyOf(before.stream().map(NomadJob::id).toList()));
  }
}
