package dev.booty.api;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link ChaosMode} may act on in a deployed scenario. booty carries each action out the way
 * the deployment allows: signals through its agent on the server's node, server jobs through Nomad,
 * WAN paths through the hosting plugin's {@link WanEmulation}, clients through their jobs. Every
 * method throws {@link IllegalStateException} with the reason when the action fails.
 */
public interface ChaosContext {

  /** The plugin context of the scenario (home, endpoints, progress). */
  PluginContext plugin();

  /** The scenario's data centres, in the file's order, each with its servers. */
  List<Site> sites();

  /** The configured round trip between two data centres (zero within one). */
  Duration rtt(String a, String b);

  /** Sends a signal to servers' processes (by server name, e.g. {@code dal-1}). */
  void signal(List<String> servers, Signal signal);

  /**
   * Stops a data centre's server job (its processes end; nothing restarts them) or, with {@code
   * running} true, runs it again and waits for its servers to be healthy. Idempotent.
   */
  void servers(String dataCenter, boolean running);

  /**
   * Replaces one server by the given nats-server version: lame duck first, then the new process,
   * returning once it is healthy. The version must be installed.
   */
  void upgrade(String server, String version);

  /** The version the running server reports on its monitoring port ({@code /varz}). */
  String version(String server);

  /** The versions installed beside each other, e.g. {@code [2.10.27, 2.11.17]}. */
  List<String> installedVersions();

  /** Sets the WAN path between two data centres; {@link Path#configured} restores it. */
  void path(String a, String b, Path state);

  /** How many test clients a data centre runs now. */
  int clients(String dataCenter);

  /** Changes how many test clients a data centre runs. */
  void scaleClients(String dataCenter, int count);

  /**
   * How many test clients one client group of a data centre runs now.
   *
   * @param group the group's label ({@code london-browser}, {@code dallas-dns-careful}, or the data
   *     centre's name for its careful seeds JVM group); null: {@link #clients(String)}
   * @throws IllegalArgumentException when the data centre has no such group
   * @since API 1.2
   */
  default int clients(String dataCenter, String group) {
    if (group == null) {
      return clients(dataCenter);
    }
    throw new UnsupportedOperationException("this context cannot tell client groups apart");
  }

  /**
   * Changes how many test clients one client group of a data centre runs (see {@link
   * #clients(String, String)}); for browser groups this opens or closes browsers.
   *
   * @since API 1.2
   */
  default void scaleClients(String dataCenter, String group, int count) {
    if (group == null) {
      scaleClients(dataCenter, count);
      return;
    }
    throw new UnsupportedOperationException("this context cannot tell client groups apart");
  }

  /** Waits, waking early when the run is interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Puts a data centre's DNS in a state (its DNS plugin must offer {@link DnsChaos}).
   *
   * @throws UnsupportedOperationException when the scenario has no DNS plugin that can
   */
  default void dns(String dataCenter, DnsChaos.State state) {
    throw new UnsupportedOperationException("this scenario's DNS cannot be changed by booty");
  }

  /** A data centre and its servers. */
  record Site(String name, List<Server> servers) {
    public Site {
      servers = List.copyOf(servers);
    }
  }

  /**
   * A NATS server of the deployment.
   *
   * @param host the name clients and other servers reach it by
   */
  record Server(String name, String dataCenter, String host) {}

  /** Signals a server understands. */
  enum Signal {
    /** Freeze (SIGSTOP): connections stay open but nothing answers. */
    STOP,
    /** Thaw (SIGCONT). */
    CONT,
    /** Kill at once (SIGKILL): peers see their connections reset. */
    KILL
  }

  /**
   * The state of a WAN path.
   *
   * @param rtt round trip; null keeps the configured one
   * @param loss share of new connections black-holed, 0 to 1
   * @param down nothing crosses the path
   * @param silent when down: traffic is dropped and connections hang (peers must notice by pings);
   *     otherwise connections are closed at once
   */
  record Path(Duration rtt, double loss, boolean down, boolean silent) {
    /** The path as the scenario configured it. */
    public static Path configured() {
      return new Path(null, 0, false, false);
    }
  }
}
