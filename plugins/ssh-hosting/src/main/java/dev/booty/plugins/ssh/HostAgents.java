package dev.booty.plugins.ssh;

import dev.booty.api.AgentSecurityConfig;
import dev.booty.api.StackSecurity;
import java.util.List;
import java.util.Optional;

/**
 * The Consul and Nomad client agents of one host of a data centre, as text: their configurations
 * and commands, with every path on the host under {@link HostInstall.Layout}. Like the local
 * hosting plugin's agents (one Consul client per Nomad client, both on the host's own address), but
 * joined to the stack over TLS with a certificate of the host's own, and with {@code booty_home} in
 * the node's meta so jobs find the components booty copied there.
 *
 * @param scenario the scenario, in node names and meta
 * @param dataCenter the data centre: the Nomad datacenter of the node
 * @param host the host, whose address the agents bind to
 * @param stack where the agents join: the stack's endpoints they need
 * @param networkInterface the interface Nomad fingerprints for tasks' addresses; empty: Nomad's
 *     choice (the default route's)
 * @param launcher booty's launcher on the host (node meta {@code booty_launcher}, which booty's
 *     agent and client jobs run); empty when no distribution was copied
 */
record HostAgents(
    String scenario,
    String dataCenter,
    SshHostSpec host,
    StackJoin stack,
    Optional<String> networkInterface,
    String launcher) {

  HostAgents(
      String scenario,
      String dataCenter,
      SshHostSpec host,
      StackJoin stack,
      Optional<String> networkInterface) {
    this(scenario, dataCenter, host, stack, networkInterface, "");
  }

  /**
   * What the agents join.
   *
   * @param nomadRpc the stack's Nomad RPC ({@code host:port})
   * @param consulSerfLan the stack's Consul Serf LAN ({@code host:port})
   * @param consulDatacenter the stack's Consul datacenter (the agents' too)
   * @param security the stack's tokens and gossip key
   */
  record StackJoin(
      String nomadRpc, String consulSerfLan, String consulDatacenter, StackSecurity security) {}

  /** The ports the agents listen on, on the host's address (Nomad's, then Consul's). */
  static final List<Integer> PORTS = List.of(4646, 4647, 4648, 8300, 8301, 8500);

  static final String NOMAD_CONFIG = "etc/nomad.hcl";
  static final String CONSUL_CONFIG = "etc/consul.json";
  static final String CA = "tls/ca.pem";
  static final String CERTIFICATE = "tls/agent.pem";
  static final String KEY = "tls/agent-key.pem";
  static final String READER_TOKEN = "tls/consul-reader.token";

  /** The names the host's certificate is valid for: both agents' roles, and where it is reached. */
  List<String> certificateNames() {
    return List.of("client.global.nomad", "client.booty.consul", "localhost", host.address());
  }

  /** The node name of both agents: unique across scenarios, data centres and hosts. */
  String nodeName() {
    return nodeName(scenario, dataCenter, host.index());
  }

  static String nodeName(String scenario, String dataCenter, int hostIndex) {
    return scenario + "-" + dataCenter + "-" + hostIndex;
  }

  /** The Consul agent's HTTPS address, as Nomad and booty's agent job reach it. */
  String consulHttps() {
    return "https://" + host.address() + ":8500";
  }

  String nomadConfig(HostInstall.Layout layout) {
    String address = host.address();
    return """
        # rendered by booty's ssh hosting plugin for %1$s, data centre %2$s
        name                 = "%3$s"
        datacenter           = "%2$s"
        region               = "global"
        data_dir             = "%4$s"
        bind_addr            = "%5$s"
        disable_update_check = true
        log_level            = "INFO"

        advertise {
          http = "%5$s"
          rpc  = "%5$s"
          serf = "%5$s"
        }

        client {
          enabled       = true
          servers       = ["%6$s"]
          cgroup_parent = "booty-%3$s"
          # Nomad's default is beside data_dir: inside booty's own tree, so it goes with it
          alloc_mounts_dir = "%16$s"%7$s
          options = {
            "fingerprint.denylist" = "env_aws,env_gce,env_azure,env_digitalocean"
          }
          meta {
            booty_scenario          = "%8$s"
            booty_dc                = "%2$s"
            booty_consul            = "%9$s"
            booty_consul_ca         = "%10$s"
            booty_consul_token_file = "%11$s"
            booty_home              = "%12$s"
            booty_launcher          = "%18$s"
          }
        }

        plugin "raw_exec" {
          config {
            enabled = true
          }
        }

        %17$s
        """
        .formatted(
            host.label(),
            dataCenter,
            nodeName(),
            layout.data("nomad/data"),
            address,
            hcl(stack.nomadRpc()),
            networkInterface.map(i -> "\n  network_interface = \"" + hcl(i) + "\"").orElse(""),
            hcl(scenario),
            consulHttps(),
            layout.install(CA),
            layout.install(READER_TOKEN),
            layout.installRoot(),
            layout.install(CERTIFICATE),
            layout.install(KEY),
            hcl(stack.security().consulNomadToken()),
            layout.data("nomad/alloc_mounts"),
            AgentSecurityConfig.nomadAclAndTls(
                    layout.install(CA).toString(),
                    layout.install(CERTIFICATE).toString(),
                    layout.install(KEY).toString())
                + "\n"
                + AgentSecurityConfig.nomadConsul(
                    address + ":8500",
                    layout.install(CA).toString(),
                    layout.install(CERTIFICATE).toString(),
                    layout.install(KEY).toString(),
                    hcl(stack.security().consulNomadToken())),
            launcher.isEmpty() ? "" : layout.install(launcher));
  }

  String consulConfig(HostInstall.Layout layout) {
    String address = host.address();
    StackSecurity s = stack.security();
    return """
        {
          "node_name": "%1$s",
          "datacenter": "%2$s",
          "server": false,
          "data_dir": "%3$s",
          "bind_addr": "%4$s",
          "client_addr": "%4$s",
          "advertise_addr": "%4$s",
          "retry_join": ["%5$s"],
          "leave_on_terminate": true,
          "disable_update_check": true,
          "log_level": "INFO",
          "node_meta": {"booty_scenario": "%6$s", "booty_dc": "%7$s"},
        %8$s
          "ports": {"http": -1, "https": 8500, "dns": -1, "grpc": -1, "grpc_tls": -1,
                    "serf_lan": 8301, "serf_wan": -1, "server": 8300}
        }
        """
        .formatted(
            json(nodeName()),
            json(stack.consulDatacenter()),
            layout.data("consul"),
            address,
            json(stack.consulSerfLan()),
            json(scenario),
            json(dataCenter),
            AgentSecurityConfig.consulClientJson(
                json(s.consulGossipKey()),
                json(s.consulAgentToken()),
                layout.install(CA).toString(),
                layout.install(CERTIFICATE).toString(),
                layout.install(KEY).toString()));
  }

  /** The Consul agent: {@code consul agent -config-file=...}. */
  HostInstall.Service consulService(String consulBinary, HostInstall.Layout layout) {
    return new HostInstall.Service(
        "consul", List.of(consulBinary, "agent", "-config-file=" + layout.install(CONSUL_CONFIG)));
  }

  /** The Nomad client: {@code nomad agent -config=...}. */
  HostInstall.Service nomadService(String nomadBinary, HostInstall.Layout layout) {
    return new HostInstall.Service(
        "nomad", List.of(nomadBinary, "agent", "-config=" + layout.install(NOMAD_CONFIG)));
  }

  /**
   * A shell command that waits (at most {@code seconds}) until the host's Consul agent answers on
   * HTTPS, and fails when it does not: Nomad fingerprints its Consul agent once at start, and only
   * again much later, so Nomad starts after Consul answers.
   */
  String awaitConsul(String consulBinary, HostInstall.Layout layout, int seconds) {
    String q = SshConnection.quote(consulBinary);
    return "export CONSUL_CACERT="
        + SshConnection.quote(layout.install(CA))
        + " CONSUL_HTTP_TOKEN_FILE="
        + SshConnection.quote(layout.install(READER_TOKEN))
        + "; i=0; until "
        + q
        + " info -http-addr="
        + SshConnection.quote(consulHttps())
        + " >/dev/null 2>&1; do i=$((i+1)); [ $i -ge "
        + seconds * 5
        + " ] && exit 1; sleep 0.2; done";
  }

  private static String hcl(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
