package dev.booty.core.backchannel.agent;

import dev.booty.core.backchannel.protocol.Protocol;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.backchannel.protocol.Subjects;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent of one node: connects to the control-plane NATS at exactly the URL it is given
 * (retrying forever, 1 s doubling to 30 s, when the server is away or refuses the creds),
 * heartbeats on {@code booty.agent.hb.NODE}, publishes samples on {@code booty.telemetry.NODE} and
 * answers commands on {@code booty.cmd.NODE.>}. {@link #run} blocks until {@link #close} (or an
 * interrupt), which drains the connection.
 */
public final class Agent implements AutoCloseable {
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private final AgentConfig config;
  private final Consumer<String> log;
  private final Instant startedAt;
  private final AgentServers servers;
  private final AgentTelemetry telemetry;
  private final CommandHandler handler;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(
          2, Thread.ofPlatform().daemon().name("agent-timer-", 0).factory());
  private volatile boolean connectedOnce;
  private volatile String lastServerError;
  private volatile boolean disconnected;
  private volatile String lastException;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private volatile Connection connection;
  private Dispatcher dispatcher;
  private volatile boolean closed;

  public Agent(AgentConfig config, Consumer<String> log) {
    Clock clock = Clock.systemUTC();
    this.config = config;
    this.log = log;
    this.startedAt = clock.instant();
    this.servers = new AgentServers(config.consul(), System.getenv(), log);
    this.telemetry = new AgentTelemetry(config, servers, clock);
    this.handler = new CommandHandler(config, servers, startedAt, clock);
  }

  /** Connects, then serves until {@link #close}; returns at once when closed while connecting. */
  public void run() throws InterruptedException {
    Connection nc = connectFirst();
    if (nc == null) {
      return;
    }
    try {
      synchronized (this) {
        if (closed) {
          nc.close();
          return;
        }
        connection = nc;
        dispatcher = nc.createDispatcher(this::onCommand);
        dispatcher.subscribe(Subjects.commands(config.node()));
      }
      servers.refresh();
      log.accept(
          "connected to "
              + config.controlPlane()
              + " as node "
              + config.node()
              + " (dc "
              + config.dc()
              + "); watching "
              + (config.consul() == null
                  ? "no nats-servers (no --consul)"
                  : servers.current().size() + " nats-server(s) of Consul at " + config.consul()));
      long hb = config.heartbeat().toMillis();
      timers.scheduleAtFixedRate(
          () -> guarded("heartbeat", this::heartbeat), 0, hb, TimeUnit.MILLISECONDS);
      long every = config.telemetry().toMillis();
      timers.scheduleWithFixedDelay(
          () -> guarded("telemetry", this::publishTelemetry), every, every, TimeUnit.MILLISECONDS);
      stopping.await();
    } finally {
      close();
    }
  }

