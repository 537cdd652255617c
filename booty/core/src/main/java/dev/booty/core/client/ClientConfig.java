package dev.booty.core.client;

import java.time.Duration;
import java.util.List;

/**
 * What one measuring test client does.
 *
 * @param id the client's name (also its NATS connection name)
 * @param dc the data centre it runs in
 * @param servers the seed list, tried in exactly this order (never shuffled)
 * @param subject where it publishes and what it subscribes to
 * @param rate messages per second
 * @param size payload bytes, at least {@link Payload#HEADER}
 * @param duration how long it publishes; null: until stopped
 */
public record ClientConfig(
    String id,
    String dc,
    List<String> servers,
    String subject,
    int rate,
    int size,
    Duration duration) {
  public ClientConfig {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("client id: missing");
    }
    if (servers == null || servers.isEmpty()) {
      throw new IllegalArgumentException("servers: at least one URL expected");
    }
    servers = List.copyOf(servers);
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject: missing");
    }
    if (rate <= 0) {
      throw new IllegalArgumentException("rate " + rate + ": expected at least 1 msg/s");
    }
    if (size < Payload.HEADER) {
      throw new IllegalArgumentException(
          "size " + size + ": expected at least " + Payload.HEADER + " bytes");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("duration " + duration + ": expected more than 0");
    }
  }
}
