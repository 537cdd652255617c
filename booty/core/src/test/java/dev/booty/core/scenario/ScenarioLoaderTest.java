package dev.booty.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
  /** The reference deployment, shipped in the repository's scenarios folder. */
  static final Path REFERENCE = Path.of("../../scenarios/local-3dc.yaml");

  /** A small valid scenario; the tests below break it and name the lines they break. */
  private static final String BASE =
      """
      version: 1
      name: x
      plugins:
        hosting: local
        cluster: nats
      datacenters:
        - name: london
        - name: amsterdam
        - name: dallas
      wan:
        - between: [london, amsterdam]
          rtt: 8ms
      """;

  @TempDir Path dir;

  private Scenario load(String yaml) throws Exception {
    Path file = dir.resolve("x.yaml");
    Files.writeString(file, yaml);
    return ScenarioLoader.load(file);
  }

  /** The message of the usage error loading {@code yaml} gives, after the file's name. */
  private String error(String yaml) throws Exception {
    Path file = dir.resolve("x.yaml");
    Files.writeString(file, yaml);
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ScenarioLoader.load(file));
    assertThat(t).as("loading should fail:\n" + yaml).isInstanceOf(BootyException.class);
    assertThat(((BootyException) t).exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(t.getMessage()).startsWith(file + ":");
    return t.getMessage().substring(file.toString().length());
  }

  @Test
  void theReferenceDeploymentLoadsWithItsValues() {
    Scenario s = ScenarioLoader.load(REFERENCE);
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.name()).isEqualTo("local-3dc");
    assertThat(s.description()).contains("London, Amsterdam and Dallas");
    assertThat(s.plugins().hosting()).isEqualTo("local");
    assertThat(s.plugins().cluster()).isEqualTo("nats");
    assertThat(s.plugins().dns()).isNull();
    assertThat(s.datacenterNames()).containsExactly("london", "amsterdam", "dallas");
    assertThat(s.datacenters()).allSatisfy(d -> assertThat(d.servers()).isEqualTo(3));
    assertThat(s.servers("dallas")).isEqualTo(3);
    assertThat(s.rtt("london", "amsterdam")).isEqualTo(Duration.ofMillis(8));
    assertThat(s.rtt("dallas", "london")).isEqualTo(Duration.ofMillis(105));
    assertThat(s.rtt("amsterdam", "dallas")).isEqualTo(Duration.ofMillis(115));
    Cluster c = s.cluster();
    assertThat(c.version()).isNull();
    assertThat(c.driver()).isEqualTo("raw_exec");
    assertThat(c.serversPerDatacenter()).isEqualTo(3);
    assertThat(c.jetstream()).isTrue();
    assertThat(c.replicas()).isEqualTo(3);
    assertThat(c.websocket()).isTrue();
    assertThat(c.lameDuckDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.clients()).hasSize(2);
    assertThat(s.clients().get(0))
        .isEqualTo(
            new ClientGroup("london", 10, java.util.List.of("london", "amsterdam", "dallas")));
    assertThat(s.workload()).isEqualTo(new Workload("bench.orders", 100, 128, true));
    assertThat(s.steps())
        .containsExactly(
            new Step(
                Duration.ofSeconds(30),
                "dc-outage",
                java.util.List.of("dallas"),
                Duration.ofSeconds(60),
                java.util.Map.of()));
    assertThat(s.expect())
        .contains(new Expectation("reconnect_p99", Expectation.Comparison.BELOW, "5s"));
  }

  @Test
  void defaultsFillWhatIsNotWritten() throws Exception {
    Scenario s =
        load(
            BASE.replace("  - name: amsterdam", "  - name: amsterdam\n    servers: 5")
                + "cluster:\n  serversPerDatacenter: 4\n");
    assertThat(s.servers("london")).isEqualTo(4);
    assertThat(s.servers("amsterdam")).isEqualTo(5);
    assertThat(s.description()).isEmpty();
    assertThat(s.cluster().driver()).isEqualTo("raw_exec");
    assertThat(s.cluster().jetstream()).isTrue();
    assertThat(s.cluster().replicas()).isEqualTo(3);
    assertThat(s.cluster().websocket()).isFalse();
    assertThat(s.cluster().lameDuckDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.workload()).isNull();
    assertThat(s.clients()).isEmpty();
    assertThat(s.steps()).isEmpty();
    assertThat(s.expect()).isEmpty();
    assertThat(load(BASE).cluster()).isEqualTo(Cluster.defaults());
  }

  @Test
  void aDataCentresHostsListBecomesTheHostingOptions() throws Exception {
    Scenario s =
        load(
            BASE.replace(
                "  - name: london\n",
                """
                  - name: london
                    hosts:
                      - address: 10.0.1.5
                        key: ~/.ssh/booty
                        knownHost: "10.0.1.5 ssh-ed25519 AAAA"
                      - {address: 10.0.1.6, port: 2222, acceptNewHostKey: true}
                    options:
                      networkInterface: eth1
                """));
    assertThat(s.datacenter("london").options())
        .containsExactly(
            java.util.Map.entry("networkInterface", "eth1"),
            java.util.Map.entry("host.1.address", "10.0.1.5"),
            java.util.Map.entry("host.1.key", "~/.ssh/booty"),
            java.util.Map.entry("host.1.knownHost", "10.0.1.5 ssh-ed25519 AAAA"),
            java.util.Map.entry("host.2.address", "10.0.1.6"),
            java.util.Map.entry("host.2.port", "2222"),
            java.util.Map.entry("host.2.acceptNewHostKey", "true"));
    // listed twice, an unknown key, no address: each named with its line
    assertThat(
            error(
                BASE.replace(
                    "  - name: london\n",
                    "  - name: london\n    hosts: [{address: a}]\n"
                        + "    options: {host.1.address: b}\n")))
        .contains(
            "datacenters[0].hosts: the hosts are listed here and in options (host.1.address)");
    assertThat(
            error(
                BASE.replace(
                    "  - name: london\n",
                    "  - name: london\n    hosts: [{address: a, pass: x}]\n")))
        .contains("datacenters[0].hosts[0]")
        .contains("pass");
    assertThat(
            error(BASE.replace("  - name: london\n", "  - name: london\n    hosts: [{user: u}]\n")))
        .contains("datacenters[0].hosts[0]")
        .contains("address");
  }

  @Test
  void rttIsOrderInsensitiveAndZeroForAPairNotListed() throws Exception {
    Scenario s = load(BASE);
    assertThat(s.rtt("amsterdam", "london")).isEqualTo(Duration.ofMillis(8));
    assertThat(s.rtt("london", "dallas")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> s.rtt("london", "paris"))
        .hasMessageContaining("no data centre 'paris' (declared: london, amsterdam, dallas)");
  }

  @Test
  void pluginValuesKeepTheirPositions() throws Exception {
    Scenario s = load(BASE.replace("  cluster: nats", "  cluster: nats\n  dns: none"));
    assertThat(s.plugins().positions().get(Plugins.HOSTING)).isEqualTo(new Position(4, 12));
    assertThat(s.plugins().positions().get(Plugins.CLUSTER)).isEqualTo(new Position(5, 12));
    assertThat(s.plugins().dns()).isNull();
  }

  @Test
  void unknownKeyNamesLineColumnPathAndTheKnownKeys() throws Exception {
    assertThat(error(BASE.replace("    rtt: 8ms", "    lantency: 8ms")))
        .isEqualTo(":12:5: unknown key 'lantency' in wan[0] (known: between, rtt)");
    assertThat(error(BASE + "datacentres: []\n"))
        .startsWith(":13:1: unknown key 'datacentres' at the top level (known: version, name,");
    assertThat(error(BASE + "cluster:\n  jetstrem: true\n"))
        .startsWith(":14:3: unknown key 'jetstrem' in cluster (known: version, driver,");
  }

  @Test
  void wrongTypesNameTheKeyAndWhatWasWritten() throws Exception {
    assertThat(error(BASE.replace("  - name: london", "  - name: london\n    servers: three")))
        .isEqualTo(":8:14: datacenters[0].servers: expected a whole number, got 'three'");
    assertThat(error(BASE + "cluster:\n  jetstream: maybe\n"))
        .isEqualTo(":14:14: cluster.jetstream: expected true or false, got 'maybe'");
    assertThat(error(BASE.replace("plugins:\n  hosting: local\n  cluster: nats", "plugins: local")))
        .isEqualTo(":3:10: plugins: expected a mapping (key: value), got 'local'");
    assertThat(error(BASE.replace("[london, amsterdam]", "london")))
        .isEqualTo(":11:14: wan[0].between: expected a list, got 'london'");
    assertThat(error(BASE + "cluster:\n  serversPerDatacenter: 12\n"))
        .isEqualTo(":14:25: cluster.serversPerDatacenter: 12 is out of range (1..9)");
  }

  @Test
  void missingKeysAreNamed() throws Exception {
    assertThat(error(BASE.replace("version: 1\n", "")))
        .isEqualTo(
            ":1:1: missing key 'version' at the top level (this booty reads scenario version 1)");
    assertThat(error(BASE.replace("name: x\n", "")))
        .isEqualTo(":1:1: missing key 'name' at the top level");
    assertThat(error(BASE.replace("  hosting: local\n", "")))
        .isEqualTo(":4:3: missing key 'hosting' in plugins");
    assertThat(error(BASE.replace("  cluster: nats\n", "  cluster:\n")))
        .isEqualTo(":5:3: plugins.cluster: missing value");
    assertThat(error(BASE.replace("    rtt: 8ms\n", "")))
        .isEqualTo(":11:5: missing key 'rtt' in wan[0]");
    String before = BASE.substring(0, BASE.indexOf("datacenters:"));
    assertThat(error(before)).isEqualTo(":1:1: missing key 'datacenters' at the top level");
    String noDcs = before + "datacenters: []\n";
    assertThat(error(noDcs))
        .isEqualTo(":6:14: datacenters: at least one data centre is needed (- name: london)");
  }

  @Test
  void anotherFormatVersionIsRefusedFirst() throws Exception {
    assertThat(error(BASE.replace("version: 1", "version: 2") + "future: yes\n"))
        .isEqualTo(":1:10: version 2; this booty reads scenario version 1");
  }

  @Test
  void namesMustFollowTheRules() throws Exception {
    assertThat(error(BASE.replace("name: x", "name: Local_3dc")))
        .startsWith(":2:7: name: 'Local_3dc' is not a scenario name (lower-case letters");
    assertThat(error(BASE.replace("name: x", "name: " + "a".repeat(33))))
        .contains("is not a scenario name");
    assertThat(error(BASE.replace("- name: dallas", "- name: dallas-tx")))
        .startsWith(":9:11: datacenters[2].name: 'dallas-tx' is not a data centre name");
  }

  @Test
  void aDataCentreListedTwiceNamesBothLines() throws Exception {
    assertThat(error(BASE.replace("- name: dallas", "- name: london")))
        .isEqualTo(
            ":9:11: datacenters[2].name: data centre 'london' is listed twice (first at line 7)");
  }

  @Test
  void wanPairsMustJoinTwoDifferentDeclaredDataCentresOnce() throws Exception {
    assertThat(error(BASE.replace("[london, amsterdam]", "[london, paris]")))
        .isEqualTo(
            ":11:23: wan[0].between: unknown data centre 'paris' (declared: london, amsterdam,"
                + " dallas)");
    assertThat(error(BASE.replace("[london, amsterdam]", "[london, london]")))
        .isEqualTo(":11:14: wan[0].between: pairs data centre 'london' with itself");
    assertThat(error(BASE + "  - between: [amsterdam, london]\n    rtt: 9ms\n"))
        .isEqualTo(
            ":13:14: wan[1].between: the pair amsterdam-london is listed twice (first at line 11)");
    assertThat(error(BASE.replace("[london, amsterdam]", "[london, amsterdam, dallas]")))
        .isEqualTo(
            ":11:14: wan[0].between: expected two data centres like [london, amsterdam], got 3");
  }

  @Test
  void lameDuckBelowTheServersMinimumIsRefused() throws Exception {
    assertThat(error(BASE + "cluster:\n  lameDuckDuration: 6s\n"))
        .isEqualTo(":14:21: cluster.lameDuckDuration: 6s is below nats-server's minimum of 30s");
    assertThat(load(BASE + "cluster:\n  lameDuckDuration: 45s\n").cluster().lameDuckDuration())
        .isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void durationsMustBeDurationsAndNotNegative() throws Exception {
    assertThat(error(BASE.replace("rtt: 8ms", "rtt: -8ms")))
        .isEqualTo(":12:10: wan[0].rtt: must not be negative, got '-8ms'");
    assertThat(error(BASE.replace("rtt: 8ms", "rtt: 8")))
        .isEqualTo(":12:10: wan[0].rtt: '8' is not a duration (e.g. 500ms, 5s, 1.5s, 2m or 1m30s)");
    assertThat(load(BASE.replace("rtt: 8ms", "rtt: 0")).rtt("london", "amsterdam")).isZero();
  }

  @Test
  void replicasNeedThatManyServersInEveryDataCentre() throws Exception {
    String oneInAmsterdam =
        BASE.replace("  - name: amsterdam", "  - name: amsterdam\n    servers: 1");
    assertThat(error(oneInAmsterdam + "cluster:\n  replicas: 3\n"))
        .isEqualTo(
            ":15:13: cluster.replicas: JetStream with 3 replicas needs at least 3 servers in every"
                + " data centre, but 'amsterdam' has 1 (datacenters[1], line 8)");
    assertThat(error(oneInAmsterdam))
        .startsWith(":9:14: datacenters[1].servers: JetStream with 3 replicas needs at least 3");
    assertThat(load(oneInAmsterdam + "cluster:\n  jetstream: false\n").servers("amsterdam"))
        .isEqualTo(1);
    assertThat(error(BASE + "cluster:\n  replicas: 6\n"))
        .isEqualTo(":14:13: cluster.replicas: 6 is out of range (1..5)");
  }

  @Test
  void badDriverAndVersionListWhatIsAllowed() throws Exception {
    assertThat(error(BASE + "cluster:\n  driver: podman\n"))
        .isEqualTo(":14:11: cluster.driver: unknown driver 'podman' (one of: raw_exec, docker)");
    assertThat(error(BASE + "cluster:\n  version: 2.10\n"))
        .startsWith(":14:12: cluster.version: expected a nats-server version like 2.10.27");
    assertThat(load(BASE + "cluster:\n  version: 2.11.x\n").cluster().version())
        .isEqualTo("2.11.x");
  }

  @Test
  void clientsMustNameDeclaredDataCentres() throws Exception {
    assertThat(error(BASE + "clients:\n  - datacenter: paris\n"))
        .isEqualTo(
            ":14:17: clients[0].datacenter: unknown data centre 'paris' (declared: london,"
                + " amsterdam, dallas)");
    assertThat(error(BASE + "clients:\n  - datacenter: london\n    connect: [london, tokyo]\n"))
        .isEqualTo(
            ":15:23: clients[0].connect[1]: unknown data centre 'tokyo' (declared: london,"
                + " amsterdam, dallas)");
    assertThat(error(BASE + "clients:\n  - datacenter: london\n    count: 0\n"))
        .isEqualTo(":15:12: clients[0].count: 0 is out of range (at least 1)");
  }

  @Test
  void workloadStepsAndExpectationsAreChecked() throws Exception {
    assertThat(error(BASE + "workload:\n  subject: bench.>\n  rate: 1\n  size: 1\n"))
        .startsWith(":14:12: workload.subject: 'bench.>' is not a subject to publish to");
    assertThat(error(BASE + "workload:\n  subject: a\n  rate: 0\n  size: 1\n"))
        .isEqualTo(":15:9: workload.rate: messages per second must be more than 0");
    assertThat(error(BASE + "steps:\n  - at: 30s\n    action: \"\"\n"))
        .isEqualTo(":15:13: steps[0].action: must not be empty");
    assertThat(error(BASE + "expect:\n  - metric: reconnect_p99\n    below: 5s\n    above: 1s\n"))
        .isEqualTo(
            ":16:5: expect[0].above: 'below' is given already; give exactly one of below, above,"
                + " equals");
    assertThat(error(BASE + "expect:\n  - metric: reconnect_p99\n"))
        .isEqualTo(":14:5: expect[0]: needs one of below, above, equals (e.g. below: 5s)");
    Scenario s = load(BASE + "steps:\n  - at: 0\n    action: flap\n    target: [london, dallas]\n");
    assertThat(s.steps().get(0).targets()).containsExactly("london", "dallas");
    assertThat(s.steps().get(0).duration()).isNull();
  }

  @Test
  void aDnsPluginGetsTheScenariosZoneWithACloudProvidersTtlAndCheckInterval() throws Exception {
    Scenario s = load(BASE.replace("cluster: nats", "cluster: nats\n  dns: powerdns"));
    assertThat(s.dns().fqdn()).isEqualTo("nats.x.booty.test");
    assertThat(s.dns().ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.dns().checkInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(load(BASE).dns()).isNull();

    Scenario written =
        load(
            BASE.replace("cluster: nats", "cluster: nats\n  dns: powerdns")
                + "dns:\n  zone: geo.example.test\n  name: nats-eu\n  ttl: 5s\n"
                + "  checkInterval: 2s\n  options: {credentials: /k}\n"
                + "clients:\n  - datacenter: london\n    bootstrap: dns\n"
                + "    profile: library-default\n");
    assertThat(written.dns().fqdn()).isEqualTo("nats-eu.geo.example.test");
    assertThat(written.dns().ttl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(written.dns().options()).containsEntry("credentials", "/k");
    ClientGroup g = written.clients().getFirst();
    assertThat(g.bootstrap()).isEqualTo(ClientGroup.Bootstrap.DNS);
    assertThat(g.profile()).isEqualTo(ClientGroup.Profile.LIBRARY_DEFAULT);
    assertThat(load(BASE + "clients:\n  - datacenter: london\n").clients().getFirst())
        .extracting(ClientGroup::bootstrap, ClientGroup::profile)
        .containsExactly(ClientGroup.Bootstrap.SEEDS, ClientGroup.Profile.CAREFUL);
  }

  @Test
  void badDnsSettingsNameTheirKeyAndLine() throws Exception {
    String dns = BASE.replace("cluster: nats", "cluster: nats\n  dns: powerdns");
    assertThat(error(dns + "dns:\n  ttl: 0s\n"))
        .isEqualTo(":15:8: dns.ttl: 0 is not a positive whole number of seconds (like 30s)");
    assertThat(error(dns + "dns:\n  checkInterval: 1500ms\n"))
        .startsWith(":15:18: dns.checkInterval: 1.5s is not a positive whole number of seconds");
    assertThat(error(dns + "dns:\n  zone: Geo_Zone.test\n"))
        .isEqualTo(
            ":15:9: dns.zone: 'Geo_Zone.test' is not a DNS name: label 'Geo_Zone' is not a DNS"
                + " label (lower-case letters, digits and inner hyphens, at most 63)");
    assertThat(error(dns + "dns:\n  zone: a..test\n")).contains("no empty label");
    assertThat(error(BASE + "dns:\n  ttl: 5s\n"))
        .startsWith(":13:1: dns: the scenario has no DNS plugin (plugins.dns is none)");
    assertThat(error(BASE + "clients:\n  - datacenter: london\n    bootstrap: dns\n"))
        .isEqualTo(
            ":15:16: clients[0].bootstrap: dns needs a DNS plugin (plugins.dns: powerdns,"
                + " cloudflare or google-dns)");
    assertThat(
            error(
                dns
                    + "clients:\n  - datacenter: london\n  - datacenter: london\n"
                    + "    bootstrap: dns\n  - datacenter: london\n    count: 2\n"))
        .startsWith(
            ":18:5: clients[2]: data centre 'london' has a jvm group with bootstrap seeds and profile"
                + " careful already (clients[0])");
    assertThat(error(dns + "clients:\n  - datacenter: london\n    profile: default\n"))
        .isEqualTo(
            ":16:14: clients[0].profile: unknown value 'default' (one of: careful,"
                + " library-default)");
  }

  @Test
  void duplicateKeysAndBrokenYamlAreReportedWithTheirLine() throws Exception {
    assertThat(error(BASE.replace("  cluster: nats", "  cluster: nats\n  cluster: nats2")))
        .isEqualTo(":6:3: duplicate key 'cluster' in plugins (first at line 5)");
    assertThat(error(BASE + "name: y\n"))
        .isEqualTo(":13:1: duplicate key 'name' at the top level (first at line 2)");
    assertThat(error(BASE.replace("[london, amsterdam]", "[london, amsterdam")))
        .startsWith(":12:")
        .contains("not valid YAML");
    assertThat(error("")).isEqualTo(": empty; a scenario starts with 'version: 1'");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ScenarioLoader.load(missing))
        .isInstanceOf(BootyException.class)
        .hasMessage("no scenario file " + missing);
  }

  @Test
  void browserClientsNeedTheWebsocketListenerAndAreAGroupOfTheirOwn() throws Exception {
    assertThat(error(BASE + "clients:\n  - datacenter: london\n    kind: browser\n"))
        .isEqualTo(
            ":15:11: clients[0].kind: browser clients connect over WebSocket, but the servers have"
                + " no websocket listener: set cluster.websocket: true");
    assertThat(
            error(
                BASE
                    + "cluster:\n  websocket: true\nclients:\n  - datacenter: london\n"
                    + "    kind: browser\n    count: 300\n    perTask: 300\n"))
        .startsWith(
            ":19:5: clients[0].perTask: 300 clients in one browser: Chromium opens at most 255"
                + " WebSockets");
    assertThat(error(BASE + "clients:\n  - datacenter: london\n    kind: firefox\n"))
        .startsWith(":15:11: clients[0].kind: unknown value 'firefox'");
    Scenario s =
        load(
            BASE
                + "cluster:\n  websocket: true\nclients:\n  - datacenter: london\n"
                + "  - datacenter: london\n    kind: browser\n    count: 4\n    perTask: 2\n");
    assertThat(s.clients())
        .extracting(ClientGroup::kind)
        .containsExactly(ClientGroup.Kind.JVM, ClientGroup.Kind.BROWSER);
    assertThat(s.clients().get(1).tasks()).isEqualTo(2);
  }

  @Test
  void tlsAndAuthAreOffUnlessTheClusterAsksAndJwtIsTheOnlyOtherAuth() throws Exception {
    Cluster defaults = load(BASE).cluster();
    assertThat(defaults.tls()).isFalse();
    assertThat(defaults.auth()).isEqualTo(Cluster.Auth.NONE);

    Cluster secured = load(BASE + "cluster:\n  tls: true\n  auth: jwt\n").cluster();
    assertThat(secured.tls()).isTrue();
    assertThat(secured.auth()).isEqualTo(Cluster.Auth.JWT);
    assertThat(error(BASE + "cluster:\n  auth: token\n"))
        .isEqualTo(":14:9: cluster.auth: unknown value 'token' (one of: none, jwt)");
  }

  @Test
  void browserClientsAreRefusedByAClusterWithTlsOrCredentials() throws Exception {
    String browsers = "clients:\n  - datacenter: london\n    kind: browser\n";
    assertThat(error(BASE + "cluster:\n  websocket: true\n  tls: true\n" + browsers))
        .isEqualTo(
            ":18:11: clients[0].kind: browser clients cannot reach a cluster with cluster.tls:"
                + " true (their pages would need wss:// with booty's CA trusted by Chromium, which"
                + " booty does not set up); use kind jvm, or drop cluster.tls");
    assertThat(error(BASE + "cluster:\n  websocket: true\n  auth: jwt\n" + browsers))
        .isEqualTo(
            ":18:11: clients[0].kind: browser clients cannot reach a cluster with cluster.auth:"
                + " jwt (their pages carry no creds for it); use kind jvm, or drop cluster.auth");
  }

  @Test
  void anExpectationMayJudgeOneClientKindThatTheScenarioHas() throws Exception {
    String clients =
        BASE
            + "cluster:\n  websocket: true\nclients:\n  - datacenter: london\n"
            + "  - datacenter: london\n    kind: browser\n";
    Scenario s =
        load(
            clients
                + "expect:\n  - metric: reconnect_max\n    kind: browser\n    below: 9s\n"
                + "  - metric: reconnect_max\n    below: 7s\n");
    assertThat(s.expect())
        .containsExactly(
            new Expectation("reconnect_max", Expectation.Comparison.BELOW, "9s", "browser"),
            new Expectation("reconnect_max", Expectation.Comparison.BELOW, "7s", null));

    assertThat(
            error(
                BASE
                    + "clients:\n  - datacenter: london\n"
                    + "expect:\n  - metric: reconnect_max\n    kind: browser\n    below: 9s\n"))
        .isEqualTo(
            ":17:11: expect[0].kind: no client group has kind browser, so no figure would be"
                + " measured (set clients[].kind: browser on a group, or drop this kind)");
    assertThat(
            error(clients + "expect:\n  - metric: reconnect_max\n    kind: wasm\n    below: 9s\n"))
        .startsWith(":21:11: expect[0].kind: unknown value 'wasm' (one of: jvm, browser)");
  }
}
