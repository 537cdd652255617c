package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.StackHttp;
import dev.booty.core.home.BootyHome;
import dev.booty.core.plugin.BootyPluginContext;
import dev.booty.plugins.ssh.SshTestHosts.HostOptions;
import dev.booty.plugins.ssh.SshTestHosts.HostProcess;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hosting: ssh} end to end: a real secured stack (booty's own Consul and Nomad services with
 * ACLs, gossip encryption and TLS from booty's CA, on free loopback ports) and two real sshd test
 * hosts at 127.0.91.1 and .2 whose agents join it, then leave nothing behind.
 */
class SshHostingIT {
  @TempDir static Path tmp;
  static SecuredStack stack;
  static BootyHome home;
  static Map<String, String> endpoints;

  @AutoClose
  SshTestHosts hosts =
      SshTestHosts.start(
          "127.0.91.",
          List.of(HostOptions.plain().withDiskSize("1g"), HostOptions.plain().withDiskSize("1g")));

  final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void secureStack() throws Exception {
    stack = SecuredStack.start(tmp);
    home = stack.home();
    endpoints = stack.endpoints();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  private BootyPluginContext context(String scenario) {
    return stack.context(scenario, progress::add);
  }

  private Map<String, String> options() {
    return SecuredStack.options(hosts.hosts());
  }

  @Test
  void twoHostsJoinTheSecuredStackAsOneDataCentreThenLeaveNothing() throws Exception {
    List<SshTestHosts.Host> both = hosts.hosts();
    List<List<String>> files = both.stream().map(hosts::files).toList();
    List<List<HostProcess>> processes = both.stream().map(hosts::processes).toList();
    BootyPluginContext ctx = context("geo");
    SshHosting ssh = new SshHosting();
    DataCenterSpec spec = new DataCenterSpec("london", 1, 2, options());

    long started = System.nanoTime();
    HostedDataCenter dc = ssh.provision(spec, ctx);
    System.out.printf("provisioned 2 hosts in %.1f s%n", (System.nanoTime() - started) / 1e9);
    assertThat(dc.nomadDatacenter()).isEqualTo("london");
    assertThat(dc.addresses()).containsExactly("127.0.91.1", "127.0.91.2");
    assertThat(dc.attributes()).containsEntry("nodes", "geo-london-1,geo-london-2");

    // both nodes ready in the stack's Nomad, in datacenter london, with the meta jobs need
    StackHttp http = StackHttp.of(ctx.security());
    for (int n = 1; n <= 2; n++) {
      String node = nomadNode(http, "geo-london-" + n);
      assertThat(node)
          .contains("\"Datacenter\":\"london\"")
          .contains("\"Status\":\"ready\"")
          .contains("\"booty_home\":\"/opt/booty\"")
          .contains("\"booty_consul\":\"https://127.0.91." + n + ":8500\"")
          .contains("\"booty_scenario\":\"geo\"")
          .contains("\"consul.version\"");
    }
    // and their Consul agents in the stack's catalog
    assertThat(get(http, http.consul(endpoints.get("consul.http") + "/v1/catalog/nodes")))
        .contains("\"Node\":\"geo-london-1\"")
        .contains("\"Node\":\"geo-london-2\"");

    String nats = ctx.binary("nats-server").orElseThrow().toString();
    String natsRelative = home.root().relativize(Path.of(nats)).toString();
    for (SshTestHosts.Host h : both) {
      assertThat(hosts.files(h))
          .anyMatch(f -> f.startsWith("f 755 ") && f.endsWith(" /opt/booty/" + natsRelative))
          .anyMatch(f -> f.matches("f 755 \\d+ /opt/booty/components/nomad/[^/]+/bin/nomad"))
          .contains("f 600 " + tokenLength(ctx) + " /opt/booty/tls/consul-reader.token")
          .anyMatch(f -> f.matches("f 600 \\d+ /opt/booty/tls/agent-key.pem"))
          .anyMatch(f -> f.matches("f 600 \\d+ /opt/booty/etc/nomad.hcl"));
      assertThat(hosts.processes(h))
          .extracting(HostProcess::command)
          .anyMatch(c -> c.contains("bin/consul agent -config-file=/opt/booty/etc/consul.json"))
          .anyMatch(c -> c.contains("bin/nomad agent -config=/opt/booty/etc/nomad.hcl"));
    }
    Path manifests = home.root().resolve("ssh/manifests/geo/london");
    assertThat(manifests.resolve("127.0.91.1_22.manifest")).exists();

    // provisioning again finds everything in place: same certificate, agents not restarted
    List<List<HostProcess>> running = both.stream().map(hosts::processes).toList();
    assertThat(ssh.provision(spec, ctx)).isEqualTo(dc);
    assertThat(both.stream().map(hosts::processes).toList()).isEqualTo(running);

    // a changed configuration (the network interface Nomad gives tasks: Nomad's own choice
    // instead of lo) restarts the agents
    Map<String, String> changed = new java.util.LinkedHashMap<>(spec.options());
    changed.remove(SshHosting.NETWORK_INTERFACE);
    assertThat(ssh.provision(new DataCenterSpec("london", 1, 2, changed), ctx)).isEqualTo(dc);
    for (int i = 0; i < 2; i++) {
      List<Long> before = running.get(i).stream().map(HostProcess::pid).toList();
      assertThat(hosts.processes(both.get(i)))
          .extracting(HostProcess::pid)
          .as("agents of host %d restarted", i + 1)
          .doesNotContainAnyElementsOf(before);
    }

    ssh.release("london", ctx);
    assertThat(both.stream().map(hosts::files).toList()).isEqualTo(files);
    assertThat(both.stream().map(hosts::processes).toList()).isEqualTo(processes);
    assertThat(home.root().resolve("ssh/manifests")).doesNotExist();
    for (int n = 1; n <= 2; n++) {
      assertThat(nomadNode(http, "geo-london-" + n)).isEqualTo("[]");
    }
    assertThat(get(http, http.consul(endpoints.get("consul.http") + "/v1/catalog/nodes")))
        .doesNotContain("geo-london-");
  }

  @Test
  void aHostThatFailsAfterTheChecksRollsBackEveryHost() throws Exception {
    List<SshTestHosts.Host> both = hosts.hosts();
    // host 2 has a file where booty's etc folder goes: the checks cannot see that coming
    SshHostSpec second =
        new SshHostSpec(
            "london",
            2,
            both.get(1).address(),
            22,
            "root",
            both.get(1).keyFile(),
            java.util.Optional.of(both.get(1).knownHostsLine()),
            false);
    try (SshConnection c =
        SshConnection.connect(second, KnownHosts.inHome(tmp), java.time.Duration.ofSeconds(5))) {
      c.check("mkdir -p /opt/booty && echo mine > /opt/booty/etc", java.time.Duration.ofSeconds(5));
    }
    List<List<String>> files = both.stream().map(hosts::files).toList();
    BootyPluginContext ctx = context("broken");

    assertThatThrownBy(
            () -> new SshHosting().provision(new DataCenterSpec("london", 1, 1, options()), ctx))
        .hasMessageStartingWith(
            "data centre london: provisioning failed, rolled back on every host")
        .hasMessageContaining("host 127.0.91.2 (datacenter london)")
        .hasMessageContaining("/opt/booty/etc");
    assertThat(both.stream().map(hosts::files).toList()).isEqualTo(files);
    assertThat(hosts.processes(both.get(0))).isEmpty();
    assertThat(hosts.processes(both.get(1))).isEmpty();
    assertThat(home.root().resolve("ssh/manifests/broken")).doesNotExist();
  }

  @Test
  void anInterruptedProvisionIsFinishedAndAnUnreachableHostKeepsItsManifest() throws Exception {
    List<SshTestHosts.Host> both = hosts.hosts();
    List<List<String>> files = both.stream().map(hosts::files).toList();
    BootyPluginContext ctx = context("again");
    SshHosting ssh = new SshHosting();
    DataCenterSpec spec = new DataCenterSpec("london", 1, 1, options());

    // a provision that died after host 1 was done: its agents run, its manifest says so
    ProvisionedHosts record = new ProvisionedHosts(home.root(), "again", "london");
    record.remember(spec.options());
    SshHostSpec first = SshHosting.hosts("london", spec.options()).get(0);
    HostAgents agents =
        new HostAgents(
            "again",
            "london",
            first,
            new HostAgents.StackJoin(
                endpoints.get("nomad.rpc"),
                endpoints.get("consul.serf-lan"),
                "booty",
                ctx.security().orElseThrow()),
            java.util.Optional.of("lo"));
    List<HostInstall.InstallFile> components = new ArrayList<>(ComponentFiles.agents(ctx));
    new HostSetup(
            ctx,
            KnownHosts.inHome(home.root()),
            record.manifest(first),
            agents,
            java.time.Duration.ofSeconds(5))
        .install(components, java.time.Duration.ofSeconds(60));
    List<HostProcess> running = hosts.processes(both.get(0));
    assertThat(running).hasSize(4); // two supervisors, consul, nomad

    // the next provision finishes it: host 1's own agents hold its ports, and are left running
    ssh.provision(spec, ctx);
    assertThat(hosts.processes(both.get(0))).isEqualTo(running);
    assertThat(hosts.processes(both.get(1))).hasSize(4);

    // host 2 unreachable: host 1 is released, host 2's manifest and node are kept, and named
    hosts.stop(both.get(1));
    assertThatThrownBy(() -> ssh.release("london", ctx))
        .hasMessageStartingWith("cannot remove booty's agents and files from 1 host")
        .hasMessageContaining(
            "host 127.0.91.2 (datacenter london): unreachable: connection refused");
    assertThat(hosts.files(both.get(0))).isEqualTo(files.get(0));
    assertThat(hosts.processes(both.get(0))).isEmpty();
    Path manifests = home.root().resolve("ssh/manifests/again/london");
    assertThat(manifests.resolve("127.0.91.1_22.manifest")).doesNotExist();
    assertThat(manifests.resolve("127.0.91.2_22.manifest")).exists();
    StackHttp http = StackHttp.of(ctx.security());
    assertThat(nomadNode(http, "again-london-1")).isEqualTo("[]");
    assertThat(nomadNode(http, "again-london-2")).contains("\"Name\":\"again-london-2\"");

    // back (a fresh machine, its agents gone with the old one): the next release finishes
    hosts.restart(both.get(1), false);
    ssh.release("london", ctx);
    assertThat(home.root().resolve("ssh/manifests")).doesNotExist();
    assertThat(nomadNode(http, "again-london-2")).isEqualTo("[]");
  }

  private static int tokenLength(BootyPluginContext ctx) {
    return ctx.security().orElseThrow().consulReaderToken().length();
  }

  private static String nomadNode(StackHttp http, String name) throws Exception {
    String filter =
        java.net.URLEncoder.encode(
            "Name == \"" + name + "\"", java.nio.charset.StandardCharsets.UTF_8);
    String list = get(http, http.nomad(endpoints.get("nomad.http") + "/v1/nodes?filter=" + filter));
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("\"ID\":\"([0-9a-f-]{36})\"").matcher(list);
    if (!id.find()) {
      return list.strip();
    }
    return get(http, http.nomad(endpoints.get("nomad.http") + "/v1/node/" + id.group(1)));
  }

  private static String get(StackHttp http, HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r =
        http.client().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
