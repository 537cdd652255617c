package dev.booty.core.stack;

import dev.booty.api.StackHttp;
import dev.booty.api.StackSecurity.IssuedCertificate;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.security.AclSetup;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.security.StackSecrets;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consul: a single server with the UI and DNS on, bound to loopback (its RPC and LAN gossip to the
 * advertised address when there is one, {@link StackNetwork}). Secured: ACLs with default deny
 * (booty's management token as {@code initial_management}), gossip encryption, and TLS from booty's
 * CA on RPC and HTTPS, both asking for a client certificate. Its HTTP port serves HTTPS only.
 */
public final class ConsulService {
  public static final String NAME = "consul";

  private ConsulService() {}

  public static ServiceSpec describe(StackContext ctx, StackCredentials creds) throws IOException {
    InstalledVersion consul = ctx.installed("consul");
    Path dir = ctx.serviceDir(NAME);
    Files.createDirectories(dir.resolve("data"));
    StackPorts p = ctx.ports();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("datacenter", "booty");
    config.put("node_name", "booty");
    config.put("server", true);
    config.put("bootstrap_expect", 1);
    config.put("data_dir", dir.resolve("data").toString());
    StackNetwork net = ctx.network();
    // server RPC and LAN gossip where other hosts' agents reach them (booty up --advertise);
    // HTTP, DNS, gRPC and the WAN gossip (no other data centre joins) stay on loopback
    config.put("bind_addr", net.host("consul.server"));
    config.put("serf_lan", net.host("consul.serf-lan"));
    config.put("serf_wan", StackNetwork.LOOPBACK);
    config.put("client_addr", StackNetwork.LOOPBACK);
    config.put("advertise_addr", net.host("consul.server"));
    config.put("advertise_addr_wan", StackNetwork.LOOPBACK);
    config.put("ui_config", Map.of("enabled", true));
    config.put("disable_update_check", true);
    config.put("log_level", "INFO");
    // the default multiplier (5) is for slow networks; on loopback it only delays the election
    config.put("performance", Map.of("raft_multiplier", 1));
    config.put("telemetry", Map.of("prometheus_retention_time", "60s", "disable_hostname", true));
    StackSecrets secrets = creds.secrets();
    List<String> names = new ArrayList<>(List.of("server.booty.consul"));
    names.addAll(net.certificateNames());
    IssuedCertificate cert = creds.serviceCertificate("consul", names, dir.resolve("tls"));
    config.put("encrypt", secrets.gossipKey());
    config.put(
        "acl",
        Map.of(
            "enabled",
            true,
            "default_policy",
            "deny",
            "down_policy",
            "extend-cache",
            "enable_token_persistence",
            true,
            "tokens",
            Map.of(
                "initial_management", secrets.consulManagement(),
                "agent", secrets.consulAgent())));
    config.put("tls", tls(cert));
    config.put(
        "ports",
        Map.of(
            "http", -1,
            "https", p.get("consul.http"),
            "dns", p.get("consul.dns"),
            "grpc", p.get("consul.grpc"),
            "server", p.get("consul.server"),
            "serf_lan", p.get("consul.serf-lan"),
            "serf_wan", p.get("consul.serf-wan"),
            // off: its default (8503) is a port booty would not own, and nothing needs TLS here
            "grpc_tls", -1));
    Path file = dir.resolve("consul.json");
    Json.MAPPER.writeValue(file.toFile(), config);

    String http = "https://127.0.0.1:" + p.get("consul.http");
    StackHttp client = StackHttp.of(Optional.of(creds.security()));
    return new ServiceSpec(
        NAME,
        "consul",
        consul.version(),
        List.of(ctx.binary(consul).toString(), "agent", "-config-file=" + file),
        Map.of(),
        dir,
        ports(
            p,
            "consul.http",
            "consul.dns",
            "consul.grpc",
            "consul.server",
            "consul.serf-lan",
            "consul.serf-wan"),
        http,
        HealthCheck.http(
                client.client(),
                () -> client.consul(http + "/v1/status/leader"),
                http + "/v1/status/leader",
                body -> body.strip().length() > 2,
                "leader elected")
            .thenOnce("ACL tokens in place", () -> AclSetup.consul(client, http, secrets)),
        List.of());
  }

  /**
   * Consul's TLS settings for an agent with {@code cert}: RPC and HTTPS verify both sides against
   * booty's CA; servers are checked by name ({@code server.booty.consul}).
   */
  public static Map<String, Object> tls(IssuedCertificate cert) {
    return Map.of(
        "defaults",
        Map.of(
            "ca_file", cert.caCertificate().toString(),
            "cert_file", cert.certificate().toString(),
            "key_file", cert.key().toString(),
            "verify_incoming", true,
            "verify_outgoing", true),
        "internal_rpc",
        Map.of("verify_server_hostname", true));
  }

  static Map<String, Integer> ports(StackPorts p, String... names) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, p.get(n));
    }
    return m;
  }
}
