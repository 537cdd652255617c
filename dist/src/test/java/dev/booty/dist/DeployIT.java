package dev.booty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.Placement;
import io.nats.client.api.Replica;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference scenario deployed for real by the built distribution on a stack of its own: nine
 * nats-servers in three emulated data centres, healthy in Nomad and passing in Consul, joined by
 * routes and gateways, one JetStream meta group, R3 streams placed per data centre, the WAN latency
 * on the path between data centres and not inside one; a second deploy changes nothing, destroy
 * leaves Nomad and Consul as they were. Broken inputs deploy nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedStack.class)
class DeployIT {
  static final String SUBNET = "127.78";
  static final List<String> DCS = List.of("london", "amsterdam", "dallas");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path tmp;
  Distribution booty;

  /** The shared stack's booty home. */
  Path home;

  Path scenario;
  final Map<String, Integer> port = new TreeMap<>();

  /** One stack for the class: each test leaves it as it found it (its scenarios destroyed). */
  @BeforeAll
  void up(TestStack stack) {
    booty = stack.booty;
    home = booty.home();
    port.putAll(stack.port);
  }

  @BeforeEach
  void freshScenario() throws Exception {
    scenario = onOwnSubnet("local-3dc.yaml", "local-3dc", "it-3dc");
  }

  /** A scenario of the repository, renamed and moved onto the test's own loopback subnet. */
  Path onOwnSubnet(String file, String name, String newName) throws IOException {
    return TestStack.onOwnSubnet(file, name, newName, SUBNET, DCS, tmp);
  }

  @AfterEach
  void destroyScenarios() throws Exception {
    booty.run("destroy", "it-3dc");
    booty.run("destroy", "it-docker");
    booty.run("destroy", "it-2dc");
  }

  @AfterAll
  void down() throws Exception {
    Distribution.endEverythingUnder(tmp);
  }

