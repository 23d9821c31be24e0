//# allFunctionsCalledOnLoad
// The saved policy and the admin's draft: how they are kept in localStorage
// and how the form's fields map to a PolicyConfig. No DOM: state.js and the
// Node tests use it too.

const KEYS = {
  saved: "dialguard-demo:saved-policy",
  draft: "dialguard-demo:draft",
  callLog: "dialguard-demo:call-log",
};

/** The worked example of the reference feature: a factory in Mexico whose customers are in Argentina. */
export const DEFAULT_CONFIG = Object.freeze({
  enabled: true,
  homeRegion: "MX",
  plusIsInternational: true,
  accessCodes: [],
  featureCodes: [],
  keypadLetters: false,
  allow: ["AR"],
  sharedCodes: "together",
  judgeNationalDialing: false,
});

export const SAMPLE_CALL_LOG = [
  "00 54 11 4321 5678",
  "+1 416 555 0123",
  "00 1 876 555 0123",
  "+44 20 7946 0000",
  "09 1 809 555 0199",
  "55 1234 5678",
].join("\n");


function read(key) {
  try {
    const text = localStorage.getItem(key);
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the demo still works for this visit.
  }
}

export const loadSaved = () => read(KEYS.saved);
export const storeSaved = (config) => write(KEYS.saved, config);
export const loadDraft = () => read(KEYS.draft);
export const storeDraft = (draft) => write(KEYS.draft, draft);
export const clearDraft = () => write(KEYS.draft, null);
export function loadCallLog() {
  const text = read(KEYS.callLog);
  return typeof text === "string" ? text : SAMPLE_CALL_LOG;
}
export const storeCallLog = (text) => write(KEYS.callLog, text);

/** "9, 81" -> ["9", "81"]: commas, semicolons or spaces separate entries. */
export function splitList(text) {
  return String(text ?? "")
    .split(/[\s,;]+/)
    .filter((s) => s !== "");
}

/** The draft's fields for each config key the form has fields for; any other key rides along in `draft.extra`. */
const FIELDS = {
  enabled: ["enabled"],
  homeRegion: ["homeRegion"],
  internationalPrefixes: ["prefixMode", "prefixesText"],
  plusIsInternational: ["plusIsInternational"],
  accessCodes: ["accessCodesText"],
  featureCodes: ["featureCodesText"],
  keypadLetters: ["keypadLetters"],
  allow: ["allow"],
  sharedCodes: ["sharedCodes"],
  judgeNationalDialing: ["judgeNationalDialing"],
  blockNumberTypes: ["blockNumberTypes"],
};

/** The keys of a config that the form has no field for (kept as they are, so an import loses nothing). */
function extraKeys(config) {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !Object.hasOwn(FIELDS, key)));
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const strings = (v) => (Array.isArray(v) ? v.filter((e) => typeof e === "string") : []);

/** The form's state for a policy config. */
export function configToDraft(config) {
  return {
    extra: extraKeys(config),
    enabled: config.enabled !== false,
    homeRegion: typeof config.homeRegion === "string" ? config.homeRegion.toUpperCase() : "",
    prefixMode: Array.isArray(config.internationalPrefixes) ? "custom" : "home",
    prefixesText: Array.isArray(config.internationalPrefixes) ? config.internationalPrefixes.join(", ") : "",
    plusIsInternational: config.plusIsInternational !== false,
    accessCodesText: (config.accessCodes ?? []).join(", "),
    featureCodesText: (config.featureCodes ?? []).join(", "),
    keypadLetters: config.keypadLetters === true,
    allow: [...(config.allow ?? [])],
    sharedCodes: config.sharedCodes === "by-region" ? "by-region" : "together",
    judgeNationalDialing: config.judgeNationalDialing === true,
    blockNumberTypes: [...(config.blockNumberTypes ?? [])],
  };
}

/** A draft read back from storage, with every field of the right type. */
export function sanitizeDraft(value) {
  if (!isObject(value)) return null;
  const base = configToDraft(DEFAULT_CONFIG);
  const text = (v, fallback) => (typeof v === "string" ? v : fallback);
  const flag = (v, fallback) => (typeof v === "boolean" ? v : fallback);
  return {
    extra: isObject(value.extra) ? extraKeys(value.extra) : {},
    enabled: flag(value.enabled, base.enabled),
    homeRegion: text(value.homeRegion, base.homeRegion),
    prefixMode: value.prefixMode === "custom" ? "custom" : "home",
    prefixesText: text(value.prefixesText, ""),
    plusIsInternational: flag(value.plusIsInternational, base.plusIsInternational),
    accessCodesText: text(value.accessCodesText, ""),
    featureCodesText: text(value.featureCodesText, ""),
    keypadLetters: flag(value.keypadLetters, false),
    allow: strings(value.allow),
    sharedCodes: value.sharedCodes === "by-region" ? "by-region" : "together",
    judgeNationalDialing: flag(value.judgeNationalDialing, false),
    blockNumberTypes: strings(value.blockNumberTypes),
  };
}

/** The PolicyConfig the form describes (the engine validates it). */
export function draftToConfig(draft) {
  const config = { ...draft.extra, enabled: draft.enabled };
  if (draft.homeRegion) config.homeRegion = draft.homeRegion;
  if (draft.prefixMode === "custom") config.internationalPrefixes = splitList(draft.prefixesText);
  config.plusIsInternational = draft.plusIsInternational;
  config.accessCodes = splitList(draft.accessCodesText);
  config.featureCodes = splitList(draft.featureCodesText);
  config.keypadLetters = draft.keypadLetters;
  config.allow = [...draft.allow];
  config.sharedCodes = draft.sharedCodes;
  // Sent as set, even without a home region: the engine then reports missing-home-region next to the switch.
  config.judgeNationalDialing = draft.judgeNationalDialing;
  config.blockNumberTypes = [...draft.blockNumberTypes];
  return config;
}

/**
 * Sets the keys of `patch`, a part of a PolicyConfig (a lint warning's
 * `fix`, such as `{ blockNumberTypes: [...] }`), in a draft; the other
 * fields stay as typed.
 */
export function patchDraft(draft, patch) {
  const patched = configToDraft({ ...draftToConfig(draft), ...patch });
  for (const key of Object.keys(patch)) {
    if (Object.hasOwn(FIELDS, key)) for (const field of FIELDS[key]) draft[field] = patched[field];
    else draft.extra[key] = patched.extra[key];
  }
}

/** A normalized config (toJSON()) as a string that ignores the order of its lists of allow entries and of number types. */
export function configKey(normalized) {
  return JSON.stringify({ ...normalized, allow: [...normalized.allow].sort(), blockNumberTypes: [...(normalized.blockNumberTypes ?? [])].sort() });
}
