package dev.booty.core.client;

import dev.booty.core.client.ClientReport.ConnectionEvent;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A measuring NATS client: it publishes numbered, time-stamped messages at a fixed rate on one
 * subject and subscribes to the same subject (a core pub/sub round trip), and counts what comes
 * back: latency, lost and duplicated messages, and every connection event.
 *
 * <p>It connects to exactly the seed list, in its order (no shuffling, discovered servers ignored),
 * and reconnects forever every 250 ms. Use: {@link #start()}, then {@link #stop()} (or {@link
 * #run()} for both), {@link #report()}, {@link #close()}.
 */
public final class TestClient implements AutoCloseable {
  private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);
  private static final Duration DRAIN = Duration.ofSeconds(2);

  private final ClientConfig config;
  private final Payload.Clock clock = new Payload.Clock();
  private final Object lock = new Object();
  private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  private final BitSet seen = new BitSet();
  private final List<ConnectionEvent> events = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private long received;
  private long duplicated;
  private volatile long sent;
  private volatile long publishErrors;
  private volatile String currentServer;
  private volatile boolean publishing;
  private Connection nc;
  private Thread publisher;

  public TestClient(ClientConfig config) {
    this.config = config;
  }

  /** Connects (to the first seed that answers), subscribes and starts publishing. */
  public void start() throws IOException, InterruptedException {
    Options options =
        Options.builder()
            .servers(config.servers().toArray(String[]::new))
            .noRandomize()
            .ignoreDiscoveredServers()
            .maxReconnects(-1)
            .reconnectWait(RECONNECT_WAIT)
            .connectionName(config.id())
            .connectionListener(this::onEvent)
            .build();
    nc = Nats.connect(options);
    currentServer = nc.getConnectedUrl();
    Dispatcher d = nc.createDispatcher(this::onMessage);
    d.subscribe(config.subject());
    try {
      nc.flush(Duration.ofSeconds(5));
    } catch (java.util.concurrent.TimeoutException e) {
      nc.close();
      throw new IOException(
          "client " + config.id() + ": " + nc.getConnectedUrl() + " did not answer a flush in 5 s",
          e);
    }
    publishing = true;
    publisher = Thread.ofPlatform().name("booty-client-" + config.id()).start(this::publish);
  }

  /** Runs for the configured duration (or until {@link #stop()}), then stops and reports. */
  public ClientReport run() throws IOException, InterruptedException {
    start();
    if (config.duration() == null) {
      stopped.await();
    } else {
      stopped.await(config.duration().toMillis(), TimeUnit.MILLISECONDS);
    }
    stop();
    return report();
  }

  /**
   * Stops publishing and waits up to 2 s for the messages still in flight, so they are not counted
   * as lost.
   */
  public void stop() throws InterruptedException {
    publishing = false;
    stopped.countDown();
    if (publisher != null) {
      publisher.join();
    }
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (lock) {
        if (received >= sent - publishErrors) {
          return;
        }
      }
      Thread.sleep(20);
    }
  }

  /** What the client has seen so far; lost counts what has not come back yet. */
  public ClientReport report() {
    synchronized (lock) {
      long sentNow = sent;
      List<ConnectionEvent> disconnects = ofType("DISCONNECTED");
      List<ConnectionEvent> reconnects = ofType("RECONNECTED");
      String first =
          events.stream()
              .filter(e -> e.type().equals("CONNECTED"))
              .map(ConnectionEvent::server)
              .findFirst()
              .orElse(null);
      return new ClientReport(
          config.id(),
          config.dc(),
          config.subject(),
          sentNow,
          received,
          sentNow - seen.get(1, (int) Math.min(Integer.MAX_VALUE, sentNow + 1)).cardinality(),
          duplicated,
          publishErrors,
          millis(latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(50)),
          millis(latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(99)),
          millis(latencyMicros.getMaxValue()),
          disconnects,
          reconnects,
          first,
          currentServer,
          List.copyOf(events),
          java.util.Map.of(),
          List.of());
    }
  }

  /** Every connection event so far, in order. */
  public List<ConnectionEvent> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  @Override
  public void close() throws InterruptedException {
    publishing = false;
    stopped.countDown();
    if (publisher != null) {
      publisher.join();
    }
    if (nc != null) {
      nc.close();
    }
  }

  private void publish() {
    long interval = 1_000_000_000L / config.rate();
    long begin = System.nanoTime();
    long seq = 0;
    while (publishing) {
      long due = begin + seq * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      seq++;
      byte[] data = new Payload(seq, clock.nanos()).encode(config.size());
      sent = seq;
      try {
        nc.publish(config.subject(), data);
      } catch (IllegalStateException e) {
        // the connection refused it (reconnect buffer full, or closed): sent, and lost
        publishErrors++;
      }
    }
  }

  private void onMessage(Message m) {
    long now = clock.nanos();
    Payload p;
    try {
      p = Payload.decode(m.getData());
    } catch (IllegalArgumentException e) {
      return; // not one of ours
    }
    if (p.sequence() < 1 || p.sequence() > Integer.MAX_VALUE) {
      return;
    }
    synchronized (lock) {
      int seq = (int) p.sequence();
      if (seen.get(seq)) {
        duplicated++;
        return;
      }
      seen.set(seq);
      received++;
      latencyMicros.recordValue(
          Math.max(0, Math.min((now - p.sentNanos()) / 1000, 3_600_000_000L)));
    }
  }

  private void onEvent(Connection conn, ConnectionListener.Events type) {
    String server;
    switch (type) {
      case CONNECTED, RECONNECTED -> {
        server = conn.getConnectedUrl();
        currentServer = server;
      }
      case DISCONNECTED, CLOSED -> server = currentServer;
      default -> {
        return;
      }
    }
    String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    synchronized (lock) {
      events.add(new ConnectionEvent(time, type.name(), server));
    }
  }

  private List<ConnectionEvent> ofType(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
