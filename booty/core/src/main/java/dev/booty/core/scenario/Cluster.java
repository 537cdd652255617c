package dev.booty.core.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NATS cluster a scenario deploys, defaults applied.
 *
 * @param version a nats-server version ({@code 2.10.27}) or line ({@code 2.11.x}); null means the
 *     active installed one
 * @param driver the Nomad task driver: {@code raw_exec} or {@code docker}
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

  public Cluster {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** A cluster with every default: raw_exec, 3 servers per DC, JetStream R3, no websocket. */
  public static Cluster defaults() {
    return new Cluster(
        null,
        DEFAULT_DRIVER,
        DEFAULT_SERVERS,
        true,
        DEFAULT_REPLICAS,
        false,
        DEFAULT_LAME_DUCK,
        Map.of());
  }
}
