package dev.booty.plugins.nats;

import dev.booty.plugins.nats.ServerLayout.Server;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One nats-server's configuration: client, monitoring and websocket listeners on its own address,
 * routes to every server of its data centre (itself included), gateways to every other data centre
 * by host name (the gateway URLs other servers gossip are host names too, so every path between
 * data centres resolves to the WAN link), JetStream tagged with the data centre, and lame duck.
 */
final class NatsConfig {
  private NatsConfig() {}

  /** Ports and switches from the cluster spec's options. */
  record Settings(
      int clientPort,
      int clusterPort,
      int gatewayPort,
      int monitorPort,
      int websocketPort,
      boolean jetstream,
      boolean websocket,
      String lameDuckDuration) {

    static Settings of(Map<String, String> options) {
      return new Settings(
          port(options, "clientPort", 4222),
          port(options, "clusterPort", 6222),
          port(options, "gatewayPort", 7222),
          port(options, "monitorPort", 8222),
          port(options, "websocketPort", 8080),
          Boolean.parseBoolean(options.getOrDefault("jetstream", "true")),
          Boolean.parseBoolean(options.getOrDefault("websocket", "false")),
          options.getOrDefault("lameDuckDuration", "30s"));
    }

    /** The lame duck duration in whole seconds ({@code 30s}, {@code 2m}; a bare number is s). */
    long lameDuckSeconds() {
      String v = lameDuckDuration.strip();
      try {
        if (v.endsWith("m")) {
          return Long.parseLong(v.substring(0, v.length() - 1)) * 60;
        }
        return Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "cluster option lameDuckDuration: '" + lameDuckDuration + "' is not like 30s or 2m");
      }
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
        throw new IllegalArgumentException("cluster option " + key + ": '" + v + "' is no port");
      }
    }
  }

  static String render(Server self, ServerLayout layout, List<String> dataCenters, Settings s) {
    StringBuilder c = new StringBuilder();
    c.append("# rendered by booty's nats cluster plugin\n");
    line(c, "server_name", q(self.name()));
    line(c, "listen", q(self.address() + ":" + s.clientPort()));
    line(c, "http", q(self.address() + ":" + s.monitorPort()));
    line(c, "client_advertise", q(self.hostName() + ":" + s.clientPort()));
    line(c, "server_tags", "[" + q("dc:" + self.dataCenter()) + "]");
    line(c, "lame_duck_duration", q(s.lameDuckDuration()));
    line(c, "lame_duck_grace_period", q("5s"));
    if (s.jetstream()) {
      c.append("jetstream {\n  max_memory_store: 256MB\n  max_file_store: 2GB\n}\n");
    }
    c.append("cluster {\n");
    line(c, "  name", q(self.dataCenter()));
    line(c, "  listen", q(self.address() + ":" + s.clusterPort()));
    // every server of the data centre, itself included (nats-server skips the route to itself):
    // at its first start a server counts its routes and the addresses of its gateways' URLs to
    // size the JetStream meta group, so leaving itself out makes that size one short. With two data
    // centres of n servers the group then expects 2n - 1 peers, n of them a quorum: each data
    // centre elects a meta leader of its own before the gateways join them, and the servers of the
    // losing side never catch up ("JetStream is not current with the meta leader")
    List<String> routes =
        layout.in(self.dataCenter()).stream()
            .map(o -> "nats://" + o.address() + ":" + s.clusterPort())
            .toList();
    line(c, "  routes", list(routes));
    c.append("}\n");
    c.append("gateway {\n");
    line(c, "  name", q(self.dataCenter()));
    line(c, "  listen", q(self.address() + ":" + s.gatewayPort()));
    line(c, "  advertise", q(self.hostName() + ":" + s.gatewayPort()));
    c.append("  gateways: [\n");
    for (String dc : dataCenters) {
      if (dc.equals(self.dataCenter())) {
        continue;
      }
      c.append("    {name: ")
          .append(q(dc))
          .append(", urls: ")
          .append(
              list(
                  layout.in(dc).stream()
                      .map(o -> "nats://" + o.hostName() + ":" + s.gatewayPort())
                      .toList()))
          .append("}\n");
    }
    c.append("  ]\n}\n");
    if (s.websocket()) {
      c.append("websocket {\n");
      line(c, "  listen", q(self.address() + ":" + s.websocketPort()));
      line(c, "  no_tls", "true");
      c.append("}\n");
    }
    return c.toString();
  }

  private static void line(StringBuilder c, String key, String value) {
    c.append(key).append(": ").append(value).append('\n');
  }

  private static String list(List<String> values) {
    return values.stream().map(NatsConfig::q).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
