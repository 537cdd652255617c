package dev.booty.testcontainers;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders one nats-server's configuration for its container: cluster = data centre (routes to the
 * other servers of the data centre by name), a gateway per remote data centre with the remote
 * servers' names and gateway ports (names that resolve to the local WAN proxy in this server's
 * container), JetStream tagged {@code dc:NAME}. Container-only, beside the nats cluster plugin's
 * own renderer, which writes configs for processes booty supervises (docs/decisions.md).
 */
final class ServerConfig {
  /** Where JetStream keeps its files inside the container (a {@code FROM scratch} image). */
  static final String STORE_DIR = "/data/jetstream";

  private ServerConfig() {}

  static String render(Topology topology, Topology.Server server, boolean jetstream) {
    StringBuilder c = new StringBuilder();
    c.append("# rendered by booty-testcontainers\n");
    c.append("server_name: ").append(q(server.name())).append('\n');
    c.append("listen: \"0.0.0.0:").append(Topology.CLIENT_PORT).append("\"\n");
    c.append("http: \"0.0.0.0:").append(Topology.MONITOR_PORT).append("\"\n");
    c.append("server_tags: [").append(q("dc:" + server.dataCenter())).append("]\n");
    if (jetstream) {
      c.append("jetstream {\n  store_dir: ")
          .append(q(STORE_DIR))
          .append("\n  max_memory_store: 64MB\n  max_file_store: 1GB\n}\n");
    }
    List<String> routes =
        topology.serversOf(server.dataCenter()).stream()
            .filter(s -> !s.equals(server))
            .map(s -> q("nats-route://" + s.name() + ":" + Topology.ROUTE_PORT))
            .toList();
    if (routes.isEmpty()) {
      // a JetStream cluster needs a route; nats-server recognises and drops a route to itself
      routes = List.of(q("nats-route://localhost:" + Topology.ROUTE_PORT));
    }
    c.append("cluster {\n  name: ").append(q(server.dataCenter())).append('\n');
    c.append("  listen: \"0.0.0.0:").append(Topology.ROUTE_PORT).append("\"\n");
    // clients on the host keep to the URLs they were given: container names mean nothing there
    c.append("  no_advertise: true\n");
    c.append("  routes: [").append(String.join(", ", routes)).append("]\n}\n");
    c.append("gateway {\n  name: ").append(q(server.dataCenter())).append('\n');
    c.append("  listen: \"0.0.0.0:").append(server.gatewayPort()).append("\"\n");
    c.append("  advertise: ").append(q(server.name() + ":" + server.gatewayPort())).append('\n');
    c.append("  gateways: [\n");
    for (String dc : topology.dataCenters().keySet()) {
      if (dc.equals(server.dataCenter())) {
        continue;
      }
      String urls =
          topology.serversOf(dc).stream()
              .map(s -> q("nats://" + s.name() + ":" + s.gatewayPort()))
              .collect(Collectors.joining(", "));
      c.append("    {name: ").append(q(dc)).append(", urls: [").append(urls).append("]}\n");
    }
    c.append("  ]\n}\n");
    return c.toString();
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }
}