  @Test
  void deploysNineServersAcrossThreeDataCentresAndDestroyLeavesNothing() throws Exception {
    Snapshot before = snapshot();

    Distribution.Run deploy = booty.run("deploy", scenario.toString());
    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    assertThat(deploy.out()).contains("plan:").contains("9/9 servers passing in Consul");

    JsonNode status = JSON.readTree(booty.run("status", "--json").out());
    assertThat(status.path("scenarios").get(0).path("scenario").asText()).isEqualTo("it-3dc");
    List<String> recorded = new ArrayList<>();
    status.path("scenarios").get(0).path("jobs").forEach(j -> recorded.add(j.asText()));
    assertThat(recorded)
        .containsExactlyInAnyOrder(
            "it-3dc-agents", "it-3dc-nats-london", "it-3dc-nats-amsterdam", "it-3dc-nats-dallas");

    // nine servers passing in Consul, three per data centre; three healthy jobs in Nomad
    JsonNode passing = get(consul() + "/v1/health/service/it-3dc-nats?passing=true");
    assertThat(passing).hasSize(9);
    for (String dc : DCS) {
      JsonNode job = get(nomad() + "/v1/job/it-3dc-nats-" + dc);
      assertThat(job.path("Status").asText()).as(dc).isEqualTo("running");
      JsonNode deployment = get(nomad() + "/v1/job/it-3dc-nats-" + dc + "/deployment");
      assertThat(deployment.path("Status").asText()).as(dc).isEqualTo("successful");
    }

    // routes to the two peers of its data centre, gateways to the two other data centres
    for (int d = 1; d <= 3; d++) {
      for (int k = 1; k <= 3; k++) {
        String monitor = "http://" + SUBNET + "." + d + "." + (10 + k) + ":8222";
        Set<String> peers = new TreeSet<>();
        get(monitor + "/routez")
            .path("routes")
            .forEach(r -> peers.add(r.path("remote_name").asText()));
        assertThat(peers).as(monitor + " routes").hasSize(2);
        JsonNode gateways = get(monitor + "/gatewayz").path("outbound_gateways");
        Set<String> names = new TreeSet<>();
        gateways.fieldNames().forEachRemaining(names::add);
        Set<String> others = new TreeSet<>(DCS);
        others.remove(DCS.get(d - 1));
        assertThat(names).as(monitor + " gateways").isEqualTo(others);
      }
    }
    JsonNode meta = get("http://" + SUBNET + ".1.11:8222/jsz").path("meta_cluster");
    assertThat(meta.path("cluster_size").asInt()).isEqualTo(9);
    assertThat(meta.path("leader").asText()).isNotBlank();

    // an R3 stream placed in each data centre, all replicas current
    for (int d = 1; d <= 3; d++) {
      String dc = DCS.get(d - 1);
      try (Connection nc = connect(SUBNET + "." + d + ".11")) {
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(
            StreamConfiguration.builder()
                .name("R3_" + dc.toUpperCase())
                .subjects("r3." + dc + ".>")
                .replicas(3)
                .placement(Placement.builder().tags("dc:" + dc).build())
                .build());
        StreamInfo info = awaitCurrent(jsm, "R3_" + dc.toUpperCase());
        assertThat(info.getClusterInfo().getName()).isEqualTo(dc);
        assertThat(info.getClusterInfo().getReplicas()).hasSize(2).allMatch(Replica::isCurrent);
      }
    }

    // the WAN is on the path between data centres, and not inside one
    long london2dallas = requestMillis(SUBNET + ".1.11", SUBNET + ".3.12", "probe.dallas");
    long london2london = requestMillis(SUBNET + ".1.11", SUBNET + ".1.12", "probe.london");
    assertThat(london2dallas).as("London to Dallas, ms").isGreaterThanOrEqualTo(105);
    assertThat(london2london).as("London to London, ms").isLessThan(105);

    backChannel();

    // a second deploy changes nothing
    Distribution.Run again = booty.run("deploy", scenario.toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out())
        .contains("unchanged")
        .doesNotContain(": updated")
        .doesNotContain(": created");
    assertThat(again.err()).doesNotContain("registered job");

    // a changed file changes only what differs: a new London-Dallas latency moves no server
    Files.writeString(scenario, Files.readString(scenario).replace("rtt: 105ms", "rtt: 60ms"));
    Distribution.Run changed = booty.run("deploy", scenario.toString());
    assertThat(changed.exitCode()).as(changed.toString()).isZero();
    assertThat(changed.out()).doesNotContain(": updated").doesNotContain(": created");
    long faster = requestMillis(SUBNET + ".1.11", SUBNET + ".3.12", "probe.dallas2");
    assertThat(faster).as("London to Dallas at 60 ms, ms").isBetween(60L, 104L);

    Distribution.Run destroy = booty.run("destroy", scenario.toString());
    assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
    Snapshot after = snapshot();
    for (int i = 0; i < 40 && !after.equals(before); i++) {
      Thread.sleep(500);
      after = snapshot();
    }
    assertThat(after).isEqualTo(before);
    assertThat(home.resolve("scenarios/it-3dc")).doesNotExist();
    assertThat(
            ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(home.resolve("scenarios").resolve("it-3dc").toString()))
                .toList())
        .as("processes of the scenario")
        .isEmpty();
  }

  @Test
  void runsTheServersInContainersWhenTheScenarioSaysDocker() throws Exception {
    Snapshot before = snapshot();
    Distribution.Run image = booty.run("image", "build", "nats-server");
    assertThat(image.exitCode()).as(image.toString()).isZero();
    Path docker = onOwnSubnet("local-2dc-docker.yaml", "local-2dc-docker", "it-docker");
    Distribution.Run deploy = booty.run("deploy", docker.toString());
    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    assertThat(deploy.out()).contains("2/2 servers passing in Consul");
    assertThat(containers()).hasSize(2).allMatch(c -> c.contains("localhost/booty/nats-server"));
    // the containers see the other data centre through their own end of the WAN link
    JsonNode gateway =
        get("http://" + SUBNET + ".1.11:8222/gatewayz").path("outbound_gateways").path("dallas");
    assertThat(gateway.path("connection").path("ip").asText()).startsWith(SUBNET + ".1.1");
    assertThat(requestMillis(SUBNET + ".1.11", SUBNET + ".2.11", "probe.docker"))
        .as("London to Dallas in containers, ms")
        .isGreaterThanOrEqualTo(105);

    Distribution.Run destroy = booty.run("destroy", docker.toString());
    assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
    assertThat(containers()).isEmpty();
    Snapshot after = snapshot();
    for (int i = 0; i < 40 && !after.equals(before); i++) {
      Thread.sleep(500);
      after = snapshot();
    }
    assertThat(after).isEqualTo(before);
  }

  /**
   * Two data centres and no {@code wan:} entry (a pair not listed has no added latency): the
   * servers of both become healthy, each reaches the other data centre through its gateways, and
   * destroy leaves nothing. Before the fix the second data centre's servers never caught up with
   * the JetStream meta leader and deploy failed on Nomad's progress deadline.
   */
  @Test
  void deploysTwoDataCentresWithoutAnyWanEntry() throws Exception {
    Snapshot before = snapshot();
    String text =
        Files.readString(scenario)
            .replace("name: it-3dc", "name: it-2dc")
            .replaceAll("(?s)  - name: amsterdam\n    options: \\{[^}]*\\}\n", "")
            .replaceAll("(?s)\nwan:\n(  - between: [^\n]*\n    rtt: [^\n]*\n)+", "\n")
            .replaceAll("(?s)\nclients:.*", "\n");
    assertThat(text).doesNotContain("amsterdam").doesNotContain("wan:");
    Path twoDc = tmp.resolve("it-2dc.yaml");
    Files.writeString(twoDc, text);

    Distribution.Run deploy = booty.run("deploy", twoDc.toString());
    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    assertThat(deploy.out())
        .contains("WAN london <-> dallas  rtt 0 ms (not listed: none added)")
        .contains("6/6 servers passing in Consul");
    for (int d = 1; d <= 2; d++) {
      String monitor = "http://" + SUBNET + "." + d + ".11:8222";
      JsonNode gateways = get(monitor + "/gatewayz").path("outbound_gateways");
      assertThat(gateways.has(d == 1 ? "dallas" : "london")).as(monitor + " gateways").isTrue();
    }
    assertThat(requestMillis(SUBNET + ".1.11", SUBNET + ".2.12", "probe.nowan"))
        .as("London to Dallas without WAN latency, ms")
        .isLessThan(100);

    Distribution.Run destroy = booty.run("destroy", twoDc.toString());
    assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
    Snapshot after = snapshot();
    for (int i = 0; i < 40 && !after.equals(before); i++) {
      Thread.sleep(500);
      after = snapshot();
    }
    assertThat(after).isEqualTo(before);
    assertThat(home.resolve("scenarios/it-2dc")).doesNotExist();
  }

  /** The stack's Podman containers: name and image, one line each. */
  List<String> containers() throws Exception {
    Path socket = home.resolve("stack/podman/podman.sock");
    Process p =
        new ProcessBuilder(
                "podman", "--url", "unix://" + socket, "ps", "--format", "{{.Names}} {{.Image}}")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void brokenInputsAreNamedAndDeployNothing() throws Exception {
    Snapshot before = snapshot();
    String good = Files.readString(scenario);
    Map<String, String> broken = new TreeMap<>();
    broken.put("typo", good.replace("rtt: 8ms", "rrt: 8ms"));
    broken.put("plugin", good.replace("hosting: local", "hosting: lcoal"));
    broken.put("twice", good.replace("  - name: dallas\n", "  - name: london\n"));
    broken.put("pair", good.replace("between: [london, amsterdam]", "between: [london, paris]"));
    Map<String, String> expected =
        Map.of(
            "typo", "rrt",
            "plugin", "lcoal",
            "twice", "london",
            "pair", "paris");
    for (var e : broken.entrySet()) {
      Path file = tmp.resolve(e.getKey() + ".yaml");
      Files.writeString(file, e.getValue());
      Distribution.Run r = booty.run("deploy", file.toString());
      assertThat(r.exitCode()).as(e.getKey() + "\n" + r).isEqualTo(2);
      assertThat(r.err())
          .as(e.getKey())
          .containsPattern(java.util.regex.Pattern.quote(file.toString()) + ":\\d+")
          .contains(expected.get(e.getKey()));
    }
    // a plugin jar whose descriptor has no Plugin-Id, and a file that is no jar at all
    Path noId = tmp.resolve("no-id-plugin.jar");
    var manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
    manifest.getMainAttributes().putValue("Plugin-Requires", "1.0");
    try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(noId), manifest)) {
      jar.putNextEntry(new java.util.zip.ZipEntry("META-INF/extensions.idx"));
      jar.write("dev.booty.Nothing\n".getBytes());
      jar.closeEntry();
    }
    Path notZip = tmp.resolve("bad-plugin.jar");
    Files.write(notZip, "not a zip".getBytes());
    for (Path bad : List.of(noId, notZip)) {
      Distribution.Run install = booty.run("plugins", "install", bad.toString());
      assertThat(install.exitCode()).as(install.toString()).isNotZero();
      assertThat(install.err()).contains(bad.getFileName().toString());
    }
    assertThat(home.resolve("plugins").resolve(noId.getFileName())).doesNotExist();
    Distribution.Run list = booty.run("plugins", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains("local-hosting").contains("nats-cluster");
    assertThat(snapshot()).isEqualTo(before);
    assertThat(home.resolve("scenarios/it-3dc")).doesNotExist();
  }

  /**
   * The agents of the deployment: one per data centre heard in booty nodes, a command round trip to
   * all three, telemetry from Dallas in VictoriaMetrics with its labels, a frozen node reported as
   * timed out, and lame duck moving a Dallas server's client off it.
   */
  void backChannel() throws Exception {
    JsonNode nodes = JSON.createArrayNode();
    for (int i = 0; i < 20 && nodes.size() < 3; i++) {
      nodes = JSON.readTree(booty.run("nodes", "--json").out());
    }
    Set<String> dcs = new TreeSet<>();
    nodes.forEach(n -> dcs.add(n.path("dc").asText()));
    assertThat(dcs).isEqualTo(new TreeSet<>(DCS));

    Distribution.Run ping = booty.run("cmd", "all", "ping");
    assertThat(ping.exitCode()).as(ping.toString()).isZero();
    assertThat(ping.out()).contains("3 of 3 answered");

    JsonNode series = JSON.createArrayNode();
    for (int i = 0; i < 30 && series.size() < 3; i++) {
      Thread.sleep(1000);
      series =
          JSON.readTree(
                  booty
                      .run("metrics", "query", "nats_server_connections{dc=\"dallas\"}", "--json")
                      .out())
              .path("result");
    }
    Set<String> servers = new TreeSet<>();
    series.forEach(r -> servers.add(r.path("metric").path("server").asText()));
    assertThat(servers).containsExactly("dal-1", "dal-2", "dal-3");
    assertThat(series.get(0).path("metric").path("node").asText()).isEqualTo("it-3dc-dallas");
    assertThat(series.get(0).path("metric").path("scenario").asText()).isEqualTo("it-3dc");

    // a node that stops answering (its agent frozen) is reported, and the command fails
    ProcessHandle agent =
        ProcessHandle.allProcesses()
            .filter(
                p -> {
                  String c = p.info().commandLine().orElse("");
                  return c.contains(home.toString()) && c.contains("--node it-3dc-dallas");
                })
            .filter(p -> p.info().command().orElse("").endsWith("java"))
            .findFirst()
            .orElseThrow();
    signal("STOP", agent.pid());
    try {
      Distribution.Run frozen = booty.run("cmd", "it-3dc-dallas", "ping", "--timeout", "2s");
      assertThat(frozen.exitCode()).as(frozen.toString()).isEqualTo(1);
      assertThat(frozen.out()).contains("TIMEOUT").contains("no answer from: it-3dc-dallas");
    } finally {
      signal("CONT", agent.pid());
    }

    // stop freezes a server (its monitoring port no longer answers), start lets it go on
    String dal1 = "http://" + SUBNET + ".3.11:8222/healthz";
    Distribution.Run stop = booty.run("cmd", "dc:dallas", "stop", "--server", "dal-1");
    assertThat(stop.exitCode()).as(stop.toString()).isZero();
    assertThat(answers(dal1)).as("dal-1 answers while stopped").isFalse();
    Distribution.Run start = booty.run("cmd", "dc:dallas", "start", "--server", "dal-1");
    assertThat(start.exitCode()).as(start.toString()).isZero();
    // a thawed server answers /healthz again once JetStream has caught up: within seconds
    boolean back = false;
    for (int i = 0; i < 20 && !back; i++) {
      back = answers(dal1);
      if (!back) {
        Thread.sleep(500);
      }
    }
    assertThat(back).as("dal-1 answers once started").isTrue();

    // lame duck moves dal-2's client to another Dallas server
    String dal2 = SUBNET + ".3.12";
    try (Connection client =
        Nats.connect(
            new Options.Builder()
                .servers(
                    new String[] {
                      "nats://" + dal2 + ":4222",
                      "nats://" + SUBNET + ".3.11:4222",
                      "nats://" + SUBNET + ".3.13:4222"
                    })
                .noRandomize()
                .ignoreDiscoveredServers()
                .maxReconnects(-1)
                .build())) {
      assertThat(client.getConnectedUrl()).contains(dal2);
      assertThat(get("http://" + dal2 + ":8222/connz").path("num_connections").asInt())
          .isEqualTo(1);
      Distribution.Run ldm = booty.run("cmd", "dc:dallas", "lame-duck", "--server", "dal-2");
      assertThat(ldm.exitCode()).as(ldm.toString()).isZero();
      for (int i = 0; i < 90 && client.getConnectedUrl().contains(dal2); i++) {
        Thread.sleep(500);
      }
      assertThat(client.getConnectedUrl()).as("the client left dal-2").doesNotContain(dal2);
    }
  }

  /** Whether a URL answers 200 within a second. */
  static boolean answers(String url) throws InterruptedException {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    }
  }

  static void signal(String signal, long pid) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor())
        .isZero();
  }

  /** Jobs and nodes in Nomad, services and nodes in Consul. */
  record Snapshot(Set<String> jobs, Set<String> nodes, Set<String> services, Set<String> agents) {}

  Snapshot snapshot() throws Exception {
    Set<String> jobs = new TreeSet<>();
    get(nomad() + "/v1/jobs").forEach(j -> jobs.add(j.path("ID").asText()));
    Set<String> nodes = new TreeSet<>();
    get(nomad() + "/v1/nodes").forEach(n -> nodes.add(n.path("Name").asText()));
    Set<String> services = new TreeSet<>();
    get(consul() + "/v1/catalog/services").fieldNames().forEachRemaining(services::add);
    Set<String> agents = new TreeSet<>();
    get(consul() + "/v1/catalog/nodes").forEach(n -> agents.add(n.path("Node").asText()));
    return new Snapshot(jobs, nodes, services, agents);
  }

  StreamInfo awaitCurrent(JetStreamManagement jsm, String stream) throws Exception {
    StreamInfo info = jsm.getStreamInfo(stream);
    for (int i = 0; i < 60; i++) {
      info = jsm.getStreamInfo(stream);
      var c = info.getClusterInfo();
      if (c.getLeader() != null
          && c.getReplicas() != null
          && c.getReplicas().size() == 2
          && c.getReplicas().stream().allMatch(Replica::isCurrent)) {
        return info;
      }
      Thread.sleep(500);
    }
    return info;
  }

  /** The shortest of ten request/reply round trips between two servers, after a warm-up. */
  long requestMillis(String from, String to, String subject) throws Exception {
    try (Connection requester = connect(from);
        Connection responder = connect(to)) {
      var d = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData()));
      d.subscribe(subject);
      responder.flush(Duration.ofSeconds(2));
      // the responder's interest crosses the gateways (over the WAN) before a request finds it:
      // until then the requester's server answers "no responders" at once
      Message warm = null;
      for (int i = 0; i < 50 && warm == null; i++) {
        warm = requester.request(subject, new byte[1], Duration.ofMillis(500));
        if (warm == null) {
          Thread.sleep(200);
        }
      }
      assertThat(warm).as("no reply on " + subject + " from " + to).isNotNull();
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 10; i++) {
        long start = System.nanoTime();
        Message m = requester.request(subject, new byte[16], Duration.ofSeconds(2));
        assertThat(m).isNotNull();
        best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
      }
      return best;
    }
  }

  static Connection connect(String address) throws Exception {
    return Nats.connect(
        new Options.Builder()
            .server("nats://" + address + ":4222")
            .noRandomize()
            .connectionTimeout(Duration.ofSeconds(5))
            .build());
  }

  String nomad() {
    return "https://127.0.0.1:" + port.get("nomad.http");
  }

  String consul() {
    return "https://127.0.0.1:" + port.get("consul.http");
  }

  JsonNode get(String url) throws Exception {
    return new StackApi(booty.home()).get(url);
  }
}
