package dev.booty.core.deploy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.booty.api.DnsProvider;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.WanEmulation.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code booty deploy} will do, worked out before anything is made ({@link
 * DeploymentPlanner}); {@link Deployer#apply} executes it and nothing else. {@code booty deploy
 * --plan} prints it ({@link #lines()}, or the record itself with {@code --json}).
 *
 * @param version the nats-server version the cluster runs
 * @param deployedAt when the last deploy applied, null on a first deploy
 * @param dataCentres those of the file (added or kept) in its order, then those removed
 * @param wan every pair of data centres with its round trip, when the hosting emulates the WAN
 * @param endpoints what the data centres reach of each other (the cluster's servers)
 * @param names for each data centre, what each endpoint's host name resolves to there
 * @param jobs the cluster's jobs to run in submission order, then those to stop
 * @param agents booty's agents on the data centres' nodes
 */
public record DeploymentPlan(
    String scenario,
    String file,
    String hosting,
    String cluster,
    String version,
    String driver,
    String deployedAt,
    List<DataCentre> dataCentres,
    List<WanLink> wan,
    List<Endpoint> endpoints,
    Map<String, Map<String, String>> names,
    List<Job> jobs,
    AgentsJob agents,
    DnsSection dns) {

  /** What happens to a data centre. */
  public enum DataCentreAction {
    ADD,
    KEEP,
    REMOVE
  }

  /** What happens to a job: Nomad's copy is compared by its spec hash. */
  public enum JobAction {
    CREATE,
    UPDATE,
    /** Nomad runs a job that something else changed ({@link Drift}): submitted again as is. */
    RESTORE,
    UNCHANGED,
    STOP
  }

  /**
   * A data centre, with the index that keeps its addresses stable.
   *
   * @param hosted what the hosting plugin will provision, null for one removed
   */
  public record DataCentre(
      String name,
      int index,
      int servers,
      DataCentreAction action,
      Map<String, String> options,
      HostedDataCenter hosted) {}

  /**
   * A WAN link between two data centres.
   *
   * @param listed whether the scenario lists the pair ({@code wan:}); a pair not listed has no
   *     added latency, but its link exists all the same
   */
  public record WanLink(String a, String b, long rttMillis, boolean listed) {}

  /**
   * A job of the cluster.
   *
   * @param dataCentre the data centre it runs in, null when it spans several
   * @param spec the hash of its text and variables, as booty records it in the job's meta; null for
   *     a job to stop
   */
  public record Job(
      String id, String dataCentre, String spec, JobAction action, @JsonIgnore NomadJob job) {}

  /**
   * booty's agents: one per data centre node, run once the servers pass.
   *
   * @param missing why no agent runs (booty runs outside its distribution), null when they run
   */
  public record AgentsJob(
      String id, List<String> nodes, String spec, String missing, @JsonIgnore NomadJob job) {}

  /**
   * The name clients resolve, when the scenario has a DNS plugin.
   *
   * @param records what each data centre will be answered, for people
   * @param calls the exact API calls a cloud plugin will make; empty for a server booty runs
   */
  public record DnsSection(
      String plugin,
      String fqdn,
      long ttlSeconds,
      long checkIntervalSeconds,
      List<String> records,
      List<String> calls,
      @JsonIgnore DnsProvider.DnsPlan plan) {}

  /** The data centres the file declares (added or kept), in its order. */
  public List<DataCentre> declared() {
    return dataCentres.stream().filter(d -> d.action() != DataCentreAction.REMOVE).toList();
  }

  /** The data centres as the hosting plugin will provision them. */
  public List<HostedDataCenter> hosted() {
    return declared().stream().map(DataCentre::hosted).toList();
  }

  /** The servers the file declares: those that must pass in Consul. */
  public int servers() {
    return declared().stream().mapToInt(DataCentre::servers).sum();
  }

  /** The plan for people. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "scenario %s: hosting %s, cluster %s (nats-server %s, %s), %s"
            .formatted(
                scenario,
                hosting,
                cluster,
                version,
                driver,
                deployedAt == null ? "not deployed yet" : "deployed " + deployedAt));
    for (DataCentre dc : dataCentres) {
      lines.add(
          "  data centre %-10s #%d  %d server(s)  %s"
              .formatted(dc.name(), dc.index(), dc.servers(), dc.action().name().toLowerCase()));
    }
    for (WanLink l : wan) {
      lines.add(
          "  WAN %s <-> %s  rtt %d ms%s"
              .formatted(
                  l.a(), l.b(), l.rttMillis(), l.listed() ? "" : " (not listed: none added)"));
    }
    for (Endpoint e : endpoints) {
      lines.add(
          "  endpoint %s  %s:%s  in %s"
              .formatted(
                  e.hostName(),
                  e.address(),
                  e.ports().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""),
                  e.dataCenter()));
    }
    for (Job j : jobs) {
      lines.add(
          "  job %s  %s%s"
              .formatted(
                  j.id(),
                  j.action().name().toLowerCase(),
                  j.spec() == null ? "" : "  spec " + j.spec().substring(0, 12)));
    }
    if (dns != null) {
      lines.add(
          "  dns %s: %s  ttl %d s, health checked every %d s"
              .formatted(dns.plugin(), dns.fqdn(), dns.ttlSeconds(), dns.checkIntervalSeconds()));
      dns.records().forEach(r -> lines.add("    " + r));
      dns.calls().forEach(c -> lines.add("    call " + c));
    }
    lines.add(
        agents.missing() == null
            ? "  job %s  agents on %s, run once the servers pass"
                .formatted(agents.id(), String.join(", ", agents.nodes()))
            : "  agents: not started (" + agents.missing() + ")");
    return lines;
  }
}
