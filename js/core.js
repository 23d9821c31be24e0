// The dialguard API (SPEC section 5) over the WebAssembly exports. Every
// runtime entry (node.mjs, web.js, workerd.js, deno.js) instantiates the
// module its own way, calls attach() with the instance's exports, and
// re-exports this module.

export const dataVersion = "@DATA_VERSION@";

let raw = null; // the instance's exports, once attached (only numbers cross: no glue needed)
let units = null; // Uint16Array over the instance's memory
let inputAt = 0; // where dials are written, in units
let outputAt = 0; // where check records are read, in units
let regionIds = null;
let catalog = null;
let admin = false; // whether the build attached has lint, diff and the catalog (src/wasm.rs)

const MAX_UNITS = 257; // one more than a dial may have, so too long is seen
const MAX_REGIONS = 25; // regions a check record may list (src/wasm.rs)
// Verdict codes as they cross (src/wasm.rs): 0 is no verdict, read as malformed.
const VERDICTS = [, "allowed", "blocked", "not-international", "incomplete", "malformed"];
let REASONS = [];
let REASON_VERDICTS = []; // the verdict code of each reason

// The ops of call (src/wasm.rs), the one export for everything text.
const META = 0;
const LAST_ERROR = 1;
const CONFIG = 2;
const LINT = 3;
const DIFF = 4;
const REGIONS = 5;
const SEARCH = 6;
const SUGGEST = 7;

/**
 * Called by the runtime entry once the WebAssembly instance is ready;
 * returns its build: "admin" or "check" (see src/wasm.rs).
 */
export function attach(exports) {
  raw = exports;
  const [names, ids, build, reasonVerdicts] = call(META).split("\t");
  [inputAt, outputAt, ...REASONS] = names.split(",");
  inputAt /= 2;
  outputAt /= 2;
  regionIds = ids.split(",");
  REASON_VERDICTS = Array.from(reasonVerdicts, Number);
  admin = build === "admin";
  return build;
}

function ready() {
  if (raw === null) {
    throw new Error("dialguard is not initialized: await init() first (browsers and bundlers)");
  }
  return view();
}

/**
 * A view of the instance's memory as it is now. Memory that grows (inside
 * any call) gets a new buffer and detaches the old view, whose reads give
 * undefined: take the view after every call, never before.
 */
function view() {
  if (units === null || units.buffer !== raw.memory.buffer) {
    units = new Uint16Array(raw.memory.buffer);
  }
  return units;
}

/** Checks the options of `init()` (in every runtime); whether they ask for the admin build. */
export function readInitOptions(options) {
  const valid =
    options === undefined ||
    (options !== null &&
      Object.getPrototypeOf(options) === Object.prototype &&
      Object.keys(options).every((key) => key === "admin" || key === "wasm") &&
      (options.admin === undefined || typeof options.admin === "boolean"));
  if (!valid) {
    throw new TypeError("init() takes an options object: { admin?: boolean, wasm?: URL | string | Response | BufferSource | WebAssembly.Module }");
  }
  return options?.admin === true;
}

/** Throws unless the admin build is attached (browsers load the check build by default). */
function needsAdmin(what) {
  ready();
  if (!admin) throw new Error(`${what} is in the admin build: call init({ admin: true }) rather than init()`);
}

/** Writes `text` into the text buffer as UTF-16 (no encoder); returns its length. */
function give(text) {
  const at = raw.text_buffer(text.length) / 2;
  const view = ready();
  for (let i = 0; i < text.length; i++) view[at + i] = text.charCodeAt(i);
  return text.length;
}

const utf8 = new TextDecoder();

/** Runs an op of `call` (src/wasm.rs) and returns its result. */
function call(op, handle = 0, other = 0, text = "") {
  const len = raw.call(op, handle, other, give(text));
  return utf8.decode(new Uint8Array(raw.memory.buffer, raw.result(), len));
}

/** A configuration error: `code` is stable, `path` names the field. */
export class DialguardError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = "DialguardError";
    this.code = code;
    this.path = path;
  }
}

