package dev.booty.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An optional ability of a {@link HostingProvider}: every path between two data centres passes
 * through an emulated WAN link with the scenario's latency, so a fault between two data centres can
 * be injected on exactly that path. Endpoints are reached by host name; each data centre resolves
 * the names of other data centres' endpoints to its own end of the link.
 */
public interface WanEmulation {

  /**
   * Routes the endpoints. Idempotent: links that exist are kept, their latency updated.
   *
   * @return for each data centre, the address each endpoint's host name resolves to there
   */
  Map<String, Map<String, String>> connect(
      List<Endpoint> endpoints, List<Link> links, PluginContext context);

  /**
   * Changes the path between two data centres now, both ways: its round trip, a share of new
   * connections black-holed, or cut (silently: data dropped, connections hang; or hard: connections
   * closed). {@code state.rtt()} is always given.
   */
  void path(String a, String b, ChaosContext.Path state, PluginContext context);

  /** Removes every link {@link #connect} made for the scenario. */
  void disconnect(PluginContext context);

  /**
   * Something other data centres connect to.
   *
   * @param hostName the name it is reached by, e.g. {@code dallas-1.nats.booty}, or its address
   *     where the hosting sets up no names
   * @param dataCenter where it runs
   * @param address where it listens
   * @param ports the ports reached across the WAN
   * @param name what it is called in reports ({@code dallas-1})
   */
  record Endpoint(
      String hostName, String dataCenter, String address, List<Integer> ports, String name) {

    /** An endpoint called by its host name's first label. */
    public Endpoint(String hostName, String dataCenter, String address, List<Integer> ports) {
      this(hostName, dataCenter, address, ports, hostName.split("\\.")[0]);
    }
  }

  /** The round-trip time between two data centres (half of it each way). */
  record Link(String a, String b, Duration rtt) {}
}
