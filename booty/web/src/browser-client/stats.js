// What a browser client counts, written to match the JVM client's classes in
// booty/core/src/main/java/dev/booty/core/client/ (Payload, SequenceSet, KindStats,
// LatencyIntervals): the runner merges both kinds' reports, so formats must be the same.
//
// hdr-histogram-js is imported file by file: its package entry for browsers also carries a
// WebAssembly build (about 40 KB of base64) that the page does not use.
import Int32Histogram from "hdr-histogram-js/dist/Int32Histogram.js";
// adds encodeIntoCompressedBase64 to every JsHistogram (V2 compressed, as Java's HdrHistogram)
import "hdr-histogram-js/dist/JsHistogram.encoding.js";

/** Bytes taken by the sequence number and the send time (Payload.HEADER). */
export const HEADER = 16;

/** Latencies above an hour (in microseconds) are recorded as an hour (KindStats.MAX_MICROS). */
const MAX_MICROS = 3_600_000_000;

/** How many seconds of latency a client keeps (LatencyIntervals.CAPACITY). */
export const CAPACITY = 3600;

/**
 * Epoch nanoseconds that only move forward (Payload.Clock): the wall clock read once, advanced by
 * performance.now() after that, so latencies never go negative when the wall clock steps.
 */
const baseEpochNanos = BigInt(Date.now()) * 1_000_000n;
const basePerf = performance.now();

export function nanos() {
  return baseEpochNanos + BigInt(Math.round((performance.now() - basePerf) * 1e6));
}

/** 8-byte big-endian sequence, 8-byte big-endian send time (epoch ns), zeros up to size. */
export function encodePayload(seq, sentNanos, size) {
  const data = new Uint8Array(size);
  const view = new DataView(data.buffer);
  view.setBigUint64(0, BigInt(seq));
  view.setBigUint64(8, sentNanos);
  return data;
}

/** {seq, sentNanos} of one of our payloads, or null for anything else. */
export function decodePayload(data) {
  if (!data || data.length < HEADER) {
    return null;
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { seq: Number(view.getBigInt64(0)), sentNanos: view.getBigInt64(8) };
}

/** Sorted, disjoint, non-adjacent ranges of positive numbers, written "1-50,52,54-60". */
export class SequenceSet {
  constructor() {
    this.from = [];
    this.to = [];
    this.size = 0;
  }

  /** Adds one number; false when it was already there. */
  add(seq) {
    const n = this.from.length;
    if (n === 0 || seq > this.to[n - 1] + 1) {
      this.from.push(seq);
      this.to.push(seq);
    } else if (seq === this.to[n - 1] + 1) {
      this.to[n - 1] = seq;
      this.#mergeAt(n - 1);
    } else {
      const i = this.#firstEndingAtOrAfter(seq - 1);
      if (this.from[i] <= seq && seq <= this.to[i]) {
        return false;
      }
      if (this.to[i] === seq - 1) {
        this.to[i] = seq;
        this.#mergeAt(i);
      } else if (this.from[i] === seq + 1) {
        this.from[i] = seq;
      } else {
        this.from.splice(i, 0, seq);
        this.to.splice(i, 0, seq);
      }
    }
    this.size++;
    return true;
  }

  /** How many of its numbers lie in [a, b]. */
  countBetween(a, b) {
    let n = 0;
    for (let i = this.#firstEndingAtOrAfter(a); i < this.from.length && this.from[i] <= b; i++) {
      n += Math.min(b, this.to[i]) - Math.max(a, this.from[i]) + 1;
    }
    return n;
  }

  format() {
    const parts = new Array(this.from.length);
    for (let i = 0; i < this.from.length; i++) {
      parts[i] = this.from[i] === this.to[i] ? `${this.from[i]}` : `${this.from[i]}-${this.to[i]}`;
    }
    return parts.join(",");
  }

  #mergeAt(i) {
    if (i + 1 < this.from.length && this.from[i + 1] === this.to[i] + 1) {
      this.to[i] = this.to[i + 1];
      this.from.splice(i + 1, 1);
      this.to.splice(i + 1, 1);
    }
  }

  #firstEndingAtOrAfter(seq) {
    let lo = 0;
    let hi = this.from.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.to[mid] < seq) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

