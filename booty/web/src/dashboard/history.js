// #/history: the runs booty kept (GET /api/runs), two of one scenario picked for #/compare, and a
// chart of one metric over time from VictoriaMetrics (GET /api/series, drawn with uPlot).
import uPlot from "uplot";
import { getJson } from "./api.js";
import { fill, h, num, when } from "./dom.js";

const RANGES = { "1h": 3600, "6h": 6 * 3600, "1d": 86400, "7d": 7 * 86400 };
const POINTS = 240;
const MAX_SERIES = 12;
const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#475569", "#ea580c", "#0d9488", "#9333ea"];

const chart = { metric: null, range: "1h", rate: false, plot: null };

export async function renderHistory(root) {
  const table = h("div", null, h("p", { class: "muted" }, "Loading runs..."));
  const charts = h("div", { class: "chart-box" });
  fill(root, h("h2", null, "Runs"), table, h("h2", null, "Metrics over time"), charts);
  await Promise.all([runs(table), metrics(charts)]);
}

async function runs(box) {
  let list;
  try {
    list = (await getJson("/api/runs")).runs || [];
  } catch (e) {
    fill(box, h("p", { class: "error" }, e.message));
    return;
  }
  if (list.length === 0) {
    fill(box, h("p", { class: "muted" }, "No runs yet: `booty scenario run` keeps one per run."));
    return;
  }
  const picked = [];
  const compare = h("button", { disabled: true }, "Compare the two picked");
  const hint = h("span", { class: "muted" }, "Pick two runs of the same scenario.");
  const update = () => {
    compare.disabled = picked.length !== 2;
    hint.textContent = picked.length === 2 ? `${picked[0].scenario}: ${picked[0].id} and ${picked[1].id}` : "Pick two runs of the same scenario.";
  };
  compare.addEventListener("click", () => {
    const [a, b] = [...picked].sort((x, y) => String(x.startedAt).localeCompare(String(y.startedAt)));
    location.hash = `#/compare?a=${encodeURIComponent(a.id)}&b=${encodeURIComponent(b.id)}`;
  });
  const pick = (run) => (e) => {
    if (e.target.checked) {
      // a run of another scenario starts a new pair; a third of the same one replaces the oldest
      picked.push(run);
      const drop = picked.filter((p) => p.scenario !== run.scenario);
      if (picked.length - drop.length > 2) drop.push(picked.find((p) => p.scenario === run.scenario));
      for (const dropped of drop) {
        picked.splice(picked.indexOf(dropped), 1);
        const other = box.querySelector(`input[data-pick="${CSS.escape(dropped.id)}"]`);
        if (other) other.checked = false;
      }
    } else {
      picked.splice(picked.indexOf(run), 1);
    }
    update();
  };
  const head = ["", "scenario", "started", "verdict", "expectations", "clients", "lost", "reconnect p50 / p99 / max", "latency p50 / p99", ""];
  fill(
    box,
    h(
      "table",
      { id: "history", class: "runs" },
      h("thead", null, h("tr", null, head.map((t) => h("th", null, t)))),
      h(
        "tbody",
        null,
        list.map((r) =>
          h(
            "tr",
            { "data-run-id": r.id, "data-outcome": r.outcome },
            h("td", null, h("input", { type: "checkbox", "data-pick": r.id, title: "pick to compare", onchange: pick(r) })),
            h("td", null, r.scenario),
            h("td", { title: r.id }, when(r.startedAt)),
            h("td", null, h("span", { class: `badge outcome-${r.outcome}` }, r.outcome || "?")),
            h("td", { class: "num" }, r.expectations != null ? `${r.expectationsHeld ?? "-"}/${r.expectations}` : "-"),
            h("td", { class: "num" }, num(r.clients)),
            h("td", { class: "num" }, num(r.messagesLost)),
            h("td", { class: "num" }, `${num(r.reconnectP50Ms)} / ${num(r.reconnectP99Ms)} / ${num(r.reconnectMaxMs)} ms`),
            h("td", { class: "num" }, `${num(r.latencyP50Ms)} / ${num(r.latencyP99Ms)} ms`),
            h("td", null, r.report ? h("a", { class: "report", href: r.report, target: "_blank" }, "report") : ""),
          ),
        ),
      ),
    ),
    h("p", { class: "toolbar" }, compare, " ", hint),
  );
}

