// One measuring NATS client over WebSocket, as the JVM's TestClient: it runs its workload kinds at
// the configured rate, counts what it sent and received, and records every connection event.
import { wsconnect } from "@nats-io/nats-core";
import { decodePayload, LatencyIntervals, nanos } from "./stats.js";
import { WINDOW, workloadsOf } from "./workloads.js";

/** How long stop() waits for messages in flight (TestClient.DRAIN). */
const DRAIN_MS = 2000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * At most this many first connections of the page in progress at once. Chromium lets one
 * WebSocket per server address be in its opening handshake at a time (RFC 6455 4.1), with 10 ms
 * between two: a hundred connections started together would wait in that queue while their
 * connection timeout runs, and many would time out and start again.
 */
const OPENING = 8;
let opening = 0;
const queued = [];

async function opened(connect) {
  if (opening >= OPENING) {
    await new Promise((resolve) => queued.push(resolve));
  }
  opening++;
  try {
    return await connect();
  } finally {
    opening--;
    queued.shift()?.();
  }
}

/** A macrotask without setTimeout's 4 ms clamp: the as-fast-as-possible loop yields with it. */
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const nextTask = () =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

export class BrowserClient {
  constructor(config) {
    this.config = config;
    this.workloads = workloadsOf(config, (kind, from, data) => this.#arrived(kind, from, data));
    this.pubsub = this.workloads.find((w) => w.stats.kind === "pubsub") || null;
    this.intervals = new LatencyIntervals();
    this.events = [];
    this.currentServer = null;
    this.publishing = false;
    this.sender = null;
    this.nc = null;
    this.dnsAnswers = [];
    this.wake = null;
    this.halt = null;
    this.isConnected = false;
  }

  /** The connection options of its profile (see ClientConfig.profile). */
  options() {
    const c = this.config;
    const o = { servers: c.servers, name: c.id, maxReconnectAttempts: -1 };
    if (c.profile !== "library-default") {
      Object.assign(o, {
        noRandomize: true,
        ignoreClusterUpdates: true,
        reconnectTimeWait: 250,
        reconnectJitter: 0,
        pingInterval: c.pingIntervalMs,
        maxPingOut: c.maxPingsOut,
        timeout: c.connectTimeoutMs,
      });
    }
    return o;
  }

  /** Connects, subscribes every kind (jetstream: makes stream and consumer); throws on failure. */
  async start() {
    const nc = await opened(() => wsconnect(this.options()));
    this.nc = nc;
    this.currentServer = this.#serverOf(nc);
    this.isConnected = true;
    this.#event("CONNECTED", this.currentServer);
    this.#watch(nc);
    try {
      for (const w of this.workloads) {
        await w.subscribe(nc);
      }
      await nc.flush();
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  /** Starts sending: one message of each kind every 1/rate s, or as fast as the windows allow. */
  startSending() {
    this.publishing = true;
    this.sender = this.config.rate > 0 ? this.#sendAtRate() : this.#sendAsFastAsPossible();
  }

  /** Stops sending and waits up to 2 s for what is in flight, so it does not count as lost. */
  async stop() {
    this.publishing = false;
    this.wake?.();
    this.halt?.();
    if (this.sender) {
      await this.sender;
    }
    const deadline = performance.now() + DRAIN_MS;
    while (performance.now() < deadline && this.workloads.some((w) => w.outstanding() > 0)) {
      await sleep(20);
    }
  }

  async close() {
    this.publishing = false;
    this.wake?.();
    this.halt?.();
    if (this.nc && !this.nc.isClosed()) {
      const closed = this.nc.closed();
      await this.nc.close().catch(() => {});
      await closed;
    }
  }

  connected() {
    return this.isConnected;
  }

  /** ClientReport as JSON; light: without intervals and sequence sets (ClientReport.light()). */
  report(light) {
    const kinds = {};
    for (const w of this.workloads) {
      kinds[w.stats.kind] = w.stats.report(light);
    }
    const p = this.pubsub ? this.pubsub.stats : null;
    const sent = p ? p.sent : 0;
    const c = this.config;
    const events = this.events.slice();
    const first = events.find((e) => e.type === "CONNECTED");
    return {
      id: c.id,
      dc: c.dc,
      subject: c.subject,
      sent,
      received: p ? p.receipts : 0,
      lost: p ? sent - p.receivedOf(c.id, sent) : 0,
      duplicated: p ? p.duplicated : 0,
      publishErrors: p ? p.errors : 0,
      latencyP50Ms: p ? p.percentileMs(50) : 0,
      latencyP99Ms: p ? p.percentileMs(99) : 0,
      latencyMaxMs: p ? p.maxMs() : 0,
      disconnects: events.filter((e) => e.type === "DISCONNECTED"),
      reconnects: events.filter((e) => e.type === "RECONNECTED"),
      firstServer: first ? first.server : null,
      lastServer: this.currentServer,
      events,
      kinds,
      intervals: light ? [] : this.intervals.snapshot(),
      group: c.group,
      bootstrap: c.bootstrap,
      profile: c.profile,
      dns: this.#dnsReport(),
      kind: "browser",
    };
  }

  #dnsReport() {
    if (this.config.bootstrap !== "dns") {
      return null;
    }
    const name = new URL(this.config.servers[0]).hostname;
    // a page cannot time the browser's own resolutions: the host watches the name for it
    return { name, resolveMs: [], resolveErrors: 0, answers: this.dnsAnswers };
  }

  /** Connection events, in order, from the status iterator of its connection. */
  #watch(nc) {
    (async () => {
      for await (const s of nc.status()) {
        // nats.js says "disconnect" again for each failed attempt of a reconnect, and may say
        // "reconnect" once per attempt when one succeeds: the record keeps, as the JVM's does,
        // the moment the connection was lost and the moment it was back
        if (s.type === "disconnect") {
          if (this.isConnected) {
            this.isConnected = false;
            this.#event("DISCONNECTED", this.currentServer);
          }
        } else if (s.type === "reconnect") {
          if (!this.isConnected) {
            this.currentServer = this.#serverOf(nc);
            this.isConnected = true;
            this.#event("RECONNECTED", this.currentServer);
          }
        } else if (s.type === "staleConnection") {
          // nats.js gave up on the server (pings unanswered), but reconnects only once the
          // WebSocket has closed: against a silent server, Chromium's closing handshake timeout
          console.warn(`${this.config.id}: ${this.currentServer} is stale (pings unanswered)`);
        }
      }
    })().catch(() => {});
    nc.closed().then(() => {
      this.isConnected = false;
      this.#event("CLOSED", this.currentServer);
    });
  }

  #event(type, server) {
    this.events.push({ time: new Date().toISOString(), type, server });
  }