function lastError() {
  const [code, path, message] = call(LAST_ERROR).split("\t");
  return new DialguardError(code, path, message);
}

function configText(config) {
  try {
    return JSON.stringify(config) ?? "null";
  } catch (e) {
    throw new DialguardError("wrong-type", "", `a policy must be plain JSON data: ${e.message}`);
  }
}

function compile(config) {
  ready();
  const handle = raw.policy_new(give(configText(config)));
  if (handle < 0) throw lastError();
  return handle;
}

const registry = typeof FinalizationRegistry === "function" ? new FinalizationRegistry((h) => raw.policy_free(h)) : null;

/** Writes a dial's UTF-16 units into the input buffer; returns how many. */
function write(dialed) {
  if (typeof dialed !== "string") {
    throw new TypeError(`a dial must be a string, not ${dialed === null ? "null" : typeof dialed}`);
  }
  const view = ready();
  const n = dialed.length < MAX_UNITS ? dialed.length : MAX_UNITS;
  for (let i = 0; i < n; i++) view[inputAt + i] = dialed.charCodeAt(i);
  return n;
}

/**
 * The string in `view[from..to]`: eight units to a fromCharCode call with
 * fixed arguments, twice as fast as `apply` over a subarray.
 */
function text(view, from, to) {
  const char = String.fromCharCode;
  let s = "";
  let i = from;
  for (; i + 8 <= to; i += 8) {
    s += char(view[i], view[i + 1], view[i + 2], view[i + 3], view[i + 4], view[i + 5], view[i + 6], view[i + 7]);
  }
  for (; i < to; i++) s += char(view[i]);
  return s;
}

/**
 * The dial string at `view[from..from + len]`: `dialed` itself when it is
 * already canonical, as contacts (E.164) and dial pads give it, since
 * making a string from memory costs more than the rest of a check.
 */
function dialText(view, from, len, dialed) {
  if (dialed.length === len) {
    let i = 0;
    while (i < len && dialed.charCodeAt(i) === view[from + i]) i++;
    if (i === len) return dialed;
  }
  return text(view, from, from + len);
}

/** The decision for a record that cannot be read with certainty: fail closed. */
const unreadable = () => ({ verdict: "malformed", reason: "internal-error", dialString: "" });

/**
 * Builds a Decision from the record `check` wrote (see src/wasm.rs) for
 * `dialed`, or `unreadable()` unless the record is whole and consistent:
 * a known verdict code, a reason of that verdict, and every length and
 * offset inside the record.
 */
function readDecision(dialed, allow) {
  const v = view();
  const o = outputAt;
  const verdictCode = v[o] >> 8;
  const reasonIndex = v[o] & 0xff;
  const flags = v[o + 1];
  const dialLen = v[o + 2];
  const postDialLen = v[o + 3];
  const regionCount = v[o + 10];
  const consistent =
    REASON_VERDICTS[reasonIndex] === verdictCode &&
    regionCount <= MAX_REGIONS &&
    dialLen + postDialLen <= MAX_UNITS &&
    v[o + 4] <= v[o + 5] &&
    v[o + 5] <= dialLen &&
    v[o + 6] <= dialLen &&
    (!(flags & 64) || v[o + 9] < allow.length);
  if (!consistent) return unreadable();
  const dial = o + 11 + regionCount;
  const dialString = dialText(v, dial, dialLen, dialed);
  const d = {
    verdict: VERDICTS[verdictCode],
    reason: REASONS[reasonIndex],
    dialString,
  };
  if (flags & 1) d.prefix = dialString.slice(v[o + 4], v[o + 5]);
  if (flags & 2) {
    d.callingCode = String(v[o + 7]);
    const regions = new Array(regionCount);
    for (let i = 0; i < regionCount; i++) regions[i] = regionIds[v[o + 11 + i]];
    d.regions = regions;
    d.nationalNumber = dialString.slice(v[o + 6]);
  }
  if (flags & 32) d.postDial = text(v, dial + dialLen, dial + dialLen + postDialLen);
  if (flags & 4) d.canBeAllowed = (flags & 8) !== 0;
  if (flags & 16) d.position = v[o + 8];
  if (flags & 64) d.rule = allow[v[o + 9]];
  return d;
}

