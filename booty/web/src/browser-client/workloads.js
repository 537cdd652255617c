// The four workload kinds, byte for byte as the JVM client's (booty/core/.../client/*Workload.java):
// same subjects, queue groups, stream, durable consumer and message ids, so JVM and browser clients
// of one data centre share queue groups, responders and the durable.
import { nanos as toNanos } from "@nats-io/nats-core";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { encodePayload, KindStats, nanos } from "./stats.js";

/** At rate 0, the most messages of one kind in flight (TestClient.WINDOW). */
export const WINDOW = 4096;

/** JetStreamWorkload's constants. */
const MAX_ACK_PENDING = 20_000;
const ACK_WAIT_MS = 5000;
const RETENTION_MS = 3_600_000;
const RETRIES = 3;
const RETRY_WAIT_MS = 250;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last token of a subject: the publisher on a per-publisher subject. */
function lastToken(subject) {
  return subject.substring(subject.lastIndexOf(".") + 1);
}

class Workload {
  constructor(config, kind, scope, receiver) {
    this.config = config;
    this.stats = new KindStats(kind, scope);
    this.receiver = receiver;
    this.seq = 0;
    this.nc = null;
  }

  /** Sends the next message, stamped now; may return a promise the sender should wait for. */
  sendNext() {
    const seq = ++this.seq;
    const data = encodePayload(seq, nanos(), this.config.size);
    this.stats.sentOne();
    return this.send(seq, data);
  }

  /** Messages sent and not yet accounted for. */
  outstanding() {
    return this.stats.inFlight;
  }

  /** At rate 0, the window stayed full for a request timeout: write off what is outstanding. */
  writeOff() {}
}

/** pubsub: its own subject SUBJECT.pubsub.ID, there and back. */
class PubSub extends Workload {
  constructor(config, receiver) {
    super(config, "pubsub", "client", receiver);
    this.subject = `${config.subject}.pubsub.${config.id}`;
    this.writtenOff = 0;
  }

  async subscribe(nc) {
    this.nc = nc;
    nc.subscribe(this.subject, {
      callback: (err, m) => err || this.receiver(this, this.config.id, m.data),
    });
  }

  send(seq, data) {
    try {
      this.nc.publish(this.subject, data);
      this.stats.ok1(seq);
    } catch (e) {
      this.stats.error(); // the connection refused it (closed)
    }
  }

  outstanding() {
    return this.stats.ok - this.stats.receipts - this.writtenOff;
  }

  writeOff() {
    this.writtenOff = this.stats.ok - this.stats.receipts;
  }
}

/** request: SUBJECT.request.DC, answered by queue group "responders" of the data centre. */
class Request extends Workload {
  constructor(config, receiver) {
    super(config, "request", "reply", receiver);
    this.subject = `${config.subject}.request.${config.dc}`;
  }

  async subscribe(nc) {
    this.nc = nc;
    if (this.config.respond) {
      nc.subscribe(this.subject, {
        queue: "responders",
        callback: (err, m) => {
          if (!err && m.reply) {
            try {
              m.respond(m.data);
            } catch (e) {
              // the connection is gone; the asker counts the timeout
            }
          }
        },
      });
    }
  }

  send(seq, data) {
    let pending;
    try {
      pending = this.nc.request(this.subject, data, { timeout: this.config.requestTimeoutMs });
    } catch (e) {
      this.stats.error();
      return;
    }
    pending.then(
      (reply) => {
        this.stats.ok1(seq);
        this.receiver(this, this.config.id, reply.data);
      },
      () => this.stats.error(),
    );
  }
}

/** queue: SUBJECT.queue.DC.ID, received by one of queue group q-DC on SUBJECT.queue.DC.*. */
class Queue extends Workload {
  constructor(config, receiver) {
    super(config, "queue", "dc", receiver);
    this.subject = `${config.subject}.queue.${config.dc}.${config.id}`;
    this.wildcard = `${config.subject}.queue.${config.dc}.*`;
  }

  async subscribe(nc) {
    this.nc = nc;
    nc.subscribe(this.wildcard, {
      queue: `q-${this.config.dc}`,
      callback: (err, m) => err || this.receiver(this, lastToken(m.subject), m.data),
    });
  }

  send(seq, data) {
    try {
      this.nc.publish(this.subject, data);
      this.stats.ok1(seq);
    } catch (e) {
      this.stats.error();
    }
    if (this.config.rate === 0 && seq % WINDOW === 0) {
      // as fast as possible: let the server catch up after each window
      return Promise.race([this.nc.flush(), sleep(this.config.requestTimeoutMs)]).catch(() => {});
    }
    return undefined;
  }

  /** Others receive them: nothing to count locally. */
  outstanding() {
    return 0;
  }
}

/** booty_DC, with '-' as '_' (JetStreamWorkload.streamName). */
export function streamName(dc) {
  return `booty_${dc.replaceAll("-", "_")}`;
}

