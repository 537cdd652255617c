package dev.booty.core.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;

/**
 * {@code request}: every client (unless {@link ClientConfig#respond()} is false) echoes requests on
 * {@code SUBJECT.request.DC} in queue group {@code responders}, and sends its own requests there
 * with {@link ClientConfig#requestTimeout()}. A reply counts as ok and received; a timeout or "no
 * responders" as an error.
 */
final class RequestWorkload extends Workload {
  private final String subject;

  RequestWorkload(ClientConfig config, Receiver receiver) {
    super(config, ClientConfig.REQUEST, "reply", receiver);
    this.subject = config.subject() + ".request." + config.dc();
  }

  @Override
  void subscribe(Connection nc, Dispatcher d) {
    this.nc = nc;
    if (config.respond()) {
      d.subscribe(subject, "responders", this::answer);
    }
  }

  private void answer(Message m) {
    if (m.getReplyTo() == null) {
      return;
    }
    try {
      nc.publish(m.getReplyTo(), m.getData());
    } catch (IllegalStateException e) {
      // the connection is gone; the asker counts the timeout
    }
  }

  @Override
  void send(long seq, long sentNanos, byte[] data) {
    try {
      nc.requestWithTimeout(subject, data, config.requestTimeout())
          .whenComplete(
              (reply, failure) -> {
                if (failure != null || reply == null || reply.isStatusMessage()) {
                  stats.error();
                } else {
                  publishedOk(seq);
                  receiver.arrived(this, config.id(), reply.getData());
                }
              });
    } catch (IllegalStateException e) {
      stats.error();
    }
  }

  @Override
  long outstanding() {
    return stats.inFlight();
  }
}
