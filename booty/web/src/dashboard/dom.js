// Small DOM helpers: every value from the server goes in as text (textContent/attributes), never
// as HTML, so a scenario or server name cannot inject markup.

/**
 * Creates an element. attrs: "class", "data-*", event handlers as on* functions, other attributes
 * set as given (null/undefined/false skipped). children: nodes, strings, numbers, arrays, null.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "checked" || key === "disabled" || key === "selected") {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** "12s", "3m 5s", "2h 4m", "3d 1h" for a duration in ms (negative counts as 0). */
export function duration(ms) {
  let s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  s %= 60;
  if (m < 60) return `${m}m ${s}s`;
  const hours = Math.floor(m / 60);
  if (hours < 24) return `${hours}h ${m % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Local date and time of an epoch-ms number or ISO string, "-" when absent. */
export function when(value) {
  if (value === null || value === undefined || value === "") return "-";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, "0");
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** A figure for a table: "-" for null, integers as they are, others with up to 1 decimal. */
export function num(value, unit) {
  if (value === null || value === undefined) return "-";
  const text = Number.isInteger(value) ? String(value) : Number(value).toFixed(1);
  return unit ? `${text} ${unit}` : text;
}

/** Epoch ms of a number, a numeric string or an ISO date string; 0 when absent or unreadable. */
export function epoch(value) {
  if (value === null || value === undefined || value === "") return 0;
  const n = Number(value);
  const ms = Number.isNaN(n) ? new Date(value).getTime() : n;
  return Number.isNaN(ms) ? 0 : ms;
}
