package dev.booty.core.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The threads every {@link TestClient} of a JVM shares, so that thousands of clients fit in one:
 * jnats' long-running tasks (each connection's reader, writer and dispatchers, its reconnects) and
 * each client's publisher run on virtual threads; jnats' timers (pings, request clean-up) on two
 * shared platform threads. Nothing here is ever shut down: all of it is daemon.
 */
final class ClientThreads {
  /** One virtual thread per task: jnats' reader, writer, dispatchers and reconnects. */
  static final ExecutorService TASKS =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("booty-nats-", 0).factory());

  /** Short timer tasks of every connection: pings, clean-ups. */
  static final ScheduledExecutorService TIMERS = timers();

  /**
   * For executors jnats makes per connection and shuts down on close (connection events, in order,
   * on one thread each): virtual threads.
   */
  static final ThreadFactory VIRTUAL = Thread.ofVirtual().name("booty-nats-cb-", 0).factory();

  private ClientThreads() {}

  private static ScheduledExecutorService timers() {
    ThreadFactory daemon = Thread.ofPlatform().daemon().name("booty-nats-timer-", 0).factory();
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(2, daemon);
    e.setRemoveOnCancelPolicy(true);
    e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return e;
  }
}
