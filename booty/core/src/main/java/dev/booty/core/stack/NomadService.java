package dev.booty.core.stack;

import dev.booty.core.install.InstalledVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /** {@code dockerSocket}: Podman's API socket for the docker driver, or null without Podman. */
  public static ServiceSpec describe(StackContext ctx, Path dockerSocket) throws IOException {
    InstalledVersion nomad = ctx.installed("nomad");
    Path dir = ctx.serviceDir(NAME);
    Files.createDirectories(dir.resolve("data"));
    StackPorts p = ctx.ports();
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

        advertise {
          http = "127.0.0.1"
          rpc  = "127.0.0.1"
          serf = "127.0.0.1"
        }

        server {
          enabled          = true
          bootstrap_expect = 1
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
          address = "127.0.0.1:%d"
        }
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
                p.get("consul.http"),
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
    Files.writeString(file, hcl);

    Map<String, String> env = new HashMap<>();
    env.put("AWS_CA_BUNDLE", null);
    String http = "http://127.0.0.1:" + p.get("nomad.http");
    HealthCheck leader =
        HealthCheck.http(
            http + "/v1/status/leader", body -> body.strip().length() > 2, "leader elected");
    HealthCheck readyNode =
        HealthCheck.http(
            http + "/v1/nodes", body -> body.contains("\"Status\":\"ready\""), "a ready node");
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
