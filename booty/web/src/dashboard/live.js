// #/live: one section per deployed scenario (DC cards with their servers and clients, the WAN
// matrix, jobs, held faults, the run going on) and the stack's services. Rebuilt from each state
// event; the "since" and "expires" texts tick every second in between (tick()).
import { post } from "./api.js";
import { duration, epoch, fill, h, num, when } from "./dom.js";

/** Answers of the Heal / Stop buttons per scenario, kept across re-renders. */
const actions = new Map();
const ACTION_SHOWN_MS = 60_000;
const PROGRESS_LINES = 8;

export function renderLive(root, state, rerender) {
  if (!state) {
    fill(root, h("p", { class: "muted" }, "Waiting for the first state..."));
    return;
  }
  const scenarios = state.scenarios || [];
  let runShown = false;
  const sections = scenarios.map((sc) => {
    const section = scenario(sc, !runShown, rerender);
    if (sc.run) runShown = true;
    return section;
  });
  fill(
    root,
    stack(state.stack),
    scenarios.length ? sections : h("p", { class: "muted" }, "No scenario deployed."),
  );
  tick(root);
}

function stack(st) {
  const services = (st && st.services) || [];
  return h(
    "section",
    { class: "stack" },
    h("h2", null, "Stack ", h("span", { class: `badge phase-${st?.phase}` }, st?.phase || "unknown")),
    h(
      "ul",
      { class: "chips" },
      services.map((s) =>
        h("li", { class: "chip", "data-service": s.name, "data-health": s.health }, s.name, " ", h("small", null, s.health)),
      ),
    ),
  );
}

function scenario(sc, firstRun, rerender) {
  return h(
    "section",
    { class: "scenario", "data-scenario": sc.name },
    h(
      "header",
      null,
      h("h2", null, sc.name),
      h("span", { class: "muted" }, `${sc.hosting || ""} · applied ${when(sc.appliedAt)}`),
      h("span", { class: "spacer" }),
      buttons(sc, rerender),
    ),
    actionLine(sc.name),
    sc.run ? run(sc.run, firstRun) : null,
    h("div", { class: "dcs" }, (sc.dcs || []).map(dc)),
    h(
      "div",
      { class: "panels" },
      wan(sc),
      h("div", { class: "panel" }, h("h3", null, "Jobs"), jobs(sc.jobs || [])),
      h("div", { class: "panel" }, h("h3", null, "Held faults"), faults(sc.faults || [])),
    ),
  );
}

function buttons(sc, rerender) {
  const pending = actions.get(sc.name)?.pending;
  const path = (tail) => `/api/scenarios/${encodeURIComponent(sc.name)}/${tail}`;
  const act = (question, tail, say) => async () => {
    if (!window.confirm(question)) return;
    actions.set(sc.name, { pending: true, text: "...", at: Date.now() });
    rerender();
    try {
      const body = await post(path(tail));
      actions.set(sc.name, { text: say(body), at: Date.now() });
    } catch (e) {
      actions.set(sc.name, { text: e.message, error: true, at: Date.now() });
    }
    rerender();
  };
  return h(
    "span",
    { class: "buttons" },
    h(
      "button",
      {
        class: "heal",
        disabled: pending,
        onclick: act(`Heal the faults held for ${sc.name}?`, "heal", (b) =>
          b.healed && b.healed.length ? `healed: ${b.healed.join(", ")}` : "nothing to heal",
        ),
      },
      "Heal",
    ),
    sc.run
      ? h(
          "button",
          {
            class: "stop danger",
            disabled: pending,
            onclick: act(`Stop the run ${sc.run.id} of ${sc.name}? It heals and reports.`, "run/stop", (b) =>
              `stopped run ${b.stopped}`,
            ),
          },
          "Stop run",
        )
      : null,
  );
}

function actionLine(name) {
  const a = actions.get(name);
  if (!a || (!a.pending && Date.now() - a.at > ACTION_SHOWN_MS)) return null;
  return h("p", { class: a.error ? "action error" : "action" }, a.text);
}

function run(r, first) {
  const c = r.clients || {};
  const steps = r.steps || [];
  const progress = (r.progress || []).slice(-PROGRESS_LINES);
  return h(
    "div",
    { class: "run", id: first ? "run" : null, "data-run": r.id },
    h(
      "h3",
      { "data-run": r.id },
      "Run ",
      r.id,
      " ",
      h("span", { class: "badge phase" }, r.phase || "?"),
      " ",
      h("small", { class: "muted", "data-since": r.startedAt }, ""),
    ),
    h(
      "div",
      { class: "figures" },
      figure("clients", c.total),
      figure("connected", c.connected),
      figure("affected", c.affected),
      figure("reconnected", c.affected ? `${c.reconnected ?? 0}/${c.affected}` : c.reconnected),
    ),
    h(
      "table",
      { class: "steps" },
      h("thead", null, h("tr", null, ["#", "at", "action", "target", "state", "took"].map((t) => h("th", null, t)))),
      h(
        "tbody",
        null,
        steps.map((s) =>
          h(
            "tr",
            { "data-step": s.index, "data-state": s.state, class: s.state === "active" ? "active" : null },
            h("td", null, s.index),
            h("td", null, s.at),
            h("td", null, s.action),
            h("td", null, s.target ?? ""),
            h("td", null, s.state),
            h("td", null, s.startedAt ? duration((epoch(s.endedAt) || Date.now()) - epoch(s.startedAt)) : ""),
          ),
        ),
      ),
    ),
    progress.length ? h("pre", { class: "progress" }, progress.join("\n")) : null,
  );
}

