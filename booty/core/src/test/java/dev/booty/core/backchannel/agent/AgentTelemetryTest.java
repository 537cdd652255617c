package dev.booty.core.backchannel.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.backchannel.protocol.Protocol;
import dev.booty.core.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From a nats-server's monitoring JSON (as 2.11 writes it) and /proc to the exact samples. */
class AgentTelemetryTest {
  static final String VARZ =
      """
      {"server_id":"NA","server_name":"dal-1","version":"2.11.17","mem":15876096,"cores":2,
       "cpu":3.5,"connections":4,"total_connections":9,"routes":2,"remotes":2,"leafnodes":0,
       "in_msgs":100,"out_msgs":250,"in_bytes":2048,"out_bytes":4096,"slow_consumers":1,
       "subscriptions":60}
      """;
  static final String JSZ =
      """
      {"memory":0,"storage":1024,"streams":3,"consumers":5,"messages":1234,"bytes":99999,
       "config":{"max_memory":0}}
      """;
  static final String ROUTEZ =
      """
      {"server_id":"NA","server_name":"dal-1","num_routes":5,"routes":[]}
      """;
  static final String GATEWAYZ =
      """
      {"server_id":"NA","name":"dallas",
       "outbound_gateways":{"london":{"configured":true},"tokyo":{"configured":true}},
       "inbound_gateways":{"london":[{}]}}
      """;

  static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  static Protocol.Sample s(String name, double value) {
    return new Protocol.Sample(name, Map.of("server", "dal-1"), value);
  }

  @Test
  void everyFigureOfOneServerWithItsName() throws Exception {
    List<Protocol.Sample> samples =
        AgentTelemetry.server("dal-1", json(VARZ), json(JSZ), json(ROUTEZ), json(GATEWAYZ));
    assertThat(samples)
        .containsExactly(
            s("nats_server_connections", 4),
            s("nats_server_in_msgs", 100),
            s("nats_server_out_msgs", 250),
            s("nats_server_in_bytes", 2048),
            s("nats_server_out_bytes", 4096),
            s("nats_server_slow_consumers", 1),
            s("nats_server_mem_bytes", 15876096),
            s("nats_server_cpu_percent", 3.5),
            s("nats_server_routes", 5),
            s("nats_server_gateways", 2),
            s("nats_server_jetstream_streams", 3),
            s("nats_server_jetstream_messages", 1234));
  }

  @Test
  void aMissingProbeLeavesOutOnlyItsOwnFigures() throws Exception {
    List<Protocol.Sample> samples = AgentTelemetry.server("dal-1", json(VARZ), null, null, null);
    assertThat(samples)
        .extracting(Protocol.Sample::name)
        .doesNotContain(
            "nats_server_gateways",
            "nats_server_jetstream_streams",
            "nats_server_jetstream_messages")
        .contains("nats_server_connections");
    // without /routez, the route count comes from /varz
    assertThat(samples).contains(s("nats_server_routes", 2));
  }

  @Test
  void hostFiguresFromProc() {
    String loadavg = "0.42 0.30 0.25 1/512 12345\n";
    String meminfo =
        "MemTotal:       32768000 kB\nMemFree:         1000000 kB\nMemAvailable:   24000000 kB\n";
    assertThat(AgentTelemetry.host(loadavg, meminfo))
        .containsExactly(
            new Protocol.Sample("booty_host_load1", Map.of(), 0.42),
            new Protocol.Sample("booty_host_memory_available_bytes", Map.of(), 24000000 * 1024.0));
    assertThat(AgentTelemetry.host(null, null)).isEmpty();
    assertThat(AgentTelemetry.host("garbage", "MemAvailable: lots")).isEmpty();
  }
}
