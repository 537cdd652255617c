package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ssh hosting decides without touching a host: placement, attributes, files, refusals. */
class SshHostingTest {
  @TempDir Path home;
  private Path key;
  private TestContext ctx;

  @BeforeEach
  void setUp() throws Exception {
    key = Files.writeString(home.resolve("id_ed25519"), "not read here");
    ctx = new TestContext(home, "geo");
  }

  private SshHostSpec host(int index, String address) {
    return new SshHostSpec("london", index, address, 22, "root", key, Optional.empty(), false);
  }

  private Map<String, String> twoHosts() {
    return Map.of(
        "host.1.address",
        "10.0.0.11",
        "host.1.key",
        key.toString(),
        "host.2.address",
        "10.0.0.12",
        "host.2.key",
        key.toString());
  }

  @Test
  void eachServerHasAHostOfItsOwn() {
    List<SshHostSpec> hosts = List.of(host(1, "10.0.0.11"), host(2, "10.0.0.12"));
    assertThat(SshHosting.serverAddresses("london", hosts, 2))
        .containsExactly("10.0.0.11", "10.0.0.12");
    assertThat(SshHosting.serverAddresses("london", hosts, 1)).containsExactly("10.0.0.11");
    assertThat(SshHosting.serverAddresses("london", hosts, 0)).isEmpty();
    // the servers of a data centre share their ports: two on one address would collide
    assertThatThrownBy(() -> SshHosting.serverAddresses("london", hosts, 3))
        .hasMessage(
            "datacenter london: 3 servers on 2 hosts; ssh hosting runs one nats-server per host"
                + " (list as many hosts, host.N.address, as servers)");
  }

  @Test
  void previewNamesTheHostsAndNodesWithoutConnecting() {
    HostedDataCenter dc =
        new SshHosting().preview(new DataCenterSpec("london", 1, 2, twoHosts()), ctx);
    assertThat(dc.name()).isEqualTo("london");
    assertThat(dc.nomadDatacenter()).isEqualTo("london");
    assertThat(dc.addresses()).containsExactly("10.0.0.11", "10.0.0.12");
    assertThat(dc.attributes())
        .containsEntry("hosts", "10.0.0.11,10.0.0.12")
        .containsEntry("node", "geo-london-1")
        .containsEntry("nodes", "geo-london-1,geo-london-2")
        .containsEntry("booty.home", "/opt/booty");
  }

  @Test
  void unknownOptionsAreNamed() {
    Map<String, String> options = new java.util.HashMap<>(twoHosts());
    options.put("subnet", "127.77");
    assertThatThrownBy(
            () -> new SshHosting().preview(new DataCenterSpec("london", 1, 3, options), ctx))
        .hasMessage(
            "datacenter london: option subnet is not an ssh hosting option (host.N.*,"
                + " networkInterface)");
  }

  @Test
  void provisionRefusesAStackWithoutCredentialsBeforeTouchingAnyHost() {
    assertThatThrownBy(
            () -> new SshHosting().provision(new DataCenterSpec("london", 1, 2, twoHosts()), ctx))
        .hasMessageContaining("data centre london: the stack has no credentials");
    assertThat(home.resolve("ssh")).doesNotExist();
  }

  @Test
  void releaseOfADataCentreNeverProvisionedChangesNothing() {
    new SshHosting().release("london", ctx);
    assertThat(ctx.progress).containsExactly("data centre london: nothing on any host");
  }

  @Test
  void binariesKeepTheirPlaceUnderTheHomeAndEveryNatsServerVersionGoes() throws Exception {
    for (String[] c :
        new String[][] {
          {"nomad", "1.10.5"},
          {"consul", "1.21.4"},
          {"nats-server", "2.11.9"},
          {"nats-server", "2.12.1"}
        }) {
      Path bin = Files.createDirectories(home.resolve("components/" + c[0] + "/" + c[1] + "/bin"));
      Files.writeString(bin.resolve(c[0]), c[0] + c[1]);
    }
    ctx.active("nomad", "1.10.5").active("consul", "1.21.4");
    assertThat(ComponentFiles.agents(ctx))
        .extracting(HostInstall.InstallFile::path)
        .containsExactly(
            "components/nomad/1.10.5/bin/nomad", "components/consul/1.21.4/bin/consul");
    assertThat(ComponentFiles.natsServers(ctx))
        .extracting(HostInstall.InstallFile::path)
        .containsExactly(
            "components/nats-server/2.11.9/bin/nats-server",
            "components/nats-server/2.12.1/bin/nats-server");
    assertThat(ComponentFiles.bytes(ComponentFiles.agents(ctx)))
        .isEqualTo("nomad1.10.5consul1.21.4".length());
    assertThatThrownBy(() -> ComponentFiles.relative(home, Path.of("/usr/bin/nomad"), "nomad"))
        .hasMessage("nomad at /usr/bin/nomad is not under booty's home " + home + "; reinstall it");
  }

  @Test
  void withoutNomadInstalledItSaysWhatToRun() {
    assertThatThrownBy(() -> ComponentFiles.agents(ctx))
        .hasMessage("nomad is not installed; run 'booty install nomad'");
  }

  @Test
  void aStackOnLoopbackOnlyTakesHostsOfThisMachineAlone() {
    List<SshHostSpec> local = List.of(host(1, "127.0.95.1"));
    SshHosting.requireReachableStack("paris", local, "127.0.0.1:4647");
    List<SshHostSpec> remote = List.of(host(1, "127.0.95.1"), host(2, "10.0.0.12"));
    // an advertised stack takes any host
    SshHosting.requireReachableStack("paris", remote, "10.0.0.1:4647");
    assertThatThrownBy(() -> SshHosting.requireReachableStack("paris", remote, "127.0.0.1:4647"))
        .hasMessage(
            "datacenter paris: the stack listens on loopback only (Nomad RPC at 127.0.0.1:4647),"
                + " which 10.0.0.12 cannot reach; run 'booty down', then 'booty up --advertise"
                + " ADDR' with an address of this machine the hosts reach");
  }
}