function figure(label, value) {
  return h("div", { class: "figure" }, h("b", null, value ?? "-"), h("small", null, label));
}

function dc(d) {
  const c = d.clients || { total: 0, connected: 0, byDc: {} };
  const byDc = Object.entries(c.byDc || {}).filter(([, n]) => n > 0);
  const total = byDc.reduce((sum, [, n]) => sum + n, 0) || 1;
  return h(
    "article",
    { class: "dc", "data-dc": d.name },
    h("h3", null, d.name),
    h(
      "ul",
      { class: "servers" },
      (d.servers || []).map((s) =>
        h(
          "li",
          { class: "server", "data-server": s.name, "data-state": s.state || "unknown" },
          h("span", { class: "dot" }),
          h("b", null, s.name),
          h("span", { class: "state" }, s.state || "unknown"),
          h("small", { class: "muted", "data-since": s.since }, ""),
          h("span", { class: "spacer" }),
          h("small", { class: `consul consul-${s.consul}`, title: "Consul check" }, s.consul || ""),
          h("small", { title: "connections" }, num(s.connections), " conn"),
          h("small", { class: "muted addr" }, s.address ? `${s.address}:${s.monitorPort}` : ""),
        ),
      ),
    ),
    h(
      "div",
      { class: "clients" },
      h("span", null, `clients ${c.connected ?? "-"}/${c.total ?? "-"} connected`),
      byDc.length
        ? h(
            "div",
            { class: "bydc", title: "where this DC's clients are connected now" },
            byDc.map(([where, n]) =>
              h(
                "span",
                { class: where === d.name ? "home" : "away", style: `flex:${n / total}` },
                `${where} ${n}`,
              ),
            ),
          )
        : null,
    ),
  );
}

function wan(sc) {
  const links = sc.wan || [];
  const names = [...new Set([...(sc.dcs || []).map((d) => d.name), ...links.flatMap((l) => [l.from, l.to])])];
  const at = new Map(links.map((l) => [`${l.from}>${l.to}`, l]));
  return h(
    "div",
    { class: "panel" },
    h("h3", null, "WAN (RTT, from row to column)"),
    links.length === 0
      ? h("p", { class: "muted" }, "No WAN links.")
      : h(
          "table",
          { class: "wan" },
          h("thead", null, h("tr", null, h("th", null, ""), names.map((n) => h("th", null, n)))),
          h(
            "tbody",
            null,
            names.map((from) =>
              h(
                "tr",
                null,
                h("th", null, from),
                names.map((to) => {
                  const l = at.get(`${from}>${to}`);
                  if (!l) return h("td", { class: "muted" }, from === to ? "·" : "");
                  return h(
                    "td",
                    { class: `wan-${l.state}`, "data-wan": `${from}>${to}`, title: l.detail || l.state },
                    num(l.rttMs, "ms"),
                    l.state !== "normal" ? h("small", null, ` ${l.state}`) : null,
                  );
                }),
              ),
            ),
          ),
        ),
  );
}

function jobs(list) {
  if (list.length === 0) return h("p", { class: "muted" }, "No jobs.");
  return h(
    "table",
    null,
    list.map((j) =>
      h(
        "tr",
        { "data-job": j.id, "data-status": j.status },
        h("td", null, j.id),
        h("td", { class: `job-${j.status}` }, j.status),
        h("td", { class: "num" }, `${j.running ?? "-"}/${j.desired ?? "-"}`),
      ),
    ),
  );
}

function faults(list) {
  if (list.length === 0) return h("p", { class: "muted" }, "None.");
  return h(
    "table",
    null,
    list.map((f) =>
      h(
        "tr",
        { "data-fault": f.id },
        h("td", null, f.mode),
        h("td", null, f.target ?? ""),
        h("td", { "data-expires": f.expires ?? "" }, f.expires ? "" : "until healed"),
      ),
    ),
  );
}

/** Updates the relative times ("for 12s", "heals in 40s") in root without a re-render. */
export function tick(root) {
  const now = Date.now();
  for (const el of root.querySelectorAll("[data-since]")) {
    const since = epoch(el.dataset.since);
    el.textContent = since ? `for ${duration(now - since)}` : "";
  }
  for (const el of root.querySelectorAll("[data-expires]")) {
    const expires = epoch(el.dataset.expires);
    if (!expires) continue;
    el.textContent = expires > now ? `heals in ${duration(expires - now)}` : "expired";
  }
}
