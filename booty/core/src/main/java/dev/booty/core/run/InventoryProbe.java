package dev.booty.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.WanEmulation;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.Command;
import dev.booty.core.backchannel.protocol.CommandClient;
import dev.booty.core.backchannel.protocol.Nodes;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.scenario.ClientGroup;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.verdict.Inventory;
import io.nats.client.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Works out a deployed scenario's {@link Inventory}: its servers from the cluster's endpoints, the
 * node and monitoring address of each from the booty agents that report them, the Nomad job of each
 * from the deployment state.
 */
final class InventoryProbe {
  private final Deployer.Environment env;
  private final Consumer<String> progress;
  private final Clock clock = Clock.systemUTC();

  InventoryProbe(Deployer.Environment env, Consumer<String> progress) {
    this.env = env;
    this.progress = progress;
  }

  /** Servers from the cluster's endpoints; their agents' nodes and monitoring from the agents. */
  public Inventory inventory(Scenario s, Deployer.Result deployed, Connection nc)
      throws InterruptedException {
    Map<String, String> nomadDcs = new LinkedHashMap<>();
    for (HostedDataCenter h : deployed.hosted()) {
      nomadDcs.put(h.name(), h.nomadDatacenter());
    }
    Map<String, String> nodeOf = new LinkedHashMap<>();
    Map<String, String> monitorOf = new LinkedHashMap<>();
    int want = deployed.endpoints().size();
    Instant deadline = clock.instant().plus(Duration.ofSeconds(60));
    while (monitorOf.size() < want && clock.instant().isBefore(deadline)) {
      for (Nodes.Heard h : Nodes.listen(nc, Duration.ofMillis(2500), progress)) {
        if (!s.name().equals(h.heartbeat().scenario())) {
          continue;
        }
        CommandClient.Outcome o =
            CommandClient.send(
                    nc,
                    List.of(new CommandClient.Target(h.node(), h.dc())),
                    new Command.Status(),
                    Duration.ofSeconds(5))
                .getFirst();
        if (o.state() != CommandClient.State.OK) {
          continue;
        }
        for (JsonNode server : o.result().path("servers")) {
          nodeOf.put(server.path("name").asText(), h.node());
          monitorOf.put(server.path("name").asText(), server.path("monitorUrl").asText());
        }
      }
    }
    Map<String, String> jobOf = serverJobs(s);
    List<Inventory.Server> servers = new ArrayList<>();
    for (WanEmulation.Endpoint e : deployed.endpoints()) {
      String name = e.name();
      if (!monitorOf.containsKey(name)) {
        throw BootyException.failure(
            "no booty agent reports server "
                + name
                + " of "
                + s.name()
                + " (heard: "
                + monitorOf.keySet()
                + "); is the scenario deployed from bin/booty, with its agents?");
      }
      servers.add(
          new Inventory.Server(
              name,
              e.dataCenter(),
              e.hostName(),
              e.address(),
              monitorOf.get(name),
              jobOf.get(name),
              nodeOf.get(name)));
    }
    Map<String, Long> rtt = new LinkedHashMap<>();
    for (String a : s.datacenterNames()) {
      for (String b : s.datacenterNames()) {
        if (!a.equals(b)) {
          rtt.put(a + "->" + b, s.rtt(a, b).toMillis());
        }
      }
    }
    List<Inventory.ClientJob> clients = new ArrayList<>();
    for (ClientGroup g : s.clients()) {
      clients.add(new Inventory.ClientJob(g.datacenter(), ClientJobs.jobId(s, g), g.perTask()));
    }
    int clientPort = Integer.parseInt(s.cluster().options().getOrDefault("clientPort", "4222"));
    Map<String, String> seenAs = new java.util.TreeMap<>();
    deployed
        .names()
        .values()
        .forEach(
            view ->
                view.forEach((host, address) -> seenAs.putIfAbsent(address, host.split("\\.")[0])));
    return new Inventory(
        s.name(),
        s.plugins().hosting(),
        s.datacenterNames(),
        nomadDcs,
        servers,
        rtt,
        clientPort,
        clients,
        seenAs);
  }

  /** Which of the scenario's jobs runs each server (a group named after it). */
  private Map<String, String> serverJobs(Scenario s) {
    Map<String, String> out = new LinkedHashMap<>();
    DeploymentState state =
        DeploymentState.read(env.home().root(), s.name())
            .orElseThrow(() -> BootyException.failure(s.name() + " has no deployment state"));
    for (String id : state.jobs()) {
      JsonNode job = env.nomad().job(id);
      if (job == null) {
        continue;
      }
      for (JsonNode g : job.path("TaskGroups")) {
        out.put(g.path("Name").asText(), id);
      }
    }
    return out;
  }
}
