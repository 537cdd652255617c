package dev.booty.core.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.util.concurrent.TimeoutException;

/**
 * {@code queue}: publishes to {@code SUBJECT.queue.DC.ID}; every client of the data centre
 * subscribes to {@code SUBJECT.queue.DC.*} in queue group {@code q-DC}, so each message reaches one
 * of them, which learns the publisher from the last token.
 */
final class QueueWorkload extends Workload {
  private final String subject;
  private final String wildcard;

  QueueWorkload(ClientConfig config, Receiver receiver) {
    super(config, ClientConfig.QUEUE, "dc", receiver);
    this.subject = config.subject() + ".queue." + config.dc() + "." + config.id();
    this.wildcard = config.subject() + ".queue." + config.dc() + ".*";
  }

  @Override
  void subscribe(Connection nc, Dispatcher d) {
    this.nc = nc;
    d.subscribe(
        wildcard,
        "q-" + config.dc(),
        m -> receiver.arrived(this, lastToken(m.getSubject()), m.getData()));
  }

  @Override
  void send(long seq, long sentNanos, byte[] data) {
    try {
      nc.publish(subject, data);
      publishedOk(seq);
    } catch (IllegalStateException e) {
      stats.error();
    }
    if (config.rate() == 0 && seq % TestClient.WINDOW == 0) {
      // as fast as possible: let the server catch up after each window
      try {
        nc.flush(config.requestTimeout());
      } catch (TimeoutException e) {
        // disconnected or slow: the next window tries again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Nothing to count locally: others receive them. The client flushes instead. */
  @Override
  long outstanding() {
    return 0;
  }
}
