// The PBX admin view: the policy form, the searchable region table with its
// Allow switches, the live lint, and the preview (diff) before save.
import { $, h, icon, say } from "./dom.js";
import {
  clearDraft,
  configKey,
  configToDraft,
  draftToConfig,
  loadCallLog,
  loadDraft,
  sanitizeDraft,
  splitList,
  storeCallLog,
  storeDraft,
} from "./store.js";
import { codeInfos, formatCount, listText, plural, regionInfo, regionName, verdictDisplay } from "./text.js";

const CHIP_LIMIT = 10; // prefix chips shown before "and N more"
const DIGITS_SHOWN = 8; // leading-digit ranges shown before "and N more"

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
};

const SETTING_LABELS = {
  enabled: "Protection",
  homeRegion: "Home region",
  internationalPrefixes: "International dialing codes",
  plusIsInternational: "+ is international",
  accessCodes: "Access codes",
  featureCodes: "Feature codes",
  keypadLetters: "Letters as keypad digits",
  sharedCodes: "Shared calling codes",
  judgeNationalDialing: "National-format calls across shared codes",
};

export function setupSettings(app, { notice = "" } = {}) {
  const { DialPolicy, DialguardError, searchRegions, suggestPrefixes } = app.api;

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
    search: $("f-search"),
    filter: $("f-filter"),
    tableStatus: $("table-status"),
    rowsBody: $("region-rows"),
    allowCount: $("allow-count"),
    range: $("f-range"),
    rangeAdd: $("range-add"),
    rangeError: $("err-range"),
    rangeList: $("range-list"),
    lint: $("lint"),
    lintSummary: $("lint-summary"),
    configError: $("config-error"),
    diff: $("diff"),
    dirtyPill: $("dirty-pill"),
    callLog: $("f-calllog"),
    callLogResult: $("calllog-result"),
    save: $("btn-save"),
    revert: $("btn-revert"),
    saveStatus: $("save-status"),
  };

  // ── State ────────────────────────────────────────────────────────────
  // The draft keeps what the admin typed, as typed: an invalid field is
  // reported, never reset. It survives a reload (localStorage).
  let draft = sanitizeDraft(loadDraft()) ?? configToDraft(app.savedConfig);
  let edited = null; // DialPolicy of the draft, when valid
  let editedConfig = null; // its toJSON()
  let error = null; // DialguardError of the draft, when invalid
  let callLogText = loadCallLog();
  // Reads what a range entry ("+1876") reaches, whatever the draft's prefixes or switches.
  const probe = new DialPolicy({ internationalPrefixes: ["00"], plusIsInternational: true, sharedCodes: "by-region" });
  let lintKey = "";
  let liveSummary = "";
  let suggestionsCache = { region: null, list: [] };

  function suggestions(region) {
    if (!region) return [];
    if (suggestionsCache.region !== region) {
      let list = [];
      try {
        list = suggestPrefixes(region);
      } catch (e) {
        if (!(e instanceof DialguardError)) throw e;
      }
      suggestionsCache = { region, list };
    }
    return suggestionsCache.list;
  }

  // ── Home region select ───────────────────────────────────────────────
  const geographic = app.catalog
    .filter((r) => r.kind === "geographic")
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  el.home.append(
    new Option("— No home region (list the prefixes below) —", ""),
    ...geographic.map((r) => new Option(`${r.name} (${r.region}, +${r.callingCode})`, r.region)),
  );

  // ── Region table ─────────────────────────────────────────────────────
  const sorted = [
    ...geographic,
    ...app.catalog.filter((r) => r.kind !== "geographic").sort((a, b) => Number(a.callingCode) - Number(b.callingCode)),
  ];
  const rows = sorted.map(buildRow);
  const rowByKey = new Map(rows.map((r) => [r.key, r]));
  const rowByEntry = new Map(rows.map((r) => [r.entry, r]));

  function buildRow(info, index) {
    const nonGeo = info.kind !== "geographic";
    const entry = nonGeo ? `+${info.callingCode}` : info.region;
    const id = `allow-${index}`;
    const checkbox = h("input", {
      type: "checkbox",
      class: "switch",
      role: "switch",
      id,
      "aria-label": `Allow ${info.name} (+${info.callingCode})`,
      "aria-describedby": `${id}-status`,
      dataset: { entry },
    });
    const badges = h("span", { class: "row-badges", id: `${id}-status` });
    const shared = sharedHint(info);
    const tr = h(
      "tr",
      { dataset: { region: info.region, code: info.callingCode, entry, kind: info.kind } },
      h("td", { class: "col-allow" }, checkbox),
      h(
        "th",
        { scope: "row" },
        h("label", { for: id, class: "region-name" }, info.name),
        nonGeo ? h("span", { class: "tag" }, "Non-geographic") : null,
        badges,
      ),
      h("td", { class: "col-iso" }, h("code", {}, info.region)),
      h("td", { class: "col-code" }, `+${info.callingCode}`),
      h("td", { class: "col-shared" }, shared),
    );
    return { info, entry, key: `${info.region}|${info.callingCode}`, tr, checkbox, badges, state: "no" };
  }

  function sharedHint(info) {
    if (info.kind !== "geographic") {
      return h("span", { class: "muted" }, `Allowed only as ${"+" + info.callingCode}`);
    }
    if (info.sharedWith.length === 0) return h("span", { class: "muted" }, "—");
    const names = info.sharedWith.map((r) => regionName(r));
    const ranges = info.leadingDigits ?? [];
    const rangeText =
      ranges.length === 0
        ? ""
        : ranges.length <= 4
          ? `Its numbers: +${info.callingCode} ${ranges.join(", ")}`
          : `Its numbers: ${formatCount(ranges.length)} ranges (+${info.callingCode} ${ranges.slice(0, 3).join(", ")}…)`;
    return h(
      "span",
      { class: "shared", title: `+${info.callingCode} is shared with ${names.join(", ")}` },
      h("span", {}, listText(names, 3)),
      rangeText ? h("span", { class: "shared-ranges" }, rangeText) : null,
    );
  }

  // ── Reading and writing the form ─────────────────────────────────────
  function syncForm() {
    el.enabled.checked = draft.enabled;
    el.home.value = draft.homeRegion;
    if (el.home.value !== draft.homeRegion) {
      // A region the select doesn't list (an invalid stored draft): show it, so the error is visible.
      el.home.append(new Option(`${draft.homeRegion} (unknown)`, draft.homeRegion));
      el.home.value = draft.homeRegion;
    }
    el.prefixHome.checked = draft.prefixMode === "home";
    el.prefixCustom.checked = draft.prefixMode === "custom";
    el.prefixes.value = draft.prefixesText;
    el.prefixBox.hidden = draft.prefixMode !== "custom";
    el.plus.checked = draft.plusIsInternational;
    el.access.value = draft.accessCodesText;
    el.feature.value = draft.featureCodesText;
    el.letters.checked = draft.keypadLetters;
    el.sharedTogether.checked = draft.sharedCodes === "together";
    el.sharedByRegion.checked = draft.sharedCodes === "by-region";
    el.national.checked = draft.judgeNationalDialing;
    el.callLog.value = callLogText;
  }

  /** Fills the explicit prefix list with the home region's suggestions. */
  function fillPrefixesFromHome() {
    const list = suggestions(draft.homeRegion);
    if (list.length === 0) return;
    draft.prefixesText = list.join(", ");
    el.prefixes.value = draft.prefixesText;
  }

  function edit(change) {
    change();
    say(el.saveStatus, "");
    update();
  }

  el.form.addEventListener("submit", (event) => event.preventDefault());
  el.enabled.addEventListener("change", () => edit(() => (draft.enabled = el.enabled.checked)));
  el.home.addEventListener("change", () =>
    edit(() => {
      draft.homeRegion = el.home.value;
      if (draft.prefixMode === "custom") fillPrefixesFromHome();
    }),
  );
  for (const radio of [el.prefixHome, el.prefixCustom]) {
    radio.addEventListener("change", () =>
      edit(() => {
        draft.prefixMode = radio.value;
        el.prefixBox.hidden = draft.prefixMode !== "custom";
        if (draft.prefixMode === "custom" && splitList(draft.prefixesText).length === 0) fillPrefixesFromHome();
      }),
    );
  }
  el.prefixes.addEventListener("input", () => edit(() => (draft.prefixesText = el.prefixes.value)));
  el.plus.addEventListener("change", () => edit(() => (draft.plusIsInternational = el.plus.checked)));
  el.access.addEventListener("input", () => edit(() => (draft.accessCodesText = el.access.value)));
  el.feature.addEventListener("input", () => edit(() => (draft.featureCodesText = el.feature.value)));
  el.letters.addEventListener("change", () => edit(() => (draft.keypadLetters = el.letters.checked)));
  for (const radio of [el.sharedTogether, el.sharedByRegion]) {
    radio.addEventListener("change", () => edit(() => (draft.sharedCodes = radio.value)));
  }
  el.national.addEventListener("change", () => edit(() => (draft.judgeNationalDialing = el.national.checked)));

  el.rowsBody.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.entry) return;
    edit(() => setAllowed(box.dataset.entry, box.checked));
  });

  function setAllowed(entry, on) {
    const same = (e) => e.toUpperCase() === entry.toUpperCase();
    draft.allow = draft.allow.filter((e) => !same(e));
    if (on) draft.allow.push(entry);
  }

  el.search.addEventListener("input", renderTable);
  el.filter.addEventListener("change", renderTable);

  // ── Calling codes and ranges ─────────────────────────────────────────
  function addRange() {
    let entry = el.range.value.trim().replace(/[\s\-.()]/g, "").replace(/^＋/, "+");
    if (/^\d+$/.test(entry)) entry = `+${entry}`;
    if (/^[a-z]{2}$/i.test(entry)) entry = entry.toUpperCase();
    if (entry === "") return showRangeError("Type a calling code such as +44, or a range such as +1876.");
    try {
      new DialPolicy({ internationalPrefixes: ["00"], allow: [entry] }).free();
    } catch (e) {
      if (!(e instanceof DialguardError)) throw e;
      return showRangeError(e.message.replace(/^allow\[0\]: /, ""));
    }
    if (draft.allow.some((e) => e.toUpperCase() === entry)) return showRangeError(`${entry} is already allowed.`);
    showRangeError("");
    el.range.value = "";
    edit(() => setAllowed(entry, true));
    const row = rowByEntry.get(entry);
    if (row) say(el.saveStatus, `${row.info.name} is now switched on in the table.`);
  }

  function showRangeError(message) {
    say(el.rangeError, message);
    if (message) el.range.setAttribute("aria-invalid", "true");
    else el.range.removeAttribute("aria-invalid");
  }

  el.rangeAdd.addEventListener("click", addRange);
  el.range.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      addRange();
    }
  });
  el.range.addEventListener("input", () => showRangeError(""));
  el.rangeList.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-remove]");
    if (!button) return;
    const entry = button.dataset.remove;
    edit(() => setAllowed(entry, false));
    say(el.saveStatus, `${entry} removed.`);
    el.range.focus();
  });

  // ── Lint quick fixes ─────────────────────────────────────────────────
  const FIXES = {
    "shared-code": {
      label: "Judge shared codes by region",
      apply: () => (draft.sharedCodes = "by-region"),
      focus: "f-shared-by-region",
    },
    "national-dialing-not-judged": {
      label: "Judge national-format calls across shared codes",
      apply: () => (draft.judgeNationalDialing = true),
      focus: "f-national",
    },
    "missing-home-prefix": {
      label: "Use all of the home region's prefixes",
      apply: () => (draft.prefixMode = "home"),
      focus: "f-prefix-home",
    },
    "plus-not-international": {
      label: "Treat + as international",
      apply: () => (draft.plusIsInternational = true),
      focus: "f-plus",
    },
    "protection-disabled": {
      label: "Turn protection on",
      apply: () => (draft.enabled = true),
      focus: "f-enabled",
    },
    "no-home-region": {
      label: "Choose a home region",
      apply: null,
      focus: "f-home",
    },
  };

  el.lint.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-fix]");
    if (!button) return;
    const fix = FIXES[button.dataset.fix];
    if (fix.apply) {
      edit(fix.apply);
      syncForm();
      say(el.saveStatus, `Done: ${fix.label.toLowerCase()}. Review the preview, then save.`);
    }
    // The button is gone with its warning: keep keyboard focus on what changed.
    focusField(fix.focus);
  });

  // ── Call log ─────────────────────────────────────────────────────────
  el.callLog.addEventListener("input", () => {
    callLogText = el.callLog.value;
    storeCallLog(callLogText);
    renderPreview();
  });
  app.addToCallLog = (dialed) => {
    callLogText = callLogText.replace(/\s*$/, "") + (callLogText.trim() ? "\n" : "") + dialed;
    el.callLog.value = callLogText;
    storeCallLog(callLogText);
    renderPreview();
  };
  const callLogLines = () =>
    callLogText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "");

  // ── Save and revert ──────────────────────────────────────────────────
  el.save.addEventListener("click", () => {
    if (!edited) return;
    try {
      app.setSaved(draftToConfig(draft));
    } catch (e) {
      if (!(e instanceof DialguardError)) throw e;
      error = e;
      renderErrors();
      return;
    }
    draft = configToDraft(app.savedConfig);
    clearDraft();
    syncForm();
    update({ persist: false });
    const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    say(el.saveStatus, `Saved at ${time}. The dial pad now enforces this policy.`);
  });

  el.revert.addEventListener("click", () => {
    draft = configToDraft(app.savedConfig);
    clearDraft();
    syncForm();
    showRangeError("");
    update({ persist: false });
    say(el.saveStatus, "Reverted to the saved policy.");
  });

  // ── The pipeline: every edit rebuilds the policy and everything derived ─
  function update({ persist = true } = {}) {
    if (persist) storeDraft(draft);
    edited?.free();
    edited = null;
    editedConfig = null;
    error = null;
    try {
      edited = new DialPolicy(draftToConfig(draft));
      editedConfig = edited.toJSON();
    } catch (e) {
      if (!(e instanceof DialguardError)) throw e;
      error = e;
    }
    renderErrors();
    renderPrefixes();
    renderNational();
    renderRowStates();
    renderTable();
    renderRanges();
    renderLint();
    renderPreview();
  }

  function renderErrors() {
    for (const { slot, field } of Object.values(ERROR_SLOTS)) {
      say($(slot), "");
      $(field).removeAttribute("aria-invalid");
    }
    el.prefixHome.removeAttribute("aria-invalid");
    if (!error) {
      el.configError.hidden = true;
      el.configError.replaceChildren();
      return;
    }
    const key = error.path.split(/[.[]/)[0];
    const target = ERROR_SLOTS[key];
    let fieldId = target?.field;
    if (key === "internationalPrefixes" && draft.prefixMode === "home") fieldId = "f-prefix-home";
    if (target) {
      say($(target.slot), error.message);
      $(fieldId).setAttribute("aria-invalid", "true");
    }
    el.configError.hidden = false;
    el.configError.replaceChildren(
      icon("warn"),
      h(
        "div",
        {},
        h("p", { class: "config-error-title" }, "These settings can't be saved yet"),
        h("p", { class: "config-error-message", dataset: { code: error.code, path: error.path } }, error.message),
        fieldId
          ? h("button", { type: "button", class: "link-btn", onclick: () => focusField(fieldId) }, "Go to the field")
          : null,
      ),
    );
  }

  function focusField(id) {
    const field = $(id);
    field.scrollIntoView({ block: "center", behavior: "smooth" });
    field.focus({ preventScroll: true });
  }

  function renderPrefixes() {
    const home = draft.homeRegion;
    const homeName = home ? regionName(home) : "";
    const homeList = suggestions(home);
    el.prefixHomeLabel.textContent = home
      ? `Use all of ${homeName}'s prefixes (${formatCount(homeList.length)})`
      : "Use the home region's prefixes (choose a home region first)";

    const effective = draft.prefixMode === "home" ? homeList : splitList(draft.prefixesText);
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
    say(
      el.prefixMore,
      effective.length > CHIP_LIMIT
        ? `…and ${formatCount(effective.length - CHIP_LIMIT)} more (${formatCount(effective.length)} in all${
            draft.prefixMode === "home" ? `: ${homeName}'s international prefix comes in many carrier-prefixed forms` : ""
          }).`
        : "",
    );

    if (!home) {
      el.prefixNote.textContent = "Without a home region, list every prefix your users can dial.";
    } else {
      el.prefixNote.textContent = `${homeName} uses ${listText(homeList, 6)}. A prefix left out can be used to bypass the rule.`;
    }
  }

  /** The national-format switch: what it covers for this home region, and unavailable without one. */
  function renderNational() {
    const home = draft.homeRegion;
    const info = home ? regionInfo(home) : undefined;
    // Off without a home region, there is nothing it could judge. Left on (the
    // engine's missing-home-region error is shown), it stays usable so it can be switched off.
    const disabled = !home && !draft.judgeNationalDialing;
    if (disabled && document.activeElement === el.national) el.home.focus();
    el.national.disabled = disabled;
    el.nationalField.dataset.disabled = String(disabled);
    let state = "";
    if (!home) {
      state = draft.judgeNationalDialing
        ? "Choose a home region above, or switch this off."
        : "Choose a home region first: national format is the home region's.";
    } else if (info && info.sharedWith.length === 0) {
      state = `${regionName(home)} shares +${info.callingCode} with no other region, so its national-format calls can't cross a border.`;
    } else if (info) {
      state = `${regionName(home)} shares +${info.callingCode} with ${listText(info.sharedWith.map((r) => regionName(r)), 4)}.`;
    }
    say(el.nationalState, state);
  }

  /** The allow list as the engine reads it (normalized), or the draft's when invalid. */
  function allowList() {
    return editedConfig ? editedConfig.allow : draft.allow.map((e) => (/^[a-z]{2}$/i.test(e) ? e.toUpperCase() : e));
  }

  function renderRowStates() {
    const allow = allowList();
    const allowSet = new Set(allow);
    const together = draft.sharedCodes === "together";
    const wholeCodes = new Set(allow.filter((e) => /^\+\d+$/.test(e) && codeInfos(e.slice(1)).length > 0));
    // Regions allowed by name, grouped by calling code (for "together" mode).
    const byCode = new Map();
    for (const entry of allow) {
      const info = /^[A-Z]{2}$/.test(entry) ? regionInfo(entry) : undefined;
      if (info) byCode.set(info.callingCode, [...(byCode.get(info.callingCode) ?? []), entry]);
    }
    // Ranges (+1876): which rows they reach, by the engine's own reading.
    const ranges = new Map();
    if (edited) {
      for (const entry of allow) {
        if (!entry.startsWith("+") || wholeCodes.has(entry)) continue;
        const d = probe.check(entry);
        for (const region of d.regions ?? []) {
          const key = `${region}|${d.callingCode}`;
          ranges.set(key, [...(ranges.get(key) ?? []), entry]);
        }
      }
    }
    let explicitCount = 0;
    let implicitCount = 0;
    for (const row of rows) {
      const { info } = row;
      const explicit = allowSet.has(row.entry);
      row.checkbox.checked = explicit;
      let badge = null;
      if (explicit) {
        explicitCount++;
        row.state = "explicit";
      } else if (info.kind === "geographic" && wholeCodes.has(`+${info.callingCode}`)) {
        badge = { tone: "ok", text: `Allowed by +${info.callingCode}`, title: `The whole calling code +${info.callingCode} is allowed` };
      } else if (together && byCode.has(info.callingCode)) {
        const by = byCode.get(info.callingCode).map((r) => regionName(r));
        badge = {
          tone: "warn",
          text: `Allowed with ${listText(by, 2)}`,
          title: `Shared calling code +${info.callingCode}: allowing ${listText(by, 3)} allows it too`,
        };
      } else if (ranges.has(row.key)) {
        badge = { tone: "partial", text: `Partly: ${ranges.get(row.key).join(", ")}`, title: "Only the numbers that start with these digits" };
      }
      if (badge) {
        implicitCount++;
        row.state = badge.tone;
      } else if (!explicit) {
        row.state = "no";
      }
      row.tr.dataset.state = row.state;
      const badges = [];
      if (info.kind === "geographic" && info.region === draft.homeRegion) badges.push(h("span", { class: "badge badge-home" }, "Home"));
      if (badge) badges.push(h("span", { class: `badge badge-${badge.tone}`, title: badge.title }, badge.text));
      row.badges.replaceChildren(...badges);
    }
    el.allowCount.textContent =
      `${plural(explicitCount, "destination")} allowed` +
      (implicitCount ? ` · ${formatCount(implicitCount)} more through shared codes, calling codes or ranges` : "");
  }

  function renderTable() {
    const query = el.search.value.trim();
    const filter = el.filter.value;
    let list = query === "" ? rows : searchRegions(query).map((info) => rowByKey.get(`${info.region}|${info.callingCode}`)).filter(Boolean);
    if (filter === "allowed") list = list.filter((r) => r.state !== "no");
    else if (filter === "shared") list = list.filter((r) => r.info.sharedWith.length > 0);
    else if (filter === "nongeo") list = list.filter((r) => r.info.kind !== "geographic");
    const wanted = list.map((r) => r.tr);
    const current = [...el.rowsBody.children];
    const same = wanted.length === current.length && wanted.every((tr, i) => tr === current[i]);
    if (!same) {
      // Moving a focused switch out of the document would drop keyboard focus: put it back.
      const focused = el.rowsBody.contains(document.activeElement) ? document.activeElement : null;
      if (list.length === 0) {
        const text = query ? `No country, region or calling code matches “${query}”.` : "Nothing to show with this filter.";
        el.rowsBody.replaceChildren(h("tr", { class: "empty-row" }, h("td", { colspan: "5" }, text)));
      } else {
        el.rowsBody.replaceChildren(...wanted);
      }
      if (focused) {
        if (focused.isConnected) focused.focus({ preventScroll: true });
        else el.search.focus({ preventScroll: true });
      }
    }
    const what = filter === "all" ? "" : ` (${el.filter.selectedOptions[0].textContent.toLowerCase()})`;
    el.tableStatus.textContent = query
      ? `${plural(list.length, "match", "matches")} for “${query}”${what}, best first.`
      : `${plural(list.length, "country, region or code", "countries, regions and codes")}${what}.`;
  }

  function renderRanges() {
    const extra = draft.allow.filter((e) => !rowByEntry.has(e.toUpperCase()) && !rowByEntry.has(e));
    el.rangeList.replaceChildren(
      ...extra.map((entry) => {
        let description = "";
        if (entry.startsWith("+")) {
          const d = probe.check(entry);
          const names = (d.regions ?? []).map((r) => regionName(r, d.callingCode));
          const whole = d.nationalNumber === "";
          description = d.callingCode === undefined
            ? ""
            : whole
            ? `Every number of +${d.callingCode}${names.length ? `: ${listText(names, 4)}` : ""}`
            : `Numbers starting +${d.callingCode} ${d.nationalNumber}${names.length ? `: ${listText(names, 4, "or")}` : " (no destination yet)"}`;
        }
        return h(
          "li",
          { class: "range-item", dataset: { entry } },
          h("code", { class: "range-code" }, entry),
          h("span", { class: "range-text" }, description),
          h("button", { type: "button", class: "btn btn-small btn-ghost", dataset: { remove: entry }, "aria-label": `Remove ${entry}` }, "Remove"),
        );
      }),
    );
  }

  function renderLint() {
    if (!edited) {
      if (lintKey === "invalid") return;
      lintKey = "invalid";
      el.lintSummary.textContent = "";
      el.lint.replaceChildren(h("p", { class: "muted" }, "The check runs again once the settings are valid."));
      return;
    }
    const warnings = edited.lint();
    const key = JSON.stringify([warnings, draft.homeRegion !== ""]);
    if (key === lintKey) return; // unchanged: don't make screen readers announce it again
    lintKey = key;
    const counts = { warning: 0, info: 0 };
    for (const w of warnings) counts[w.severity] = (counts[w.severity] ?? 0) + 1;
    el.lintSummary.textContent = warnings.length
      ? [counts.warning ? plural(counts.warning, "warning") : "", counts.info ? plural(counts.info, "note") : ""].filter(Boolean).join(" · ")
      : "";
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
          const needsHome = w.code === "missing-home-prefix" || w.code === "national-dialing-not-judged";
          const fixApplies = fix && !(needsHome && !draft.homeRegion);
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

  function renderPreview() {
    const dirty = error !== null || configKey(editedConfig) !== configKey(app.savedConfig);
    app.setDirty(dirty);
    el.dirtyPill.textContent = dirty ? "Unsaved changes" : "Saved";
    el.dirtyPill.dataset.state = dirty ? "dirty" : "clean";
    el.save.disabled = !dirty || edited === null;
    el.revert.disabled = !dirty;
    if (!edited) {
      el.diff.replaceChildren(h("p", { class: "muted" }, "The preview appears once the settings are valid."));
      el.callLogResult.replaceChildren();
      return;
    }
    const log = callLogLines();
    let diff;
    try {
      diff = app.savedPolicy.diff(draftToConfig(draft), log.length ? log : undefined);
    } catch (e) {
      if (!(e instanceof DialguardError)) throw e;
      el.diff.replaceChildren(h("p", { class: "field-error" }, e.message));
      return;
    }
    renderCallLog(diff.callLog);
    const summary = !dirty
      ? "No unsaved changes."
      : `Preview: saving would open ${plural(diff.gained.length, "destination")} and close ${plural(diff.lost.length, "destination")}.`;
    if (summary !== liveSummary) {
      liveSummary = summary;
      $("diff-live").textContent = summary;
    }
    if (!dirty) {
      el.diff.replaceChildren(
        h("p", { class: "muted" }, "No unsaved changes. Switch a country on or off, or change a setting: the preview shows what it would change before you save."),
      );
      return;
    }
    const settingChanges = describeSettingChanges(app.savedConfig, editedConfig);
    const parts = [];
    const gainedCount = diff.gained.length;
    const lostCount = diff.lost.length;
    const national = nationalChange(app.savedConfig, editedConfig);
    parts.push(
      h(
        "p",
        { class: "diff-summary" },
        gainedCount || lostCount
          ? `Saving would open ${plural(gainedCount, "destination")} and close ${plural(lostCount, "destination")}.`
          : national
            ? "No destination dialed with an international prefix changes."
            : "Saving changes no destination: the same calls are allowed.",
      ),
    );
    if (national) parts.push(h("p", { class: "diff-national", id: "diff-national" }, icon("info"), h("span", {}, national)));
    if (gainedCount) {
      parts.push(
        h("h3", { class: "diff-title diff-title-gained" }, icon("plus"), "Gained: calls that become allowed"),
        h("ul", { class: "dest-list", id: "diff-gained" }, diff.gained.map((d) => destinationItem(d, "gained"))),
      );
    }
    if (lostCount) {
      parts.push(
        h("h3", { class: "diff-title diff-title-lost" }, icon("minus"), "Lost: calls that become blocked"),
        h("ul", { class: "dest-list", id: "diff-lost" }, diff.lost.map((d) => destinationItem(d, "lost"))),
      );
    }
    if (diff.sideEffects.length) {
      parts.push(
        h("h3", { class: "diff-title diff-title-side" }, icon("warn"), "Side effects of shared codes"),
        h(
          "ul",
          { class: "side-list", id: "diff-side" },
          diff.sideEffects.map((s) => {
            const names = s.alsoAllows.map((r) => regionName(r, s.callingCode));
            return h(
              "li",
              { dataset: { region: s.region } },
              `Allowing ${regionName(s.region, s.callingCode)} also allows ${plural(names.length, "other +" + s.callingCode + " destination")}: `,
              expandable(names, 6),
            );
          }),
        ),
      );
    }
    if (settingChanges.length) {
      parts.push(
        h("h3", { class: "diff-title" }, "Settings changed"),
        h(
          "ul",
          { class: "setting-list", id: "diff-settings" },
          settingChanges.map(([label, before, after]) =>
            h(
              "li",
              {},
              h("span", { class: "setting-label" }, label),
              h("span", { class: "setting-change" }, before === null ? null : [h("s", {}, before), " → "], h("strong", {}, after)),
            ),
          ),
        ),
      );
    }
    el.diff.replaceChildren(...parts);
  }

  function destinationItem(dest, kind) {
    const names = dest.regions.map((r) => regionName(r, dest.callingCode));
    const title = names.length ? names.join(", ") : "Unassigned numbers";
    const digits = dest.leadingDigits ?? [];
    return h(
      "li",
      { class: `dest dest-${kind}`, dataset: { code: dest.callingCode, regions: dest.regions.join(" ") } },
      h("span", { class: "dest-code" }, `+${dest.callingCode}`),
      h(
        "span",
        { class: "dest-body" },
        names.length > 6
          ? h("span", { class: "dest-names" }, expandable(names, 5))
          : h("span", { class: names.length ? "dest-names" : "dest-names muted" }, title),
        h(
          "span",
          { class: "dest-digits" },
          digits.length === 0
            ? names.length
              ? "every number"
              : ""
            : ["numbers starting ", expandable(digits.map((d) => `+${dest.callingCode} ${d}`), DIGITS_SHOWN)],
        ),
      ),
    );
  }

  /** "a, b, c and 12 more" where "12 more" opens the full list. */
  function expandable(items, shown) {
    if (items.length <= shown) return h("span", {}, listText(items, shown));
    return h(
      "details",
      { class: "more" },
      h("summary", {}, `${items.slice(0, shown).join(", ")} and ${formatCount(items.length - shown)} more`),
      h("span", { class: "more-all" }, items.join(", ")),
    );
  }

  /** What switching judgeNationalDialing changes, in words ("" when it changes nothing). */
  function nationalChange(before, after) {
    if (before.judgeNationalDialing === after.judgeNationalDialing || !after.homeRegion) return "";
    const info = regionInfo(after.homeRegion);
    if (!info || info.sharedWith.length === 0) return "";
    const others = listText(info.sharedWith.map((r) => regionName(r)), 3);
    return after.judgeNationalDialing
      ? `Calls dialed in national format that reach another region of +${info.callingCode} (${others}) will be judged: blocked unless allowed. The call log check below shows which past dials this changes.`
      : `Calls dialed in national format that reach another region of +${info.callingCode} (${others}) will no longer be checked.`;
  }

  function describeSettingChanges(before, after) {
    const changes = [];
    const show = (key, cfg) => {
      const v = cfg[key];
      switch (key) {
        case "enabled":
          return v ? "on" : "off";
        case "homeRegion":
          return v ? `${regionName(v)} (${v})` : "none";
        case "internationalPrefixes": {
          if (!v) return cfg.homeRegion ? `all of ${regionName(cfg.homeRegion)}'s` : "none";
          return v.length > 6 ? `${v.slice(0, 5).join(", ")} and ${formatCount(v.length - 5)} more` : v.join(", ");
        }
        case "sharedCodes":
          return v === "by-region" ? "by region" : "together";
        case "judgeNationalDialing":
          return v ? "judged" : "not judged";
        case "accessCodes":
        case "featureCodes":
          return v.length ? v.join(", ") : "none";
        default:
          return v ? "yes" : "no";
      }
    };
    for (const key of Object.keys(SETTING_LABELS)) {
      if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
        changes.push([SETTING_LABELS[key], show(key, before), show(key, after)]);
      }
    }
    const was = new Set(before.allow);
    const now = new Set(after.allow);
    const added = after.allow.filter((e) => !was.has(e));
    const removed = before.allow.filter((e) => !now.has(e));
    const name = (e) => (/^[A-Z]{2}$/.test(e) ? regionName(e) : rowByEntry.get(e)?.info.name ? `${rowByEntry.get(e).info.name} (${e})` : e);
    if (added.length || removed.length) {
      changes.push([
        "Allow list",
        null,
        [added.length ? `added ${listText(added.map(name), 4)}` : "", removed.length ? `removed ${listText(removed.map(name), 4)}` : ""]
          .filter(Boolean)
          .join("; "),
      ]);
    }
    return changes;
  }

  function renderCallLog(callLog) {
    if (!callLog) {
      el.callLogResult.replaceChildren(h("p", { class: "muted" }, "Add past dials to see how the edited policy would judge them."));
      return;
    }
    const { total, changed, items } = callLog;
    const head = h(
      "p",
      { class: changed ? "calllog-head calllog-changed" : "calllog-head" },
      changed
        ? `${formatCount(changed)} of ${plural(total, "past dial")} would be judged differently:`
        : `None of the ${plural(total, "past dial")} would be judged differently.`,
    );
    if (!changed) return el.callLogResult.replaceChildren(head);
    el.callLogResult.replaceChildren(
      head,
      h(
        "table",
        { class: "calllog-table" },
        h("caption", { class: "visually-hidden" }, "Past dials whose verdict would change"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Dialed"), h("th", { scope: "col" }, "Now"), h("th", { scope: "col" }, "After saving"))),
        h(
          "tbody",
          {},
          items.map((item) =>
            h("tr", {}, h("td", { class: "mono" }, item.dialed), h("td", {}, verdictPill(item.before)), h("td", {}, verdictPill(item.after))),
          ),
        ),
      ),
    );
  }

  function verdictPill(verdict) {
    const { tone } = verdictDisplay({ verdict, canBeAllowed: true });
    return h("span", { class: `pill pill-${tone}` }, verdict.replace("-", " "));
  }

  // ── Start ────────────────────────────────────────────────────────────
  syncForm();
  update({ persist: false });
  if (notice) say(el.saveStatus, notice);
  app.onSavedChange(() => renderPreview());
}
