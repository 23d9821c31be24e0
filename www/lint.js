//# allFunctionsCalledOnLoad
// The Policy check card: the draft's lint warnings (from the engine), each
// with its one-click fix where there is one: the engine's own (a warning's
// `fix`, a part of a config to merge), else the page's for its code.
import { $, focusField, h, icon, setProp, setText } from "./dom.js";
import { patchDraft } from "./store.js";
import { entryName, numberTypesText, plural } from "./text.js";

/** How the page shows the engine's fix for each config key it sets: the button's label, and the field to focus after. */
const PATCH_VIEWS = {
  blockNumberTypes: {
    label: (before, after) => {
      const added = after.filter((t) => !before.includes(t));
      return `Block ${numberTypesText(added.length ? added : after)}`;
    },
    focus: (before, after) => `f-type-${after.find((t) => !before.includes(t)) ?? after[0]}`,
  },
  allow: {
    label: (before, after) => `Allow ${after.filter((e) => !before.includes(e)).map(entryName).join(", ")}`,
    focus: () => "f-search",
  },
  featureCodes: {
    label: (before, after) => {
      const added = after.filter((c) => !before.includes(c));
      return `List ${added.length ? added.join(", ") : after.join(", ")} as feature codes`;
    },
    focus: () => "f-feature",
  },
};

/** The label of an engine fix and the field it changes, for the (normalized) config it fixes. */
export function patchView(patch, config) {
  const [key, ...others] = Object.keys(patch);
  const view = others.length === 0 ? PATCH_VIEWS[key] : undefined;
  if (!view) return { label: "Apply the suggested change", focus: null };
  const before = config[key] ?? [];
  return { label: view.label(before, patch[key]), focus: view.focus(before, patch[key]) };
}

/** The page's fix of a warning code that has no engine fix: what it changes in the draft, and the field it changed. */
const FIXES = {
  "shared-code": {
    label: "Judge shared codes by region",
    apply: (d) => (d.sharedCodes = "by-region"),
    focus: "f-shared-by-region",
  },
  "national-dialing-not-judged": {
    label: "Judge national-format calls across shared codes",
    apply: (d) => (d.judgeNationalDialing = true),
    focus: "f-national",
    needsHome: true,
  },
  "missing-home-prefix": {
    label: "Use all of the home region's prefixes",
    apply: (d) => (d.prefixMode = "home"),
    focus: "f-prefix-home",
    needsHome: true,
  },
  "plus-not-international": {
    label: "Treat + as international",
    apply: (d) => (d.plusIsInternational = true),
    focus: "f-plus",
  },
  "protection-disabled": {
    label: "Turn protection on",
    apply: (d) => (d.enabled = true),
    focus: "f-enabled",
  },
  "no-home-region": {
    label: "Choose a home region",
    apply: null,
    focus: "f-home",
  },
};

export function setupLint({ state, announce }) {
  const el = { lint: $("lint"), summary: $("lint-summary") };
  let shownKey = "";
  let shown = []; // the warnings on screen, for their buttons
  let items = new Map(); // the shown warnings' elements, by what they say
  const listEl = h("ul", { class: "lint-list" });

  el.lint.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-warning]");
    if (!button) return;
    const { label, apply, focus } = fixOf(shown[Number(button.dataset.warning)]);
    if (apply) {
      state.edit(apply);
      announce(`Done: ${label.charAt(0).toLowerCase()}${label.slice(1)}. Review the preview, then save.`);
    }
    // The button is gone with its warning: keep keyboard focus on what changed.
    if (focus) focusField(focus);
  });

  /** What a warning's button does (`{ label, apply(draft) | null, focus }`), or null when it gets none. */
  function fixOf(warning) {
    if (warning.fix) {
      const { label, focus } = patchView(warning.fix, state.compiled.config);
      return { label, apply: (d) => patchDraft(d, warning.fix), focus };
    }
    const fix = FIXES[warning.code];
    return fix && !(fix.needsHome && state.draft.homeRegion === "") ? fix : null;
  }

  function render() {
    const warnings = state.lint();
    const hasHome = state.draft.homeRegion !== "";
    const key = JSON.stringify([warnings, hasHome]);
    if (key === shownKey) return; // unchanged: don't make screen readers announce it again
    shownKey = key;
    shown = warnings ?? [];
    if (!warnings) {
      setText(el.summary, "");
      el.lint.replaceChildren(h("p", { class: "muted" }, "The check runs again once the settings are valid."));
      return;
    }
    const count = (severity) => warnings.filter((w) => w.severity === severity).length;
    setText(
      el.summary,
      [count("warning") ? plural(count("warning"), "warning") : "", count("info") ? plural(count("info"), "note") : ""].filter(Boolean).join(" · "),
    );
    if (warnings.length === 0) {
      el.lint.replaceChildren(
        h("p", { class: "lint-ok" }, icon("ok"), h("span", {}, "No weak spots found: every way to dial out internationally is checked.")),
      );
      return;
    }
    // A warning still shown keeps its element: only what changed is built and laid out again.
    const before = items;
    items = new Map();
    const list = warnings.map((w, index) => {
      const fix = fixOf(w);
      const key = JSON.stringify([w.code, w.severity, w.finding, fix?.label ?? null]);
      const li = (!items.has(key) && before.get(key)) || warningItem(w, fix);
      const button = li.querySelector("button[data-warning]");
      if (button) setProp(button.dataset, "warning", String(index));
      items.set(key, li);
      return li;
    });
    if (!listEl.isConnected) el.lint.replaceChildren(listEl);
    listEl.replaceChildren(...list);
  }

  function warningItem(w, fix) {
    return h(
      "li",
      { class: `lint-item lint-${w.severity}`, dataset: { code: w.code, severity: w.severity } },
      icon(w.severity === "warning" ? "warn" : "info"),
      h(
        "div",
        { class: "lint-body" },
        h("p", { class: "lint-message" }, h("span", { class: "visually-hidden" }, w.severity === "warning" ? "Warning: " : "Note: "), w.finding),
        fix ? h("button", { type: "button", class: "btn btn-small btn-secondary", dataset: { warning: "" } }, fix.label) : null,
      ),
    );
  }

  state.subscribe((changes) => {
    if (changes.draft) render();
  });
  render();
}