/** What one client counted of one workload kind (KindStats). */
export class KindStats {
  constructor(kind, scope) {
    this.kind = kind;
    this.scope = scope;
    this.sent = 0;
    this.ok = 0;
    this.errors = 0;
    this.duplicated = 0;
    this.receipts = 0;
    this.inFlight = 0;
    this.expected = new SequenceSet();
    this.received = new Map();
    // two significant digits (1 %), where the JVM keeps three: the page computes the percentiles
    // of every kind of every connection each second for its progress reports, by a walk over
    // the counts (8 times shorter with two digits), and 500 connections hold 2,000 of them
    // (about 9 KB each up to 10 s, rather than 60 KB). A packed histogram would be smaller still,
    // but walking it took a third of a page's CPU at 100 connections.
    this.latency = new Int32Histogram(1, 2, 2);
    this.latency.autoResize = true;
  }

  /** A send attempt; in flight until ok() or error(). */
  sentOne() {
    this.sent++;
    this.inFlight++;
  }

  ok1(seq) {
    this.ok++;
    this.inFlight--;
    this.expected.add(seq);
  }

  error() {
    this.errors++;
    this.inFlight--;
  }

  /** A message from publisher arrived: its latency in microseconds, or -1 for a duplicate. */
  receivedOne(publisher, seq, sentNanos, nowNanos) {
    let set = this.received.get(publisher);
    if (!set) {
      set = new SequenceSet();
      this.received.set(publisher, set);
    }
    if (!set.add(seq)) {
      this.duplicated++;
      return -1;
    }
    this.receipts++;
    const micros = Math.max(0, Math.min(Number((nowNanos - sentNanos) / 1000n), MAX_MICROS));
    this.latency.recordValue(micros);
    return micros;
  }

  receivedOf(publisher, upTo) {
    const s = this.received.get(publisher);
    return !s || upTo < 1 ? 0 : s.countBetween(1, upTo);
  }

  percentileMs(p) {
    return this.latency.totalCount === 0 ? 0 : this.latency.getValueAtPercentile(p) / 1000;
  }

  maxMs() {
    const h = this.latency;
    return h.totalCount === 0 ? 0 : h.highestEquivalentValue(h.maxValue) / 1000;
  }

  /** ClientReport.KindReport; light leaves out the sequence sets (ClientReport.light()). */
  report(light) {
    const received = {};
    if (!light) {
      for (const p of [...this.received.keys()].sort()) {
        received[p] = this.received.get(p).format();
      }
    }
    return {
      kind: this.kind,
      scope: this.scope,
      sent: this.sent,
      ok: this.ok,
      errors: this.errors,
      expected: light ? "" : this.expected.format(),
      received,
      duplicated: this.duplicated,
      latencyP50Ms: this.percentileMs(50),
      latencyP99Ms: this.percentileMs(99),
      latencyMaxMs: this.maxMs(),
    };
  }
}

function newIntervalHistogram() {
  // two significant digits (1 %), as the JVM's: small when encoded, and merged by the runner
  const h = new Int32Histogram(1, 2, 2);
  h.autoResize = true;
  return h;
}

const EMPTY = newIntervalHistogram().encodeIntoCompressedBase64();

/**
 * Round trips per wall-clock second (LatencyIntervals): the second in progress as a histogram,
 * finished ones compressed and base64-encoded, at most CAPACITY of them; quiet seconds between two
 * busy ones are listed with count 0.
 */
export class LatencyIntervals {
  constructor(capacity = CAPACITY) {
    this.capacity = capacity;
    this.done = [];
    this.current = newIntervalHistogram();
    this.second = null;
  }

  record(epochNanos, micros) {
    const s = Number(epochNanos / 1_000_000_000n);
    if (s !== this.second) {
      if (this.second !== null && s < this.second) {
        this.current.recordValue(micros); // the clock went back (it should not): merge
        return;
      }
      this.#roll(s);
    }
    this.current.recordValue(micros);
  }

  snapshot() {
    const out = this.done.slice();
    if (this.second !== null) {
      out.push(this.#interval(this.second, this.current));
    }
    return out.length > this.capacity ? out.slice(out.length - this.capacity) : out;
  }

  #roll(next) {
    if (this.second !== null) {
      this.#keep(this.#interval(this.second, this.current));
      for (let s = Math.max(this.second + 1, next - this.capacity); s < next; s++) {
        this.#keep({ second: s, count: 0, histogram: EMPTY });
      }
    }
    this.current.reset();
    this.second = next;
  }

  #interval(second, h) {
    return { second, count: h.totalCount, histogram: h.encodeIntoCompressedBase64() };
  }

  #keep(i) {
    this.done.push(i);
    if (this.done.length > this.capacity) {
      this.done.shift();
    }
  }
}
