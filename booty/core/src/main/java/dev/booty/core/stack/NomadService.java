package dev.booty.core.stack;

import dev.booty.api.AgentSecurityConfig;
import dev.booty.api.StackHttp;
import dev.booty.api.StackSecurity.IssuedCertificate;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.security.AclSetup;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nomad: one agent that is both server and client, raw_exec enabled, registering job services in
 * the stack's Consul.
 *
 * <p>The cloud metadata fingerprinters are denied: they probe cloud endpoints this machine cannot
 * reach, and the AWS one fails the whole client when {@code AWS_CA_BUNDLE} is set (seen here:
 * "unable to add custom RootCAs HTTPClient"), so that variable is also removed from Nomad's
 * environment.
 */
public final class NomadService {
  public static final String NAME = "nomad";

  private NomadService() {}

  /** The Nomad UI's token behind the front door, made once Nomad's ACLs are bootstrapped. */
  public static Path operatorTokenFile(StackCredentials creds) {
    return creds.ca().certificateFile().resolveSibling("nomad-operator.token");
  }

  /**
   * ACLs on (anonymous requests refused), and TLS from booty's CA on RPC and HTTP, both verifying
   * the other side; servers and clients are checked by their role names ({@code
   * server.global.nomad}, {@code client.global.nomad}).
   */
  public static String security(IssuedCertificate cert) {
    return AgentSecurityConfig.nomadAclAndTls(
        cert.caCertificate().toString(), cert.certificate().toString(), cert.key().toString());
  }

  /** {@code dockerSocket}: Podman's API socket for the docker driver, or null without Podman. */
  public static ServiceSpec describe(StackContext ctx, Path dockerSocket, StackCredentials creds)
      throws IOException {
    InstalledVersion nomad = ctx.installed("nomad");
    Path dir = ctx.serviceDir(NAME);
    Files.createDirectories(dir.resolve("data"));
    StackPorts p = ctx.ports();
    StackNetwork net = ctx.network();
    List<String> names = new ArrayList<>(List.of("server.global.nomad", "client.global.nomad"));
    names.addAll(net.certificateNames());
    IssuedCertificate cert = creds.serviceCertificate("nomad", names, dir.resolve("tls"));
    String hcl =
        """
        # rendered by booty up; changes are overwritten
        name         = "booty"
        datacenter   = "booty"
        region       = "global"
        data_dir     = "%s"
        bind_addr    = "127.0.0.1"
        disable_update_check = true
        log_level    = "INFO"

        ports {
          http = %d
          rpc  = %d
          serf = %d
        }

        # RPC and gossip where other hosts' agents reach them (booty up --advertise); HTTP on loopback
        addresses {
          http = "%s"
          rpc  = "%s"
          serf = "%s"
        }

        advertise {
          http = "%s"
          rpc  = "%s"
          serf = "%s"
        }

        server {
          enabled          = true
          bootstrap_expect = 1
          encrypt          = "%s"
        }

        client {
          enabled           = true
          network_interface = "lo"
          options = {
            "fingerprint.denylist" = "env_aws,env_gce,env_azure,env_digitalocean"
          }
        }

        plugin "raw_exec" {
          config {
            enabled = true
          }
        }

        consul {
          address   = "127.0.0.1:%d"
          ssl       = true
          ca_file   = "%s"
          cert_file = "%s"
          key_file  = "%s"
          token     = "%s"
        }
        %s
        %s

        telemetry {
          prometheus_metrics         = true
          publish_node_metrics       = true
          publish_allocation_metrics = true
          collection_interval        = "5s"
          disable_hostname           = true
        }
        """
            .formatted(
                dir.resolve("data"),
                p.get("nomad.http"),
                p.get("nomad.rpc"),
                p.get("nomad.serf"),
                net.host("nomad.http"),
                net.host("nomad.rpc"),
                net.host("nomad.serf"),
                net.host("nomad.http"),
                net.host("nomad.rpc"),
                net.host("nomad.serf"),
                creds.secrets().gossipKey(),
                p.get("consul.http"),
                cert.caCertificate(),
                cert.certificate(),
                cert.key(),
                creds.secrets().consulNomad(),
                security(cert),
                dockerSocket == null
                    ? ""
                    : """
                    plugin "docker" {
                      config {
                        endpoint = "unix://%s"
                        allow_privileged = false
                        volumes {
                          enabled = false
                        }
                      }
                    }
                    """
                        .formatted(dockerSocket));
    Path file = dir.resolve("nomad.hcl");
    FileTrees.writeAtomically(file, hcl, true);

    Map<String, String> env = new HashMap<>();
    env.put("AWS_CA_BUNDLE", null);
    String http = "https://127.0.0.1:" + p.get("nomad.http");
    StackHttp client = StackHttp.of(Optional.of(creds.security()));
    HealthCheck leader =
        HealthCheck.http(
                client.client(),
                () -> client.nomad(http + "/v1/status/leader"),
                http + "/v1/status/leader",
                body -> body.strip().length() > 2,
                "leader elected")
            .thenOnce(
                "ACLs bootstrapped",
                () -> AclSetup.nomad(client, http, creds.secrets(), operatorTokenFile(creds)));
    HealthCheck readyNode =
        HealthCheck.http(
            client.client(),
            () -> client.nomad(http + "/v1/nodes"),
            http + "/v1/nodes",
            body -> body.contains("\"Status\":\"ready\""),
            "a ready node");
    return new ServiceSpec(
        NAME,
        "nomad",
        nomad.version(),
        List.of(ctx.binary(nomad).toString(), "agent", "-config=" + file),
        env,
        dir,
        ConsulService.ports(p, "nomad.http", "nomad.rpc", "nomad.serf"),
        http,
        () -> {
          HealthCheck.Result l = leader.probe();
          return l.ok() ? readyNode.probe() : l;
        },
        dockerSocket == null
            ? List.of(ConsulService.NAME)
            : List.of(ConsulService.NAME, PodmanService.NAME));
  }
}
