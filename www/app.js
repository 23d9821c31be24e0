// The dialguard demo: a PBX settings page and a softphone dial pad, both
// driven by the dialguard package (Rust compiled to WebAssembly). This module
// boots the engine, makes the one state (state.js) and hands it to each view.
import init, { DialPolicy, DialguardError, allowEntryReach, dataVersion, parseAllowEntry, recommendedBlockedTypes, regions, searchRegions, suggestPrefixes } from "/pkg/web.js";
import { $, say, setProp } from "./dom.js";
import { setCatalog } from "./text.js";
import { DEFAULT_CONFIG, loadCallLog, loadDraft, loadSaved, sanitizeDraft, storeCallLog, storeDraft, storeSaved } from "./store.js";
import { createState } from "./state.js";
import { setupForm } from "./form.js";
import { setupTable } from "./table.js";
import { setupRanges } from "./ranges.js";
import { setupNumberTypes } from "./number-types.js";
import { setupLint } from "./lint.js";
import { setupPreview } from "./preview.js";
import { setupPolicyFile } from "./policy-file.js";
import { setupDialpad } from "./dialpad.js";

/** WAI-ARIA tabs: arrow keys move between them, the URL hash remembers the view. */
function setupTabs() {
  const tabs = [
    { tab: $("tab-settings"), panel: $("panel-settings"), hash: "#settings" },
    { tab: $("tab-dialpad"), panel: $("panel-dialpad"), hash: "#dialpad" },
  ];
  // Each tab keeps its own scroll position: the dial pad opens at its top,
  // not where the long settings page was left.
  const scrolls = tabs.map(() => 0);
  let current = -1;
  function show(index, { focus = false, updateHash = true } = {}) {
    if (current >= 0 && current !== index) scrolls[current] = window.scrollY;
    tabs.forEach((t, i) => {
      const selected = i === index;
      t.tab.setAttribute("aria-selected", String(selected));
      t.tab.tabIndex = selected ? 0 : -1;
      t.panel.hidden = !selected;
    });
    if (current !== index) window.scrollTo(0, scrolls[index]);
    current = index;
    if (focus) tabs[index].tab.focus();
    if (updateHash && location.hash !== tabs[index].hash) history.replaceState(null, "", tabs[index].hash);
  }
  tabs.forEach((t, i) => {
    t.tab.addEventListener("click", () => show(i));
    t.tab.addEventListener("keydown", (event) => {
      const last = tabs.length - 1;
      const next = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      show(next, { focus: true });
    });
  });
  const fromHash = () => Math.max(0, tabs.findIndex((t) => t.hash === location.hash));
  window.addEventListener("hashchange", () => show(fromHash(), { updateHash: false }));
  document.querySelector(".brand").addEventListener("click", (event) => {
    event.preventDefault();
    show(0);
  });
  show(fromHash(), { updateHash: false });
}

/** The saved policy from localStorage, or the reference feature's example (and why, when the stored one is invalid). */
function makeState(api) {
  const persist = { saved: storeSaved, draft: storeDraft, callLog: storeCallLog };
  const options = { draft: sanitizeDraft(loadDraft()), callLog: loadCallLog(), persist };
  const stored = loadSaved();
  if (stored === null) storeSaved(DEFAULT_CONFIG);
  try {
    return { state: createState(api, { ...options, saved: stored ?? DEFAULT_CONFIG }), notice: "" };
  } catch (error) {
    if (!(error instanceof DialguardError)) throw error;
    storeSaved(DEFAULT_CONFIG);
    const notice = `The stored policy could not be loaded (${error.message}); the example policy is used instead.`;
    return { state: createState(api, { ...options, saved: DEFAULT_CONFIG }), notice };
  }
}

async function main() {
  try {
    await init({ admin: true }); // the settings page needs diff, lint and the catalog
  } catch (error) {
    $("boot").classList.add("boot-error");
    $("boot-text").textContent = `The rule engine could not be loaded: ${error.message}. Serve the page with “npm start” so that /pkg/ is reachable.`;
    throw error;
  }
  const catalog = regions();
  setCatalog(catalog, navigator.languages);
  const api = { DialPolicy, DialguardError, allowEntryReach, parseAllowEntry, recommendedBlockedTypes, searchRegions, suggestPrefixes };
  const { state, notice } = makeState(api);
  const saveStatus = $("save-status");
  const view = { state, api, catalog, announce: (text) => say(saveStatus, text) };

  setupNumberTypes(view); // first: the form points the engine's errors at its switches too
  setupForm(view);
  setupTable(view);
  setupRanges(view);
  setupLint(view);
  setupPreview(view);
  setupPolicyFile(view);
  setupDialpad(view);
  setupTabs();
  // Unsaved changes show on the Settings tab; a new edit makes the last announcement history.
  const showDirty = () => setProp($("tab-dirty"), "hidden", !state.dirty);
  state.subscribe((changes) => {
    if (changes.draft) view.announce("");
    showDirty();
  });
  showDirty();
  view.announce(notice);

  $("data-version").textContent = dataVersion;
  $("boot").hidden = true;
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  console.error(error);
  if (!$("boot").classList.contains("boot-error")) {
    $("boot").hidden = false;
    $("boot").classList.add("boot-error");
    $("boot-text").textContent = `Something went wrong: ${error.message}`;
  }
  document.body.dataset.ready = "error";
});
