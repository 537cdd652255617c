package dev.booty.plugins.powerdns;

import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Target;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The three files one data centre's PowerDNS runs from: {@code pdns.conf}, the bind backend's
 * {@code named.conf} and the zone file, whose one LUA record answers the view's first tier with a
 * healthy server.
 *
 * <p>PowerDNS 4.7's {@code ifurlup(url, {{tier}, ...}, options)} checks every candidate address at
 * the URL: it pins the URL's host name to the candidate (curl's resolve list, on the URL's port),
 * so the host name is never looked up and only the port and path of the URL matter. All targets of
 * a view therefore share one URL whose host is the record's own name; the check of a target is made
 * at the address it is answered with. The answer is every healthy address of the first tier with
 * one ({@code selector='all'}); before the first checks finished, or when nothing is healthy,
 * PowerDNS answers one address of all tiers at random.
 */
final class ZoneFiles {
  private ZoneFiles() {}

  /** Ports and switches from the scenario's {@code dns.options}. */
  record Settings(int dnsPort, int apiPort) {
    static Settings of(Map<String, String> options) {
      return new Settings(port(options, "port", 53), port(options, "apiPort", 8081));
    }

    private static int port(Map<String, String> options, String key, int fallback) {
      String v = options.get(key);
      if (v == null) {
        return fallback;
      }
      try {
        int p = Integer.parseInt(v.strip());
        if (p < 1 || p > 65535) {
          throw new NumberFormatException();
        }
        return p;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("dns option " + key + ": '" + v + "' is no port");
      }
    }
  }

  /** The address a view's server binds: the hosting plugin's {@code dns.address}. */
  static String address(View view) {
    String a = view.attributes().get(PowerDns.DNS_ADDRESS);
    if (a == null || a.isBlank()) {
      throw new IllegalArgumentException(
          "data centre "
              + view.dataCenter()
              + " has no "
              + PowerDns.DNS_ADDRESS
              + " attribute: its hosting plugin names no address for its DNS server");
    }
    return a.strip();
  }

  /** Whole seconds, at least one: PowerDNS's health settings are integers. */
  static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  /**
   * How long one check may take: below the interval, so a hung server is declared down before the
   * next round (a third of it, 1 to 3 s).
   */
  static long checkTimeout(Duration interval) {
    return Math.max(1, Math.min(3, seconds(interval) / 3));
  }

  /**
   * The URL every target of the view is checked at: the record's name as host (pinned to each
   * candidate by PowerDNS), the targets' common scheme, port and path.
   */
  static String checkUrl(DnsZone zone, View view) {
    URI first = null;
    for (Tier tier : view.tiers()) {
      for (Target t : tier.targets()) {
        URI u = URI.create(t.healthUrl());
        if (first == null) {
          first = u;
        } else if (!u.getScheme().equals(first.getScheme())
            || effectivePort(u) != effectivePort(first)
            || !rawPath(u).equals(rawPath(first))) {
          throw new IllegalArgumentException(
              "data centre "
                  + view.dataCenter()
                  + ": server "
                  + t.server()
                  + "'s health URL "
                  + t.healthUrl()
                  + " differs in scheme, port or path from "
                  + first
                  + "; PowerDNS checks every server of a view at one URL");
        }
      }
    }
    if (first == null) {
      throw new IllegalArgumentException("data centre " + view.dataCenter() + " sees no servers");
    }
    return first.getScheme() + "://" + zone.fqdn() + ":" + effectivePort(first) + rawPath(first);
  }

  /** The LUA record's body: the tiers in order, own data centre first. */
  static String lua(DnsZone zone, View view) {
    String tiers =
        view.tiers().stream()
            .filter(t -> !t.targets().isEmpty())
            .map(
                t ->
                    t.targets().stream()
                        .map(x -> "'" + x.address() + "'")
                        .collect(Collectors.joining(", ", "{", "}")))
            .collect(Collectors.joining(", ", "{", "}"));
    return "ifurlup('%s', %s, {selector='all', timeout=%d})"
        .formatted(checkUrl(zone, view), tiers, checkTimeout(zone.checkInterval()));
  }

