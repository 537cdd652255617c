package dev.booty.core.backchannel.protocol;

import dev.booty.core.BootyException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The agents booty hears: it listens to {@code booty.agent.hb.*} for a while and keeps each node's
 * latest heartbeat. The subject names the node (the server lets only that node's agent publish
 * there), so a heartbeat naming another node in its body is ignored.
 */
public final class Nodes {
  private Nodes() {}

  /** A node's latest heartbeat and when booty received it. */
  public record Heard(Protocol.Heartbeat heartbeat, Instant at) {
    public String node() {
      return heartbeat.node();
    }

    public String dc() {
      return heartbeat.dc();
    }
  }

  /**
   * The nodes heard within {@code wait}, ordered by data centre then node; {@code warn} hears about
   * heartbeats that could not be read (each sender once).
   */
  public static List<Heard> listen(Connection nc, Duration wait, Consumer<String> warn)
      throws InterruptedException {
    Map<String, Heard> heard = new ConcurrentHashMap<>();
    Map<String, Boolean> warned = new ConcurrentHashMap<>();
    Dispatcher d =
        nc.createDispatcher(
            msg -> {
              String node = Subjects.lastToken(msg.getSubject());
              try {
                heard.put(node, new Heard(heartbeat(msg), Instant.now()));
              } catch (ProtocolException e) {
                if (warned.putIfAbsent(node, true) == null) {
                  warn.accept("ignored a heartbeat on " + msg.getSubject() + ": " + e.getMessage());
                }
              }
            });
    d.subscribe(Subjects.heartbeats());
    try {
      Thread.sleep(wait.toMillis());
    } finally {
      nc.closeDispatcher(d);
    }
    List<Heard> out = new ArrayList<>(heard.values());
    out.sort(Comparator.comparing((Heard h) -> String.valueOf(h.dc())).thenComparing(Heard::node));
    return out;
  }

  /**
   * Listens until every node of {@code nodes} has sent a heartbeat for {@code scenario}, or {@code
   * timeout} passed; the nodes heard, in {@code nodes}' order.
   */
  public static List<String> await(
      Connection nc, List<String> nodes, String scenario, Duration timeout)
      throws InterruptedException {
    Set<String> heard = ConcurrentHashMap.newKeySet();
    Dispatcher d =
        nc.createDispatcher(
            msg -> {
              try {
                Protocol.Heartbeat hb = heartbeat(msg);
                if (scenario.equals(hb.scenario())) {
                  heard.add(hb.node());
                }
              } catch (ProtocolException e) {
                // not one of the nodes waited for: listen() names such senders
              }
            });
    d.subscribe(Subjects.heartbeats());
    Instant deadline = Instant.now().plus(timeout);
    try {
      while (!heard.containsAll(nodes) && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
    } finally {
      nc.closeDispatcher(d);
    }
    return nodes.stream().filter(heard::contains).toList();
  }

  /**
   * A heartbeat as sent on {@code booty.agent.hb.NODE}: refused when its body names another node
   * than its subject (the server lets only that node's agent publish there).
   */
  private static Protocol.Heartbeat heartbeat(io.nats.client.Message msg) throws ProtocolException {
    Protocol.Heartbeat hb = Protocol.read(msg.getData(), Protocol.Heartbeat.class);
    String node = Subjects.lastToken(msg.getSubject());
    if (!node.equals(hb.node())) {
      throw new ProtocolException("it names node '" + hb.node() + "'");
    }
    return hb;
  }

  /**
   * The nodes of {@code heard} that {@code target} means: {@code all}, {@code dc:NAME}; a usage
   * error naming what was heard when none matches.
   */
  public static List<Heard> select(List<Heard> heard, String target, Duration waited) {
    List<Heard> out;
    if (target.equals("all")) {
      out = heard;
    } else if (target.startsWith("dc:")) {
      String dc = target.substring(3);
      out = heard.stream().filter(h -> dc.equals(h.dc())).toList();
    } else {
      out = heard.stream().filter(h -> target.equals(h.node())).toList();
    }
    if (out.isEmpty()) {
      throw BootyException.usage(
          "no node matches '" + target + "': " + describe(heard) + " in " + seconds(waited) + " s");
    }
    return out;
  }

  /** {@code d} in seconds for people: "3", "2.5". */
  public static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
  }

  /** "heard nodes a, b (data centres x, y)" or "no agents heard". */
  static String describe(List<Heard> heard) {
    if (heard.isEmpty()) {
      return "no agents heard";
    }
    TreeSet<String> dcs = new TreeSet<>();
    heard.forEach(h -> dcs.add(String.valueOf(h.dc())));
    return "heard nodes "
        + String.join(", ", heard.stream().map(Heard::node).toList())
        + " (data centres "
        + String.join(", ", dcs)
        + ")";
  }
}
