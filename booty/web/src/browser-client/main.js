// The browser test client: the page booty's BrowserHost loads into headless Chromium. It holds
// the NATS connections of config.clients over WebSocket, reports each one every second over its
// own back-channel connection to the control plane, and sends final reports on finish().
// Its contract with BrowserHost (issue 12) is window.booty, at the end of this file.
import { credsAuthenticator, wsconnect } from "@nats-io/nats-core";
import { describe, startUntilConnected } from "./client.js";

/** Report format version (ClientHost.VERSION). */
const VERSION = 1;
const KINDS = ["pubsub", "request", "queue", "jetstream"];
const FLUSH_MS = 5000;
const MAX_ERRORS = 20;

let config = null;
let back = null;
let reporter = null;
let finishing = null;
let quieting = null;
const running = [];
const page = { start: "idle", failure: null, errors: [] };
let answers = [];

function log(line) {
  console.log(`booty: ${line}`);
}

/** Errors the page saw (uncaught, rejected, refused by the back channel), the latest kept. */
function remember(line) {
  page.errors.push(line);
  if (page.errors.length > MAX_ERRORS) {
    page.errors.shift();
  }
  console.error(`booty: ${line}`);
}

window.addEventListener("error", (e) => remember(`${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener("unhandledrejection", (e) =>
  remember(`unhandled rejection: ${e.reason?.message || e.reason}`),
);

function check(cfg) {
  const missing = (what) => {
    throw new Error(`config: ${what} missing`);
  };
  if (!cfg || typeof cfg !== "object") missing("the config object");
  for (const key of ["run", "scenario", "reportSubject", "controlPlane"]) {
    if (!cfg[key]) missing(key);
  }
  if (!Array.isArray(cfg.clients) || cfg.clients.length === 0) missing("clients");
  for (const c of cfg.clients) {
    for (const key of ["id", "dc", "group", "subject", "servers", "kinds"]) {
      if (!c[key] || c[key].length === 0) missing(`clients[${c.id || "?"}].${key}`);
    }
    for (const k of c.kinds) {
      if (!KINDS.includes(k)) {
        throw new Error(`config: clients[${c.id}].kinds: unknown kind '${k}'`);
      }
    }
  }
}

async function connectBackChannel(cfg) {
  const opts = {
    servers: cfg.controlPlane,
    name: `booty-browser-${cfg.clients[0].group}`,
    noRandomize: true,
    ignoreClusterUpdates: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    timeout: FLUSH_MS,
  };
  if (cfg.creds) {
    opts.authenticator = credsAuthenticator(new TextEncoder().encode(cfg.creds));
  }
  let nc;
  try {
    nc = await wsconnect(opts);
  } catch (e) {
    throw new Error(`cannot reach the control plane at ${cfg.controlPlane}: ${describe(e)}`);
  }
  (async () => {
    for await (const s of nc.status()) {
      if (s.type === "error") {
        remember(`control plane: ${s.error?.message || s.error}`);
      }
    }
  })().catch(() => {});
  return nc;
}

function publish(report, last) {
  try {
    back.publish(
      config.reportSubject,
      JSON.stringify({ v: VERSION, run: config.run, final: last, report }),
    );
  } catch (e) {
    remember(`cannot send the report of ${report.id}: ${e.message}`);
  }
}

function progress() {
  if (finishing) {
    return;
  }
  for (const c of running) {
    c.dnsAnswers = answers;
    publish(c.report(true), false);
  }
}

/** Connects the back channel, then every client (each retrying until it connects). */
async function start(cfg) {
  if (page.start !== "idle") {
    throw new Error(`booty.start: called twice (it is ${page.start})`);
  }
  page.start = "pending";
  try {
    check(cfg);
    config = cfg;
    back = await connectBackChannel(cfg);
    reporter = setInterval(progress, 1000);
    await Promise.all(
      cfg.clients.map(async (c) => {
        const client = await startUntilConnected(c, () => finishing !== null, log);
        if (client === null) {
          return;
        }
        if (finishing) {
          await client.close(); // connected as the run ended: it sent nothing
          return;
        }
        client.startSending();
        running.push(client);
      }),
    );
    page.start = "ok";
    log(`${running.length} client(s) running, reporting on ${cfg.reportSubject}`);
  } catch (e) {
    page.start = "failed";
    page.failure = e?.message || String(e);
    throw e;
  }
}

/** Stops every client's sending and waits for its messages in flight; they go on receiving. */
function quiet() {
  if (!quieting) {
    quieting = Promise.all(running.map((c) => c.stop())).then(() => undefined);
  }
  return quieting;
}

/** Quiet, close every connection, send the final reports and flush them; once. */
function finish() {
  if (!finishing) {
    finishing = (async () => {
      await quiet();
      const all = running.slice();
      await Promise.all(all.map((c) => c.close()));
      clearInterval(reporter);
      if (back) {
        for (const c of all) {
          c.dnsAnswers = answers;
          publish(c.report(false), true);
        }
        await Promise.race([
          back.flush(),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`no flush in ${FLUSH_MS} ms`)), FLUSH_MS),
          ),
        ]).catch((e) => remember(`the back channel did not flush: ${e.message}`));
      }
      log(`sent the final reports of ${all.length} client(s)`);
      return all.length;
    })();
  }
  return finishing;
}

function state() {
  return {
    connected: running.filter((c) => c.connected()).length,
    clients: config ? config.clients.length : 0,
    started: running.length,
    start: page.start,
    failure: page.failure,
    finished: finishing !== null,
    errors: page.errors.slice(),
  };
}

window.booty = {
  start,
  quiet,
  finish,
  state,
  /** The DNS answers the host saw of the clients' name: [{time, addresses}], oldest first. */
  dnsAnswers(list) {
    answers = Array.isArray(list) ? list : [];
  },
};