  /** The zone file: SOA, NS (the view's own server), and the name as a LUA A record. */
  static String zone(DnsZone zone, View view) {
    String ns = "ns." + zone.zone() + ".";
    long ttl = seconds(zone.ttl());
    StringBuilder z = new StringBuilder();
    z.append("; rendered by booty's powerdns plugin: ")
        .append(zone.zone())
        .append(" as data centre ")
        .append(view.dataCenter())
        .append(" sees it\n");
    z.append("$ORIGIN ").append(zone.zone()).append(".\n");
    z.append("$TTL ").append(ttl).append('\n');
    // serial 1: the job is replaced when the zone changes, nothing transfers it
    z.append("@ IN SOA ")
        .append(ns)
        .append(" hostmaster.")
        .append(zone.zone())
        .append(". 1 3600 600 86400 ")
        .append(ttl)
        .append('\n');
    z.append("@ IN NS ").append(ns).append('\n');
    z.append("ns IN A ").append(address(view)).append('\n');
    z.append(zone.name())
        .append(' ')
        .append(ttl)
        .append(" IN LUA A \"")
        .append(lua(zone, view))
        .append("\"\n");
    return z.toString();
  }

  /**
   * The zone with its LUA record replaced by plain A records of {@code addresses} (same name and
   * TTL): what a data centre answers when its health checks stop, frozen at its last answer.
   *
   * @param serving the zone as {@link #zone} rendered it
   * @param name the record's name in the zone ({@code nats})
   */
  static String stale(String serving, String name, List<String> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no addresses to answer " + name + " with");
    }
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (String line : serving.split("\n", -1)) {
      String[] t = line.strip().split("\\s+");
      if (!replaced
          && t.length > 4
          && t[0].equals(name)
          && t[2].equals("IN")
          && t[3].equals("LUA")) {
        out.append("; frozen by booty's powerdns plugin (dns-stale): the answer when it began\n");
        for (String a : addresses) {
          out.append(name).append(' ').append(t[1]).append(" IN A ").append(a).append('\n');
        }
        replaced = true;
      } else {
        out.append(line).append('\n');
      }
    }
    if (!replaced) {
      throw new IllegalArgumentException("the zone has no LUA record named " + name);
    }
    // split kept the text after the last newline as a last line: drop the newline added after it
    return out.substring(0, out.length() - 1);
  }

  /** The bind backend's list of zones: the one zone, from {@code dir/zone.db}. */
  static String namedConf(DnsZone zone, String dir) {
    return "zone \"%s\" { type master; file \"%s/zone.db\"; };\n".formatted(zone.zone(), dir);
  }

  /**
   * PowerDNS's settings: the bind backend, the view's address on the DNS port, LUA records with the
   * scenario's check interval, no answer cache (a changed health must change the next answer), and
   * the web server's API on the same address, which the Consul check reads the zone through.
   *
   * @param dir the folder holding {@code named.conf} (in a Nomad job a template expression)
   */
  static String pdnsConf(DnsZone zone, View view, Settings s, String apiKey, String dir) {
    String address = address(view);
    StringBuilder c = new StringBuilder();
    c.append("# rendered by booty's powerdns plugin for data centre ")
        .append(view.dataCenter())
        .append('\n');
    for (String line :
        List.of(
            "launch=bind",
            "bind-config=" + dir + "/named.conf",
            "local-address=" + address,
            "local-port=" + s.dnsPort(),
            "enable-lua-records=yes",
            "lua-health-checks-interval=" + seconds(zone.checkInterval()),
            "cache-ttl=0",
            "query-cache-ttl=0",
            "negquery-cache-ttl=0",
            "webserver=yes",
            "api=yes",
            "api-key=" + apiKey,
            "webserver-address=" + address,
            "webserver-port=" + s.apiPort(),
            "webserver-allow-from=127.0.0.0/8",
            "guardian=no",
            "daemon=no",
            "disable-syslog=yes",
            "write-pid=no",
            "loglevel=5")) {
      c.append(line).append('\n');
    }
    return c.toString();
  }

  private static int effectivePort(URI u) {
    if (u.getPort() > 0) {
      return u.getPort();
    }
    return "https".equals(u.getScheme()) ? 443 : 80;
  }

  private static String rawPath(URI u) {
    String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
  }
}
