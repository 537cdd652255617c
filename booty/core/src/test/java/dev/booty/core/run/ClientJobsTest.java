package dev.booty.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.NomadJob;
import dev.booty.core.scenario.ClientGroup;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.verdict.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client groups as Nomad jobs: labels, the DNS bootstrap's server list, colliding groups. */
class ClientJobsTest {
  static final Path DC_OUTAGE = Path.of("../../scenarios/dc-outage.yaml");
  static final ClientJobs.Run RUN =
      new ClientJobs.Run("r1", "nats://127.0.0.1:4222", "ws://127.0.0.1:14280");

  /** dc-outage with a DNS plugin and {@code extra} client groups appended. */
  static Scenario withGroups(String extra) throws Exception {
    String yaml =
        Files.readString(DC_OUTAGE)
            .replace("  dns: none", "  dns: powerdns")
            .replace(
                "    count: 10\n    perTask: 5\n\nworkload:",
                "    count: 10\n    perTask: 5\n" + extra + "\nworkload:");
    assertThat(yaml).contains(extra);
    return ScenarioLoader.parse(yaml, DC_OUTAGE);
  }

  static Inventory inventory() {
    List<Inventory.Server> servers = new ArrayList<>();
    for (String dc : List.of("london", "amsterdam", "dallas")) {
      String name = dc.substring(0, 3) + "-1";
      servers.add(new Inventory.Server(name, dc, name + ".nats.booty", "10.0.0.1", null, "j", "n"));
    }
    return new Inventory(
        "local-3dc",
        "local",
        List.of("london", "amsterdam", "dallas"),
        Map.of("london", "dc-london", "amsterdam", "dc-amsterdam", "dallas", "dc-dallas"),
        servers,
        Map.of(),
        4222,
        null,
        null);
  }

  @Test
  void aCarefulSeedsGroupKeepsItsDataCentresNamesAndOthersAddBootstrapAndProfile()
      throws Exception {
    Scenario s =
        withGroups(
            "  - datacenter: dallas\n    count: 2\n    bootstrap: dns\n"
                + "    profile: library-default\n"
                + "  - datacenter: dallas\n    count: 2\n    profile: library-default\n");
    List<String> labels = s.clients().stream().map(ClientJobs::label).toList();
    assertThat(labels)
        .containsExactly(
            "london",
            "amsterdam",
            "dallas",
            "dallas-dns-library-default",
            "dallas-seeds-library-default");
    assertThat(ClientJobs.plan(s))
        .extracting(RunPlan.ClientJob::job)
        .containsExactly(
            "local-3dc-clients-london",
            "local-3dc-clients-amsterdam",
            "local-3dc-clients-dallas",
            "local-3dc-clients-dallas-dns-library-default",
            "local-3dc-clients-dallas-seeds-library-default");
  }

  @Test
  void aDnsGroupIsHandedOnlyTheNameAndASeedsGroupEveryServer() throws Exception {
    Scenario s = withGroups("  - datacenter: dallas\n    count: 2\n    bootstrap: dns\n");
    ClientGroup dns = s.clients().get(3);
    NomadJob job = ClientJobs.job(s, dns, inventory(), RUN);
    assertThat(job.id()).isEqualTo("local-3dc-clients-dallas-dns-careful");
    assertThat(job.variables())
        .containsEntry("servers", "nats://nats.local-3dc.booty.test:4222")
        .containsEntry("group", "dallas-dns-careful")
        .containsEntry("bootstrap", "dns")
        .containsEntry("profile", "careful")
        .containsEntry("dc", "dallas");
    assertThat(job.hcl()).contains("\"--group\", var.group").contains("\"--profile\", var.profile");
    NomadJob seeds = ClientJobs.job(s, s.clients().get(2), inventory(), RUN);
    assertThat(seeds.variables())
        .containsEntry(
            "servers",
            "nats://dal-1.nats.booty:4222,nats://lon-1.nats.booty:4222,"
                + "nats://ams-1.nats.booty:4222")
        .containsEntry("group", "dallas")
        .containsEntry("profile", "careful");
    // the workload is the same whatever the profile, so the groups' figures compare
    assertThat(ClientJobs.workload(s, dns)).isEqualTo(ClientJobs.workload(s, s.clients().get(2)));
  }

