package dev.booty.core.deploy;

import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.core.stack.NatsTrust;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * booty's agents on a scenario's nodes (jobs/booty-agent.nomad.hcl, a system job): each node gets
 * creds of its own, which let it heartbeat, publish its telemetry and answer its own commands and
 * nothing else (docs/backchannel.md). The agent is booty itself: it runs booty's launcher as the
 * node has it (node meta {@code booty_launcher}, which the hosting plugin sets), and only when this
 * booty runs from a distribution ({@code booty.launcher}, set by bin/booty), which hosting plugins
 * copy to remote hosts. The creds reach each node through a Nomad Variable ({@link #secretsPath}),
 * so a node needs no file from this machine.
 */
public final class Agents {
  static final String TEMPLATE = "/jobs/booty-agent.nomad.hcl";
  static final String LAUNCHER = "booty.launcher";

  private Agents() {}

  static String jobId(String scenario) {
    return scenario + "-agents";
  }

  /** The Nomad Variable with each node's creds: readable by the agents' tasks only. */
  static String secretsPath(String scenario) {
    return secretsPathOf(jobId(scenario));
  }

  /** A job's own Nomad Variable ({@code nomad/jobs/JOB}): only that job's tasks may read it. */
  public static String secretsPathOf(String jobId) {
    return "nomad/jobs/" + jobId;
  }

  /**
   * The agents' job (its creds come from {@link #creds}); null without a launcher.
   *
   * @param natsServer the nats-server binary as the nodes find it ({@code ${meta.booty_home}/...})
   */
  static NomadJob job(
      String scenario,
      List<HostedDataCenter> dataCenters,
      StackEndpoints endpoints,
      String natsServer) {
    String launcher = System.getProperty(LAUNCHER);
    if (launcher == null || launcher.isBlank()) {
      return null;
    }
    List<String> dcs = dataCenters.stream().map(HostedDataCenter::nomadDatacenter).toList();
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("secrets", secretsPath(scenario));
    vars.put("control_plane", endpoints.natsUrl());
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

  /**
   * Creds per node (the variable's items, by Nomad node name): each agent may speak for its own
   * node only.
   */
  static Map<String, String> creds(
      String scenario, List<HostedDataCenter> dataCenters, StackEndpoints endpoints) {
    NatsTrust trust = NatsTrust.ensure(endpoints.natsKeys());
    Map<String, String> items = new LinkedHashMap<>();
    for (HostedDataCenter dc : dataCenters) {
      for (String node : nodes(scenario, dc)) {
        items.put(node, trust.agentCreds(node));
      }
    }
    return items;
  }

  /**
   * A data centre's Nomad nodes as its hosting plugin names them: attribute {@code nodes} (a comma
   * list, one per host), else {@code node}, else local hosting's {@code SCENARIO-DC}.
   */
  static List<String> nodes(String scenario, HostedDataCenter dc) {
    String nodes = dc.attributes().get("nodes");
    if (nodes != null && !nodes.isBlank()) {
      return java.util.Arrays.stream(nodes.split(",")).map(String::strip).toList();
    }
    return List.of(dc.attributes().getOrDefault("node", scenario + "-" + dc.name()));
  }

  /**
   * A binary under booty's home as every node finds it: {@code ${meta.booty_home}/RELATIVE} (the
   * hosting plugin sets {@code booty_home}: this home for local data centres, the install root on a
   * remote host, both with the home's {@code components/} layout); elsewhere, as it is.
   */
  static String onNode(Path home, Path binary) {
    Path abs = binary.toAbsolutePath().normalize();
    Path root = home.toAbsolutePath().normalize();
    return abs.startsWith(root) ? "${meta.booty_home}/" + root.relativize(abs) : binary.toString();
  }

  private static String template() {
    return template(TEMPLATE);
  }

  /** A job template booty's own jar carries ({@code /jobs/...}): the agents', the runs'. */
  public static String template(String resource) {
    return NomadJob.template(Agents.class, resource);
  }
}
