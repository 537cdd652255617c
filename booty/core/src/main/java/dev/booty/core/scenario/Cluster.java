package dev.booty.core.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The NATS cluster a scenario deploys, defaults applied.
 *
 * @param version a nats-server version ({@code 2.10.27}) or line ({@code 2.11.x}); null means the
 *     active installed one
 * @param driver the Nomad task driver: {@code raw_exec} or {@code docker}
 * @param tls whether routes, gateways and clients speak TLS with certificates from booty's CA
 * @param auth how clients prove who they are: {@link Auth#NONE} (anyone may connect) or {@link
 *     Auth#JWT} (operator mode: an account for the application, users with scoped permissions)
 * @param options settings for the cluster plugin, as written
 */
public record Cluster(
    String version,
    String driver,
    int serversPerDatacenter,
    boolean jetstream,
    int replicas,
    boolean websocket,
    Duration lameDuckDuration,
    boolean tls,
    Auth auth,
    Map<String, String> options) {
  public static final List<String> DRIVERS = List.of("raw_exec", "docker");
  public static final String DEFAULT_DRIVER = "raw_exec";
  public static final int DEFAULT_SERVERS = 3;
  public static final int MAX_SERVERS = 9;
  public static final int DEFAULT_REPLICAS = 3;
  public static final int MAX_REPLICAS = 5;
  public static final Duration DEFAULT_LAME_DUCK = Duration.ofSeconds(30);

  /** nats-server refuses a shorter lame duck duration. */
  public static final Duration MIN_LAME_DUCK = Duration.ofSeconds(30);

  /** How clients authenticate to the cluster's servers. */
  public enum Auth {
    /** No credentials: what a cluster without an {@code authorization} section accepts. */
    NONE,
    /**
     * NATS's decentralised JWTs, as production runs them: the servers trust an operator, clients
     * bring creds (a user JWT and its seed) of the application account.
     */
    JWT;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Cluster {
    auth = auth == null ? Auth.NONE : auth;
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /**
   * A cluster with every default: raw_exec, 3 servers per DC, JetStream R3, no websocket, no TLS,
   * no authentication.
   */
  public static Cluster defaults() {
    return new Cluster(
        null,
        DEFAULT_DRIVER,
        DEFAULT_SERVERS,
        true,
        DEFAULT_REPLICAS,
        false,
        DEFAULT_LAME_DUCK,
        false,
        Auth.NONE,
        Map.of());
  }
}
