package dev.booty.core.backchannel.metrics;

import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.stack.StackContext;
import dev.booty.core.util.Poll;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The back channel's collector: subscribes {@code booty.telemetry.>} on the control-plane NATS with
 * booty's creds and writes every sample to VictoriaMetrics ({@link MetricsExposition} converts,
 * {@link MetricsImport} sends). It runs inside the stack's supervisor once the services are healthy
 * ({@code Supervisor.alongside}).
 *
 * <p>Nothing here is fatal: the first connection is retried with backoff (0.5 s doubling to 30 s),
 * a lost one is re-established forever by the client, a refused message or sample is logged (at
 * most once a minute per node) and dropped, and lines VictoriaMetrics could not take wait in memory
 * (up to {@value #MAX_PENDING}, oldest dropped first) until it answers again.
 */
public final class Collector implements AutoCloseable {
  public static final String SUBJECT = MetricsExposition.SUBJECT_PREFIX + ">";
  static final int MAX_PENDING = 200_000;
  private static final int MAX_BATCH = 5_000;
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);

  /** Where the collector listens and writes. */
  public record Config(String natsUrl, Path creds, URI victoriaMetrics) {
    /** The local stack's control-plane NATS, booty's creds, and its VictoriaMetrics. */
    public static Config forStack(StackContext ctx) {
      return new Config(
          ctx.natsUrl(),
          ctx.home().stack().bootyCreds(),
          dev.booty.core.security.StackCredentials.victoriaMetrics(
              ctx.home(), ctx.ports().get("victoria-metrics.http")));
    }
  }

  /** Counters since start: messages received and refused, lines written and dropped. */
  public record Stats(long received, long refused, long written, long dropped) {}

  private final Config config;
  private final java.util.function.Consumer<String> log;
  private final MetricsImport sink;
  private final LinkedBlockingDeque<String> pending = new LinkedBlockingDeque<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile Connection connection;
  private volatile boolean closed;

  Collector(Config config, java.util.function.Consumer<String> log) {
    this.config = config;
    this.log = log;
    this.sink = new MetricsImport(config.victoriaMetrics());
  }

  /** Starts collecting in the background; never throws for an unreachable NATS or database. */
  public static Collector start(Config config, java.util.function.Consumer<String> log) {
    Collector c = new Collector(config, log);
    c.startWriter();
    c.thread("booty-collector-connect", c::connect);
    return c;
  }

  public Stats stats() {
    return new Stats(received.get(), refused.get(), written.get(), dropped.get());
  }

  /** Stops listening, sends what is pending once more (briefly), and ends the threads. */
  @Override
  public void close() {
    closed = true;
    Connection nc = connection;
    if (nc != null) {
      try {
        nc.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      t.interrupt();
    }
    Stats s = stats();
    log.accept(
        "collector stopped: "
            + s.received()
            + " telemetry messages, "
            + s.refused()
            + " refused, "
            + s.written()
            + " lines written, "
            + (s.dropped() + pending.size())
            + " dropped");
  }

  void startWriter() {
    thread("booty-collector-writer", this::writeLoop);
  }

  private void thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void connect() {
    Options options =
        new Options.Builder()
            .server(config.natsUrl())
            .authHandler(Nats.credentials(config.creds().toString()))
            .connectionName("booty-collector")
            .maxReconnects(-1)
            .reconnectDelayHandler(rounds -> Duration.ofMillis(backoff(rounds)))
            .connectionListener(this::connectionEvent)
            .errorListener(errors())
            .build();
    Connection nc =
        ProtocolConnections.connectPatiently(
            options,
            () -> closed,
            (e, wait) ->
                log.accept(
                    "collector: cannot connect to "
                        + config.natsUrl()
                        + " with "
                        + config.creds()
                        + " ("
                        + e.getMessage()
                        + "); again in "
                        + wait
                        + " ms"));
    if (nc == null) {
      return;
    }
    connection = nc;
    if (closed) {
      closeQuietly(nc);
      return;
    }
    nc.createDispatcher(this::onMessage).subscribe(SUBJECT);
    log.accept(
        "collector: listening on "
            + SUBJECT
            + " at "
            + config.natsUrl()
            + ", writing to "
            + sink.endpoint());
  }

  private static void closeQuietly(Connection nc) {
    try {
      nc.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void connectionEvent(Connection nc, ConnectionListener.Events event) {
    if (!closed
        && (event == ConnectionListener.Events.DISCONNECTED
            || event == ConnectionListener.Events.RECONNECTED)) {
      log.accept("collector: " + event.name().toLowerCase() + " (" + config.natsUrl() + ")");
    }
  }

  private ErrorListener errors() {
    return new ErrorListener() {
      @Override
      public void errorOccurred(Connection conn, String error) {
        log.accept("collector: NATS error: " + error);
      }

      @Override
      public void exceptionOccurred(Connection conn, Exception e) {
        throttled("exception", "collector: NATS connection: " + e);
      }

      @Override
      public void slowConsumerDetected(Connection conn, Consumer consumer) {
        throttled("slow", "collector: falling behind the telemetry (slow consumer)");
      }
    };
  }

  private void onMessage(Message m) {
    accept(m.getSubject(), m.getData());
  }

  /** Converts one message and queues its lines; what is wrong with it is logged, never thrown. */
  void accept(String subject, byte[] payload) {
    received.incrementAndGet();
    try {
      MetricsExposition.Conversion c =
          MetricsExposition.convert(subject, payload, System.currentTimeMillis());
      if (!c.skipped().isEmpty()) {
        throttled(
            "skip " + c.node(),
            "collector: skipped "
                + c.skipped().size()
                + " sample(s) from "
                + c.node()
                + ": "
                + String.join("; ", c.skipped()));
      }
      enqueue(c.lines());
    } catch (MetricsExposition.Refused e) {
      refused.incrementAndGet();
      throttled("refuse " + subject, "collector: refused a telemetry message " + e.getMessage());
    }
  }

  private void enqueue(List<String> lines) {
    pending.addAll(lines);
    for (int over = pending.size() - MAX_PENDING; over > 0; over--) {
      if (pending.pollFirst() != null) {
        dropped.incrementAndGet();
      }
    }
  }

  private void writeLoop() {
    int failures = 0;
    while (!closed || (failures == 0 && !pending.isEmpty())) {
      List<String> batch = new ArrayList<>();
      try {
        String first = pending.poll(closed ? 0 : 1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        sink.write(batch);
        written.addAndGet(batch.size());
        if (failures > 0) {
          log.accept("collector: VictoriaMetrics takes telemetry again");
        }
        failures = 0;
      } catch (MetricsImport.Rejected e) {
        dropped.addAndGet(batch.size());
        throttled("rejected", "collector: dropped " + batch.size() + " line(s): " + e.getMessage());
      } catch (IOException e) {
        for (int i = batch.size() - 1; i >= 0; i--) {
          pending.addFirst(batch.get(i));
        }
        enqueue(List.of());
        long wait = backoff(failures++);
        if (failures == 1 || wait == MAX_BACKOFF_MS) {
          log.accept(
              "collector: cannot write to "
                  + sink.endpoint()
                  + " ("
                  + e.getMessage()
                  + "); "
                  + pending.size()
                  + " line(s) kept, again in "
                  + wait
                  + " ms");
        }
        if (closed || !Poll.sleep(Duration.ofMillis(wait))) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Logs {@code line} unless a line of the same {@code key} was logged within the last minute. */
  private void throttled(String key, String line) {
    Instant now = Instant.now();
    Instant last = lastLogged.get(key);
    if (last == null || last.plus(LOG_EVERY).isBefore(now)) {
      lastLogged.put(key, now);
      log.accept(line);
    }
  }

  static long backoff(long attempt) {
    return Math.min(MAX_BACKOFF_MS, 500L << Math.min(attempt, 6));
  }
}