async function metrics(box) {
  let names;
  try {
    names = (await getJson("/api/metrics/names")).names || [];
  } catch (e) {
    fill(box, h("p", { class: "error" }, e.message));
    return;
  }
  if (names.length === 0) {
    fill(box, h("p", { class: "muted" }, "VictoriaMetrics holds no booty_ or nats_ metrics yet."));
    return;
  }
  if (!names.includes(chart.metric)) chart.metric = names.find((n) => n.startsWith("booty_run_")) || names[0];
  const plot = h("div", { class: "plot" });
  const status = h("span", { class: "muted" });
  const redraw = () => draw(plot, status);
  const select = h(
    "select",
    { id: "metric", onchange: (e) => ((chart.metric = e.target.value), redraw()) },
    names.map((n) => h("option", { value: n, selected: n === chart.metric }, n)),
  );
  const ranges = Object.keys(RANGES).map((r) =>
    h(
      "button",
      {
        class: r === chart.range ? "range on" : "range",
        "data-range": r,
        onclick: (e) => {
          chart.range = r;
          for (const b of box.querySelectorAll("button.range")) b.classList.toggle("on", b === e.target);
          redraw();
        },
      },
      r,
    ),
  );
  const rate = h(
    "label",
    { title: "per-second rate over 5 minutes, for counters" },
    h("input", { type: "checkbox", checked: chart.rate, onchange: (e) => ((chart.rate = e.target.checked), redraw()) }),
    " rate",
  );
  fill(box, h("p", { class: "toolbar" }, select, " ", ranges, " ", rate, " ", status), plot);
  await redraw();
}

async function draw(plot, status) {
  const span = RANGES[chart.range];
  const end = Math.floor(Date.now() / 1000);
  const start = end - span;
  const step = Math.max(15, Math.round(span / POINTS));
  const query = chart.rate ? `rate(${chart.metric}[5m])` : chart.metric;
  const params = new URLSearchParams({ query, start, end, step });
  status.textContent = "loading...";
  let body;
  try {
    body = await getJson(`/api/series?${params}`);
  } catch (e) {
    status.textContent = e.message;
    return;
  }
  const result = (body.data && body.data.result) || [];
  status.textContent =
    result.length === 0
      ? "no data in this range"
      : result.length > MAX_SERIES
        ? `${MAX_SERIES} of ${result.length} series shown`
        : `${result.length} series`;
  plotSeries(plot, result.slice(0, MAX_SERIES));
}

/** Joins the series of a query_range matrix on their timestamps (null where one has no point). */
function plotSeries(box, result) {
  if (chart.plot) chart.plot.destroy();
  chart.plot = null;
  box.replaceChildren();
  if (result.length === 0) return;
  const xs = [...new Set(result.flatMap((r) => r.values.map((v) => v[0])))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = result.map((r) => {
    const column = new Array(xs.length).fill(null);
    for (const [t, v] of r.values) column[index.get(t)] = Number(v);
    return column;
  });
  const opts = {
    width: Math.max(300, box.clientWidth),
    height: 320,
    series: [
      {},
      ...result.map((r, i) => ({ label: label(r.metric), stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false })),
    ],
    axes: [{}, { size: 60 }],
    legend: { live: true },
  };
  chart.plot = new uPlot(opts, [xs, ...ys], box);
}

function label(metric) {
  const rest = Object.entries(metric || {}).filter(([k]) => k !== "__name__");
  if (rest.length === 0) return metric?.__name__ || "value";
  return rest.map(([k, v]) => `${k}=${v}`).join(" ");
}

/** Fits the chart to its box after the window changed size. */
export function resizeChart() {
  const p = chart.plot;
  if (p && p.root.parentElement) p.setSize({ width: Math.max(300, p.root.parentElement.clientWidth), height: 320 });
}
