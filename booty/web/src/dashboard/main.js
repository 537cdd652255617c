// booty's dashboard (issue 13): a single page with hash routes #/live (default), #/history,
// #/compare?a=&b= and #/layers. Live state arrives over Server-Sent Events (/api/events); the
// contract with the server and with tests (selectors, window.bootyDash) is docs/dashboard.md.
import "uplot/dist/uPlot.min.css";
import "./dashboard.css";
import { getSession } from "./api.js";
import { renderCompare } from "./compare.js";
import { fill, h } from "./dom.js";
import { renderHistory, resizeChart } from "./history.js";
import { renderLayers } from "./layers.js";
import { renderLive, tick } from "./live.js";

const ROUTES = ["live", "history", "compare", "layers"];

/** What tests read: performance.now() at the first render, the last event's lag, its seq. */
window.bootyDash = { firstRenderMs: null, lastEventLagMs: null, seq: null };

let state = null;
const view = document.getElementById("view");
const banner = document.getElementById("banner");

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [name, query] = hash.split("?");
  return { name: ROUTES.includes(name) ? name : "live", params: new URLSearchParams(query || "") };
}

/** Draws the current route; rerender is true for a state event (only state views redraw then). */
function show(rerender = false) {
  const { name, params } = route();
  for (const a of document.querySelectorAll("nav.top a")) a.classList.toggle("on", a.dataset.route === name);
  if (name === "live") {
    let root = document.getElementById("live");
    if (!root) root = fill(view, h("div", { id: "live" })).firstChild;
    renderLive(root, state, () => show(true));
  } else if (name === "layers") {
    let root = view.querySelector(".layers-view");
    if (!root) root = fill(view, h("div", { class: "layers-view" })).firstChild;
    renderLayers(root, state, params, !rerender);
  } else if (!rerender) {
    const root = fill(view, h("div", { class: `${name}-view` })).firstChild;
    if (name === "history") renderHistory(root);
    else renderCompare(root, params);
  }
}

function onState(next) {
  state = next;
  show(true);
  const now = Date.now();
  const dash = window.bootyDash;
  dash.seq = next.seq;
  dash.lastEventLagMs = now - ((next.cause && next.cause.at) || next.at || now);
  if (dash.firstRenderMs === null) {
    dash.firstRenderMs = performance.now();
    document.body.dataset.ready = "1";
  }
}

let events = null;

function connect() {
  const source = new EventSource(location.origin + "/api/events");
  events = source;
  source.addEventListener("state", (e) => {
    try {
      onState(JSON.parse(e.data));
    } catch (err) {
      console.error(`booty dashboard: a state event could not be shown: ${err.message}`);
    }
  });
  const online = (yes) => {
    banner.hidden = yes;
    document.body.classList.toggle("offline", !yes);
  };
  source.addEventListener("open", () => online(true));
  // EventSource reconnects by itself (the server's retry or ~3 s); CLOSED means it gave up
  // (e.g. an HTTP error answer), so start a new one after a pause.
  source.addEventListener("error", () => {
    if (source !== events) return;
    online(false);
    if (source.readyState === EventSource.CLOSED) setTimeout(() => source === events && connect(), 3000);
  });
}

// A page left for another keeps its stream open in the back/forward cache, and plain-HTTP
// Chromium allows 6 connections per host: after a few visits the next page waited ~60 s for a
// connection. So the stream closes when the page is hidden away and opens again when it returns.
window.addEventListener("pagehide", () => {
  events?.close();
  events = null;
});
window.addEventListener("pageshow", (e) => {
  if (e.persisted && !events) connect();
});

window.addEventListener("hashchange", () => show());
window.addEventListener("resize", resizeChart);
setInterval(() => {
  const live = document.getElementById("live");
  if (live) tick(live);
}, 1000);

show();
connect();
getSession()
  .then((s) => {
    document.getElementById("who").textContent = `signed in as ${s.user} · booty ${s.version}`;
  })
  .catch((e) => console.error(`booty dashboard: ${e.message}`));
