package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.booty.api.StackSecurity;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agents' configurations as a host gets them. */
class HostAgentsTest {
  static final StackSecurity SECURITY =
      new StackSecurity(
          Path.of("/home/me/.booty/stack/tls/ca.pem"),
          Path.of("/home/me/.booty/stack/tls/booty.pem"),
          Path.of("/home/me/.booty/stack/tls/booty-key.pem"),
          "nomad-token",
          "consul-token",
          "consul-agent-token",
          "consul-nomad-token",
          "R29zc2lwS2V5R29zc2lwS2V5R29zc2lwS2V5MDA=",
          "consul-reader-token");

  private final SshHostSpec host =
      new SshHostSpec("london", 2, "10.0.0.12", 22, "root", Path.of("/k"), Optional.empty(), false);
  private final HostAgents.StackJoin join =
      new HostAgents.StackJoin("10.0.0.1:4647", "10.0.0.1:8301", "booty", SECURITY);

  @Test
  void nomadClientJoinsTheStackOverTlsWithTheNodeMetaJobsNeed() {
    String hcl =
        new HostAgents("geo", "london", host, join, Optional.empty())
            .nomadConfig(HostInstall.Layout.DEFAULT);
    assertThat(hcl)
        .contains("name                 = \"geo-london-2\"")
        .contains("datacenter           = \"london\"")
        .contains("data_dir             = \"/var/lib/booty/nomad/data\"")
        .contains("alloc_mounts_dir = \"/var/lib/booty/nomad/alloc_mounts\"")
        .contains("bind_addr            = \"10.0.0.12\"")
        .contains("servers       = [\"10.0.0.1:4647\"]")
        .contains("booty_scenario          = \"geo\"")
        .contains("booty_dc                = \"london\"")
        .contains("booty_consul            = \"https://10.0.0.12:8500\"")
        .contains("booty_consul_ca         = \"/opt/booty/tls/ca.pem\"")
        .contains("booty_consul_token_file = \"/opt/booty/tls/consul-reader.token\"")
        .contains("booty_home              = \"/opt/booty\"")
        .contains("cert_file              = \"/opt/booty/tls/agent.pem\"")
        .contains("key_file               = \"/opt/booty/tls/agent-key.pem\"")
        .contains("verify_server_hostname = true")
        .contains("address   = \"10.0.0.12:8500\"")
        .contains("token     = \"consul-nomad-token\"")
        .doesNotContain("network_interface")
        // paths on booty's machine never reach a host
        .doesNotContain("/home/me")
        // booty's own Nomad and Consul tokens never reach a host
        .doesNotContain("\"nomad-token\"")
        .doesNotContain("\"consul-token\"");
    assertThat(
            new HostAgents("geo", "london", host, join, Optional.of("lo"))
                .nomadConfig(HostInstall.Layout.DEFAULT))
        .contains("network_interface = \"lo\"");
  }

  @Test
  void consulClientIsJsonWithGossipKeyAgentTokenAndTlsOnTheHostsAddress() throws Exception {
    String text =
        new HostAgents("geo", "london", host, join, Optional.empty())
            .consulConfig(HostInstall.Layout.DEFAULT);
    JsonNode json = new ObjectMapper().readTree(text);
    assertThat(json.path("node_name").asText()).isEqualTo("geo-london-2");
    assertThat(json.path("datacenter").asText()).isEqualTo("booty");
    assertThat(json.path("bind_addr").asText()).isEqualTo("10.0.0.12");
    assertThat(json.path("advertise_addr").asText()).isEqualTo("10.0.0.12");
    assertThat(json.path("retry_join").get(0).asText()).isEqualTo("10.0.0.1:8301");
    assertThat(json.path("data_dir").asText()).isEqualTo("/var/lib/booty/consul");
    assertThat(json.path("encrypt").asText()).isEqualTo(SECURITY.consulGossipKey());
    assertThat(json.path("acl").path("tokens").path("agent").asText())
        .isEqualTo("consul-agent-token");
    assertThat(json.path("tls").path("defaults").path("ca_file").asText())
        .isEqualTo("/opt/booty/tls/ca.pem");
    assertThat(json.path("ports").path("https").asInt()).isEqualTo(8500);
    assertThat(json.path("ports").path("http").asInt()).isEqualTo(-1);
    assertThat(json.path("node_meta").path("booty_dc").asText()).isEqualTo("london");
  }

  @Test
  void theCertificateNamesBothRolesAndTheHostsAddress() {
    assertThat(new HostAgents("geo", "london", host, join, Optional.empty()).certificateNames())
        .containsExactly("client.global.nomad", "client.booty.consul", "localhost", "10.0.0.12");
  }

  @Test
  void servicesRunTheCopiedBinariesWithTheirConfigs() {
    HostAgents agents = new HostAgents("geo", "london", host, join, Optional.empty());
    HostInstall.Layout layout = HostInstall.Layout.DEFAULT;
    assertThat(agents.consulService("/opt/booty/components/consul/1.21.0/bin/consul", layout))
        .isEqualTo(
            new HostInstall.Service(
                "consul",
                java.util.List.of(
                    "/opt/booty/components/consul/1.21.0/bin/consul",
                    "agent",
                    "-config-file=/opt/booty/etc/consul.json")));
    assertThat(agents.nomadService("/opt/booty/n", layout).command())
        .containsExactly("/opt/booty/n", "agent", "-config=/opt/booty/etc/nomad.hcl");
    assertThat(agents.awaitConsul("/opt/booty/c", layout, 60))
        .contains("CONSUL_CACERT='/opt/booty/tls/ca.pem'")
        .contains("-http-addr='https://10.0.0.12:8500'")
        .contains("[ $i -ge 300 ] && exit 1");
  }
}
