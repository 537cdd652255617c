package dev.booty.plugins.local;

import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents of one emulated data centre: a Consul client and a Nomad client on the DC's own
 * address, run by the stack's Nomad as the job {@code SCENARIO-dc-DC} (jobs/local-dc.nomad.hcl).
 *
 * <p>Each DC has its own Consul client because a Nomad client removes from its Consul agent every
 * Nomad service it does not know itself: two Nomad clients sharing one agent would keep removing
 * each other's services.
 */
final class DataCentreAgents {
  static final String TEMPLATE = "/jobs/local-dc.nomad.hcl";

  private final PluginContext ctx;
  private final String dc;
  private final String address;
  private final Path dir;

  DataCentreAgents(PluginContext ctx, String dc, String address) {
    this.ctx = ctx;
    this.dc = dc;
    this.address = address;
    this.dir = ctx.workDir().resolve("dc-" + dc);
  }

  static String jobId(PluginContext ctx, String dc) {
    return ctx.scenario() + "-dc-" + dc;
  }

  /** The node name of both agents: unique across scenarios sharing one stack. */
  String nodeName() {
    return ctx.scenario() + "-" + dc;
  }

  Path dir() {
    return dir;
  }

  Path hostsFile() {
    return dir.resolve("hosts");
  }

  Path resolvFile() {
    return dir.resolve("resolv.conf");
  }

  /** Writes the agents' configs (and a first hosts file), then runs their job. */
  void start() throws IOException {
    Files.createDirectories(dir.resolve("nomad"));
    Files.createDirectories(dir.resolve("consul"));
    if (!Files.exists(hostsFile())) {
      HostsFiles.write(hostsFile(), Map.of());
    }
    if (!Files.exists(resolvFile())) {
      ResolvFiles.write(resolvFile(), List.of());
    }
    Optional<AgentSecurity> security = AgentSecurity.prepare(ctx, address, dir);
    writePrivate(dir.resolve("nomad.hcl"), nomadConfig(security));
    writePrivate(dir.resolve("consul.json"), consulConfig(security));
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("nomad", binary("nomad"));
    vars.put("consul", binary("consul"));
    vars.put("data_center", dc);
    vars.put("nomad_config", dir.resolve("nomad.hcl").toString());
    vars.put("consul_config", dir.resolve("consul.json").toString());
    vars.put("consul_http", consulHttp(security));
    vars.put("consul_ca", security.map(a -> a.cert().caCertificate().toString()).orElse(""));
    vars.put("consul_token_file", security.map(a -> a.readerTokenFile().toString()).orElse(""));
    // the configs are files the job names: their digest makes a changed config restart the agents
    vars.put(
        "config_digest",
        digest(
            Files.readString(dir.resolve("nomad.hcl"))
                + Files.readString(dir.resolve("consul.json"))));
    vars.put("hosts_file", hostsFile().toString());
    vars.put("resolv_file", resolvFile().toString());
    vars.put("datacenters", "[" + Http.quote(endpoint("nomad.datacenter")) + "]");
    ctx.runJob(
        new NomadJob(jobId(ctx, dc), NomadJob.template(DataCentreAgents.class, TEMPLATE), vars));
  }

  private String consulHttp(Optional<AgentSecurity> security) {
    return (security.isPresent() ? "https://" : "http://") + address + ":8500";
  }

  private static String digest(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code text} to {@code file}, readable by booty's user only (mode 600). */
  static void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text);
  }

  String nomadConfig(Optional<AgentSecurity> security) {
    String docker = ctx.endpoints().get("docker.socket");
    return """
        # rendered by booty's local hosting plugin for data centre %1$s
        name                 = "%2$s"
        datacenter           = "%1$s"
        region               = "global"
        data_dir             = "%3$s"
        bind_addr            = "%4$s"
        disable_update_check = true
        log_level            = "INFO"

        ports {
          http = 4646
        }

        advertise {
          http = "%4$s"
          rpc  = "%4$s"
          serf = "%4$s"
        }

        client {
          enabled           = true
          servers           = ["%5$s"]
          network_interface = "lo"
          cgroup_parent     = "booty-%2$s"
          options = {
            "fingerprint.denylist" = "env_aws,env_gce,env_azure,env_digitalocean"
          }
          meta {
            booty_scenario = "%6$s"
            booty_dc       = "%1$s"
            booty_consul   = "%8$s"
            booty_home     = "%11$s"
            booty_launcher = "%12$s"%9$s
          }
        }

        plugin "raw_exec" {
          config {
            enabled = true
          }
        }
        %7$s
        %10$s
        """
        .formatted(
            dc,
            nodeName(),
            dir.resolve("nomad"),
            address,
            endpoint("nomad.rpc"),
            ctx.scenario(),
            docker == null
                ? ""
                : """

                plugin "docker" {
                  config {
                    endpoint = "unix://%s"
                    volumes {
                      enabled = false
                    }
                  }
                }
                """
                    .formatted(docker),
            consulHttp(security),
            security.map(AgentSecurity::nodeMeta).orElse(""),
            security
                .map(AgentSecurity::nomadSecurity)
                .orElse("consul {\n  address = \"" + address + ":8500\"\n}\n"),
            ctx.home(),
            // booty's agents and clients run from this machine's distribution
            ctx.distribution().map(d -> d.resolve("bin").resolve("booty").toString()).orElse(""));
  }

  String consulConfig(Optional<AgentSecurity> security) {
    return """
        {
          "node_name": "%s",
          "datacenter": "%s",
          "server": false,
          "data_dir": "%s",
          "bind_addr": "%s",
          "client_addr": "%s",
          "advertise_addr": "%s",
          "retry_join": ["%s"],
          "leave_on_terminate": true,
          "disable_update_check": true,
          "log_level": "INFO",
          "node_meta": {"booty_scenario": "%s", "booty_dc": "%s"},%s
          "ports": {%s, "dns": -1, "grpc": -1, "grpc_tls": -1, "serf_lan": 8301,
                    "serf_wan": -1, "server": 8300}
        }
        """
        .formatted(
            nodeName(),
            endpoint("consul.datacenter"),
            dir.resolve("consul"),
            address,
            address,
            address,
            endpoint("consul.serf-lan"),
            ctx.scenario(),
            dc,
            security.map(AgentSecurity::consulSecurity).orElse(""),
            security.isPresent() ? "\"http\": -1, \"https\": 8500" : "\"http\": 8500");
  }

  private String endpoint(String name) {
    String v = ctx.endpoints().get(name);
    if (v == null) {
      throw new IllegalStateException("the stack does not report its " + name + "; is it up?");
    }
    return v;
  }

  private String binary(String component) {
    return ctx.binary(component)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    component + " is not installed; run 'booty install " + component + "'"))
        .toString();
  }
}
