package dev.booty.core.backchannel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The back channel's subjects, commands, refusals and payloads, as docs/backchannel.md has them.
 */
class ProtocolTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String refusal(String command, String payload) {
    CommandRequest r = CommandRequest.parse(Subjects.command("n1", command), utf8(payload));
    assertThat(r).isInstanceOf(CommandRequest.Refused.class);
    return ((CommandRequest.Refused) r).reason();
  }

  @Test
  void subjectsFollowTheDocs() {
    assertThat(Subjects.heartbeat("local-3dc-dallas")).isEqualTo("booty.agent.hb.local-3dc-dallas");
    assertThat(Subjects.heartbeats()).isEqualTo("booty.agent.hb.*");
    assertThat(Subjects.command("n1", "lame-duck")).isEqualTo("booty.cmd.n1.lame-duck");
    assertThat(Subjects.commands("n1")).isEqualTo("booty.cmd.n1.>");
    assertThat(Subjects.telemetry("n1")).isEqualTo("booty.telemetry.n1");
    assertThat(Subjects.telemetryAll()).isEqualTo("booty.telemetry.*");
    assertThat(Subjects.lastToken("booty.cmd.n1.stats")).isEqualTo("stats");
    assertThatThrownBy(() -> Subjects.heartbeat("a.b"))
        .hasMessageContaining("'a.b' cannot be a subject token");
    assertThatThrownBy(() -> Subjects.commands("*")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyCommandRoundTripsThroughItsSubjectAndJson() {
    List<Command> all =
        List.of(
            new Command.Ping(),
            new Command.Status(),
            new Command.Stats(null),
            new Command.Stats("dal-1"),
            new Command.LameDuck("dal-2"),
            new Command.Stop("dal-1"),
            new Command.Start("dal-1"),
            new Command.Kill("dal-3"));
    for (Command c : all) {
      byte[] wire = Protocol.write(c.request());
      CommandRequest back = CommandRequest.parse(Subjects.command("n1", c.name()), wire);
      assertThat(back)
          .as(new String(wire, StandardCharsets.UTF_8))
          .isEqualTo(new CommandRequest.Accepted(c));
    }
    assertThat(
            new String(
                Protocol.write(new Command.LameDuck("dal-2").request()), StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":1,\"server\":\"dal-2\"}");
    assertThat(new String(Protocol.write(new Command.Ping().request()), StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":1}");
    assertThat(Command.NAMES)
        .containsExactly("ping", "status", "stats", "lame-duck", "stop", "start", "kill");
    assertThat(
            CommandRequest.parse(Subjects.command("n1", "stop"), "{\"v\":1}".getBytes()).toString())
        .contains("command 'stop' needs argument 'server'");
  }

  @Test
  void unknownCommandsAndBadArgumentsAreRefusedWithTheReason() {
    assertThat(refusal("bogus", "{\"v\":1}"))
        .isEqualTo(
            "unknown command 'bogus'; known: ping, status, stats, lame-duck, stop, start, kill");
    assertThat(refusal("lame-duck", "{\"v\":1}"))
        .isEqualTo("command 'lame-duck' needs argument 'server' (a nats-server's name)");
    assertThat(refusal("lame-duck", "{\"v\":1,\"server\":\"\"}"))
        .isEqualTo("argument 'server' of 'lame-duck' must be a nats-server's name, not \"\"");
    assertThat(refusal("stats", "{\"v\":1,\"server\":7}"))
        .isEqualTo("argument 'server' of 'stats' must be a nats-server's name, not 7");
    assertThat(refusal("ping", "{\"v\":1,\"server\":\"dal-1\"}"))
        .isEqualTo("command 'ping' takes no arguments; got server");
    assertThat(refusal("stats", "{\"v\":1,\"servers\":\"dal-1\",\"x\":1}"))
        .isEqualTo("command 'stats' takes only server; got servers, x");
  }

  @Test
  void onlyJsonObjectsOfVersionOneAreRead() {
    assertThat(refusal("ping", "{\"v\":2}"))
        .isEqualTo("protocol version v=2 is not known (this booty speaks 1)");
    assertThat(refusal("ping", "{\"v\":\"1\"}"))
        .isEqualTo("protocol version v=\"1\" is not known (this booty speaks 1)");
    assertThat(refusal("ping", "{}"))
        .isEqualTo("payload has no protocol version \"v\" (this booty speaks 1)");
    assertThat(refusal("ping", "")).startsWith("empty payload");
    assertThat(refusal("ping", "[1]")).isEqualTo("payload is not a JSON object: [1]");
    assertThat(refusal("ping", "{nope")).startsWith("payload is not JSON: ");
    // the CLI's path refuses the same way, before anything is sent
    assertThat(CommandRequest.of("ping", Map.of("server", "x")))
        .isEqualTo(
            new CommandRequest.Refused("ping", "command 'ping' takes no arguments; got server"));
    assertThat(CommandRequest.of("lame-duck", Map.of("server", "dal-2")))
        .isEqualTo(new CommandRequest.Accepted(new Command.LameDuck("dal-2")));
  }

  @Test
  void repliesCarryVersionOkNodeAndResultOrError() throws Exception {
    JsonNode result = Json.MAPPER.readTree("{\"time\":1700000000000}");
    String ok = new String(Protocol.write(Protocol.Reply.ok("n1", result)), StandardCharsets.UTF_8);
    assertThat(ok)
        .isEqualTo("{\"v\":1,\"ok\":true,\"node\":\"n1\",\"result\":{\"time\":1700000000000}}");
    String err =
        new String(
            Protocol.write(Protocol.Reply.error("n1", "no such server")), StandardCharsets.UTF_8);
    assertThat(err)
        .isEqualTo("{\"v\":1,\"ok\":false,\"node\":\"n1\",\"error\":\"no such server\"}");
    assertThat(Protocol.read(utf8(ok), Protocol.Reply.class))
        .isEqualTo(Protocol.Reply.ok("n1", result));
    assertThatThrownBy(() -> Protocol.read(utf8("{\"v\":3,\"ok\":true}"), Protocol.Reply.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("protocol version v=3 is not known (this booty speaks 1)");
  }

  @Test
  void heartbeatAndTelemetryHaveTheDocumentedFields() throws Exception {
    Protocol.Heartbeat hb =
        new Protocol.Heartbeat(
            1, "n1", "dallas", "local-3dc", "0.1.0", "2025-01-01T00:00:00Z", 42, List.of("dal-1"));
    JsonNode json = Json.MAPPER.readTree(Protocol.write(hb));
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "v", "node", "dc", "scenario", "version", "startedAt", "uptimeSeconds", "servers");
    assertThat(Protocol.read(Protocol.write(hb), Protocol.Heartbeat.class)).isEqualTo(hb);

    Protocol.Telemetry t =
        new Protocol.Telemetry(
            1,
            "n1",
            "dallas",
            "local-3dc",
            1700000000000L,
            List.of(new Protocol.Sample("nats_server_connections", Map.of("server", "dal-1"), 3)));
    assertThat(new String(Protocol.write(t), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":1,\"node\":\"n1\",\"dc\":\"dallas\",\"scenario\":\"local-3dc\",\"time\":1700000000000,"
                + "\"samples\":[{\"name\":\"nats_server_connections\",\"labels\":{\"server\":\"dal-1\"},\"value\":3.0}]}");
    assertThat(Protocol.read(Protocol.write(t), Protocol.Telemetry.class)).isEqualTo(t);
  }
}