  /** Stops heartbeats and telemetry, finishes the commands under way and drains the connection. */
  @Override
  public void close() {
    Connection nc;
    Dispatcher d;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      nc = connection;
      d = dispatcher;
    }
    boolean interrupted = Thread.interrupted();
    stopping.countDown();
    timers.shutdownNow();
    boolean up = nc != null && nc.getStatus() == Connection.Status.CONNECTED;
    try {
      if (up && d != null) {
        d.drain(Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // the commands still queued go unanswered; booty sees a timeout
    }
    workers.shutdown();
    try {
      workers.awaitTermination(up ? 3 : 0, TimeUnit.SECONDS);
      if (nc != null) {
        if (up) {
          try {
            nc.flush(Duration.ofSeconds(1));
          } catch (Exception e) {
            // the last replies may be lost; closing anyway
          }
        }
        nc.close();
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    log.accept("stopped");
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The wait before connect attempt {@code attempt} (1, 2, ...): 1 s, 2 s, 4 s, ... 30 s. */
  static Duration backoff(long attempt) {
    long shift = Math.min(Math.max(attempt - 1, 0), 5);
    Duration d = FIRST_RETRY.multipliedBy(1L << shift);
    return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
  }

  private Connection connectFirst() throws InterruptedException {
    Options options = options();
    for (long attempt = 1; ; attempt++) {
      lastServerError = null;
      lastException = null;
      try {
        if (config.creds() != null && !Files.isReadable(config.creds())) {
          throw new IOException("creds file " + config.creds() + " is missing or unreadable");
        }
        Connection nc = Nats.connect(options);
        connectedOnce = true;
        return nc;
      } catch (IOException e) {
        Duration wait = backoff(attempt);
        String reason = ProtocolConnections.reason(() -> lastServerError, () -> lastException, e);
        log.accept(
            "cannot connect to the control plane at "
                + config.controlPlane()
                + (config.creds() == null ? " (no creds)" : " with " + config.creds())
                + ": "
                + reason
                + "; retrying in "
                + wait.toSeconds()
                + " s");
        if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          return null;
        }
      }
    }
  }

  private Options options() {
    return ProtocolConnections.explicit(config.controlPlane(), config.creds())
        .connectionName("booty-agent-" + config.node())
        .maxReconnects(-1)
        .reconnectDelayHandler(Agent::backoff)
        .connectionListener(this::onConnectionEvent)
        .errorListener(
            new ErrorListener() {
              @Override
              public void errorOccurred(Connection conn, String error) {
                lastServerError = error;
                if (connectedOnce) {
                  once("control plane " + config.controlPlane() + ": " + error);
                }
              }

              @Override
              public void exceptionOccurred(Connection conn, Exception exp) {
                lastException = Protocol.reason(exp);
                if (connectedOnce && !closed) {
                  once("control plane " + config.controlPlane() + ": " + Protocol.reason(exp));
                }
              }

              @Override
              public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
                log.accept("too slow for the commands arriving: some were dropped");
              }
            })
        .build();
  }

  private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
    switch (event) {
      case DISCONNECTED -> {
        if (connectedOnce && !closed && !disconnected) {
          disconnected = true;
          log.accept("lost the control plane at " + config.controlPlane() + "; reconnecting");
        }
      }
      case RECONNECTED -> {
        disconnected = false;
        logged.clear();
        log.accept("reconnected to " + config.controlPlane());
      }
      default -> {}
    }
  }

  /**
   * Logs {@code line} once per connection: a reconnect loop, or a permission the server refuses at
   * every heartbeat, repeats itself.
   */
  private void once(String line) {
    if (logged.size() < 100 && logged.add(line)) {
      log.accept(line);
    }
  }

  private void onCommand(Message msg) {
    workers.execute(
        () -> {
          Protocol.Reply reply = handler.handle(msg.getSubject(), msg.getData());
          if (msg.getReplyTo() == null) {
            log.accept("command on " + msg.getSubject() + " has no reply subject: not answered");
            return;
          }
          try {
            msg.getConnection().publish(msg.getReplyTo(), Protocol.write(reply));
          } catch (IllegalStateException e) {
            log.accept("cannot answer " + msg.getSubject() + ": " + Protocol.reason(e));
          }
        });
  }

  private void heartbeat() {
    Connection nc = connection;
    if (nc == null || nc.getStatus() != Connection.Status.CONNECTED) {
      return;
    }
    Instant now = Instant.now();
    List<String> names = servers.current().stream().map(AgentServers.Server::name).toList();
    nc.publish(
        Subjects.heartbeat(config.node()),
        Protocol.write(
            new Protocol.Heartbeat(
                Protocol.VERSION,
                config.node(),
                config.dc(),
                config.scenario(),
                config.version(),
                startedAt.toString(),
                Duration.between(startedAt, now).toSeconds(),
                names)));
  }

  private void publishTelemetry() throws InterruptedException {
    Protocol.Telemetry t = telemetry.collect();
    Connection nc = connection;
    if (nc != null && nc.getStatus() == Connection.Status.CONNECTED) {
      nc.publish(Subjects.telemetry(config.node()), Protocol.write(t));
    }
  }

  private interface Task {
    void run() throws Exception;
  }

  /** A timer's task that logs what goes wrong instead of silently ending the schedule. */
  private void guarded(String what, Task task) {
    try {
      task.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.accept(what + " failed: " + Protocol.reason(e));
    }
  }
}
