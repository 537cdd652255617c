package dev.booty.core.deploy;

import dev.booty.api.ClusterProvider.ClientAccess;
import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Target;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.core.scenario.Dns;
import dev.booty.core.scenario.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The zone a DNS plugin is asked for: per data centre, its own servers first, then every other data
 * centre's nearest first by the scenario's round-trip times (ties in the file's order), each server
 * at the address that data centre reaches it at (its end of the WAN link), with the health URL it
 * checks through that same path: a data centre cut off from another sees that one's servers down.
 */
final class DnsZones {
  private DnsZones() {}

  static DnsZone of(
      Scenario s,
      List<HostedDataCenter> hosted,
      List<Endpoint> endpoints,
      Map<String, Map<String, String>> names,
      ClientAccess access) {
    Dns dns = s.dns();
    List<String> declared = s.datacenterNames();
    List<View> views = new ArrayList<>();
    for (HostedDataCenter viewer : hosted) {
      String from = viewer.name();
      List<String> order = new ArrayList<>(declared);
      order.sort(
          Comparator.comparing((String dc) -> !dc.equals(from))
              .thenComparing(dc -> dc.equals(from) ? 0L : s.rtt(from, dc).toNanos())
              .thenComparing(declared::indexOf));
      Map<String, String> seen = names.getOrDefault(from, Map.of());
      List<Tier> tiers = new ArrayList<>();
      for (String dc : order) {
        List<Target> targets = new ArrayList<>();
        for (Endpoint e : endpoints) {
          if (!e.dataCenter().equals(dc)) {
            continue;
          }
          String address = seen.getOrDefault(e.hostName(), e.address());
          targets.add(
              new Target(
                  e.hostName(),
                  address,
                  access.clientPort(),
                  "http://" + address + ":" + access.healthPort() + access.healthPath()));
        }
        if (!targets.isEmpty()) {
          tiers.add(new Tier(dc, targets));
        }
      }
      views.add(new View(from, viewer.nomadDatacenter(), viewer.attributes(), tiers));
    }
    return new DnsZone(
        dns.zone(), dns.name(), dns.ttl(), dns.checkInterval(), dns.options(), views);
  }
}
