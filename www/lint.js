// The Policy check card: the draft's lint warnings (from the engine), each
// with its one-click fix where there is one.
import { $, focusField, h, icon } from "./dom.js";
import { plural } from "./text.js";

/** The fix of a warning code: what it changes in the draft, and the field it changed. */
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

  el.lint.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-fix]");
    if (!button) return;
    const fix = FIXES[button.dataset.fix];
    if (fix.apply) {
      state.edit(fix.apply);
      announce(`Done: ${fix.label.toLowerCase()}. Review the preview, then save.`);
    }
    // The button is gone with its warning: keep keyboard focus on what changed.
    focusField(fix.focus);
  });

  function render() {
    const warnings = state.lint();
    const hasHome = state.draft.homeRegion !== "";
    const key = JSON.stringify([warnings, hasHome]);
    if (key === shownKey) return; // unchanged: don't make screen readers announce it again
    shownKey = key;
    if (!warnings) {
      el.summary.textContent = "";
      el.lint.replaceChildren(h("p", { class: "muted" }, "The check runs again once the settings are valid."));
      return;
    }
    const count = (severity) => warnings.filter((w) => w.severity === severity).length;
    el.summary.textContent = [count("warning") ? plural(count("warning"), "warning") : "", count("info") ? plural(count("info"), "note") : ""]
      .filter(Boolean)
      .join(" · ");
    if (warnings.length === 0) {
      el.lint.replaceChildren(
        h("p", { class: "lint-ok" }, icon("ok"), h("span", {}, "No weak spots found: every way to dial out internationally is checked.")),
      );
      return;
    }
    el.lint.replaceChildren(
      h(
        "ul",
        { class: "lint-list" },
        warnings.map((w) => {
          const fix = FIXES[w.code];
          const fixApplies = fix && !(fix.needsHome && !hasHome);
          return h(
            "li",
            { class: `lint-item lint-${w.severity}`, dataset: { code: w.code, severity: w.severity } },
            icon(w.severity === "warning" ? "warn" : "info"),
            h(
              "div",
              { class: "lint-body" },
              h("p", { class: "lint-message" }, h("span", { class: "visually-hidden" }, w.severity === "warning" ? "Warning: " : "Note: "), w.message),
              fixApplies ? h("button", { type: "button", class: "btn btn-small btn-secondary", dataset: { fix: w.code } }, fix.label) : null,
            ),
          );
        }),
      ),
    );
  }

  state.subscribe((changes) => {
    if (changes.draft) render();
  });
  render();
}
