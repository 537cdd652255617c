package dev.booty.core.client;

import dev.booty.core.client.ClientReport.LatencyInterval;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Round trips per wall-clock second: a histogram of microseconds for the second in progress, and
 * the finished seconds compressed and base64-encoded, at most {@code capacity} of them (the oldest
 * go first). A second without a round trip between two that have some is listed with count 0.
 * Thread-safe.
 */
final class LatencyIntervals {
  /** How many seconds a client keeps by default: an hour. */
  static final int CAPACITY = 3600;

  private static final String EMPTY = encode(new Histogram(2));

  private final int capacity;
  private final ArrayDeque<LatencyInterval> done = new ArrayDeque<>();
  // two significant digits (1 %): small when encoded, and the runner merges many of them
  private final Histogram current = new Histogram(2);
  private long second = Long.MIN_VALUE;

  LatencyIntervals(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity + ": expected at least 1");
    }
    this.capacity = capacity;
  }

  /** One round trip of {@code micros} that completed at {@code epochNanos}. */
  synchronized void record(long epochNanos, long micros) {
    long s = Math.floorDiv(epochNanos, 1_000_000_000L);
    if (s != second) {
      roll(s);
    }
    current.recordValue(micros);
  }

  /** The finished seconds and the one in progress, oldest first. */
  synchronized List<LatencyInterval> snapshot() {
    List<LatencyInterval> out = new ArrayList<>(done.size() + 1);
    out.addAll(done);
    if (second != Long.MIN_VALUE) {
      out.add(new LatencyInterval(second, current.getTotalCount(), encode(current)));
    }
    if (out.size() > capacity) {
      out.remove(0);
    }
    return out;
  }

  private void roll(long next) {
    if (second != Long.MIN_VALUE && next > second) {
      keep(new LatencyInterval(second, current.getTotalCount(), encode(current)));
      // quiet seconds in between, at most as many as are kept
      for (long s = Math.max(second + 1, next - capacity); s < next; s++) {
        keep(new LatencyInterval(s, 0, EMPTY));
      }
    } else if (second != Long.MIN_VALUE) {
      // the clock went back a second (it should not: Payload.Clock is monotonic); merge into it
      return;
    }
    current.reset();
    second = next;
  }

  private void keep(LatencyInterval i) {
    done.addLast(i);
    while (done.size() > capacity) {
      done.removeFirst();
    }
  }

  static String encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
  }
}
