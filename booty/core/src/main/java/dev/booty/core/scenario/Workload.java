package dev.booty.core.scenario;

import java.time.Duration;
import java.util.List;

/**
 * What every client does.
 *
 * @param rate messages per second per client, for each kind
 * @param size message payload in bytes
 * @param jetstream whether the kinds include {@code jetstream} (false when not written)
 * @param kinds the workload kinds: {@code pubsub}, {@code request}, {@code queue}, {@code
 *     jetstream}; {@code [pubsub]} (plus {@code jetstream} when set) when not written
 * @param pingInterval how often clients ping their server; with {@code maxPingsOut} unanswered
 *     pings they declare it gone
 * @param connectTimeout how long a client gives one connection attempt (a frozen or black-holed
 *     server costs this much on the way to the next)
 * @param warmup how long clients run before the timeline starts
 * @param settle how long they run on after the last step healed
 */
public record Workload(
    String subject,
    double rate,
    int size,
    boolean jetstream,
    List<String> kinds,
    Duration pingInterval,
    int maxPingsOut,
    Duration connectTimeout,
    Duration warmup,
    Duration settle) {
  public static final List<String> KINDS = List.of("pubsub", "request", "queue", "jetstream");
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(2);
  public static final int DEFAULT_MAX_PINGS_OUT = 2;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);

  public Workload {
    kinds = List.copyOf(kinds);
  }

  public Workload(String subject, double rate, int size, boolean jetstream) {
    this(
        subject,
        rate,
        size,
        jetstream,
        jetstream ? List.of("pubsub", "jetstream") : List.of("pubsub"),
        DEFAULT_PING_INTERVAL,
        DEFAULT_MAX_PINGS_OUT,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_WARMUP,
        DEFAULT_SETTLE);
  }
}
