//# allFunctionsCalledOnLoad
// The policy form: Operation (protection, home region, international
// dialing codes, +, access and feature codes, letters) and Shared calling
// codes; and the engine's error for an invalid draft, beside its field.
import { $, focusField, h, icon, say, setProp, setText } from "./dom.js";
import { splitList } from "./store.js";
import { compareNames, configErrorText, formatCount, listText, regionInfo, regionName } from "./text.js";

const CHIP_LIMIT = 10; // prefix chips shown before "and N more"

/** Which form field an error path ("allow[2]", "internationalPrefixes") belongs to. */
const ERROR_SLOTS = {
  enabled: { slot: "err-enabled", field: "f-enabled" },
  homeRegion: { slot: "err-home", field: "f-home" },
  internationalPrefixes: { slot: "err-prefixes", field: "f-prefixes" },
  plusIsInternational: { slot: "err-plus", field: "f-plus" },
  accessCodes: { slot: "err-access", field: "f-access" },
  featureCodes: { slot: "err-feature", field: "f-feature" },
  keypadLetters: { slot: "err-letters", field: "f-letters" },
  sharedCodes: { slot: "err-shared", field: "f-shared-together" },
  judgeNationalDialing: { slot: "err-national", field: "f-national" },
  allow: { slot: "err-allow", field: "f-range" },
  blockNumberTypes: { slot: "err-types", field: "f-type-premium-rate" },
};

