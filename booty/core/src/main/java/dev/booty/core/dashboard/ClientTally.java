package dev.booty.core.dashboard;

import dev.booty.core.client.ClientReport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The test clients of one scenario as their light reports ({@code booty.clients.SCENARIO.report})
 * tell it: each client's latest report. A client not heard from for {@link #FORGET_AFTER} has gone
 * (its job stopped) and no longer counts. Not thread-safe: {@link LiveState} holds the lock.
 */
final class ClientTally {
  static final Duration FORGET_AFTER = Duration.ofSeconds(30);

  private record Seen(ClientReport report, Instant at) {}

  /** A data centre's clients: how many, connected, and where they are connected (by server DC). */
  record DcClients(int total, int connected, Map<String, Integer> byDc) {}

  /**
   * The clients during a run: {@code affected} had a DISCONNECTED since the run started, {@code
   * reconnected} of those are connected again now.
   */
  record RunClients(int total, int connected, int affected, int reconnected) {}

  private final Map<String, Seen> clients = new HashMap<>();

  void report(ClientReport r, Instant at) {
    if (r.id() != null) {
      clients.put(r.id(), new Seen(r, at));
    }
  }

  /** Forgets every client (a new run starts its own). */
  void clear() {
    clients.clear();
  }

  private List<ClientReport> current(Instant now) {
    clients.values().removeIf(s -> s.at().plus(FORGET_AFTER).isBefore(now));
    return clients.values().stream().map(Seen::report).toList();
  }

  /**
   * The clients of data centre {@code dc}.
   *
   * @param dcOfServer the data centre of a server, by the host of its URL (null when unknown)
   */
  DcClients ofDc(String dc, Instant now, Function<String, String> dcOfServer) {
    int total = 0;
    int connected = 0;
    Map<String, Integer> byDc = new TreeMap<>();
    for (ClientReport r : current(now)) {
      if (!dc.equals(r.dc())) {
        continue;
      }
      total++;
      if (connected(r)) {
        connected++;
        String server = dcOfServer.apply(host(r.lastServer()));
        byDc.merge(server == null ? "unknown" : server, 1, Integer::sum);
      }
    }
    return new DcClients(total, connected, byDc);
  }

  /** The clients of the scenario since a run started at {@code since}. */
  RunClients sinceRun(Instant since, Instant now) {
    int total = 0;
    int connected = 0;
    int affected = 0;
    int reconnected = 0;
    for (ClientReport r : current(now)) {
      total++;
      boolean on = connected(r);
      connected += on ? 1 : 0;
      boolean lost =
          events(r).stream()
              .anyMatch(e -> "DISCONNECTED".equals(e.type()) && !parse(e.time()).isBefore(since));
      if (lost) {
        affected++;
        reconnected += on ? 1 : 0;
      }
    }
    return new RunClients(total, connected, affected, reconnected);
  }

  /** Connected when its last connection event is CONNECTED or RECONNECTED. */
  static boolean connected(ClientReport r) {
    List<ClientReport.ConnectionEvent> events = events(r);
    if (events.isEmpty()) {
      return false;
    }
    String last = events.getLast().type();
    return "CONNECTED".equals(last) || "RECONNECTED".equals(last);
  }

  private static List<ClientReport.ConnectionEvent> events(ClientReport r) {
    return r.events() == null ? List.of() : r.events();
  }

  private static Instant parse(String time) {
    try {
      return Instant.parse(time);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  /** The host of {@code nats://127.0.2.1:4222}, {@code 127.0.2.1:4222} or a bare host. */
  static String host(String server) {
    if (server == null || server.isBlank()) {
      return null;
    }
    try {
      String host = URI.create(server.contains("://") ? server : "nats://" + server).getHost();
      return host == null ? server : host;
    } catch (IllegalArgumentException e) {
      return server;
    }
  }
}
