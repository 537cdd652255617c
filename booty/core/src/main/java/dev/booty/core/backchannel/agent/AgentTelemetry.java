package dev.booty.core.backchannel.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.backchannel.protocol.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An agent's samples (docs/backchannel.md): the host's load and available memory from {@code
 * /proc}, and per local nats-server the figures of its {@code /varz}, {@code /jsz}, {@code /routez}
 * and {@code /gatewayz}, labelled {@code server=NAME}. A server whose {@code /varz} does not answer
 * is left out of the round; a missing {@code /jsz}, {@code /routez} or {@code /gatewayz} only
 * leaves out its own figures.
 */
public final class AgentTelemetry {
  private final AgentConfig config;
  private final AgentServers servers;
  private final Clock clock;

  public AgentTelemetry(AgentConfig config, AgentServers servers, Clock clock) {
    this.config = config;
    this.servers = servers;
    this.clock = clock;
  }

  /** One round: looks up the servers again, probes the host and each server. */
  public Protocol.Telemetry collect() throws InterruptedException {
    List<Protocol.Sample> samples =
        new ArrayList<>(host(read("/proc/loadavg"), read("/proc/meminfo")));
    for (AgentServers.Server s : servers.refresh()) {
      JsonNode varz;
      try {
        varz = servers.monitor(s, "/varz");
      } catch (IOException e) {
        continue;
      }
      samples.addAll(
          server(s.name(), varz, probe(s, "/jsz"), probe(s, "/routez"), probe(s, "/gatewayz")));
    }
    return new Protocol.Telemetry(
        Protocol.VERSION,
        config.node(),
        config.dc(),
        config.scenario(),
        clock.millis(),
        List.copyOf(samples));
  }

  /**
   * {@code booty_host_load1} and {@code booty_host_memory_available_bytes} from the text of {@code
   * /proc/loadavg} and {@code /proc/meminfo}; either may be null (not Linux) and is then left out.
   */
  static List<Protocol.Sample> host(String loadavg, String meminfo) {
    List<Protocol.Sample> out = new ArrayList<>();
    if (loadavg != null && !loadavg.isBlank()) {
      try {
        out.add(
            sample(
                "booty_host_load1", Map.of(), Double.parseDouble(loadavg.trim().split("\\s+")[0])));
      } catch (NumberFormatException e) {
        // not the format of /proc/loadavg: no figure this round
      }
    }
    if (meminfo != null) {
      for (String line : meminfo.split("\n")) {
        if (line.startsWith("MemAvailable:")) {
          String[] f = line.substring("MemAvailable:".length()).trim().split("\\s+");
          try {
            out.add(
                sample(
                    "booty_host_memory_available_bytes", Map.of(), Long.parseLong(f[0]) * 1024.0));
          } catch (NumberFormatException e) {
            // not kB figures: no figure this round
          }
        }
      }
    }
    return out;
  }

  /**
   * The samples of one nats-server from its monitoring JSON; {@code jsz}, {@code routez} and {@code
   * gatewayz} may be null (not answered), {@code varz} may not.
   */
  static List<Protocol.Sample> server(
      String name, JsonNode varz, JsonNode jsz, JsonNode routez, JsonNode gatewayz) {
    Map<String, String> labels = Map.of("server", name);
    List<Protocol.Sample> out = new ArrayList<>();
    String[][] fromVarz = {
      {"nats_server_connections", "connections"},
      {"nats_server_in_msgs", "in_msgs"},
      {"nats_server_out_msgs", "out_msgs"},
      {"nats_server_in_bytes", "in_bytes"},
      {"nats_server_out_bytes", "out_bytes"},
      {"nats_server_slow_consumers", "slow_consumers"},
      {"nats_server_mem_bytes", "mem"},
      {"nats_server_cpu_percent", "cpu"},
    };
    for (String[] m : fromVarz) {
      JsonNode v = varz.get(m[1]);
      if (v != null && v.isNumber()) {
        out.add(sample(m[0], labels, v.asDouble()));
      }
    }
    JsonNode routes =
        routez != null && routez.has("num_routes") ? routez.get("num_routes") : varz.get("routes");
    if (routes != null && routes.isNumber()) {
      out.add(sample("nats_server_routes", labels, routes.asDouble()));
    }
    if (gatewayz != null) {
      out.add(sample("nats_server_gateways", labels, gatewayz.path("outbound_gateways").size()));
    }
    if (jsz != null) {
      for (String[] m :
          new String[][] {
            {"nats_server_jetstream_streams", "streams"},
            {"nats_server_jetstream_messages", "messages"}
          }) {
        JsonNode v = jsz.get(m[1]);
        if (v != null && v.isNumber()) {
          out.add(sample(m[0], labels, v.asDouble()));
        }
      }
    }
    return out;
  }

  private JsonNode probe(AgentServers.Server s, String path) throws InterruptedException {
    try {
      return servers.monitor(s, path);
    } catch (IOException e) {
      return null;
    }
  }

  private static Protocol.Sample sample(String name, Map<String, String> labels, double value) {
    return new Protocol.Sample(name, labels, value);
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return null;
    }
  }
}