  @Test
  void aBrowserGroupRunsBrowsersOnTheWebsocketListenersAndReportsWithItsOwnCreds()
      throws Exception {
    Scenario s =
        withGroups(
            "  - datacenter: dallas\n    count: 4\n    perTask: 2\n    kind: browser\n"
                + "  - datacenter: dallas\n    count: 2\n    kind: browser\n"
                + "    bootstrap: dns\n");
    ClientGroup browser = s.clients().get(3);
    assertThat(ClientJobs.label(browser)).isEqualTo("dallas-browser");
    assertThat(ClientJobs.label(s.clients().get(4))).isEqualTo("dallas-browser-dns-careful");
    NomadJob job = ClientJobs.job(s, browser, inventory(), RUN);
    assertThat(job.id()).isEqualTo("local-3dc-clients-dallas-browser");
    assertThat(job.variables())
        .containsEntry(
            "servers",
            "ws://dal-1.nats.booty:8080,ws://lon-1.nats.booty:8080,ws://ams-1.nats.booty:8080")
        .containsEntry("command", "browsers")
        .containsEntry("kind", "browser")
        .containsEntry(
            "process_args",
            "[\"--control-plane-ws\", \"ws://127.0.0.1:14280\", \"--report-creds\", \"$${NOMAD_SECRETS_DIR}/report.creds\"]")
        .containsEntry("count", "2")
        .containsEntry("per_task", "2");
    assertThat(job.hcl()).contains("var.command,").contains("], var.process_args, [");
    assertThat(ClientJobs.job(s, s.clients().get(4), inventory(), RUN).variables())
        .containsEntry("servers", "ws://nats.local-3dc.booty.test:8080");
    // a JVM group's job has no browser settings
    assertThat(ClientJobs.job(s, s.clients().get(2), inventory(), RUN).variables())
        .doesNotContainKey("process_args")
        .doesNotContainKey("command");
  }

  @Test
  void twoGroupsOfOneLabelAreRefusedNamingBoth() throws Exception {
    // the scenario file is refused first, at the second group's line
    assertThatThrownBy(() -> withGroups("  - datacenter: dallas\n    count: 2\n"))
        .isInstanceOf(dev.booty.core.BootyException.class)
        .hasMessageContaining(
            "clients[3]: data centre 'dallas' has a jvm group with bootstrap seeds and profile"
                + " careful already (clients[2])");
  }

  @Test
  void aSecuredClusterHandsItsClientsTheCaAndCredsThroughTheJobsVariable() throws Exception {
    var nats = new dev.booty.core.deploy.ClusterCredentials.ClientSecrets("CA PEM", "CREDS");
    Map<String, String> items = ClientJobs.secrets("bc-creds", null, nats);
    assertThat(items)
        .containsExactly(
            Map.entry("creds", "bc-creds"),
            Map.entry("nats_ca", "CA PEM"),
            Map.entry("nats_creds", "CREDS"));
    Scenario s = ScenarioLoader.load(DC_OUTAGE);
    NomadJob job =
        ClientJobs.job(
            s,
            s.clients().get(0),
            inventory(),
            new ClientJobs.Run("r1", "nats://127.0.0.1:4222", "ws://127.0.0.1:14280", nats));
    // the paths Nomad fills in on the node, where the templates wrote the files
    assertThat(job.variables().get("workload"))
        .endsWith(
            "\"--nats-ca\", \"$${NOMAD_SECRETS_DIR}/nats-ca.pem\", \"--nats-creds\","
                + " \"$${NOMAD_SECRETS_DIR}/nats.creds\"]");
    assertThat(job.hcl()).contains("secrets/nats-ca.pem").contains("secrets/nats.creds");
    // a plain cluster: the back channel's creds only
    assertThat(
            ClientJobs.secrets(
                "bc", null, new dev.booty.core.deploy.ClusterCredentials.ClientSecrets(null, null)))
        .containsOnlyKeys("creds");
    assertThat(ClientJobs.job(s, s.clients().get(0), inventory(), RUN).variables().get("workload"))
        .doesNotContain("--nats-ca");
  }
}