/** A call log as `diff` reads it (src/wasm.rs): a first unit, then each dial after its length in two units. */
function callLogText(callLog) {
  let text = "\0";
  // fromCharCode keeps the low 16 bits of the second.
  for (const d of callLog) text += String.fromCharCode(d.length >>> 16, d.length) + d;
  return text;
}

export class DialPolicy {
  #handle;
  #allow;

  constructor(config) {
    this.#handle = compile(config);
    this.#allow = this.toJSON().allow;
    registry?.register(this, this.#handle, this);
  }

  #live() {
    if (this.#handle < 0) throw new Error("this DialPolicy has been freed");
    return this.#handle;
  }

  /** Judges a dial and explains the verdict. Never throws for a string. */
  check(dialed) {
    const handle = this.#live();
    const n = write(dialed);
    return raw.check(handle, n) ? readDecision(dialed, this.#allow) : unreadable();
  }

  /** The verdict alone: the same as check(dialed).verdict, faster. */
  verdict(dialed) {
    const handle = this.#live();
    return VERDICTS[raw.verdict(handle, write(dialed))] ?? "malformed";
  }

  checkMany(dialed) {
    if (!Array.isArray(dialed)) throw new TypeError("checkMany takes an array of strings");
    return dialed.map((d) => this.check(d));
  }

  /** What saving `proposed` in place of this policy would change. */
  diff(proposed, callLog) {
    const handle = this.#live();
    needsAdmin("diff()");
    if (callLog !== undefined && (!Array.isArray(callLog) || callLog.some((d) => typeof d !== "string"))) {
      throw new TypeError("callLog must be an array of strings");
    }
    const other = compile(proposed);
    try {
      return JSON.parse(call(DIFF, handle, other, callLog === undefined ? "" : callLogText(callLog)));
    } finally {
      raw.policy_free(other);
    }
  }

  /** The policy's weak spots, warnings first. */
  lint() {
    const handle = this.#live();
    needsAdmin("lint()");
    return JSON.parse(call(LINT, handle));
  }

  /** The normalized configuration. */
  toJSON() {
    return JSON.parse(call(CONFIG, this.#live()));
  }

  /** Releases the policy's memory now (it is also released when collected). */
  free() {
    if (this.#handle >= 0) {
      registry?.unregister(this);
      raw.policy_free(this.#handle);
      this.#handle = -1;
    }
  }
}

if (typeof Symbol.dispose === "symbol") {
  DialPolicy.prototype[Symbol.dispose] = DialPolicy.prototype.free;
}

function regionCatalog(what) {
  needsAdmin(what);
  if (catalog === null) {
    catalog = JSON.parse(call(REGIONS));
    for (const r of catalog) {
      Object.freeze(r.sharedWith);
      if (r.leadingDigits) Object.freeze(r.leadingDigits);
      Object.freeze(r);
    }
  }
  return catalog;
}

/** Every region and non-geographic code. */
export function regions() {
  return regionCatalog("regions()").slice();
}

/** Regions for a search box, best match first. */
export function searchRegions(query, limit) {
  if (typeof query !== "string") throw new TypeError("query must be a string");
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new TypeError("limit must be a non-negative integer");
  }
  const all = regionCatalog("searchRegions()");
  const found = JSON.parse(call(SEARCH, 0, limit === undefined ? 0xffffffff : Math.min(limit, 0xffffffff), query));
  return found.map((i) => all[i]);
}

/** The international prefixes of a home region, preferred first. */
export function suggestPrefixes(homeRegion) {
  if (typeof homeRegion !== "string") throw new TypeError("homeRegion must be a string");
  ready();
  const list = call(SUGGEST, 0, 0, homeRegion);
  if (list === "") throw lastError();
  return JSON.parse(list);
}
