// The dialguard demo: a PBX settings page and a softphone dial pad, both
// driven by the dialguard package (Rust compiled to WebAssembly).
import init, { DialPolicy, DialguardError, dataVersion, regions, searchRegions, suggestPrefixes } from "/pkg/web.js";
import { setCatalog } from "./text.js";
import { DEFAULT_CONFIG, loadSaved, storeSaved } from "./store.js";
import { setupSettings } from "./settings.js";
import { setupDialpad } from "./dialpad.js";

const $ = (id) => document.getElementById(id);

/** Shared state: the saved policy (what the PBX enforces) and who listens to it. */
function createApp() {
  const listeners = new Set();
  const app = {
    api: { DialPolicy, DialguardError, searchRegions, suggestPrefixes },
    catalog: regions(),
    savedConfig: null, // normalized (toJSON) config of the saved policy
    savedPolicy: null,
    dirty: false,
    /** Replaces the saved policy (throws DialguardError, leaving the old one, if invalid). */
    setSaved(config, { persist = true } = {}) {
      const policy = new DialPolicy(config);
      app.savedPolicy?.free();
      app.savedPolicy = policy;
      app.savedConfig = policy.toJSON();
      if (persist) storeSaved(app.savedConfig);
      for (const fn of listeners) fn();
    },
    onSavedChange(fn) {
      listeners.add(fn);
    },
    /** Settings tells whether it has unsaved edits (shown on its tab). */
    setDirty(dirty) {
      app.dirty = dirty;
      $("tab-dirty").hidden = !dirty;
      for (const fn of dirtyListeners) fn();
    },
    onDirtyChange(fn) {
      dirtyListeners.add(fn);
    },
    showTab: null,
  };
  const dirtyListeners = new Set();
  return app;
}

/** WAI-ARIA tabs: arrow keys move between them, the URL hash remembers the view. */
function setupTabs(app) {
  const tabs = [
    { tab: $("tab-settings"), panel: $("panel-settings"), hash: "#settings" },
    { tab: $("tab-dialpad"), panel: $("panel-dialpad"), hash: "#dialpad" },
  ];
  function show(index, { focus = false, updateHash = true } = {}) {
    tabs.forEach((t, i) => {
      const selected = i === index;
      t.tab.setAttribute("aria-selected", String(selected));
      t.tab.tabIndex = selected ? 0 : -1;
      t.panel.hidden = !selected;
    });
    if (focus) tabs[index].tab.focus();
    if (updateHash && location.hash !== tabs[index].hash) history.replaceState(null, "", tabs[index].hash);
    document.dispatchEvent(new CustomEvent("dialguard:tab", { detail: tabs[index].hash.slice(1) }));
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
  app.showTab = (name) => show(tabs.findIndex((t) => t.hash === `#${name}`));
  show(fromHash(), { updateHash: false });
}

async function main() {
  try {
    await init({ admin: true }); // the settings page needs diff, lint and the catalog
  } catch (error) {
    $("boot").classList.add("boot-error");
    $("boot-text").textContent = `The rule engine could not be loaded: ${error.message}. Serve the page with “npm start” so that /pkg/ is reachable.`;
    throw error;
  }
  const app = createApp();
  setCatalog(app.catalog);

  // The saved policy: from localStorage, or the reference feature's example.
  const stored = loadSaved();
  let savedNote = "";
  try {
    app.setSaved(stored ?? DEFAULT_CONFIG, { persist: stored === null });
  } catch (error) {
    if (!(error instanceof DialguardError)) throw error;
    savedNote = `The stored policy could not be loaded (${error.message}); the example policy is used instead.`;
    app.setSaved(DEFAULT_CONFIG);
  }

  setupDialpad(app);
  setupSettings(app, { notice: savedNote });
  setupTabs(app);

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
