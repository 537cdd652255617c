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

  /**
   * The hosting attribute saying a data centre's servers are reached by address: the hosting sets
   * up no names for them (ssh hosting: real hosts resolve as their own resolvers say).
   */
  static final String REACHED_BY = "servers.reachedBy";

  /**
   * One nats-server.
   *
   * @param byAddress its data centre has no names set up: peers and clients use its address
   */
  record Server(String name, String dataCenter, String address, int ordinal, boolean byAddress) {
    Server(String name, String dataCenter, String address, int ordinal) {
      this(name, dataCenter, address, ordinal, false);
    }

    /** Where peers and clients reach it: its name ({@code lon-1.nats.booty}), else its address. */
    String hostName() {
      return byAddress ? address : name + "." + DOMAIN;
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
      boolean byAddress = "address".equals(dc.attributes().get(REACHED_BY));
      for (int k = 1; k <= dc.addresses().size(); k++) {
        servers.add(
            new Server(prefix + "-" + k, dc.name(), dc.addresses().get(k - 1), k, byAddress));
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
