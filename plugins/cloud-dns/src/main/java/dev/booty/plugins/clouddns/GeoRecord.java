package dev.booty.plugins.clouddns;

import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Target;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zone as one Cloud DNS record set: {@code fqdn.} of type A with a geo routing policy, an item
 * per data centre at its Google Cloud location (option {@code region.DC}, e.g. {@code
 * europe-west2}) whose health-checked external endpoints are the data centre's servers. Fencing is
 * off, so when none of a location's servers is healthy Cloud DNS answers the nearest location with
 * a healthy one.
 *
 * <p>Health checking of external (non-GCP) addresses takes {@code healthCheckedTargets
 * .externalEndpoints} and a Compute Engine health check named in {@code routingPolicy.healthCheck}
 * (option {@code healthCheck}: a name in the project, or its full URL); {@code
 * internalLoadBalancers} only fit GCP's own load balancers. "Nearest" is Google's geography of the
 * locations, not booty's round-trip times: the views' tier order after the first is Google's to
 * choose, which matches when the locations are where the data centres are.
 */
final class GeoRecord {
  static final String KEY = "rrset";

  private final DnsZone zone;

  GeoRecord(DnsZone zone) {
    if (zone.views().isEmpty()) {
      throw new IllegalArgumentException("google-dns: zone " + zone.zone() + " has no data centre");
    }
    this.zone = zone;
  }

  String name() {
    return zone.fqdn() + ".";
  }

  Map<String, Object> body() {
    List<Object> items = new ArrayList<>();
    Map<String, String> taken = new LinkedHashMap<>();
    for (View view : zone.views()) {
      String location = location(view.dataCenter());
      String other = taken.putIfAbsent(location, view.dataCenter());
      if (other != null) {
        throw new IllegalArgumentException(
            "google-dns: data centres "
                + other
                + " and "
                + view.dataCenter()
                + " are both at "
                + location
                + " (dns options region."
                + other
                + " and region."
                + view.dataCenter()
                + "): a geo policy has one item per location");
      }
      Map<String, Object> targets = new LinkedHashMap<>();
      targets.put("externalEndpoints", addresses(view.dataCenter()));
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("location", location);
      item.put("healthCheckedTargets", targets);
      items.add(item);
    }
    Map<String, Object> geo = new LinkedHashMap<>();
    geo.put("items", items);
    geo.put("enableFencing", false);
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("healthCheck", healthCheck());
    policy.put("geo", geo);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name());
    body.put("type", "A");
    body.put("ttl", Math.max(1, zone.ttl().toSeconds()));
    body.put("routingPolicy", policy);
    return body;
  }

  /** One line per data centre: what its resolvers are answered, for the plan. */
  List<String> records() {
    List<String> lines = new ArrayList<>();
    for (View view : zone.views()) {
      lines.add(
          view.dataCenter()
              + " ("
              + location(view.dataCenter())
              + "): "
              + zone.fqdn()
              + " A, ttl "
              + zone.ttl().toSeconds()
              + " s, healthy ones of "
              + addresses(view.dataCenter())
              + ", else the nearest location with a healthy server (Google's geography; booty's"
              + " order: "
              + String.join(", ", view.tiers().stream().map(Tier::dataCenter).toList())
              + ")");
    }
    return lines;
  }

  private String location(String dataCenter) {
    String location = zone.options().get("region." + dataCenter);
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException(
          "google-dns: dns option region."
              + dataCenter
              + " is missing: name the Google Cloud region whose queries data centre "
              + dataCenter
              + " answers (e.g. region."
              + dataCenter
              + "=europe-west2)");
    }
    return location.strip();
  }

  private List<String> addresses(String dataCenter) {
    for (View view : zone.views()) {
      if (view.dataCenter().equals(dataCenter)) {
        for (Tier tier : view.tiers()) {
          if (tier.dataCenter().equals(dataCenter)) {
            List<String> addresses = tier.targets().stream().map(Target::address).toList();
            for (Target t : tier.targets()) {
              if (!t.address().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new IllegalArgumentException(
                    "google-dns: server "
                        + t.server()
                        + " of "
                        + dataCenter
                        + " has address "
                        + t.address()
                        + ": an A record's health-checked endpoints are IPv4 addresses");
              }
            }
            return addresses;
          }
        }
      }
    }
    throw new IllegalArgumentException(
        "google-dns: the view of data centre " + dataCenter + " does not list its own servers");
  }

  private String healthCheck() {
    String check = zone.options().get("healthCheck");
    if (check == null || check.isBlank()) {
      throw new IllegalArgumentException(
          "google-dns: dns option healthCheck is missing: Cloud DNS checks external endpoints"
              + " through a Compute Engine health check (HTTP on the servers' monitor port, with"
              + " source regions); name it, or give its URL");
    }
    if (check.startsWith("https://")) {
      return check;
    }
    String path =
        check.startsWith("projects/")
            ? check
            : "projects/" + GoogleDns.option(zone, "project") + "/global/healthChecks/" + check;
    return "https://www.googleapis.com/compute/v1/" + path;
  }
}
