package dev.booty.core.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;

/** {@code pubsub}: publishes to and subscribes to its own subject {@code SUBJECT.pubsub.ID}. */
final class PubSubWorkload extends Workload {
  private final String subject;
  private volatile long writtenOff;

  PubSubWorkload(ClientConfig config, Receiver receiver) {
    super(config, ClientConfig.PUBSUB, "client", receiver);
    this.subject = config.subject() + ".pubsub." + config.id();
  }

  @Override
  void subscribe(Connection nc, Dispatcher d) {
    this.nc = nc;
    d.subscribe(subject, m -> receiver.arrived(this, config.id(), m.getData()));
  }

  @Override
  void send(long seq, long sentNanos, byte[] data) {
    try {
      nc.publish(subject, data);
      publishedOk(seq);
    } catch (IllegalStateException e) {
      // the connection refused it (reconnect buffer full, or closed)
      stats.error();
    }
  }

  @Override
  long outstanding() {
    return stats.okCount() - stats.receipts() - writtenOff;
  }

  @Override
  void writeOff() {
    writtenOff = stats.okCount() - stats.receipts();
  }
}
