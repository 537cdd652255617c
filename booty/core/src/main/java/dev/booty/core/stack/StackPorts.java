package dev.booty.core.stack;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ports of the local stack, by name ({@code nomad.http}). Stable between runs: the first {@code
 * booty up} writes them to {@code stack/ports.json}, later runs read them back; {@code --port
 * NAME=PORT} changes one and is remembered. Defaults sit away from the components' own defaults so
 * a developer's Consul or Nomad on 8500/4646 does not collide.
 */
public final class StackPorts {
  static final Map<String, Integer> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("consul.http", 18500);
    DEFAULTS.put("consul.dns", 18600);
    DEFAULTS.put("consul.grpc", 18502);
    DEFAULTS.put("consul.server", 18300);
    DEFAULTS.put("consul.serf-lan", 18301);
    DEFAULTS.put("consul.serf-wan", 18302);
    DEFAULTS.put("nomad.http", 14646);
    DEFAULTS.put("nomad.rpc", 14647);
    DEFAULTS.put("nomad.serf", 14648);
    DEFAULTS.put("nats.client", 14222);
    DEFAULTS.put("nats.websocket", 14280);
    DEFAULTS.put("victoria-metrics.http", 18428);
    DEFAULTS.put("caddy.admin", 12019);
    DEFAULTS.put("caddy.http", 18080);
    DEFAULTS.put("caddy.nomad", 18081);
    DEFAULTS.put("caddy.consul", 18082);
    DEFAULTS.put("caddy.victoria-metrics", 18083);
    // booty's dashboard, inside the supervisor; reached only through Caddy's caddy.http
    DEFAULTS.put("dashboard", 18084);
  }

  private final Map<String, Integer> ports;

  /** The names of the stack's ports, in start order ({@code consul.http}, ...). */
  public static List<String> names() {
    return List.copyOf(DEFAULTS.keySet());
  }

  private StackPorts(Map<String, Integer> ports) {
    this.ports = ports;
  }

  /** The saved ports (or the defaults), with {@code overrides} applied; validated. */
  public static StackPorts load(Path file, Map<String, Integer> overrides) {
    Map<String, Integer> ports = new LinkedHashMap<>(DEFAULTS);
    if (Files.isRegularFile(file)) {
      try {
        Map<String, Integer> saved =
            Json.MAPPER.readValue(file.toFile(), new TypeReference<TreeMap<String, Integer>>() {});
        saved.forEach(
            (k, v) -> {
              if (ports.containsKey(k)) {
                ports.put(k, v);
              }
            });
      } catch (IOException e) {
        throw BootyException.failure("cannot read " + file + ": " + e.getMessage());
      }
    }
    overrides.forEach(
        (k, v) -> {
          if (!ports.containsKey(k)) {
            throw BootyException.usage(
                "unknown port '" + k + "'; known: " + String.join(", ", ports.keySet()));
          }
          if (v < 1 || v > 65535) {
            throw BootyException.usage("port " + k + "=" + v + " is out of range 1-65535");
          }
          ports.put(k, v);
        });
    Map<Integer, String> seen = new TreeMap<>();
    ports.forEach(
        (k, v) -> {
          String other = seen.put(v, k);
          if (other != null) {
            throw BootyException.usage("port " + v + " is given to both " + other + " and " + k);
          }
        });
    return new StackPorts(ports);
  }

  public int get(String name) {
    Integer p = ports.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no port " + name);
    }
    return p;
  }

  public Map<String, Integer> all() {
    return Map.copyOf(ports);
  }

  public void save(Path file) throws IOException {
    FileTrees.writeAtomically(file, Json.MAPPER.writeValueAsString(new TreeMap<>(ports)), false);
  }
}
