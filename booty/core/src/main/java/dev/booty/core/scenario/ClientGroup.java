package dev.booty.core.scenario;

import java.util.List;
import java.util.Locale;

/**
 * Clients placed in one data centre.
 *
 * @param count how many clients (at least 1; 1 when not written)
 * @param connect the data centres they prefer, in order; empty means their own data centre first,
 *     then the others by round-trip time
 * @param perTask how many clients one process (one Nomad allocation) hosts; count is a multiple of
 *     it, and scaling changes the allocations
 * @param bootstrap how the clients find servers: handed the seed list, or by the scenario's DNS
 *     name
 * @param profile how their NATS connection is set up
 * @param kind what the clients are: JVM processes on the servers' client port, or pages in headless
 *     Chromium on their websocket listeners
 */
public record ClientGroup(
    String datacenter,
    int count,
    List<String> connect,
    int perTask,
    Bootstrap bootstrap,
    Profile profile,
    Kind kind) {
  /** Clients per process when the file does not say: all of them up to this many. */
  public static final int DEFAULT_PER_TASK = 10;

  /**
   * The most clients one browser holds: Chromium opens at most 255 WebSockets per profile, and the
   * page's report channel is one of them.
   */
  public static final int MAX_PER_BROWSER = 254;

  /** How clients learn where the servers are. */
  public enum Bootstrap {
    /** Every server, ordered by the scenario's round-trip times (an idealised client). */
    SEEDS,
    /** Only the scenario's DNS name: the data centre's resolver answers. */
    DNS;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a client's connection is set up. */
  public enum Profile {
    /** No randomisation, discovered servers ignored, short pings: booty's measuring client. */
    CAREFUL,
    /**
     * jnats as an application uses it out of the box: discovered servers, randomised order, the
     * default ping interval, the JVM's own DNS cache.
     */
    LIBRARY_DEFAULT;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** What runs the clients. */
  public enum Kind {
    /** booty's measuring clients (jnats), many per JVM process, on the client port. */
    JVM,
    /**
     * Pages in headless Chromium holding NATS connections over WebSocket (the official JavaScript
     * client), one browser per process: what a web application's users run.
     */
    BROWSER;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ClientGroup {
    connect = List.copyOf(connect);
    kind = kind == null ? Kind.JVM : kind;
  }

  public ClientGroup(
      String datacenter,
      int count,
      List<String> connect,
      int perTask,
      Bootstrap bootstrap,
      Profile profile) {
    this(datacenter, count, connect, perTask, bootstrap, profile, Kind.JVM);
  }

  public ClientGroup(String datacenter, int count, List<String> connect, int perTask) {
    this(datacenter, count, connect, perTask, Bootstrap.SEEDS, Profile.CAREFUL);
  }

  public ClientGroup(String datacenter, int count, List<String> connect) {
    this(datacenter, count, connect, Math.min(count, DEFAULT_PER_TASK));
  }

  /** How many processes host the clients. */
  public int tasks() {
    return count / perTask;
  }
}