  /**
   * The WebSocket URL the connection reached. A dns client's URL is the DNS name whatever address
   * it reached, so the address its server's INFO names stands in (with the URL's port).
   */
  #serverOf(nc) {
    const listen = nc.getServer();
    if (this.config.bootstrap === "dns") {
      const host = nc.info?.host;
      if (host && host !== "0.0.0.0" && host !== "::") {
        const port = new URL(this.config.servers[0]).port;
        return `ws://${host.includes(":") ? `[${host}]` : host}:${port}`;
      }
    }
    return `ws://${listen}`;
  }

  #arrived(kind, from, data) {
    const now = nanos();
    const p = decodePayload(data);
    if (p === null || p.seq < 1) {
      return; // not one of ours
    }
    const micros = kind.stats.receivedOne(from, p.seq, p.sentNanos, now);
    if (micros >= 0) {
      this.intervals.record(now, micros);
    }
    if (this.wake) {
      const w = this.wake;
      this.wake = null;
      w();
    }
  }

  /** Every 1/rate s one message of each kind; late ticks are caught up at once. */
  async #sendAtRate() {
    const interval = 1000 / this.config.rate;
    const begin = performance.now();
    let tick = 0;
    while (this.publishing) {
      const wait = begin + tick * interval - performance.now();
      if (wait > 0) {
        await new Promise((resolve) => {
          this.halt = resolve;
          setTimeout(resolve, wait);
        });
        this.halt = null;
        continue;
      }
      tick++;
      for (const w of this.workloads) {
        const pending = w.sendNext();
        if (pending) {
          await pending;
        }
      }
    }
  }

  /**
   * Sends each kind whose window has room; when none has, waits for a receipt. A window stuck
   * full for a request timeout is written off (those messages are lost).
   */
  async #sendAsFastAsPossible() {
    let progress = performance.now();
    let burst = 0;
    while (this.publishing) {
      let any = false;
      for (const w of this.workloads) {
        if (w.outstanding() < WINDOW) {
          const pending = w.sendNext();
          if (pending) {
            await pending;
          }
          any = true;
        }
      }
      if (any) {
        progress = performance.now();
        if (++burst % 256 === 0) {
          await nextTask(); // let receipts, acks and timers in
        }
        continue;
      }
      await Promise.race([
        new Promise((resolve) => {
          this.wake = resolve;
        }),
        sleep(1),
      ]);
      this.wake = null;
      if (performance.now() - progress > this.config.requestTimeoutMs) {
        this.workloads.forEach((w) => w.writeOff());
        progress = performance.now();
      }
    }
  }
}

/** An error's name and message, and its cause's: nats.js wraps the WebSocket's. */
export function describe(e) {
  if (!e) {
    return "unknown error";
  }
  const own = [e.name, e.message].filter((s) => s && s !== "Error").join(": ") || String(e);
  return e.cause ? `${own} (${describe(e.cause)})` : own;
}

/**
 * Starts a client, trying again every second until it runs or stop() says to give up
 * (ClientHost.startUntilConnected): a client whose servers are not up yet waits for them.
 */
export async function startUntilConnected(config, stopped, log) {
  let last = null;
  while (!stopped()) {
    const client = new BrowserClient(config);
    try {
      await client.start();
      return client;
    } catch (e) {
      const why = describe(e);
      if (why !== last) {
        log(`client ${config.id} cannot connect yet: ${why}`);
        last = why;
      }
      await sleep(1000);
    }
  }
  return null;
}
