package dev.booty.core.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.Placement;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code jetstream}: publishes asynchronously to {@code SUBJECT.js.DC.ID} in stream {@code
 * booty_DC} (replicas from the configuration, placed on servers tagged {@code dc:DC}); a publish
 * counts as ok, and expected, only once its acknowledgement arrives. Every client of the data
 * centre binds to the durable push consumer {@code booty-DC} (deliver group {@code booty-DC},
 * explicit ack, new messages only) and acknowledges each message after recording it.
 *
 * <p>Whichever client comes first makes the stream and the consumer; making an identical one again
 * is no error, and a stream another client made in between is used as it is if it takes the
 * subjects.
 */
final class JetStreamWorkload extends Workload {
  /** Unacknowledged messages the consumer lets out, across all clients of the data centre. */
  static final int MAX_ACK_PENDING = 20_000;

  private static final Duration RETENTION = Duration.ofHours(1);

  /** How long the server waits for an acknowledgement before it delivers a message again. */
  static final Duration ACK_WAIT = Duration.ofSeconds(5);

  /** A publish is tried for this many request timeouts before it counts as an error. */
  static final int RETRIES = 3;

  static final Duration RETRY_WAIT = Duration.ofMillis(250);

  private final String subject;
  private final String stream;
  private final String durable;
  private JetStream js;

  JetStreamWorkload(ClientConfig config, Receiver receiver) {
    super(config, ClientConfig.JETSTREAM, "dc", receiver);
    this.subject = config.subject() + ".js." + config.dc() + "." + config.id();
    this.stream = streamName(config.dc());
    this.durable = "booty-" + config.dc();
  }

  /** {@code booty_DC}, with '-' as '_'. */
  static String streamName(String dc) {
    return "booty_" + dc.replace('-', '_');
  }

  @Override
  void subscribe(Connection nc, Dispatcher d) throws IOException, InterruptedException {
    this.nc = nc;
    JetStreamOptions jso =
        JetStreamOptions.builder().requestTimeout(config.requestTimeout()).build();
    JetStreamManagement jsm = nc.jetStreamManagement(jso);
    // JetStream may still be electing its leaders: retry for five request timeouts
    Duration setup = config.requestTimeout().multipliedBy(5);
    long deadline = System.nanoTime() + setup.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        ensureStream(jsm);
        jsm.addOrUpdateConsumer(stream, consumer());
        js = nc.jetStream(jso);
        js.subscribe(
            null, durable, d, this::onMessage, false, PushSubscribeOptions.bind(stream, durable));
        return;
      } catch (JetStreamApiException | IOException e) {
        last = e;
        Thread.sleep(250);
      }
    }
    throw new IOException(
        "client "
            + config.id()
            + ": cannot set up stream "
            + stream
            + " and consumer "
            + durable
            + " in "
            + setup.toMillis()
            + " ms: "
            + (last == null ? "no attempt" : last.getMessage()),
        last);
  }

  private void ensureStream(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    StreamConfiguration.Builder b =
        StreamConfiguration.builder()
            .name(stream)
            .subjects(config.subject() + ".js." + config.dc() + ".*")
            .replicas(config.replicas())
            .maxAge(RETENTION);
    if (config.placement()) {
      b.placement(Placement.builder().tags("dc:" + config.dc()).build());
    }
    StreamConfiguration sc = b.build();
    try {
      jsm.addStream(sc);
    } catch (JetStreamApiException e) {
      // made in between with another configuration: use it if it takes our subjects
      StreamInfo existing;
      try {
        existing = jsm.getStreamInfo(stream);
      } catch (JetStreamApiException notThere) {
        throw e;
      }
      if (!existing.getConfiguration().getSubjects().containsAll(sc.getSubjects())) {
        throw new IOException(
            "stream "
                + stream
                + " exists with subjects "
                + existing.getConfiguration().getSubjects()
                + ", not "
                + sc.getSubjects(),
            e);
      }
    }
  }

  private ConsumerConfiguration consumer() {
    return ConsumerConfiguration.builder()
        .durable(durable)
        .deliverSubject(config.subject() + ".jsdeliver." + config.dc())
        .deliverGroup(durable)
        .ackPolicy(AckPolicy.Explicit)
        .deliverPolicy(DeliverPolicy.New)
        .maxAckPending(MAX_ACK_PENDING)
        // a message that was on its way to a connection that closed (lame duck, an outage) comes
        // again after this: within a run's settling time, not after it (the default is 30 s)
        .ackWait(ACK_WAIT)
        .build();
  }

  private void onMessage(Message m) {
    receiver.arrived(this, lastToken(m.getSubject()), m.getData());
    try {
      m.ack();
    } catch (IllegalStateException e) {
      // the connection is gone: the server redelivers after the ack wait
    }
  }

  @Override
  void send(long seq, long sentNanos, byte[] data) {
    // as a careful publisher does: a publish without an acknowledgement is sent again, with the
    // same message id (the stream drops a duplicate), until RETRY_FOR has passed
    PublishOptions id = PublishOptions.builder().messageId(config.id() + "-" + seq).build();
    attempt(
        seq, data, id, System.nanoTime() + config.requestTimeout().multipliedBy(RETRIES).toNanos());
  }

  private void attempt(long seq, byte[] data, PublishOptions id, long giveUpAt) {
    try {
      js.publishAsync(subject, data, id)
          .whenComplete(
              (ack, failure) -> {
                if (failure == null && ack != null && !ack.hasError()) {
                  publishedOk(seq);
                } else {
                  retryOrFail(seq, data, id, giveUpAt);
                }
              });
    } catch (IllegalStateException e) {
      retryOrFail(seq, data, id, giveUpAt);
    }
  }

  /** Tries the publish again in a moment, or counts it an error once its time is up. */
  private void retryOrFail(long seq, byte[] data, PublishOptions id, long giveUpAt) {
    if (System.nanoTime() < giveUpAt) {
      ClientThreads.TIMERS.schedule(
          () -> attempt(seq, data, id, giveUpAt), RETRY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      stats.error();
    }
  }

  @Override
  long outstanding() {
    return stats.inFlight();
  }
}
