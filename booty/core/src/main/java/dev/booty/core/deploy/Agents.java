package dev.booty.core.deploy;

import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.core.BootyException;
import dev.booty.core.stack.NatsTrust;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * booty's agents on a scenario's nodes (jobs/booty-agent.nomad.hcl, a system job): each node gets
 * creds of its own, which let it heartbeat, publish its telemetry and answer its own commands and
 * nothing else (docs/backchannel.md). The agent is booty itself, so it runs from the distribution's
 * launcher ({@code booty.launcher}, set by bin/booty).
 */
public final class Agents {
  static final String TEMPLATE = "/jobs/booty-agent.nomad.hcl";
  static final String LAUNCHER = "booty.launcher";

  private Agents() {}

  static String jobId(String scenario) {
    return scenario + "-agents";
  }

  /** The agents' job (its creds files come from {@link #writeCreds}); null without a launcher. */
  static NomadJob job(
      String scenario,
      List<HostedDataCenter> dataCenters,
      StackEndpoints endpoints,
      Path dir,
      String natsServer) {
    String launcher = System.getProperty(LAUNCHER);
    if (launcher == null || launcher.isBlank()) {
      return null;
    }
    List<String> dcs = dataCenters.stream().map(HostedDataCenter::nomadDatacenter).toList();
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("booty", launcher);
    vars.put("control_plane", endpoints.natsUrl());
    vars.put("creds_dir", dir.toString());
    vars.put("scenario", scenario);
    vars.put("nats_server", natsServer);
    vars.put(
        "datacenters",
        dcs.stream()
            .map(d -> "\"" + d + "\"")
            .reduce((a, b) -> a + ", " + b)
            .map(l -> "[" + l + "]")
            .orElse("[]"));
    return new NomadJob(jobId(scenario), template(), vars);
  }

  /** A creds file per node under {@code dir}: each agent may speak for its own node only. */
  static void writeCreds(
      String scenario, List<HostedDataCenter> dataCenters, StackEndpoints endpoints, Path dir) {
    NatsTrust trust = NatsTrust.ensure(endpoints.natsKeys());
    try {
      for (HostedDataCenter dc : dataCenters) {
        String node = dc.attributes().getOrDefault("node", scenario + "-" + dc.name());
        FileTrees.writeAtomically(dir.resolve(node + ".creds"), trust.agentCreds(node), true);
      }
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot write the agents' creds in " + dir + ": " + e.getMessage());
    }
  }

  private static String template() {
    return template(TEMPLATE);
  }

  /** A job template booty's own jar carries ({@code /jobs/...}): the agents', the runs'. */
  public static String template(String resource) {
    return NomadJob.template(Agents.class, resource);
  }
}
