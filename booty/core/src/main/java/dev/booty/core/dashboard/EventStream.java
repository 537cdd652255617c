package dev.booty.core.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Server-Sent Events of {@code /api/events}: each open stream holds only the latest state not
 * yet written (a slow page skips states, it never queues them), and writes a {@code : ping} comment
 * when nothing happened for {@code ping}. One (virtual) thread per stream writes.
 */
final class EventStream {
  private final Duration ping;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  EventStream(Duration ping) {
    this.ping = ping;
  }

  /** One SSE event: {@code event: NAME}, then {@code data: ...}, one line per line of data. */
  static String frame(String event, String data) {
    StringBuilder sb = new StringBuilder("event: ").append(event).append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      sb.append("data: ").append(line).append('\n');
    }
    return sb.append('\n').toString();
  }

  static final String PING = ": ping\n\n";

  /** Hands the state to every open stream (replacing what a stream has not written yet). */
  void publish(String state) {
    subscribers.forEach(s -> s.offer(state));
  }

  int open() {
    return subscribers.size();
  }

  /**
   * Writes {@code first} at once, then every published state, until the page goes away or the
   * dashboard closes.
   */
  void serve(String first, OutputStream out) throws IOException {
    Subscriber s = new Subscriber();
    subscribers.add(s);
    try {
      String written = first;
      write(out, frame("state", first));
      while (!closed) {
        String next = s.take(ping);
        if (closed) {
          break;
        }
        if (next == null) {
          write(out, PING);
        } else if (!next.equals(written)) {
          // a push that was on its way as the stream opened carries the state just written
          write(out, frame("state", next));
          written = next;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      subscribers.remove(s);
    }
  }

  /** Ends every stream (their next wait returns). */
  void close() {
    closed = true;
    subscribers.forEach(s -> s.offer(null));
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The latest state a stream has not written yet. */
  private static final class Subscriber {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private String latest;
    private boolean signalled;

    void offer(String state) {
      lock.lock();
      try {
        latest = state;
        signalled = true;
        ready.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** The latest state, or null when {@code wait} passed without one. */
    String take(Duration wait) throws InterruptedException {
      lock.lock();
      try {
        long left = wait.toNanos();
        while (!signalled && left > 0) {
          left = ready.awaitNanos(left);
        }
        String s = signalled ? latest : null;
        signalled = false;
        latest = null;
        return s;
      } finally {
        lock.unlock();
      }
    }
  }
}
