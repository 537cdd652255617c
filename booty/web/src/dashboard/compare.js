// #/compare?a=ID&b=ID: the figures of two runs of one scenario side by side (GET /api/compare),
// each delta (b - a) and the better run marked.
import { getJson } from "./api.js";
import { fill, h, num, when } from "./dom.js";

export async function renderCompare(root, params) {
  const a = params.get("a");
  const b = params.get("b");
  if (!a || !b) {
    fill(root, h("p", { class: "muted" }, "Pick two runs on ", h("a", { href: "#/history" }, "History"), " to compare them."));
    return;
  }
  fill(root, h("p", { class: "muted" }, "Loading..."));
  let cmp;
  try {
    cmp = await getJson(`/api/compare?${new URLSearchParams({ a, b })}`);
  } catch (e) {
    fill(root, h("p", { class: "error" }, e.message), h("p", null, h("a", { href: "#/history" }, "back to History")));
    return;
  }
  const run = (r, tag) =>
    h(
      "div",
      { class: "figure wide" },
      h("b", null, tag, " ", h("span", { class: `badge outcome-${r.outcome}` }, r.outcome)),
      h("small", null, `${r.id} · ${when(r.startedAt)} · `, r.report ? h("a", { class: "report", href: r.report, target: "_blank" }, "report") : ""),
    );
  fill(
    root,
    h("h2", null, `Compare: ${cmp.scenario}`),
    h("div", { class: "figures" }, run(cmp.a, "A"), run(cmp.b, "B")),
    h(
      "table",
      { id: "compare", class: "compare" },
      h("thead", null, h("tr", null, ["figure", "A", "B", "delta (B - A)", "better"].map((t) => h("th", null, t)))),
      h(
        "tbody",
        null,
        (cmp.figures || []).map((f) =>
          h(
            "tr",
            { "data-figure": f.name, "data-better": f.better ?? "" },
            h("th", null, f.name),
            h("td", { class: f.better === "a" ? "num better" : "num" }, num(f.a, f.unit)),
            h("td", { class: f.better === "b" ? "num better" : "num" }, num(f.b, f.unit)),
            h("td", { class: "num" }, f.delta == null ? "-" : `${f.delta > 0 ? "+" : ""}${num(f.delta, f.unit)}`),
            h("td", null, f.better === "a" ? "A" : f.better === "b" ? "B" : f.better === "same" ? "same" : "-"),
          ),
        ),
      ),
    ),
  );
}
