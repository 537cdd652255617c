package dev.booty.core.backchannel.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.backchannel.protocol.Protocol;
import dev.booty.core.backchannel.protocol.Subjects;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** An agent's answers, without NATS: what comes back for each request. */
class CommandHandlerTest {
  static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");
  static final AgentConfig CONFIG =
      new AgentConfig(
          "nats://127.0.0.1:4222",
          null,
          "local-3dc-dallas",
          "dallas",
          "local-3dc",
          null,
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          null,
          "0.1.0");

  final CommandHandler handler =
      new CommandHandler(
          CONFIG,
          new AgentServers(null, line -> {}),
          STARTED,
          Clock.fixed(STARTED.plusSeconds(90), ZoneOffset.UTC));

  Protocol.Reply send(String command, String payload) {
    return handler.handle(
        Subjects.command("local-3dc-dallas", command), payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pingAnswersTheAgentsClock() {
    Protocol.Reply r = send("ping", "{\"v\":1}");
    assertThat(r.ok()).isTrue();
    assertThat(r.node()).isEqualTo("local-3dc-dallas");
    assertThat(r.result().get("time").asLong()).isEqualTo(STARTED.plusSeconds(90).toEpochMilli());
  }

  @Test
  void statusNamesTheNodeAndItsUptime() {
    Protocol.Reply r = send("status", "{\"v\":1}");
    assertThat(r.ok()).isTrue();
    assertThat(r.result().get("dc").asText()).isEqualTo("dallas");
    assertThat(r.result().get("scenario").asText()).isEqualTo("local-3dc");
    assertThat(r.result().get("version").asText()).isEqualTo("0.1.0");
    assertThat(r.result().get("uptimeSeconds").asLong()).isEqualTo(90);
    assertThat(r.result().get("servers")).isEmpty();
  }

  @Test
  void refusalsComeBackAsErrors() {
    Protocol.Reply r = send("reboot", "{\"v\":1}");
    assertThat(r.ok()).isFalse();
    assertThat(r.error())
        .isEqualTo(
            "unknown command 'reboot'; known: ping, status, stats, lame-duck, stop, start, kill");
    assertThat(send("ping", "{\"v\":9}").error())
        .isEqualTo("protocol version v=9 is not known (this booty speaks 1)");
  }

  @Test
  void anUnknownServerIsNamedWithTheKnownOnes() {
    Protocol.Reply r = send("lame-duck", "{\"v\":1,\"server\":\"dal-9\"}");
    assertThat(r.ok()).isFalse();
    assertThat(r.error())
        .isEqualTo(
            "node local-3dc-dallas has no nats-server 'dal-9'; it knows: none (the agent runs"
                + " without --consul)");
    assertThat(send("stats", "{\"v\":1}").result().get("servers")).isEmpty();
  }
}
