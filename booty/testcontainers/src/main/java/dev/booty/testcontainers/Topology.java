package dev.booty.testcontainers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The super-cluster as data, planned before any container starts: the data centres in order, their
 * servers with container names and gateway ports, and the round-trip time of each WAN link. Within
 * a data centre servers route directly on {@value #ROUTE_PORT}; between data centres every gateway
 * connection goes through the dialling data centre's WAN proxy, which listens on the remote
 * server's own gateway port (unique per server).
 *
 * @param dataCenters data centre name to its number of servers, in the order given
 * @param rtt round-trip times by {@link #linkKey} of the pair; a pair not listed has none
 */
record Topology(Map<String, Integer> dataCenters, Map<String, Duration> rtt) {
  static final int CLIENT_PORT = 4222;
  static final int MONITOR_PORT = 8222;
  static final int ROUTE_PORT = 6222;
  static final int FIRST_GATEWAY_PORT = 7301;
  static final int MAX_SERVERS = 9;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** One nats-server of the plan; {@code name} is its container's network alias. */
  record Server(String dataCenter, int index, String name, int gatewayPort) {}

  Topology {
    if (dataCenters.isEmpty()) {
      throw new IllegalArgumentException("a super-cluster needs at least one data centre");
    }
    Map<String, Integer> dcs = dataCenters;
    dcs.forEach(
        (dc, n) -> {
          if (!NAME.matcher(dc).matches()) {
            throw new IllegalArgumentException(
                "data centre name '"
                    + dc
                    + "': lower-case letters, digits and '-', starting with a letter");
          }
          if (n < 1 || n > MAX_SERVERS) {
            throw new IllegalArgumentException(
                "data centre '" + dc + "': " + n + " servers; 1 to " + MAX_SERVERS + " allowed");
          }
        });
    Map<String, Duration> links = rtt;
    links.forEach(
        (key, d) -> {
          for (String dc : key.split("~")) {
            if (!dcs.containsKey(dc)) {
              throw new IllegalArgumentException(
                  "WAN link " + key + ": no data centre '" + dc + "' (" + dcs.keySet() + ")");
            }
          }
          if (d.isNegative()) {
            throw new IllegalArgumentException("WAN link " + key + ": negative rtt " + d);
          }
        });
    dataCenters = Collections.unmodifiableMap(new LinkedHashMap<>(dataCenters));
    rtt = Map.copyOf(rtt);
  }

  /** The key of the link between two data centres, the same in either order. */
  static String linkKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "~" + b : b + "~" + a;
  }

  /** Every server, data centre by data centre. */
  List<Server> servers() {
    List<Server> all = new ArrayList<>();
    int dcIndex = 0;
    for (Map.Entry<String, Integer> dc : dataCenters.entrySet()) {
      for (int i = 1; i <= dc.getValue(); i++) {
        all.add(
            new Server(
                dc.getKey(), i, dc.getKey() + "-" + i, FIRST_GATEWAY_PORT + dcIndex * 10 + i - 1));
      }
      dcIndex++;
    }
    return all;
  }

  List<Server> serversOf(String dataCenter) {
    requireDataCenter(dataCenter);
    return servers().stream().filter(s -> s.dataCenter().equals(dataCenter)).toList();
  }

  /** The servers of every other data centre: where {@code dataCenter}'s WAN proxy leads. */
  List<Server> remoteServers(String dataCenter) {
    requireDataCenter(dataCenter);
    return servers().stream().filter(s -> !s.dataCenter().equals(dataCenter)).toList();
  }

  /** The round-trip time between two data centres; zero when not listed. */
  Duration rtt(String a, String b) {
    requireDataCenter(a);
    requireDataCenter(b);
    return rtt.getOrDefault(linkKey(a, b), Duration.ZERO);
  }

  void requireDataCenter(String name) {
    if (!dataCenters.containsKey(name)) {
      throw new IllegalArgumentException(
          "no data centre '" + name + "' in this super-cluster " + dataCenters.keySet());
    }
  }
}
