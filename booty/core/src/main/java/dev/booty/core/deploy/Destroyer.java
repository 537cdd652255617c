package dev.booty.core.deploy;

import static dev.booty.core.deploy.Deployer.plugin;
import static dev.booty.core.deploy.Deployer.run;

import dev.booty.api.DnsProvider;
import dev.booty.api.HostingProvider;
import dev.booty.api.WanEmulation;
import dev.booty.core.BootyException;
import dev.booty.core.nomad.JobMeta;
import dev.booty.core.nomad.JobRunner;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.plugin.BootyPluginContext;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code booty destroy}: removes what the scenario's state records, in reverse (jobs, data centres,
 * the WAN, the files), so it also works after the file changed.
 */
final class Destroyer {
  private final Deployer.Environment env;
  private final Consumer<String> progress;
  private final Duration timeout;

  Destroyer(Deployer.Environment env, Consumer<String> progress, Duration timeout) {
    this.env = env;
    this.progress = progress;
    this.timeout = timeout;
  }

  /**
   * Removes what the scenario's state records, or, when a deploy failed before recording it, what
   * the scenario file would have made ({@code file} may be null); returns what it did.
   */
  List<String> destroy(
      String scenario,
      Scenario file,
      Function<String, HostingProvider> hostingById,
      Function<String, DnsProvider> dnsById) {
    Path home = env.home().root();
    DeploymentState state =
        DeploymentState.read(home, scenario)
            .or(() -> Optional.ofNullable(file).map(this::assumed))
            .orElseThrow(
                () ->
                    BootyException.usage(
                        "scenario "
                            + scenario
                            + " is not deployed (no "
                            + home.resolve("scenarios").resolve(scenario)
                            + ")"));
    HostingProvider hosting = hostingById.apply(state.hosting());
    PluginJobs jobs =
        new PluginJobs(
            env.nomad(), new JobRunner(env.nomad(), env.store(), progress), Map.of(), timeout);
    BootyPluginContext base =
        new BootyPluginContext(
            env.home(),
            env.store(),
            new BootyPluginContext.Deployment(
                scenario, DeploymentState.dir(home, scenario), env.endpoints().asMap(), jobs),
            progress);
    BootyPluginContext hostingCtx = base.forPlugin(state.hosting());
    List<String> done = new ArrayList<>();
    for (String job : state.jobs()) {
      if (jobs.stop(job)) {
        done.add("stopped job " + job);
      }
    }
    // the creds booty handed the agents, the runs' clients and watchdog through Nomad Variables
    for (String prefix :
        List.of(
            Agents.secretsPath(scenario),
            Agents.secretsPathOf(scenario + "-watchdog"),
            Agents.secretsPathOf(scenario + "-clients-"))) {
      for (String path : env.nomad().variablePaths(prefix)) {
        if (env.nomad().deleteVariable(path)) {
          done.add("deleted the creds in variable " + path);
        }
      }
    }
    if (state.dns() != null && state.zone() != null) {
      // what a cloud made is known only to the plugin's records, which go with the scenario's
      // folder below: withdrawn first, and a failure keeps them for the next destroy
      DnsProvider dns = dnsById.apply(state.dns());
      BootyPluginContext dnsCtx = base.forPlugin(state.dns());
      plugin(state.dns(), run(() -> dns.withdraw(state.zone(), dnsCtx)));
      done.add("withdrew " + state.zone() + " from dns " + state.dns());
    }
    for (DeploymentState.DataCentre dc : state.dataCenters().reversed()) {
      plugin(state.hosting(), run(() -> hosting.release(dc.name(), hostingCtx)));
      done.add("released data centre " + dc.name());
    }
    if (hosting instanceof WanEmulation wan) {
      plugin(state.hosting(), run(() -> wan.disconnect(hostingCtx)));
      done.add("removed the WAN links");
    }
    try {
      // the state goes last: a destroy that fails half-way can be run again
      Path dir = DeploymentState.dir(home, scenario);
      Path stateFile = dir.resolve("state.json");
      try (var files = Files.list(dir)) {
        for (Path p : files.filter(p -> !p.equals(stateFile)).toList()) {
          FileTrees.deleteRecursively(p);
        }
      } catch (NoSuchFileException e) {
        // nothing was written
      }
      FileTrees.deleteRecursively(dir);
    } catch (IOException e) {
      throw BootyException.failure("cannot remove the scenario's files: " + e.getMessage());
    }
    return done;
  }

  /** What a deploy of this file makes, for destroying one that failed before recording it. */
  private DeploymentState assumed(Scenario s) {
    Map<String, Integer> indexes = DeploymentPlanner.indexes(s, null);
    List<DeploymentState.DataCentre> dcs = new ArrayList<>();
    s.datacenters()
        .forEach(
            d ->
                dcs.add(
                    new DeploymentState.DataCentre(d.name(), indexes.get(d.name()), d.servers())));
    // the cluster's jobs: those booty submitted for this scenario, minus the hosting plugin's own
    // (its release and disconnect remove those)
    List<String> jobIds = new ArrayList<>();
    for (NomadApi.JobSummary j : env.nomad().jobs()) {
      var job = env.nomad().job(j.id());
      var meta = job == null ? null : job.path("Meta");
      if (meta != null
          && s.name().equals(meta.path(JobMeta.SCENARIO).asText())
          && !Set.of("dc-agent", "wan").contains(meta.path("booty_role").asText())) {
        jobIds.add(j.id());
      }
    }
    return new DeploymentState(
        s.name(),
        s.file().toString(),
        s.plugins().hosting(),
        s.plugins().cluster(),
        true,
        dcs,
        jobIds,
        null,
        s.plugins().dns(),
        s.dns() == null ? null : s.dns().zone());
  }
}
