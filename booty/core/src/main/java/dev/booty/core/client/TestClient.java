package dev.booty.core.client;

import dev.booty.api.StackHttp;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.ClientReport.KindReport;
import dev.booty.core.scenario.ClientGroup.Bootstrap;
import dev.booty.core.scenario.ClientGroup.Profile;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.NatsServerPool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * A measuring NATS client. It runs the workload kinds of its {@link ClientConfig} (see {@link
 * ClientReport.KindReport}): it sends numbered, time-stamped messages of each kind at the
 * configured rate, receives its share of what its data centre sends, and counts everything: what
 * was sent, acknowledged or answered, what arrived from whom, duplicates, latency in total and per
 * second, and every connection event.
 *
 * <p>A careful client (the default {@link Profile}) connects to exactly the seed list, in its order
 * (no shuffling, discovered servers ignored), reconnects forever every 250 ms and pings its server
 * as configured. A library-default client uses jnats as an application does out of the box (see
 * {@link #options()}); both run the same workload, so their figures compare. A dns client ({@link
 * Bootstrap#DNS}) also times each resolution of its name and has its answers watched ({@link
 * DnsWatch}). Thousands fit in one JVM: they share their threads ({@link ClientThreads}). Use:
 * {@link #start()}, then {@link #stop()} (or {@link #run()} for both), {@link #report()}, {@link
 * #close()}. After {@link #stop()} it still receives until {@link #close()}, so a run can stop
 * every client, then report, then close them.
 */
public final class TestClient implements AutoCloseable {
  /**
   * At rate 0 (as fast as possible), the most messages of one kind in flight: published and not
   * received back (pubsub), not answered (request), not acknowledged (jetstream); queue flushes
   * after each such many.
   */
  public static final int WINDOW = 4096;

  private volatile List<ClientReport.DnsAnswer> answersAtClose;
  private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);
  private static final Duration DRAIN = Duration.ofSeconds(2);
  private static final Duration FLUSH = Duration.ofSeconds(5);
  private static final ErrorListener QUIET = new ErrorListener() {};

  /** One SSL context per CA file for every client of the JVM (thousands share one). */
  private static final Map<Path, SSLContext> TLS = new ConcurrentHashMap<>();

  /** One clock for every client of the JVM: latencies between its clients share a time base. */
  private static final Payload.Clock CLOCK = new Payload.Clock();

  /**
   * jnats' read and write buffers for clients that send little (below this many payload bytes a
   * second): a thousand clients then take about 17 MB instead of about 130 MB for jnats' default 64
   * KB buffers. Larger messages still pass; the buffers only batch.
   */
  static final int SMALL_BUFFER = 8 * 1024;

  private final ClientConfig config;
  private final List<Workload> workloads = new ArrayList<>();
  private final PubSubWorkload pubsub;
  private final LatencyIntervals intervals = new LatencyIntervals(LatencyIntervals.CAPACITY);
  private final List<ConnectionEvent> events = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String currentServer;
  private volatile boolean publishing;
  private volatile boolean blocked;
  private volatile Thread publisher;
  private Connection nc;
  private final List<Double> resolveMs = new ArrayList<>();
  private long resolveErrors;
  private DnsWatch dnsWatch;
  private Instant started;

  /** The most resolution times a dns client keeps (the latest). */
  public static final int MAX_RESOLVE_SAMPLES = 1000;

  public TestClient(ClientConfig config) {
    this.config = config;
    Workload.Receiver r = this::arrived;
    PubSubWorkload p = null;
    for (String kind : config.kinds()) {
      Workload w =
          switch (kind) {
            case ClientConfig.PUBSUB -> p = new PubSubWorkload(config, r);
            case ClientConfig.REQUEST -> new RequestWorkload(config, r);
            case ClientConfig.QUEUE -> new QueueWorkload(config, r);
            case ClientConfig.JETSTREAM -> new JetStreamWorkload(config, r);
            default -> throw new IllegalArgumentException("kind " + kind);
          };
      workloads.add(w);
    }
    this.pubsub = p;
  }

  /**
   * Connects (to the first seed that answers), subscribes every kind (for jetstream: makes the
   * stream and the consumer if need be) and starts publishing.
   */
  public void start() throws IOException, InterruptedException {
    started = Instant.now();
    if (config.bootstrap() == Bootstrap.DNS && dnsWatch == null) {
      dnsWatch = DnsWatch.acquire(config.dnsName());
    }
    nc = Nats.connect(options());
    currentServer = serverOf(nc);
    try {
      Dispatcher d = nc.createDispatcher();
      for (Workload w : workloads) {
        w.subscribe(nc, d);
      }
      nc.flush(FLUSH);
    } catch (TimeoutException e) {
      nc.close();
      throw new IOException(
          "client "
              + config.id()
              + ": "
              + currentServer
              + " did not answer a flush in "
              + FLUSH.toSeconds()
              + " s",
          e);
    } catch (IOException | InterruptedException | RuntimeException e) {
      nc.close();
      throw e;
    }
    publishing = true;
    publisher =
        Thread.ofVirtual()
            .name("booty-client-" + config.id())
            .start(config.rate() > 0 ? this::publishAtRate : this::publishAsFastAsPossible);
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
   * Stops publishing and waits up to 2 s for what is still in flight (its own pub/sub messages,
   * replies, acknowledgements), so it is not counted as lost.
   */
  public void stop() throws InterruptedException {
    haltPublisher();
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (System.nanoTime() < deadline && workloads.stream().anyMatch(w -> w.outstanding() > 0)) {
      Thread.sleep(20);
    }
  }

  /** What the client has seen so far; lost counts what has not come back yet. */
  public ClientReport report() {
    List<ConnectionEvent> all = events();
    Map<String, KindReport> kinds = new LinkedHashMap<>();
    for (Workload w : workloads) {
      kinds.put(w.stats().kind(), w.stats().report());
    }
    KindStats p = pubsub == null ? null : pubsub.stats();
    long sent = p == null ? 0 : p.sentCount();
    return new ClientReport(
        config.id(),
        config.dc(),
        config.subject(),
        sent,
        p == null ? 0 : p.receipts(),
        p == null ? 0 : sent - p.receivedOf(config.id(), sent),
        p == null ? 0 : p.duplicatedCount(),
        p == null ? 0 : p.errorCount(),
        p == null ? 0 : p.percentileMs(50),
        p == null ? 0 : p.percentileMs(99),
        p == null ? 0 : p.maxMs(),
        ofType(all, "DISCONNECTED"),
        ofType(all, "RECONNECTED"),
        all.stream()
            .filter(e -> e.type().equals("CONNECTED"))
            .map(ConnectionEvent::server)
            .findFirst()
            .orElse(null),
        currentServer,
        all,
        kinds,
        intervals.snapshot(),
        config.group(),
        config.bootstrap().id(),
        config.profile().id(),
        dnsReport(),
        ClientReport.JVM);
  }

  private ClientReport.DnsReport dnsReport() {
    if (config.bootstrap() != Bootstrap.DNS) {
      return null;
    }
    List<Double> samples;
    long errors;
    synchronized (resolveMs) {
      samples = List.copyOf(resolveMs);
      errors = resolveErrors;
    }
    return new ClientReport.DnsReport(config.dnsName(), samples, errors, answers());
  }

  /** The DNS answers since the client started; kept at close, when the watch is released. */
  private List<ClientReport.DnsAnswer> answers() {
    DnsWatch w = dnsWatch;
    if (w != null && started != null) {
      return w.since(started);
    }
    List<ClientReport.DnsAnswer> kept = answersAtClose;
    return kept == null ? List.of() : kept;
  }

  /** Every connection event so far, in order. */
  public List<ConnectionEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  @Override
  public void close() throws InterruptedException {
    haltPublisher();
    if (nc != null) {
      nc.close();
    }
    DnsWatch w = dnsWatch;
    if (w != null && started != null) {
      // a client reports once it is closed: what it saw stays with it
      answersAtClose = w.since(started);
    }
    dnsWatch = null;
    if (w != null) {
      w.release();
    }
  }

  /**
   * The connection's options. Careful: the seed list in order, discovered servers ignored,
   * reconnecting every 250 ms, pings as configured (and, resolving a DNS name, no JVM name cache:
   * the clients command turns it off for its process). Library-default: what jnats (the version
   * built in, {@code Nats.CLIENT_VERSION}; 2.26.2 when written) does out of the box: servers
   * shuffled and those the cluster announces added, reconnect wait 2 s (with 100 ms jitter), ping
   * every 2 min with 2 pings out, connection timeout 2 s ({@code Options.DEFAULT_*}), and the JVM's
   * own name cache untouched: {@code networkaddress.cache.ttl} is not set, so a JDK without a
   * security manager (every one since 24 has none) keeps a successful lookup 30 s (the JDK's
   * conf/security/java.security: "the default behavior in this implementation is to cache for 30
   * seconds"; sun.net.InetAddressCachePolicy DEFAULT_POSITIVE = 30) and a failed one 10 s ({@code
   * networkaddress.cache.negative.ttl=10}). Both profiles reconnect forever: jnats' default of 60
   * attempts would close a client for good, which a run reads as a client stopped on purpose. What
   * only hosts many clients in one JVM (shared threads, small buffers, no subject validation) is
   * the same for both.
   */
  Options options() {
    Options.Builder b = Options.builder();
    long bytesPerSecond = (long) config.rate() * config.size() * config.kinds().size();
    if (config.rate() > 0 && bytesPerSecond < SMALL_BUFFER * 8L) {
      b.bufferSize(SMALL_BUFFER);
    }
    b.servers(config.servers().toArray(String[]::new)).maxReconnects(-1);
    if (config.profile() == Profile.CAREFUL) {
      b.noRandomize()
          .ignoreDiscoveredServers()
          .reconnectWait(RECONNECT_WAIT)
          .pingInterval(config.pingInterval())
          .connectionTimeout(config.connectTimeout())
          .maxPingsOut(config.maxPingsOut());
    }
    if (config.bootstrap() == Bootstrap.DNS) {
      b.serverPool(new TimedPool(config.dnsName()));
    }
    if (config.caFile() != null) {
      // TLS with the servers' URLs as they are (nats://): jnats upgrades every connection when it
      // has an SSL context, and the handshake counts into the connection timeout
      b.sslContext(TLS.computeIfAbsent(config.caFile(), StackHttp::trusting));
    }
    if (config.credsFile() != null) {
      // read at every connection, as applications using jnats' file handler do
      b.authHandler(Nats.credentials(config.credsFile().toString()));
    }
    return b.connectionName(config.id())
        .connectionListener(this::onEvent)
        .errorListener(QUIET)
        // every subject is made of tokens ClientConfig checked: spare jnats checking each publish
        .noSubjectValidation()
        .executor(ClientThreads.TASKS)
        .scheduledExecutor(ClientThreads.TIMERS)
        .callbackThreadFactory(ClientThreads.VIRTUAL)
        .connectThreadFactory(ClientThreads.VIRTUAL)
        .build();
  }

  /**
   * jnats' own server pool, timing each resolution of the DNS name: jnats resolves a server's host
   * name (with {@code InetAddress.getAllByName}, its default {@code ResolveToAll}) on the first
   * connection and on every reconnect attempt, so this is what the application pays each time.
   */
  private final class TimedPool extends NatsServerPool {
    private final String name;

    TimedPool(String name) {
      this.name = name;
    }

    @Override
    public List<String> resolveHostToIps(String host, boolean includeV6, boolean firstOnly) {
      if (!name.equalsIgnoreCase(host)) {
        return super.resolveHostToIps(host, includeV6, firstOnly);
      }
      long t0 = System.nanoTime();
      List<String> ips = super.resolveHostToIps(host, includeV6, firstOnly);
      double ms = Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0;
      synchronized (resolveMs) {
        if (resolveMs.size() >= MAX_RESOLVE_SAMPLES) {
          resolveMs.removeFirst();
        }
        resolveMs.add(ms);
        if (ips == null || ips.isEmpty()) {
          resolveErrors++;
        }
      }
      return ips;
    }
  }

  private void haltPublisher() throws InterruptedException {
    publishing = false;
    stopped.countDown();
    Thread t = publisher;
    if (t != null) {
      LockSupport.unpark(t);
      t.join();
    }
  }

  /** Every 1/rate s, one message of each kind; late ticks are caught up at once. */
  private void publishAtRate() {
    long interval = 1_000_000_000L / config.rate();
    long begin = System.nanoTime();
    long tick = 0;
    while (publishing) {
      long wait = begin + tick * interval - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      tick++;
      for (Workload w : workloads) {
        w.sendNext(CLOCK);
      }
    }
  }

  /**
   * Sends each kind whose window has room; when none has, waits for a receipt to free some. A
   * window stuck full for a request timeout is written off (those messages are lost), so a loss
   * does not stall it for good.
   */
  private void publishAsFastAsPossible() {
    long progress = System.nanoTime();
    while (publishing) {
      boolean any = false;
      for (Workload w : workloads) {
        if (w.outstanding() < WINDOW) {
          w.sendNext(CLOCK);
          any = true;
        }
      }
      if (any) {
        progress = System.nanoTime();
        continue;
      }
      blocked = true;
      if (workloads.stream().allMatch(w -> w.outstanding() >= WINDOW)) {
        LockSupport.parkNanos(1_000_000L);
      }
      blocked = false;
      if (System.nanoTime() - progress > config.requestTimeout().toNanos()) {
        workloads.forEach(Workload::writeOff);
        progress = System.nanoTime();
      }
    }
  }

  /** A message of {@code kind} from publisher {@code from} arrived (or a reply, for request). */
  private void arrived(Workload kind, String from, byte[] data) {
    long now = CLOCK.nanos();
    Payload p;
    try {
      p = Payload.decode(data);
    } catch (IllegalArgumentException e) {
      return; // not one of ours
    }
    if (p.sequence() < 1) {
      return;
    }
    long micros = kind.stats().received(from, p.sequence(), p.sentNanos(), now);
    if (micros >= 0) {
      intervals.record(now, micros);
    }
    if (blocked) {
      Thread t = publisher;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  private void onEvent(Connection conn, ConnectionListener.Events type) {
    String server;
    switch (type) {
      case CONNECTED, RECONNECTED -> {
        server = serverOf(conn);
        currentServer = server;
      }
      case DISCONNECTED, CLOSED -> server = currentServer;
      default -> {
        return;
      }
    }
    String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    synchronized (events) {
      events.add(new ConnectionEvent(time, type.name(), server));
    }
  }

  /**
   * The server a connection reached. A seeds client's URL names it already; a dns client's URL is
   * the DNS name whatever address it reached, so the address the server listens on (its INFO's host
   * and port) stands in.
   */
  private String serverOf(Connection conn) {
    String url = conn.getConnectedUrl();
    if (config.bootstrap() != Bootstrap.DNS || url == null) {
      return url;
    }
    io.nats.client.api.ServerInfo info = conn.getServerInfo();
    if (info == null || info.getHost() == null || info.getHost().isBlank()) {
      return url;
    }
    return "nats://" + info.getHost() + ":" + info.getPort();
  }

  private static List<ConnectionEvent> ofType(List<ConnectionEvent> all, String type) {
    return all.stream().filter(e -> e.type().equals(type)).toList();
  }
}
