package dev.booty.core.run;

import dev.booty.api.ChaosContext;
import dev.booty.api.ClusterProvider;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.core.scenario.ClientGroup;
import dev.booty.core.scenario.DataCenter;
import dev.booty.core.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ChaosContext} of a scenario as written, before anything is deployed: its data centres
 * with the servers its cluster plugin will name ({@link ClusterProvider#endpoints} is pure), the
 * configured round trips, the clients the file asks for and the installed versions. Chaos modes
 * {@link dev.booty.api.ChaosMode#prepare prepare} against it to check a step and plan its heal
 * record; anything that would act throws.
 */
public final class PlannedChaosContext implements ChaosContext {
  private final Scenario scenario;
  private final List<Site> sites;
  private final List<String> installed;

  public PlannedChaosContext(Scenario scenario, List<Site> sites, List<String> installed) {
    this.scenario = scenario;
    this.sites = List.copyOf(sites);
    this.installed = List.copyOf(installed);
  }

  /**
   * The sites the cluster plugin will deploy: one placeholder address per server, since only the
   * names matter here.
   */
  public static List<Site> sites(Scenario s, ClusterProvider cluster) {
    List<HostedDataCenter> hosted = new ArrayList<>();
    for (DataCenter dc : s.datacenters()) {
      hosted.add(
          new HostedDataCenter(
              dc.name(), dc.name(), Collections.nCopies(dc.servers(), "0.0.0.0"), Map.of()));
    }
    Map<String, List<Server>> byDc = new LinkedHashMap<>();
    s.datacenterNames().forEach(dc -> byDc.put(dc, new ArrayList<>()));
    ClusterProvider.ClusterSpec spec =
        new ClusterProvider.ClusterSpec(s.name(), "", s.cluster().driver(), s.cluster().options());
    for (WanEmulation.Endpoint e : cluster.endpoints(spec, hosted)) {
      String name = e.name();
      byDc.computeIfAbsent(e.dataCenter(), k -> new ArrayList<>())
          .add(new Server(name, e.dataCenter(), e.hostName()));
    }
    List<Site> out = new ArrayList<>();
    byDc.forEach((dc, servers) -> out.add(new Site(dc, servers)));
    return out;
  }

  @Override
  public PluginContext plugin() {
    throw planning("the plugin context");
  }

  @Override
  public List<Site> sites() {
    return sites;
  }

  @Override
  public Duration rtt(String a, String b) {
    for (String dc : List.of(a, b)) {
      if (!scenario.datacenterNames().contains(dc)) {
        throw new IllegalArgumentException(
            "no data centre '"
                + dc
                + "' (declared: "
                + String.join(", ", scenario.datacenterNames())
                + ")");
      }
    }
    return a.equals(b) ? Duration.ZERO : scenario.rtt(a, b);
  }

  @Override
  public void signal(List<String> servers, Signal signal) {
    throw planning("signal");
  }

  @Override
  public void servers(String dataCenter, boolean running) {
    throw planning("servers");
  }

  @Override
  public void upgrade(String server, String version) {
    throw planning("upgrade");
  }

  @Override
  public String version(String server) {
    return java.util.Objects.requireNonNullElse(scenario.cluster().version(), "");
  }

  @Override
  public List<String> installedVersions() {
    return installed;
  }

  @Override
  public void path(String a, String b, Path state) {
    throw planning("path");
  }

  /** The clients the file asks for in a data centre. */
  @Override
  public int clients(String dataCenter) {
    return scenario.clients().stream()
        .filter(g -> g.datacenter().equals(dataCenter))
        .mapToInt(ClientGroup::count)
        .sum();
  }

  @Override
  public void scaleClients(String dataCenter, int count) {
    throw planning("scaleClients");
  }

  /** The clients the file asks for in one group of a data centre. */
  @Override
  public int clients(String dataCenter, String group) {
    if (group == null) {
      return clients(dataCenter);
    }
    List<ClientGroup> here =
        scenario.clients().stream().filter(g -> g.datacenter().equals(dataCenter)).toList();
    return here.stream()
        .filter(g -> ClientJobs.label(g).equals(group))
        .findFirst()
        .map(ClientGroup::count)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "data centre '"
                        + dataCenter
                        + "' has no client group '"
                        + group
                        + "' (its groups: "
                        + (here.isEmpty()
                            ? "none"
                            : String.join(", ", here.stream().map(ClientJobs::label).toList()))
                        + ")"));
  }

  @Override
  public void scaleClients(String dataCenter, String group, int count) {
    throw planning("scaleClients");
  }

  @Override
  public void sleep(Duration duration) {
    throw planning("sleep");
  }

  private static IllegalStateException planning(String what) {
    return new IllegalStateException(
        "a scenario being checked has nothing deployed: " + what + " is not available");
  }
}
