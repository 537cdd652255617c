package dev.booty.plugins.clouddns;

import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Target;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The zone as Cloudflare Load Balancing objects: one HTTP monitor on the servers' health URL, one
 * pool per data centre (its servers as origins, the monitor attached) and one DNS-only load
 * balancer on the name with geo steering. Each data centre's Cloudflare region (or countries, or
 * PoPs) maps to the pools in its view's tier order: its own first, then the nearest; Cloudflare
 * answers the first pool with a healthy origin, which is the view's rule.
 *
 * <p>Options: {@code region.DC} (Cloudflare region codes such as {@code WEU}, comma separated),
 * {@code country.DC} (ISO codes) or {@code pop.DC} (Cloudflare data centre codes, Enterprise only);
 * every data centre needs one of them.
 */
final class LoadBalancing {
  static final String MONITOR = "monitor";
  static final String LOAD_BALANCER = "load-balancer";

  private static final Map<String, String> GEO_FIELDS =
      Map.of("region", "region_pools", "country", "country_pools", "pop", "pop_pools");

  private final DnsZone zone;

  LoadBalancing(DnsZone zone) {
    if (zone.views().isEmpty()) {
      throw new IllegalArgumentException("cloudflare: zone " + zone.zone() + " has no data centre");
    }
    this.zone = zone;
  }

  static String poolKey(String dataCenter) {
    return "pool." + dataCenter;
  }

  /** The data centres in the zone's order. */
  List<String> dataCenters() {
    return zone.views().stream().map(View::dataCenter).toList();
  }

  Map<String, Object> monitor() {
    URI health = health();
    long interval = Math.max(1, zone.checkInterval().toSeconds());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https".equals(health.getScheme()) ? "https" : "http");
    body.put("method", "GET");
    String path =
        health.getRawPath() == null || health.getRawPath().isEmpty() ? "/" : health.getRawPath();
    // the query is part of what is checked (nats: /healthz?js-server-only=true)
    body.put("path", health.getRawQuery() == null ? path : path + "?" + health.getRawQuery());
    body.put("port", port(health));
    body.put("interval", interval);
    body.put("timeout", Math.max(1, Math.min(5, interval - 1)));
    body.put("retries", 1);
    body.put("expected_codes", "200");
    body.put("description", "booty " + zone.fqdn());
    return body;
  }