export function setupForm({ state, catalog }) {
  const el = {
    form: $("settings-form"),
    enabled: $("f-enabled"),
    home: $("f-home"),
    prefixHome: $("f-prefix-home"),
    prefixCustom: $("f-prefix-custom"),
    prefixHomeLabel: $("prefix-home-label"),
    prefixBox: $("prefix-custom-box"),
    prefixes: $("f-prefixes"),
    prefixNote: $("prefix-custom-note"),
    prefixChips: $("prefix-chips"),
    prefixMore: $("prefix-more"),
    plus: $("f-plus"),
    access: $("f-access"),
    feature: $("f-feature"),
    letters: $("f-letters"),
    sharedTogether: $("f-shared-together"),
    sharedByRegion: $("f-shared-by-region"),
    national: $("f-national"),
    nationalState: $("f-national-state"),
    nationalField: $("national-field"),
    configError: $("config-error"),
  };

  // ── Home region select, in the names' language ───────────────────────
  const geographic = catalog
    .filter((r) => r.kind === "geographic")
    .map((r) => ({ region: r.region, callingCode: r.callingCode, name: regionName(r.region) }))
    .sort((a, b) => compareNames(a.name, b.name));
  el.home.append(
    new Option("— No home region (list the prefixes below) —", ""),
    ...geographic.map((r) => {
      const option = new Option(`${r.name} (${r.region}, +${r.callingCode})`, r.region);
      return option;
    }),
  );

  // ── Editing ──────────────────────────────────────────────────────────
  const edit = (update) => state.edit(update);
  /** The home region's prefixes, as the explicit list's text. */
  const homeList = (draft) => state.prefixesOf(draft.homeRegion).join(", ");

  el.form.addEventListener("submit", (event) => event.preventDefault());
  el.enabled.addEventListener("change", () => edit((d) => (d.enabled = el.enabled.checked)));
  el.home.addEventListener("change", () =>
    edit((d) => {
      d.homeRegion = el.home.value;
      // A new home region refills the explicit list with its prefixes.
      if (d.prefixMode === "custom" && homeList(d)) d.prefixesText = homeList(d);
    }),
  );
  for (const radio of [el.prefixHome, el.prefixCustom]) {
    radio.addEventListener("change", () =>
      edit((d) => {
        d.prefixMode = radio.value;
        if (d.prefixMode === "custom" && splitList(d.prefixesText).length === 0) d.prefixesText = homeList(d);
      }),
    );
  }
  el.prefixes.addEventListener("input", () => edit((d) => (d.prefixesText = el.prefixes.value)));
  el.plus.addEventListener("change", () => edit((d) => (d.plusIsInternational = el.plus.checked)));
  el.access.addEventListener("input", () => edit((d) => (d.accessCodesText = el.access.value)));
  el.feature.addEventListener("input", () => edit((d) => (d.featureCodesText = el.feature.value)));
  el.letters.addEventListener("change", () => edit((d) => (d.keypadLetters = el.letters.checked)));
  for (const radio of [el.sharedTogether, el.sharedByRegion]) {
    radio.addEventListener("change", () => edit((d) => (d.sharedCodes = radio.value)));
  }
  el.national.addEventListener("change", () => edit((d) => (d.judgeNationalDialing = el.national.checked)));

  // ── Rendering ────────────────────────────────────────────────────────
  /** Shows the draft in the fields; a field already showing its value is left alone (the caret stays put). */
  function syncFields() {
    const draft = state.draft;
    const set = (field, prop, value) => {
      if (field[prop] !== value) field[prop] = value;
    };
    set(el.enabled, "checked", draft.enabled);
    if (draft.homeRegion && ![...el.home.options].some((o) => o.value === draft.homeRegion)) {
      // A region the select doesn't list (an invalid stored draft): show it, so the error is visible.
      el.home.append(new Option(`${draft.homeRegion} (unknown)`, draft.homeRegion));
    }
    set(el.home, "value", draft.homeRegion);
    set(el.prefixHome, "checked", draft.prefixMode === "home");
    set(el.prefixCustom, "checked", draft.prefixMode === "custom");
    set(el.prefixes, "value", draft.prefixesText);
    setProp(el.prefixBox, "hidden", draft.prefixMode !== "custom");
    set(el.plus, "checked", draft.plusIsInternational);
    set(el.access, "value", draft.accessCodesText);
    set(el.feature, "value", draft.featureCodesText);
    set(el.letters, "checked", draft.keypadLetters);
    set(el.sharedTogether, "checked", draft.sharedCodes === "together");
    set(el.sharedByRegion, "checked", draft.sharedCodes === "by-region");
    set(el.national, "checked", draft.judgeNationalDialing);
  }

  function renderErrors() {
    const { error } = state.compiled;
    for (const { slot, field } of Object.values(ERROR_SLOTS)) {
      say($(slot), "");
      $(field).removeAttribute("aria-invalid");
    }
    el.prefixHome.removeAttribute("aria-invalid");
    if (!error) {
      setProp(el.configError, "hidden", true);
      if (el.configError.firstChild) el.configError.replaceChildren();
      return;
    }
    const key = error.path.split(/[.[]/)[0];
    const target = ERROR_SLOTS[key];
    let fieldId = target?.field;
    if (key === "internationalPrefixes" && state.draft.prefixMode === "home") fieldId = "f-prefix-home";
    // The value the error is about, as the draft sent it.
    const index = /\[(\d+)\]$/.exec(error.path)?.[1];
    const sent = JSON.parse(state.compiled.text)[key];
    const message = configErrorText(error, index === undefined ? sent : sent?.[Number(index)]);
    if (target) {
      say($(target.slot), message);
      $(fieldId).setAttribute("aria-invalid", "true");
    }
    el.configError.hidden = false;
    el.configError.replaceChildren(
      icon("warn"),
      h(
        "div",
        {},
        h("p", { class: "config-error-title" }, "These settings can't be saved yet"),
        h("p", { class: "config-error-message", dataset: { code: error.code, path: error.path } }, message),
        fieldId ? h("button", { type: "button", class: "link-btn", onclick: () => focusField(fieldId) }, "Go to the field") : null,
      ),
    );
  }

  let shownChips = null; // what the chips show, as a key

  function renderPrefixes() {
    const draft = state.draft;
    const home = draft.homeRegion;
    const homeName = home ? regionName(home) : "";
    const homePrefixes = state.prefixesOf(home);
    setText(
      el.prefixHomeLabel,
      home ? `Use all of ${homeName}'s prefixes (${formatCount(homePrefixes.length)})` : "Use the home region's prefixes (choose a home region first)",
    );

    const effective = draft.prefixMode === "home" ? homePrefixes : splitList(draft.prefixesText);
    const chipsKey = `${draft.plusIsInternational} ${effective.slice(0, CHIP_LIMIT).join(" ")}`;
    if (chipsKey !== shownChips) {
      shownChips = chipsKey;
      renderChips(draft, effective);
    }
    say(
      el.prefixMore,
      effective.length > CHIP_LIMIT
        ? `…and ${formatCount(effective.length - CHIP_LIMIT)} more (${formatCount(effective.length)} in all${
            draft.prefixMode === "home" ? `: ${homeName}'s international prefix comes in many carrier-prefixed forms` : ""
          }).`
        : "",
    );
    setText(
      el.prefixNote,
      home
        ? `${homeName} uses ${listText(homePrefixes, 6)}. A prefix left out can be used to bypass the rule.`
        : "Without a home region, list every prefix your users can dial.",
    );
  }

  /** The checked prefixes as chips. */
  function renderChips(draft, effective) {
    const chips = [];
    if (draft.plusIsInternational) {
      chips.push(h("span", { class: "chip chip-plus", title: "A leading + (E.164) is international" }, "+"));
    }
    for (const prefix of effective.slice(0, CHIP_LIMIT)) chips.push(h("span", { class: "chip chip-code" }, prefix));
    if (effective.length === 0 && !draft.plusIsInternational) {
      chips.push(h("span", { class: "muted" }, "No international dialing code"));
    }
    el.prefixChips.replaceChildren(...chips);
    el.prefixChips.setAttribute(
      "aria-label",
      `Checked prefixes: ${[...(draft.plusIsInternational ? ["+"] : []), ...effective.slice(0, CHIP_LIMIT)].join(", ")}`,
    );
  }

  /** The national-format switch: what it covers for this home region, and unavailable without one. */
  function renderNational() {
    const draft = state.draft;
    const home = draft.homeRegion;
    const info = home ? regionInfo(home) : undefined;
    // Off without a home region, there is nothing it could judge. Left on (the
    // engine's missing-home-region error is shown), it stays usable so it can be switched off.
    const disabled = !home && !draft.judgeNationalDialing;
    if (disabled && document.activeElement === el.national) el.home.focus();
    setProp(el.national, "disabled", disabled);
    setProp(el.nationalField.dataset, "disabled", String(disabled));
    let text = "";
    if (!home) {
      text = draft.judgeNationalDialing
        ? "Choose a home region above, or switch this off."
        : "Choose a home region first: national format is the home region's.";
    } else if (info && info.sharedWith.length === 0) {
      text = `${regionName(home)} shares +${info.callingCode} with no other region, so its national-format calls can't cross a border.`;
    } else if (info) {
      text = `${regionName(home)} shares +${info.callingCode} with ${listText(info.sharedWith.map((r) => regionName(r)), 4)}.`;
    }
    say(el.nationalState, text);
  }

  function render() {
    syncFields();
    renderErrors();
    renderPrefixes();
    renderNational();
  }

  state.subscribe((changes) => {
    if (changes.draft) render();
  });
  render();
}
