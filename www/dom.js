// Tiny DOM helpers (no framework): text is always set as text, never as HTML.

export const $ = (id) => document.getElementById(id);

/** h("li", { class: "x", dataset: { code: "1" } }, "text", child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false && c !== ""));
  return el;
}

/** Sets an element's text only when it differs: the same text written again would be laid out again. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets a property (`hidden`, `disabled`, a `dataset` key) only when it differs: the same value written again restyles the element. */
export function setProp(target, key, value) {
  if (target[key] !== value) target[key] = value;
}

/** Sets a status element's text; hides it when there is nothing to say. */
export function say(el, text) {
  setText(el, text ?? "");
  setProp(el, "hidden", !text);
}

const ICONS = {
  ok: "M5 12.5 10 17.5 19 7",
  bad: "M7 7l10 10M17 7 7 17",
  warn: "M12 4 2.5 20h19zM12 10v4.5M12 17.2v.1",
  info: "M12 11v6M12 7.5v.1",
  wait: "M12 7v5l3 2",
  plus: "M12 6v12M6 12h12",
  minus: "M6 12h12",
};

/** An inline SVG icon (decorative). */
export function icon(name, className = "icon") {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", `${className} icon-${name}`);
  if (name === "info" || name === "wait" || name === "ok" || name === "bad") {
    const circle = document.createElementNS(ns, "circle");
    circle.setAttribute("cx", "12");
    circle.setAttribute("cy", "12");
    circle.setAttribute("r", "9.5");
    circle.setAttribute("class", "icon-ring");
    svg.append(circle);
  }
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", name === "ok" ? "M7.5 12.5l3 3 6-6.5" : name === "bad" ? "M9 9l6 6M15 9l-6 6" : ICONS[name]);
  svg.append(path);
  return svg;
}

/** Scrolls a field into view and gives it keyboard focus. */
export function focusField(id) {
  const field = $(id);
  field.scrollIntoView({ block: "center", behavior: "smooth" });
  field.focus({ preventScroll: true });
}

/**
 * Makes a fixed list of controls one stop of the Tab key (a roving tabindex): the arrow keys, Home and
 * End move between them, and the one focused last keeps the stop.
 */
export function roving(controls) {
  let active = controls[0];
  for (const c of controls) c.tabIndex = c === active ? 0 : -1;
  const moveTo = (c) => {
    active.tabIndex = -1;
    active = c;
    c.tabIndex = 0;
  };
  const STEPS = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
  for (const c of controls) {
    c.addEventListener("focus", () => moveTo(c));
    c.addEventListener("keydown", (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const at = controls.indexOf(c);
      const to = event.key === "Home" ? 0 : event.key === "End" ? controls.length - 1 : STEPS[event.key] === undefined ? null : at + STEPS[event.key];
      if (to === null) return;
      event.preventDefault();
      controls[Math.max(0, Math.min(controls.length - 1, to))].focus();
    });
  }
}