  Map<String, Object> pool(String dataCenter, String monitorId) {
    List<Object> origins = new ArrayList<>();
    for (Target t : ownTier(dataCenter).targets()) {
      Map<String, Object> origin = new LinkedHashMap<>();
      origin.put("name", t.server());
      origin.put("address", t.address());
      origin.put("enabled", true);
      origin.put("weight", 1);
      origins.add(origin);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", tag(zone.fqdn() + "-" + dataCenter));
    body.put("description", "booty " + zone.fqdn() + ": servers of " + dataCenter);
    body.put("enabled", true);
    body.put("minimum_origins", 1);
    body.put("monitor", monitorId);
    body.put("origins", origins);
    return body;
  }

  /** The load balancer, naming pools by {@code poolId} of their data centre. */
  Map<String, Object> loadBalancer(Function<String, String> poolId) {
    View first = zone.views().get(0);
    List<String> defaults = order(first, poolId);
    Map<String, Map<String, Object>> geo = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    for (View view : zone.views()) {
      boolean mapped = false;
      for (String kind : List.of("region", "country", "pop")) {
        String option = kind + "." + view.dataCenter();
        String codes = zone.options().get(option);
        if (codes == null || codes.isBlank()) {
          continue;
        }
        mapped = true;
        for (String code : codes.split(",")) {
          String c = code.strip();
          String other = owner.putIfAbsent(kind + ":" + c, view.dataCenter());
          if (other != null) {
            throw new IllegalArgumentException(
                "cloudflare: "
                    + kind
                    + " "
                    + c
                    + " is mapped to both "
                    + other
                    + " and "
                    + view.dataCenter()
                    + " (dns options "
                    + kind
                    + "."
                    + other
                    + " and "
                    + option
                    + "): a "
                    + kind
                    + " can answer one data centre's view only");
          }
          geo.computeIfAbsent(GEO_FIELDS.get(kind), k -> new LinkedHashMap<>())
              .put(c, order(view, poolId));
        }
      }
      if (!mapped) {
        throw new IllegalArgumentException(
            "cloudflare: dns option region."
                + view.dataCenter()
                + " is missing: name the Cloudflare region(s) whose resolvers data centre "
                + view.dataCenter()
                + " should answer (e.g. region."
                + view.dataCenter()
                + "=WEU), or use country."
                + view.dataCenter()
                + " (ISO codes) or pop."
                + view.dataCenter());
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", zone.fqdn());
    body.put("description", "booty: " + zone.fqdn() + " answers each data centre its own servers");
    body.put("ttl", Math.max(1, zone.ttl().toSeconds()));
    body.put("proxied", false);
    body.put("steering_policy", "geo");
    body.put("default_pools", defaults);
    body.put("fallback_pool", defaults.size() > 1 ? defaults.get(1) : defaults.get(0));
    for (String field : List.of("region_pools", "country_pools", "pop_pools")) {
      if (geo.containsKey(field)) {
        body.put(field, geo.get(field));
      }
    }
    return body;
  }

  /** One line per data centre: what its resolvers are answered, for the plan. */
  List<String> records() {
    List<String> lines = new ArrayList<>();
    for (View view : zone.views()) {
      List<String> tiers = new ArrayList<>();
      for (Tier tier : view.tiers()) {
        tiers.add(tier.dataCenter() + " " + tier.targets().stream().map(Target::address).toList());
      }
      String where =
          List.of("region", "country", "pop").stream()
              .filter(k -> zone.options().containsKey(k + "." + view.dataCenter()))
              .map(k -> k + " " + zone.options().get(k + "." + view.dataCenter()))
              .findFirst()
              .orElse("no region");
      lines.add(
          view.dataCenter()
              + " ("
              + where
              + "): "
              + zone.fqdn()
              + " A, ttl "
              + zone.ttl().toSeconds()
              + " s, first healthy of "
              + String.join(", then ", tiers));
    }
    return lines;
  }

  private static List<String> order(View view, Function<String, String> poolId) {
    return view.tiers().stream().map(t -> poolId.apply(t.dataCenter())).toList();
  }

  private Tier ownTier(String dataCenter) {
    for (View view : zone.views()) {
      if (view.dataCenter().equals(dataCenter)) {
        for (Tier tier : view.tiers()) {
          if (tier.dataCenter().equals(dataCenter)) {
            return tier;
          }
        }
      }
    }
    throw new IllegalArgumentException(
        "cloudflare: the view of data centre " + dataCenter + " does not list its own servers");
  }

  /** The one health URL every server shares: one monitor checks them all. */
  private URI health() {
    URI first = null;
    String firstServer = null;
    for (View view : zone.views()) {
      for (Target t : ownTier(view.dataCenter()).targets()) {
        URI u;
        try {
          u = URI.create(t.healthUrl());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "cloudflare: server " + t.server() + " has no valid health URL: " + t.healthUrl(), e);
        }
        if (first == null) {
          first = u;
          firstServer = t.server();
        } else if (port(u) != port(first)
            || !u.getScheme().equals(first.getScheme())
            || !String.valueOf(u.getRawPath()).equals(String.valueOf(first.getRawPath()))
            || !String.valueOf(u.getRawQuery()).equals(String.valueOf(first.getRawQuery()))) {
          throw new IllegalArgumentException(
              "cloudflare: one monitor checks every server, but "
                  + firstServer
                  + " answers health at "
                  + first.getScheme()
                  + " port "
                  + port(first)
                  + " "
                  + first.getRawPath()
                  + " and "
                  + t.server()
                  + " at "
                  + u.getScheme()
                  + " port "
                  + port(u)
                  + " "
                  + u.getRawPath());
        }
      }
    }
    if (first == null) {
      throw new IllegalArgumentException("cloudflare: zone " + zone.zone() + " has no server");
    }
    return first;
  }

  private static int port(URI u) {
    return u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
  }

  /** Pool names take letters, digits, '-' and '_' only. */
  private static String tag(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "-");
  }
}
