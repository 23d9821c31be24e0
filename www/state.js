//# allFunctionsCalledOnLoad
// The settings page's one source of truth: the saved policy (what the PBX
// enforces and the dial pad checks) and the admin's draft (the form as
// typed). The draft is compiled once per change of its config text (one
// DialPolicy per text, freed when replaced); lint, coverage and the preview
// diff are derived from it when first asked for, once per change, for
// whoever listens. No DOM: the Node tests drive it directly.
import { configKey, configToDraft, draftToConfig } from "./store.js";

/**
 * `api`: the package's DialPolicy, DialguardError, allowEntryReach and suggestPrefixes. `saved`: the saved
 * policy's config (throws DialguardError when invalid). `draft`: a stored
 * draft (store.js sanitizeDraft), or null for the saved policy's. `persist`:
 * optional callbacks that keep `saved(config)`, `draft(draft | null)` and
 * `callLog(text)` across reloads.
 */
export function createState({ DialPolicy, DialguardError, allowEntryReach, suggestPrefixes }, { saved, draft = null, callLog = "", persist = {} }) {
  let savedPolicy = new DialPolicy(saved);
  let savedConfig = savedPolicy.toJSON();
  let current = null; // the draft (store.js configToDraft's shape); replaced, never mutated
  let compiled = null; // { text, policy, config, error } of the current draft
  let callLogText = callLog;
  let undoPoint = null; // { label, draft }: the draft before the last change, when that change can be undone
  let lastEntry = null; // the allow entry switched last, for the preview
  let savedText = ""; // the config text of the saved policy's own draft
  const listeners = new Set();
  const memo = new Map(); // name -> { deps, value }
  const ofPolicies = new WeakMap(); // policy -> { lint?, coverage? }: what a compiled policy says of itself never changes
  const prefixCache = new Map();
  const reachCache = new Map();

  /** Frees a policy that neither the saved slot nor the draft holds any more. */
  function release(policy) {
    if (policy && policy !== savedPolicy && policy !== compiled?.policy) policy.free();
  }

  /**
   * Makes `next` the draft. `policy`, when given, is a policy whose toJSON()
   * the draft was made from (the saved one, an imported one): it is adopted
   * rather than compiled again, as the saved policy is for a draft edited
   * back to it. Returns whether the compiled draft changed.
   */
  function setDraft(next, { policy = null } = {}) {
    current = next;
    const config = draftToConfig(current);
    const text = JSON.stringify(config);
    if (text === compiled?.text) return false;
    const old = compiled?.policy;
    if (!policy && text === savedText) policy = savedPolicy;
    if (policy) {
      compiled = { text, policy, config: policy.toJSON(), error: null };
    } else {
      try {
        const fresh = new DialPolicy(config);
        compiled = { text, policy: fresh, config: fresh.toJSON(), error: null };
      } catch (e) {
        if (!(e instanceof DialguardError)) throw e;
        compiled = { text, policy: null, config: null, error: e };
      }
    }
    release(old);
    return true;
  }

  function emit(changes) {
    for (const fn of listeners) fn(changes);
  }

  /** `compute()` again only when one of `deps` changed (by identity) since the last call. */
  function derived(name, deps, compute) {
    const hit = memo.get(name);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.value;
    const value = compute();
    memo.set(name, { deps, value });
    return value;
  }

  const callLogLines = () =>
    callLogText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "");

  /** A new draft from the admin: kept across reloads, undoable when it has an `undo` label. */
  function change(next, { undo = null, policy = null } = {}) {
    undoPoint = undo ? Object.freeze({ label: undo, draft: current }) : null;
    setDraft(next, { policy });
    persist.draft?.(current);
    emit({ draft: true });
  }

  /** Back to the saved policy's own form, which reuses the saved policy. */
  function resetDraft() {
    undoPoint = null;
    savedText = JSON.stringify(draftToConfig(configToDraft(savedConfig)));
    setDraft(configToDraft(savedConfig), { policy: savedPolicy });
    persist.draft?.(null);
  }

  /** What the compiled draft's policy says of itself (`compute(policy)`), once per policy; null while the draft is invalid. */
  function ofPolicy(name, compute) {
    const { policy } = compiled;
    if (!policy) return null;
    let said = ofPolicies.get(policy);
    if (!said) ofPolicies.set(policy, (said = {}));
    if (!(name in said)) said[name] = compute(policy);
    return said[name];
  }

  savedText = JSON.stringify(draftToConfig(configToDraft(savedConfig)));
  if (draft) setDraft(draft);
  else setDraft(configToDraft(savedConfig), { policy: savedPolicy });

  return {
    /** The saved policy (the dial pad checks with it) and its normalized config. */
    get saved() {
      return { policy: savedPolicy, config: savedConfig };
    },
    /** The draft as the form shows it; read it, change it with edit(). */
    get draft() {
      return current;
    },
    /** The compiled draft: `{ policy, config }` when valid, `{ error }` (a DialguardError) when not. A new object per change. */
    get compiled() {
      return compiled;
    },
    /** True when saving would change something (or the draft is invalid). */
    get dirty() {
      return compiled.error !== null || configKey(compiled.config) !== configKey(savedConfig);
    },
    get callLog() {
      return callLogText;
    },
    /** The last change, when it can be undone: `{ label }`, or null. */
    get undoPoint() {
      return undoPoint;
    },

    /** Calls `fn({ saved?, draft?, callLog? })` after every change. */
    subscribe(fn) {
      listeners.add(fn);
    },

    /**
     * Changes the draft: `update(draft)` edits a copy. With `undo` (a label), the change can be undone;
     * `entry`: the allow entry the admin just switched, which the preview names first.
     */
    edit(update, { undo = null, entry = null } = {}) {
      const next = structuredClone(current);
      update(next);
      lastEntry = entry;
      change(next, { undo });
    },

    /** The allow entry switched last ("CA", "+881"), or null. */
    get lastEntry() {
      return lastEntry;
    },

    /** Puts the draft back as it was before the last undoable change. */
    undo() {
      if (!undoPoint) return null;
      const { label, draft: before } = undoPoint;
      change(before);
      return label;
    },

    /** The draft's lint warnings, or null while it is invalid. */
    lint() {
      return ofPolicy("lint", (policy) => policy.lint());
    },

    /** What the draft's allow list covers of each region, in regions() order (Coverage[]), or null while the draft is invalid. */
    coverage() {
      return ofPolicy("coverage", (policy) => policy.coverage());
    },

    /** What saving the draft would change, with the call log replayed: a PolicyDiff, or null while the draft is invalid. */
    diff() {
      return derived("diff", [compiled, savedPolicy, callLogText], () => {
        if (!compiled.policy) return null;
        const log = callLogLines();
        return savedPolicy.diff(compiled.policy, log.length ? log : undefined);
      });
    },

    /** Makes the draft the saved policy (no compile: the draft's policy is kept). False while the draft is invalid. */
    save() {
      if (!compiled.policy) return false;
      const old = savedPolicy;
      savedPolicy = compiled.policy;
      savedConfig = compiled.config;
      release(old);
      persist.saved?.(savedConfig);
      resetDraft();
      emit({ saved: true, draft: true });
      return true;
    },

    /** Drops the draft's changes. */
    revert() {
      resetDraft();
      emit({ draft: true });
    },

    /**
     * Reads a policy file (JSON text) into the draft, never into the saved
     * policy: nothing changes before Save, and the import can be undone.
     * Returns null, or the error `{ code, path, message, detail }` (the engine's
     * DialguardError: "syntax-error" when the text is no JSON, "duplicate-key"
     * for a key given twice), leaving the draft as it was.
     */
    importText(text) {
      let policy;
      try {
        policy = DialPolicy.fromJSON(text);
      } catch (e) {
        if (!(e instanceof DialguardError)) throw e;
        return { code: e.code, path: e.path, message: e.message, detail: e.detail };
      }
      change(configToDraft(policy.toJSON()), { undo: "import", policy });
      if (compiled.policy !== policy) policy.free(); // the same text as the draft already had
      return null;
    },

    /** The saved policy as a file: the exact text the edge check service takes as POLICY or a KV value. */
    exportText() {
      return `${JSON.stringify(savedConfig, null, 2)}\n`;
    },

    setCallLog(text) {
      callLogText = text;
      persist.callLog?.(callLogText);
      emit({ callLog: true });
    },

    appendCallLog(dialed) {
      this.setCallLog(callLogText.replace(/\s*$/, "") + (callLogText.trim() ? "\n" : "") + dialed);
    },

    /** Every literal international prefix of a region (suggestPrefixes), [] for none; cached. */
    prefixesOf(region) {
      if (!region) return [];
      if (!prefixCache.has(region)) {
        let list = [];
        try {
          list = suggestPrefixes(region);
        } catch (e) {
          if (!(e instanceof DialguardError)) throw e;
        }
        prefixCache.set(region, list);
      }
      return prefixCache.get(region);
    },

    /** What an allow entry such as "+1876" reaches (the engine's allowEntryReach), or null for one a policy refuses. */
    reach(entry) {
      if (!reachCache.has(entry)) {
        let reach = null;
        try {
          reach = allowEntryReach(entry);
        } catch (e) {
          if (!(e instanceof DialguardError)) throw e;
        }
        reachCache.set(entry, reach);
      }
      return reachCache.get(entry);
    },
  };
}