/**
 * jetstream: SUBJECT.js.DC.ID into stream booty_DC; a publish is ok once acknowledged (retried with
 * the same message id every 250 ms for 3 request timeouts); every client of the data centre binds
 * the durable push consumer booty-DC (deliver group booty-DC) and acknowledges what it records.
 */
class JetStream extends Workload {
  constructor(config, receiver) {
    super(config, "jetstream", "dc", receiver);
    this.subject = `${config.subject}.js.${config.dc}.${config.id}`;
    this.stream = streamName(config.dc);
    this.durable = `booty-${config.dc}`;
    this.js = null;
  }

  async subscribe(nc) {
    this.nc = nc;
    const timeout = this.config.requestTimeoutMs;
    // JetStream may still be electing its leaders: retry for five request timeouts
    const setupMs = timeout * 5;
    const deadline = performance.now() + setupMs;
    let last = null;
    while (performance.now() < deadline) {
      try {
        const jsm = await jetstreamManager(nc, { timeout });
        await this.#ensureStream(jsm);
        await this.#ensureConsumer(jsm);
        this.js = jetstream(nc, { timeout });
        const consumer = await this.js.consumers.getPushConsumer(this.stream, this.durable);
        await consumer.consume({ callback: (m) => this.#onMessage(m) });
        return;
      } catch (e) {
        last = e;
        await sleep(250);
      }
    }
    throw new Error(
      `client ${this.config.id}: cannot set up stream ${this.stream} and consumer ` +
        `${this.durable} in ${setupMs} ms: ${last ? last.message : "no attempt"}`,
    );
  }

  async #ensureStream(jsm) {
    const subjects = [`${this.config.subject}.js.${this.config.dc}.*`];
    const cfg = {
      name: this.stream,
      subjects,
      num_replicas: this.config.replicas,
      max_age: toNanos(RETENTION_MS),
    };
    if (this.config.placement) {
      cfg.placement = { tags: [`dc:${this.config.dc}`] };
    }
    try {
      await jsm.streams.add(cfg);
    } catch (e) {
      // made in between with another configuration: use it if it takes our subjects
      let existing;
      try {
        existing = await jsm.streams.info(this.stream);
      } catch (notThere) {
        throw e;
      }
      const has = existing.config.subjects || [];
      if (!subjects.every((s) => has.includes(s))) {
        throw new Error(`stream ${this.stream} exists with subjects ${has}, not ${subjects}`);
      }
    }
  }

  async #ensureConsumer(jsm) {
    const cfg = {
      durable_name: this.durable,
      deliver_subject: `${this.config.subject}.jsdeliver.${this.config.dc}`,
      deliver_group: this.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      max_ack_pending: MAX_ACK_PENDING,
      ack_wait: toNanos(ACK_WAIT_MS),
    };
    try {
      await jsm.consumers.add(this.stream, cfg);
    } catch (e) {
      // the JVM's clients create or update it; nats.js only creates: an existing durable with
      // another detail of configuration is used if it delivers where ours would
      let existing;
      try {
        existing = await jsm.consumers.info(this.stream, this.durable);
      } catch (notThere) {
        throw e;
      }
      const c = existing.config;
      if (c.deliver_subject !== cfg.deliver_subject || c.deliver_group !== cfg.deliver_group) {
        throw new Error(
          `consumer ${this.durable} exists delivering to ${c.deliver_subject} ` +
            `(group ${c.deliver_group}), not ${cfg.deliver_subject} (group ${cfg.deliver_group})`,
        );
      }
    }
  }

  #onMessage(m) {
    this.receiver(this, lastToken(m.subject), m.data);
    try {
      m.ack();
    } catch (e) {
      // the connection is gone: the server delivers it again after the ack wait
    }
  }

  send(seq, data) {
    const msgID = `${this.config.id}-${seq}`;
    const giveUpAt = performance.now() + this.config.requestTimeoutMs * RETRIES;
    this.#attempt(seq, data, msgID, giveUpAt);
  }

  #attempt(seq, data, msgID, giveUpAt) {
    let pending;
    try {
      pending = this.js.publish(this.subject, data, {
        msgID,
        timeout: this.config.requestTimeoutMs,
      });
    } catch (e) {
      this.#retryOrFail(seq, data, msgID, giveUpAt);
      return;
    }
    pending.then(
      () => this.stats.ok1(seq),
      () => this.#retryOrFail(seq, data, msgID, giveUpAt),
    );
  }

  #retryOrFail(seq, data, msgID, giveUpAt) {
    if (performance.now() < giveUpAt) {
      setTimeout(() => this.#attempt(seq, data, msgID, giveUpAt), RETRY_WAIT_MS);
    } else {
      this.stats.error();
    }
  }
}

/** The workloads of a client config, in the order of its kinds. */
export function workloadsOf(config, receiver) {
  return config.kinds.map((kind) => {
    switch (kind) {
      case "pubsub":
        return new PubSub(config, receiver);
      case "request":
        return new Request(config, receiver);
      case "queue":
        return new Queue(config, receiver);
      case "jetstream":
        return new JetStream(config, receiver);
      default:
        throw new Error(`client ${config.id}: unknown kind '${kind}'`);
    }
  });
}
