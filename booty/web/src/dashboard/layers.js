// #/layers: a frame per layer of the stack (Nomad UI, Consul UI, vmui, each NATS server's
// monitoring endpoints, DNS when the stack has one). The frames are built once per set of links
// and servers, not on every state event, so they do not reload under the user.
import { fill, h } from "./dom.js";

const ENDPOINTS = ["varz", "jsz", "gatewayz", "routez", "connz"];
const view = { tab: "nomad", server: null, endpoint: "varz", key: null };

/**
 * entering: the route was just opened (not a state event); then params l=nomad|consul|vmui|nats|dns
 * opens that frame, so a link can point at one layer.
 */
export function renderLayers(root, state, params, entering) {
  const wanted = params.get("l");
  if (entering && wanted && wanted !== view.tab) {
    view.tab = wanted;
    view.key = null;
  }
  if (!state) {
    fill(root, h("p", { class: "muted" }, "Waiting for the first state..."));
    view.key = null;
    return;
  }
  const links = state.links || {};
  const servers = (state.scenarios || []).flatMap((sc) =>
    (sc.dcs || []).flatMap((d) => (d.servers || []).map((s) => ({ name: s.name, dc: d.name, scenario: sc.name }))),
  );
  const key = JSON.stringify([links, servers]);
  if (key === view.key && root.querySelector("#layers")) return;
  view.key = key;
  if (!servers.some((s) => s.name === view.server)) view.server = servers[0]?.name || null;

  const layers = [
    { id: "nomad", title: "Nomad", src: links.nomad },
    { id: "consul", title: "Consul", src: links.consul },
    { id: "vmui", title: "vmui", src: links.vmui },
    { id: "nats", title: "NATS", src: natsSrc() },
    links.dns ? { id: "dns", title: "DNS", src: links.dns } : null,
  ].filter(Boolean);
  if (!layers.some((l) => l.id === view.tab)) view.tab = layers[0].id;

  const frames = layers.map((l) =>
    h(
      "div",
      { class: "layer", "data-tab": l.id, hidden: l.id !== view.tab },
      l.id === "nats" ? natsBar(root, servers) : null,
      l.src
        ? h("iframe", { "data-layer": l.id, src: l.src, title: l.title, loading: "lazy" })
        : h("p", { class: "muted" }, l.id === "nats" ? "No NATS server deployed." : `The stack gives no ${l.title} link.`),
      l.src ? h("p", { class: "muted small" }, h("a", { class: "open", href: l.src, target: "_blank" }, `open ${l.title} in its own tab`)) : null,
    ),
  );
  const tabs = layers.map((l) =>
    h(
      "button",
      {
        class: l.id === view.tab ? "tab on" : "tab",
        "data-tab": l.id,
        onclick: () => {
          view.tab = l.id;
          for (const b of root.querySelectorAll("button.tab")) b.classList.toggle("on", b.dataset.tab === l.id);
          for (const f of root.querySelectorAll("div.layer")) f.hidden = f.dataset.tab !== l.id;
        },
      },
      l.title,
    ),
  );
  fill(root, h("div", { id: "layers" }, h("nav", { class: "tabs" }, tabs), frames));
}

function natsSrc() {
  return view.server ? `${location.origin}/nats/${encodeURIComponent(view.server)}/${view.endpoint}` : null;
}

function natsBar(root, servers) {
  if (servers.length === 0) return null;
  const go = () => {
    const frame = root.querySelector('iframe[data-layer="nats"]');
    if (frame) frame.src = natsSrc();
    const open = root.querySelector('div.layer[data-tab="nats"] a.open');
    if (open) open.href = natsSrc();
    for (const b of root.querySelectorAll("button.endpoint")) b.classList.toggle("on", b.dataset.endpoint === view.endpoint);
  };
  return h(
    "p",
    { class: "toolbar" },
    h(
      "select",
      { id: "nats-server", onchange: (e) => ((view.server = e.target.value), go()) },
      servers.map((s) => h("option", { value: s.name, selected: s.name === view.server }, `${s.name} (${s.dc}, ${s.scenario})`)),
    ),
    " ",
    ENDPOINTS.map((e) =>
      h(
        "button",
        {
          class: e === view.endpoint ? "endpoint on" : "endpoint",
          "data-endpoint": e,
          onclick: () => ((view.endpoint = e), go()),
        },
        e,
      ),
    ),
    " ",
    h("button", { onclick: go, title: "load again" }, "↻"),
  );
}
