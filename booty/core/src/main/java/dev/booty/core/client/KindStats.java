package dev.booty.core.client;

import dev.booty.core.client.ClientReport.KindReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.IntCountsHistogram;

/**
 * What one client counted of one workload kind: sends, their outcome, what it received by publisher
 * and the round-trip latency. Thread-safe: the publisher, the reader (acknowledgements, replies)
 * and the dispatcher (messages) write, anyone reads.
 */
final class KindStats {
  /** Latencies above this (an hour, in microseconds) are recorded as this. */
  static final long MAX_MICROS = 3_600_000_000L;

  private final String kind;
  private final String scope;
  private final SequenceSet expected = new SequenceSet();
  private final Map<String, SequenceSet> received = new TreeMap<>();
  // auto-resizing, 3 significant digits: a few tens of KB for latencies up to a second
  private final IntCountsHistogram latency = new IntCountsHistogram(3);
  // written under the lock; the counts the publisher polls are volatile, to read without it
  private long sent;
  private volatile long ok;
  private long errors;
  private long duplicated;
  private volatile long receipts;
  private volatile long inFlight;

  KindStats(String kind, String scope) {
    this.kind = kind;
    this.scope = scope;
  }

  String kind() {
    return kind;
  }

  /** A send attempt; it stays in flight until {@link #ok} or {@link #error}. */
  synchronized void sent() {
    sent++;
    inFlight++;
  }

  /** The send of {@code seq} succeeded: sent without error, acknowledged or answered. */
  synchronized void ok(long seq) {
    ok++;
    inFlight--;
    expected.add(seq);
  }

  /** A send failed: refused, not acknowledged, not answered. */
  synchronized void error() {
    errors++;
    inFlight--;
  }

  /**
   * A message from {@code publisher} arrived; records its latency unless it is a duplicate.
   *
   * @return the latency in microseconds, or -1 for a duplicate
   */
  synchronized long received(String publisher, long seq, long sentNanos, long nowNanos) {
    if (!received.computeIfAbsent(publisher, p -> new SequenceSet()).add(seq)) {
      duplicated++;
      return -1;
    }
    receipts++;
    long micros = Math.max(0, Math.min((nowNanos - sentNanos) / 1000, MAX_MICROS));
    latency.recordValue(micros);
    return micros;
  }

  synchronized long sentCount() {
    return sent;
  }

  /** Sends still waiting for their outcome (an acknowledgement, a reply). */
  long inFlight() {
    return inFlight;
  }

  /** Distinct messages received, from every publisher. */
  long receipts() {
    return receipts;
  }

  long okCount() {
    return ok;
  }

  synchronized long errorCount() {
    return errors;
  }

  synchronized long duplicatedCount() {
    return duplicated;
  }

  /** How many of sequences 1 to {@code upTo} arrived from {@code publisher}. */
  synchronized long receivedOf(String publisher, long upTo) {
    SequenceSet s = received.get(publisher);
    return s == null || upTo < 1 ? 0 : s.countBetween(1, upTo);
  }

  synchronized double percentileMs(double p) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(p) / 1000.0;
  }

  synchronized double maxMs() {
    return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
  }

  synchronized KindReport report() {
    Map<String, String> byPublisher = new LinkedHashMap<>();
    received.forEach((p, s) -> byPublisher.put(p, s.format()));
    return new KindReport(
        kind,
        scope,
        sent,
        ok,
        errors,
        expected.format(),
        byPublisher,
        duplicated,
        percentileMs(50),
        percentileMs(99),
        maxMs());
  }
}
