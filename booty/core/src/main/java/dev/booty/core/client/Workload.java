package dev.booty.core.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.io.IOException;

/**
 * One workload kind inside a {@link TestClient}: what it subscribes to, how it sends, what it
 * counts. Sequence numbers are its own, from 1. Sends never block, but for queue at rate 0 (a flush
 * after each window).
 */
abstract sealed class Workload
    permits PubSubWorkload, RequestWorkload, QueueWorkload, JetStreamWorkload {
  /** Where a kind hands what arrived: the client records it (latency, intervals). */
  interface Receiver {
    void arrived(Workload kind, String publisher, byte[] data);
  }

  protected final ClientConfig config;
  protected final KindStats stats;
  protected final Receiver receiver;
  protected Connection nc;
  private long seq;

  Workload(ClientConfig config, String kind, String scope, Receiver receiver) {
    this.config = config;
    this.stats = new KindStats(kind, scope);
    this.receiver = receiver;
  }

  final KindStats stats() {
    return stats;
  }

  /** Subscribes (and for JetStream, makes the stream and consumer) before anything is sent. */
  abstract void subscribe(Connection nc, Dispatcher d) throws IOException, InterruptedException;

  /** Sends the next message, stamped now. */
  final void sendNext(Payload.Clock clock) {
    long s = ++seq;
    long now = clock.nanos();
    byte[] data = new Payload(s, now).encode(config.size());
    stats.sent();
    send(s, now, data);
  }

  abstract void send(long seq, long sentNanos, byte[] data);

  /**
   * Messages sent and not yet accounted for (received back, acknowledged, answered); what the
   * window of the as-fast-as-possible mode limits.
   */
  abstract long outstanding();

  /**
   * At rate 0, the window stayed full for a request timeout: count what is outstanding now as lost,
   * so the window opens again. Kinds whose outstanding messages time out by themselves need
   * nothing.
   */
  void writeOff() {}

  /** Published to the server without error, and in the expected set. */
  final void publishedOk(long seq) {
    stats.ok(seq);
  }

  /** The last token of {@code subject}: who published it on a per-publisher subject. */
  static String lastToken(String subject) {
    return subject.substring(subject.lastIndexOf('.') + 1);
  }
}
