package dev.booty.core.client;

import java.nio.ByteBuffer;

/**
 * A test message's payload: an 8-byte sequence number (from 1), then the 8-byte send time, both
 * big-endian, then zeros up to the payload size.
 *
 * <p>The send time is {@link Clock#nanos()}: nanoseconds since the epoch, read from the wall clock
 * once when the clock is made and advanced by {@link System#nanoTime()} after that. In one process
 * it is monotonic, so latencies never go negative when the wall clock steps; across hosts it is as
 * good as their wall clocks agree.
 */
public record Payload(long sequence, long sentNanos) {
  /** Bytes taken by the sequence number and the send time. */
  public static final int HEADER = 16;

  public byte[] encode(int size) {
    if (size < HEADER) {
      throw new IllegalArgumentException(
          "payload size " + size + ": expected at least " + HEADER + " bytes");
    }
    return ByteBuffer.allocate(size).putLong(sequence).putLong(sentNanos).array();
  }

  public static Payload decode(byte[] data) {
    if (data == null || data.length < HEADER) {
      throw new IllegalArgumentException(
          "payload of " + (data == null ? 0 : data.length) + " bytes: expected at least " + HEADER);
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    return new Payload(b.getLong(), b.getLong());
  }

  /** Epoch nanoseconds that only move forward within a process. */
  public static final class Clock {
    private final long baseEpochNanos;
    private final long baseMonotonic;

    public Clock() {
      java.time.Instant now = java.time.Instant.now();
      this.baseMonotonic = System.nanoTime();
      this.baseEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public long nanos() {
      return baseEpochNanos + (System.nanoTime() - baseMonotonic);
    }
  }
}
