package dev.booty.plugins.nats;

import dev.booty.api.HostingProvider.HostedDataCenter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The servers of a super-cluster: one per address the hosting plugin gave each data centre, named
 * after the data centre's first three letters ({@code lon-1}, {@code ams-2}, {@code dal-3}), or its
 * whole name when two data centres share those letters. Servers are reached by host name ({@code
 * lon-1.nats.booty}) so each data centre can resolve other data centres' servers to its end of the
 * WAN link.
 */
record ServerLayout(List<Server> servers) {
  static final String DOMAIN = "nats.booty";

  /** One nats-server. */
  record Server(String name, String dataCenter, String address, int ordinal) {
    String hostName() {
      return name + "." + DOMAIN;
    }
  }

  static ServerLayout of(List<HostedDataCenter> dataCenters) {
    Set<String> prefixes = new HashSet<>();
    boolean shortNames = true;
    for (HostedDataCenter dc : dataCenters) {
      shortNames &= prefixes.add(prefix(dc.name()));
    }
    List<Server> servers = new ArrayList<>();
    for (HostedDataCenter dc : dataCenters) {
      String prefix = shortNames ? prefix(dc.name()) : dc.name();
      for (int k = 1; k <= dc.addresses().size(); k++) {
        servers.add(new Server(prefix + "-" + k, dc.name(), dc.addresses().get(k - 1), k));
      }
    }
    return new ServerLayout(List.copyOf(servers));
  }

  List<Server> in(String dataCenter) {
    return servers.stream().filter(s -> s.dataCenter().equals(dataCenter)).toList();
  }

  private static String prefix(String dc) {
    return dc.length() <= 3 ? dc : dc.substring(0, 3);
  }
}
