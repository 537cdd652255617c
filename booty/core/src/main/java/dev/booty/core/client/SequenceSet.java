package dev.booty.core.client;

import java.util.Arrays;

/**
 * A set of positive sequence numbers kept as sorted, disjoint, non-adjacent ranges, written as
 * {@code 1-50,52,54-60} (empty for none). Adding the next number of a run, the usual case, costs
 * O(1); others a binary search. Not thread-safe.
 */
public final class SequenceSet {
  private long[] from = new long[4];
  private long[] to = new long[4];
  private int ranges;
  private long size;

  public SequenceSet() {}

  /** Parses {@code 1-50,52,54-60}; blank is the empty set. */
  public static SequenceSet parse(String text) {
    SequenceSet s = new SequenceSet();
    if (text == null || text.isBlank()) {
      return s;
    }
    for (String part : text.split(",")) {
      String p = part.strip();
      int dash = p.indexOf('-', 1);
      try {
        long a = Long.parseLong(dash < 0 ? p : p.substring(0, dash));
        long b = dash < 0 ? a : Long.parseLong(p.substring(dash + 1));
        if (a < 1 || b < a) {
          throw new IllegalArgumentException(
              "sequence ranges '" + text + "': '" + p + "' is not N or N-M with 1 <= N <= M");
        }
        s.addRange(a, b);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "sequence ranges '" + text + "': '" + p + "' is not N or N-M", e);
      }
    }
    return s;
  }

  /** Adds one number; false when it was already there. */
  public boolean add(long seq) {
    if (seq < 1) {
      throw new IllegalArgumentException("sequence " + seq + ": expected at least 1");
    }
    if (ranges > 0 && seq > to[ranges - 1]) {
      if (seq == to[ranges - 1] + 1) {
        to[ranges - 1] = seq;
      } else {
        append(seq, seq);
      }
      size++;
      return true;
    }
    if (ranges == 0) {
      append(seq, seq);
      size++;
      return true;
    }
    if (contains(seq)) {
      return false;
    }
    addRange(seq, seq);
    return true;
  }

  /** Adds every number from {@code a} to {@code b}, both included. */
  public void addRange(long a, long b) {
    if (a < 1 || b < a) {
      throw new IllegalArgumentException(
          "sequence range " + a + "-" + b + ": expected 1 <= a <= b");
    }
    if (ranges == 0 || a > to[ranges - 1] + 1) {
      append(a, b);
      size += b - a + 1;
      return;
    }
    // first range that ends at a-1 or later: it touches or follows [a, b]
    int i = firstEndingAtOrAfter(a - 1);
    int j = i;
    long lo = a;
    long hi = b;
    long removed = 0;
    while (j < ranges && from[j] <= b + 1) {
      lo = Math.min(lo, from[j]);
      hi = Math.max(hi, to[j]);
      removed += to[j] - from[j] + 1;
      j++;
    }
    if (j == i) {
      insert(i, a, b);
      size += b - a + 1;
      return;
    }
    from[i] = lo;
    to[i] = hi;
    int gone = j - i - 1;
    if (gone > 0) {
      System.arraycopy(from, j, from, i + 1, ranges - j);
      System.arraycopy(to, j, to, i + 1, ranges - j);
      ranges -= gone;
    }
    size += (hi - lo + 1) - removed;
  }

  public boolean contains(long seq) {
    int i = firstEndingAtOrAfter(seq);
    return i < ranges && from[i] <= seq;
  }

  /** How many numbers it holds. */
  public long size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** How many of its numbers lie in {@code [a, b]}. */
  public long countBetween(long a, long b) {
    long n = 0;
    for (int i = firstEndingAtOrAfter(a); i < ranges && from[i] <= b; i++) {
      n += Math.min(b, to[i]) - Math.max(a, from[i]) + 1;
    }
    return n;
  }

  /** Adds every number of {@code other} to this set; returns this. */
  public SequenceSet addAll(SequenceSet other) {
    for (int i = 0; i < other.ranges; i++) {
      addRange(other.from[i], other.to[i]);
    }
    return this;
  }

  /** A new set with the numbers of both. */
  public SequenceSet union(SequenceSet other) {
    return copy().addAll(other);
  }

  /** A new set with the numbers in this one and not in {@code other}. */
  public SequenceSet minus(SequenceSet other) {
    SequenceSet out = new SequenceSet();
    int j = 0;
    for (int i = 0; i < ranges; i++) {
      long a = from[i];
      long b = to[i];
      while (j < other.ranges && other.to[j] < a) {
        j++;
      }
      int k = j;
      while (a <= b && k < other.ranges && other.from[k] <= b) {
        if (other.from[k] > a) {
          out.append(a, other.from[k] - 1);
          out.size += other.from[k] - a;
        }
        a = Math.max(a, other.to[k] + 1);
        k++;
      }
      if (a <= b) {
        out.append(a, b);
        out.size += b - a + 1;
      }
    }
    return out;
  }

  public SequenceSet copy() {
    SequenceSet c = new SequenceSet();
    c.from = Arrays.copyOf(from, Math.max(4, ranges));
    c.to = Arrays.copyOf(to, Math.max(4, ranges));
    c.ranges = ranges;
    c.size = size;
    return c;
  }

  /** {@code 1-50,52,54-60}; empty for none. */
  public String format() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < ranges; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(from[i]);
      if (to[i] != from[i]) {
        b.append('-').append(to[i]);
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return format();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequenceSet s
        && s.ranges == ranges
        && Arrays.equals(from, 0, ranges, s.from, 0, ranges)
        && Arrays.equals(to, 0, ranges, s.to, 0, ranges);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < ranges; i++) {
      h = 31 * h + Long.hashCode(from[i]);
      h = 31 * h + Long.hashCode(to[i]);
    }
    return h;
  }

  /** Index of the first range with {@code to >= seq}, or {@code ranges} when none. */
  private int firstEndingAtOrAfter(long seq) {
    int lo = 0;
    int hi = ranges;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (to[mid] < seq) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void append(long a, long b) {
    grow();
    from[ranges] = a;
    to[ranges] = b;
    ranges++;
  }

  private void insert(int i, long a, long b) {
    grow();
    System.arraycopy(from, i, from, i + 1, ranges - i);
    System.arraycopy(to, i, to, i + 1, ranges - i);
    from[i] = a;
    to[i] = b;
    ranges++;
  }

  private void grow() {
    if (ranges == from.length) {
      from = Arrays.copyOf(from, ranges * 2);
      to = Arrays.copyOf(to, ranges * 2);
    }
  }
}
