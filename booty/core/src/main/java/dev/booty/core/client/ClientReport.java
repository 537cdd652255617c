package dev.booty.core.client;

import java.util.List;
import java.util.Map;

/**
 * What a test client saw. The first fields are its core pub/sub round trip (kind {@code pubsub});
 * {@link #kinds} holds every workload kind it ran, with the raw sequence ranges a run merges across
 * clients.
 *
 * @param sent messages it tried to publish (also those the connection refused)
 * @param received distinct messages it got back
 * @param lost sequence numbers sent but never received
 * @param duplicated receipts of a sequence number already received
 * @param publishErrors publishes the connection refused (its reconnect buffer was full or it was
 *     closed); each is also lost
 * @param disconnects every DISCONNECTED, with the server it lost
 * @param reconnects every RECONNECTED, with the server it reached
 * @param firstServer the server of its first connection
 * @param lastServer the server it was connected to last
 * @param events every connection event, in order (CONNECTED, DISCONNECTED, RECONNECTED, CLOSED)
 * @param kinds by kind: {@code pubsub}, {@code request}, {@code queue}, {@code jetstream}
 * @param intervals round-trip latency per wall-clock second (all kinds), oldest first
 * @param group its client group ({@code dc} when the data centre has one group); null in reports of
 *     older clients
 * @param bootstrap {@code seeds} or {@code dns}
 * @param profile {@code careful} or {@code library-default}
 * @param dns what a dns client saw of its name; null for a seeds client
 * @param kind {@code jvm} or {@code browser}: what ran the client; null in reports of older clients
 *     (jvm)
 */
public record ClientReport(
    String id,
    String dc,
    String subject,
    long sent,
    long received,
    long lost,
    long duplicated,
    long publishErrors,
    double latencyP50Ms,
    double latencyP99Ms,
    double latencyMaxMs,
    List<ConnectionEvent> disconnects,
    List<ConnectionEvent> reconnects,
    String firstServer,
    String lastServer,
    List<ConnectionEvent> events,
    Map<String, KindReport> kinds,
    List<LatencyInterval> intervals,
    String group,
    String bootstrap,
    String profile,
    DnsReport dns,
    String kind) {
  /** {@link #kind} of a JVM client. */
  public static final String JVM = "jvm";

  /** {@link #kind} of a browser client. */
  public static final String BROWSER = "browser";

  /** Its client group: {@link #group}, or its data centre for older reports without one. */
  public String groupOrDc() {
    return group == null ? dc : group;
  }

  /** {@link #kind}, or {@link #JVM} for older reports without one. */
  public String kindOrJvm() {
    return kind == null ? JVM : kind;
  }

  /**
   * This report without the bulky parts (per-second latency, received sequence ranges), for the
   * progress reports a client sends every second; the final report carries everything.
   */
  public ClientReport light() {
    Map<String, KindReport> slim = new java.util.LinkedHashMap<>();
    kinds.forEach(
        (k, r) ->
            slim.put(
                k,
                new KindReport(
                    r.kind(),
                    r.scope(),
                    r.sent(),
                    r.ok(),
                    r.errors(),
                    "",
                    Map.of(),
                    r.duplicated(),
                    r.latencyP50Ms(),
                    r.latencyP99Ms(),
                    r.latencyMaxMs())));
    return new ClientReport(
        id,
        dc,
        subject,
        sent,
        received,
        lost,
        duplicated,
        publishErrors,
        latencyP50Ms,
        latencyP99Ms,
        latencyMaxMs,
        disconnects,
        reconnects,
        firstServer,
        lastServer,
        events,
        slim,
        List.of(),
        group,
        bootstrap,
        profile,
        dns,
        kind);
  }

  /**
   * What a dns client saw of the scenario's DNS name.
   *
   * @param resolveMs how long each resolution of the name took when jnats connected or tried to
   *     reconnect (the JVM's cache included: what the application pays), oldest first, the latest
   *     {@link TestClient#MAX_RESOLVE_SAMPLES}
   * @param resolveErrors resolutions that failed
   * @param answers the answer when the client started, then each change its process saw (asked
   *     every second, see {@link DnsWatch})
   */
  public record DnsReport(
      String name, List<Double> resolveMs, long resolveErrors, List<DnsAnswer> answers) {}

  /**
   * The addresses a DNS name resolved to from some moment on.
   *
   * @param time when the process first saw this answer, ISO-8601
   * @param addresses sorted; empty when the name had none
   */
  public record DnsAnswer(String time, List<String> addresses) {}

  /**
   * One connection event.
   *
   * @param time when the client heard it, ISO-8601
   * @param type CONNECTED, DISCONNECTED, RECONNECTED or CLOSED
   * @param server the server connected to (for DISCONNECTED and CLOSED: the one just lost)
   */
  public record ConnectionEvent(String time, String type, String server) {}

  /**
   * One workload kind as a client ran it. Sequence sets are written as ranges ({@code
   * 1-50,52,54-60}, empty for none).
   *
   * @param kind {@code pubsub}, {@code request}, {@code queue} or {@code jetstream}
   * @param scope who receives what this client sends: {@code client} (its own subject: pubsub),
   *     {@code dc} (a queue group or durable shared by the clients of its data centre), or {@code
   *     reply} (request/reply: {@code ok} counts replies)
   * @param sent messages it tried to send
   * @param ok acknowledged (jetstream), replied to (request) or sent without error (others)
   * @param errors sends that failed: refused publish, publish without ack, request without reply
   * @param expected the sequences that must arrive: acknowledged ones for jetstream, those sent
   *     without error otherwise
   * @param received by publisher id, the sequences this client received
   * @param duplicated receipts of a (publisher, sequence) this client had already received
   * @param latencyP50Ms round trip (request: request to reply; others: send to receipt)
   */
  public record KindReport(
      String kind,
      String scope,
      long sent,
      long ok,
      long errors,
      String expected,
      Map<String, String> received,
      long duplicated,
      double latencyP50Ms,
      double latencyP99Ms,
      double latencyMaxMs) {}

  /**
   * Round trips completed in one wall-clock second.
   *
   * @param second epoch second
   * @param histogram an HdrHistogram of microseconds, compressed and base64-encoded ({@code
   *     Histogram#encodeIntoCompressedByteBuffer})
   */
  public record LatencyInterval(long second, long count, String histogram) {}
}
