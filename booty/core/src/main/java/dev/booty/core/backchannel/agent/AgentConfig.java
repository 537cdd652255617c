package dev.booty.core.backchannel.agent;

import dev.booty.core.backchannel.protocol.Subjects;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one agent runs with ({@code booty agent}'s options).
 *
 * @param controlPlane the control-plane NATS URL the agent connects to, and only to it
 * @param creds the agent's creds file, or null to connect without (tests, an open server)
 * @param node this node's name (a subject token)
 * @param dc the data centre the node belongs to
 * @param scenario the scenario, or null
 * @param consul the DC's Consul agent, where the local nats-servers register; null watches none
 * @param heartbeat how often to heartbeat
 * @param telemetry how often to publish samples (and look up the local nats-servers again)
 * @param natsServer the nats-server binary that signals lame-duck mode
 * @param version booty's version, for heartbeats and status
 */
public record AgentConfig(
    String controlPlane,
    Path creds,
    String node,
    String dc,
    String scenario,
    URI consul,
    Duration heartbeat,
    Duration telemetry,
    String natsServer,
    String version) {
  public AgentConfig {
    Subjects.token(node);
    if (controlPlane == null || controlPlane.isBlank()) {
      throw new IllegalArgumentException("the agent needs a control-plane URL");
    }
    if (dc == null || dc.isBlank()) {
      throw new IllegalArgumentException("the agent needs its data centre's name");
    }
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat interval must be positive, not " + heartbeat);
    }
    if (telemetry.isNegative() || telemetry.isZero()) {
      throw new IllegalArgumentException("telemetry interval must be positive, not " + telemetry);
    }
  }
}
