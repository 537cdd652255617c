package dev.booty.testcontainers;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Network;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The WAN between data centres: per data centre a Toxiproxy container ({@code wan-NAME}) with a
 * proxy for each remote server, listening on that server's gateway port. The link A~B is A's
 * proxies to B and B's proxies to A; a latency adds half the round trip (rounded up to a whole
 * millisecond) to each stream, so a message and its answer take the round trip whichever
 * connections carry them.
 */
final class Wan implements AutoCloseable {
  private static final String LATENCY = "wan-latency";
  private static final String CUT = "wan-cut";

  private final Topology topology;
  private final Map<String, ToxiproxyContainer> containers = new LinkedHashMap<>();

  /** data centre -> remote server name -> proxy of that data centre's WAN container */
  private final Map<String, Map<String, Proxy>> proxies = new LinkedHashMap<>();

  Wan(Topology topology) {
    this.topology = topology;
  }

  /** Starts one Toxiproxy per data centre; returns their addresses on the network by DC. */
  Map<String, String> start(String image, Network network, Sessions sessions) {
    Map<String, String> addresses = new LinkedHashMap<>();
    for (String dc : topology.dataCenters().keySet()) {
      ToxiproxyContainer c =
          new ToxiproxyContainer(
                  DockerImageName.parse(image)
                      .asCompatibleSubstituteFor("ghcr.io/shopify/toxiproxy"))
              // a bare toxiproxy-server listens on localhost only
              .withCommand("-host", "0.0.0.0")
              .withNetwork(network)
              .withNetworkAliases("wan-" + dc)
              .withLabels(sessions.labels());
      containers.put(dc, c);
      c.start();
      addresses.put(dc, sessions.address(c, network));
      ToxiproxyClient client = new ToxiproxyClient(c.getHost(), c.getControlPort());
      Map<String, Proxy> byServer = new LinkedHashMap<>();
      for (Topology.Server remote : topology.remoteServers(dc)) {
        byServer.put(
            remote.name(),
            call(
                () ->
                    client.createProxy(
                        dc + "-to-" + remote.name(),
                        "0.0.0.0:" + remote.gatewayPort(),
                        remote.name() + ":" + remote.gatewayPort())));
      }
      proxies.put(dc, byServer);
    }
    for (String a : topology.dataCenters().keySet()) {
      for (String b : topology.dataCenters().keySet()) {
        Duration rtt = topology.rtt(a, b);
        if (a.compareTo(b) < 0 && rtt.isPositive()) {
          latency(a, b, rtt);
        }
      }
    }
    return addresses;
  }

  /** Sets the round-trip time of the link, replacing the one before (zero: none). */
  void latency(String a, String b, Duration rtt) {
    // Toxiproxy takes whole milliseconds: round each half up, so a round trip is never shorter
    long half = (rtt.toMillis() + 1) / 2;
    for (Proxy p : linkProxies(a, b)) {
      for (ToxicDirection dir : ToxicDirection.values()) {
        String name = LATENCY + "-" + dir.name().toLowerCase(java.util.Locale.ROOT);
        call(
            () -> {
              removeToxic(p, name);
              if (half > 0) {
                p.toxics().latency(name, dir, half);
              }
              return null;
            });
      }
    }
  }

  /** Cuts the link: SILENT drops what it carries, HARD refuses connections. */
  void cut(String a, String b, Outage kind) {
    for (Proxy p : linkProxies(a, b)) {
      call(
          () -> {
            if (kind == Outage.HARD) {
              p.disable();
            } else {
              for (ToxicDirection dir : ToxicDirection.values()) {
                String name = CUT + "-" + dir.name().toLowerCase(java.util.Locale.ROOT);
                removeToxic(p, name);
                p.toxics().timeout(name, dir, 0);
              }
            }
            return null;
          });
    }
  }

  /** Every link as planned: cuts gone, proxies on, the planned latencies and no others. */
  void heal() {
    for (Map<String, Proxy> byServer : proxies.values()) {
      for (Proxy p : byServer.values()) {
        call(
            () -> {
              p.enable();
              for (var t : p.toxics().getAll()) {
                t.remove();
              }
              return null;
            });
      }
    }
    for (String a : topology.dataCenters().keySet()) {
      for (String b : topology.dataCenters().keySet()) {
        if (a.compareTo(b) < 0 && topology.rtt(a, b).isPositive()) {
          latency(a, b, topology.rtt(a, b));
        }
      }
    }
  }

  private List<Proxy> linkProxies(String a, String b) {
    topology.requireDataCenter(a);
    topology.requireDataCenter(b);
    if (a.equals(b)) {
      throw new IllegalArgumentException("a WAN link joins two data centres, not " + a + " alone");
    }
    List<Proxy> list = new ArrayList<>();
    topology.serversOf(b).forEach(s -> list.add(proxies.get(a).get(s.name())));
    topology.serversOf(a).forEach(s -> list.add(proxies.get(b).get(s.name())));
    return list;
  }

  private static void removeToxic(Proxy p, String name) throws IOException {
    for (var t : p.toxics().getAll()) {
      if (t.getName().equals(name)) {
        t.remove();
      }
    }
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  private static <T> T call(IoCall<T> c) {
    try {
      return c.call();
    } catch (IOException e) {
      throw new UncheckedIOException("Toxiproxy: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    containers.values().forEach(ToxiproxyContainer::stop);
    containers.clear();
    proxies.clear();
  }
}
