// The dialguard API (docs/contract.md §5) over the WebAssembly binding
// (wasm/src/lib.rs) and its wasm-bindgen glue. Every runtime entry
// (node.mjs, web.js, workerd.js, deno.js) instantiates the module its own
// way with the glue's initSync and calls attach() with the instance's
// exports; each re-exports this module. Structured values cross through
// serde-wasm-bindgen in the binding; check() reads a numeric record
// (wasm/src/record.rs) whose layout is generated from the binding's
// (pkg/record.js).

import {
  Policy,
  instance,
  allowEntryReach as entryReach,
  parseAllowEntry as parseEntry,
  recommendedBlockedTypes as recommendedTypes,
  regions as catalogRegions,
  searchRegions as findRegions,
  suggestPrefixes as prefixesOf,
} from "./glue.js";

export const dataVersion = "@DATA_VERSION@";

/** The most UTF-16 units a dial may have: a longer one is `malformed` / `too-long`. */
export const maxDialLength = INPUT_UNITS - 1;

// The record's layout (pkg/record.js, generated from wasm/src/record.rs).
import {
  FINGERPRINT, INPUT_UNITS, RECORD_UNITS, HEADER, MAX_REGIONS, UNIT_NAMES, FLAG_NAMES, VERDICTS, REASONS, REASON_VERDICTS, REGION_IDS,
  NUMBER_TYPES, READING_KINDS, VALIDITIES,
  VERDICT, REASON, FLAGS, DIAL_LEN, POST_DIAL_LEN, PREFIX_START, PREFIX_END, NATIONAL_LEN, CALLING_CODE, POSITION, RULE, REGION_COUNT,
  NUMBER_TYPE, READING_KIND, READING_CODE_START, READING_CODE_END, READING_LEN, VALIDITY,
  F_PREFIX, F_CALLING_CODE, F_CAN_BE_ALLOWED_KNOWN, F_CAN_BE_ALLOWED, F_POSITION, F_POST_DIAL, F_RULE, F_NATIONAL_TEXT,
  F_NATIONAL_FORMAT,
} from "./record.js";

let memory = null; // the instance's WebAssembly.Memory, once attached
let units = null; // a Uint16Array over it, renewed when the memory grows
let input = 0; // where a dial is written, in units
let record = 0; // where check() writes its record, in units
let compiled = null; // a Policy fromJSON() hands to the constructor
let catalog = null;

// The fields this reader reads: a layout with others is a facade out of
// date, refused before any dial is read.
if (UNIT_NAMES.join(" ") !== "verdict reason flags dialLen postDialLen prefixStart prefixEnd nationalLen callingCode position rule regionCount numberType readingKind readingCodeStart readingCodeEnd readingLen validity" ||
    FLAG_NAMES.join(" ") !== "prefix callingCode canBeAllowedKnown canBeAllowed position postDial rule nationalText nationalFormat") {
  throw new Error(`dialguard: the check record has fields this facade does not read (${UNIT_NAMES}; ${FLAG_NAMES})`);
}

/**
 * Called by the runtime entry once the WebAssembly instance is ready;
 * returns its build: "admin" or "check" (see wasm/src/lib.rs). An
 * instance whose record layout is not the one this facade was built with
 * (a .wasm of another version) is refused.
 */
export function attach(exports) {
  const [inputAt, recordAt, fingerprint, admin] = instance();
  if (fingerprint !== FINGERPRINT) {
    throw new Error("dialguard: this WebAssembly is not the build this package's JavaScript reads");
  }
  memory = exports.memory;
  units = null;
  catalog = null;
  input = inputAt / 2;
  record = recordAt / 2;
  return admin === 1 ? "admin" : "check";
}

function ready() {
  if (memory === null) {
    throw new Error("dialguard is not initialized: await init() first (browsers and bundlers)");
  }
}

/**
 * A view of the instance's memory as it is now. Memory that grows (inside
 * any call) gets a new buffer and detaches the old one, and a view of a
 * detached buffer has length 0 and reads undefined: take the view after
 * every call, never before.
 */
function view() {
  if (units === null || units.length === 0) {
    units = new Uint16Array(memory.buffer);
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

/**
 * A configuration error: `code` is stable, `path` names the field. The
 * binding throws it as an `Error` named "DialguardError" (so that it
 * crosses realms and bundles); `instanceof` goes by that name.
 */
export class DialguardError extends Error {
  constructor(code, path, message, detail = message) {
    super(message);
    this.name = "DialguardError";
    this.code = code;
    this.path = path;
    this.detail = detail;
  }

  static [Symbol.hasInstance](value) {
    return Object.prototype.toString.call(value) === "[object Error]" && value.name === "DialguardError";
  }
}

function checkDial(dialed) {
  if (typeof dialed !== "string") {
    throw new TypeError(`a dial must be a string, not ${dialed === null ? "null" : typeof dialed}`);
  }
}

/** Writes a dial's UTF-16 units into the input buffer; returns how many. */
function write(dialed) {
  checkDial(dialed);
  const v = view();
  const n = dialed.length < INPUT_UNITS ? dialed.length : INPUT_UNITS;
  for (let i = 0; i < n; i++) v[input + i] = dialed.charCodeAt(i);
  return n;
}

/**
 * The string in `v[from..to]`: eight units to a fromCharCode call with
 * fixed arguments, twice as fast as `apply` over a subarray.
 */
function text(v, from, to) {
  const char = String.fromCharCode;
  let s = "";
  let i = from;
  for (; i + 8 <= to; i += 8) {
    s += char(v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4], v[i + 5], v[i + 6], v[i + 7]);
  }
  for (; i < to; i++) s += char(v[i]);
  return s;
}

/**
 * The dial string at `v[from..from + len]`: `dialed` itself when it is
 * already canonical, as contacts (E.164) and dial pads give it, since
 * making a string from memory costs more than the rest of a check.
 */
function dialText(v, from, len, dialed) {
  if (dialed.length === len) {
    let i = 0;
    while (i < len && dialed.charCodeAt(i) === v[from + i]) i++;
    if (i === len) return dialed;
  }
  return text(v, from, from + len);
}

/** The decision for a record that cannot be read with certainty: fail closed. */
const unreadable = () => ({ verdict: "malformed", reason: "internal-error", dialString: "" });

/**
 * Builds a Decision from the record at `v[o..]` for `dialed`, or
 * `unreadable()` unless the record is whole and consistent: a known verdict
 * code, a reason of that verdict, and every length and offset inside it.
 */
function readDecision(v, o, dialed, allow) {
  const verdictCode = v[o + VERDICT];
  const reasonIndex = v[o + REASON];
  const flags = v[o + FLAGS];
  const dialLen = v[o + DIAL_LEN];
  const postDialLen = v[o + POST_DIAL_LEN];
  const nationalLen = v[o + NATIONAL_LEN];
  const nationalText = (flags & F_NATIONAL_TEXT) !== 0;
  const readingLen = v[o + READING_LEN];
  const regionCount = v[o + REGION_COUNT];
  const at = o + HEADER + MAX_REGIONS;
  const consistent =
    verdictCode > 0 &&
    REASON_VERDICTS[reasonIndex] === verdictCode &&
    regionCount <= MAX_REGIONS &&
    dialLen + postDialLen <= INPUT_UNITS &&
    (nationalText || nationalLen <= dialLen) &&
    at + dialLen + postDialLen + (nationalText ? nationalLen : 0) + readingLen <= o + RECORD_UNITS &&
    v[o + PREFIX_START] <= v[o + PREFIX_END] &&
    v[o + PREFIX_END] <= dialLen &&
    v[o + NUMBER_TYPE] < NUMBER_TYPES.length &&
    v[o + READING_KIND] < READING_KINDS.length &&
    v[o + VALIDITY] < VALIDITIES.length &&
    v[o + READING_CODE_START] <= v[o + READING_CODE_END] &&
    v[o + READING_CODE_END] <= dialLen &&
    (!(flags & F_RULE) || v[o + RULE] < allow.length);
  if (!consistent) return unreadable();
  const dialString = dialText(v, at, dialLen, dialed);
  const d = { verdict: VERDICTS[verdictCode], reason: REASONS[reasonIndex], dialString };
  let next = at + dialLen + postDialLen;
  if (flags & F_PREFIX) d.prefix = dialString.slice(v[o + PREFIX_START], v[o + PREFIX_END]);
  if (flags & F_CALLING_CODE) {
    d.callingCode = String(v[o + CALLING_CODE]);
    const regions = new Array(regionCount);
    for (let i = 0; i < regionCount; i++) regions[i] = REGION_IDS[v[o + HEADER + i]];
    d.regions = regions;
    d.nationalNumber = nationalText ? text(v, next, next + nationalLen) : dialString.slice(dialLen - nationalLen);
  }
  if (nationalText) next += nationalLen;
  if (flags & F_POST_DIAL) d.postDial = text(v, at + dialLen, at + dialLen + postDialLen);
  if (flags & F_CAN_BE_ALLOWED_KNOWN) d.canBeAllowed = (flags & F_CAN_BE_ALLOWED) !== 0;
  if (flags & F_POSITION) d.position = v[o + POSITION];
  if (flags & F_RULE) d.rule = allow[v[o + RULE]];
  if (v[o + NUMBER_TYPE]) d.numberType = NUMBER_TYPES[v[o + NUMBER_TYPE]];
  if (v[o + VALIDITY]) d.validity = VALIDITIES[v[o + VALIDITY]];
  if (flags & F_NATIONAL_FORMAT) d.nationalFormat = true;
  if (v[o + READING_KIND]) {
    d.reading = {
      kind: READING_KINDS[v[o + READING_KIND]],
      code: dialString.slice(v[o + READING_CODE_START], v[o + READING_CODE_END]),
      dialString: text(v, next, next + readingLen),
    };
  }
  return d;
}

function strings(list, what) {
  if (!Array.isArray(list) || list.some((d) => typeof d !== "string")) {
    throw new TypeError(`${what} must be an array of strings`);
  }
}

export class DialPolicy {
  #inner;
  #allow = null; // the normalized allow list, for the Decision's rule

  constructor(config) {
    ready();
    this.#inner = compiled ?? new Policy(config);
  }

  /**
   * Compiles a policy file's JSON text (an import, a stored policy): a key
   * given twice is refused, as any error, with a DialguardError.
   */
  static fromJSON(text) {
    if (typeof text !== "string") throw new TypeError(`fromJSON takes a string, not ${text === null ? "null" : typeof text}`);
    ready();
    compiled = Policy.fromJSON(text);
    try {
      return new this(); // a subclass's fromJSON makes one of it
    } finally {
      compiled = null;
    }
  }

  /**
   * Loads a compiled policy (toBytes(), or the check service's
   * GET /v1/policy as application/octet-stream): a Uint8Array or an
   * ArrayBuffer. Bytes that are no compiled policy, of another format or
   * data version, cut short or changed throw a DialguardError that says which.
   */
  static fromBytes(bytes) {
    if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
    if (!(bytes instanceof Uint8Array)) {
      throw new TypeError(`fromBytes takes a Uint8Array or an ArrayBuffer, not ${bytes === null ? "null" : typeof bytes}`);
    }
    ready();
    compiled = Policy.fromBytes(bytes);
    try {
      return new this();
    } finally {
      compiled = null;
    }
  }

  /** The compiled policy: its normalized configuration and rules, versioned and checksummed. */
  toBytes() {
    return this.#live().toBytes();
  }

  /** A short stable hash of what the policy decides (16 hex digits), the same for the same policy however it was written. */
  get fingerprint() {
    return this.#live().fingerprint();
  }

  #live() {
    if (this.#inner === null) throw new Error("this DialPolicy has been freed");
    return this.#inner;
  }

  /** Judges a dial and explains the verdict. Never throws for a string. */
  check(dialed) {
    const inner = this.#live();
    // Asked for once, by the first check: a policy compiled for its lint or diff never needs it.
    const allow = (this.#allow ??= inner.allowList());
    inner.check(write(dialed));
    return readDecision(view(), record, dialed, allow);
  }

  /** The verdict alone: the same as check(dialed).verdict, faster. */
  verdict(dialed) {
    const inner = this.#live();
    return VERDICTS[inner.verdict(write(dialed))] ?? "malformed";
  }

  /** check() of each dial. */
  checkMany(dialed) {
    this.#live();
    strings(dialed, "checkMany takes an array of strings: dialed");
    return dialed.map((d) => this.check(d));
  }

  /** What saving `proposed` (a configuration or a DialPolicy) in place of this policy would change. */
  diff(proposed, callLog) {
    const inner = this.#live();
    if (callLog !== undefined) strings(callLog, "callLog");
    return #inner in Object(proposed) ? inner.diffPolicy(proposed.#live(), callLog) : inner.diff(proposed, callLog);
  }

  /** The policy's weak spots, warnings first. */
  lint() {
    return this.#live().lint();
  }

  /** searchRegions(), a number read as this policy reads a dial ("0054" after its prefix 00). */
  searchRegions(query, limit) {
    const inner = this.#live();
    checkSearch(query, limit);
    const found = inner.searchRegions(query, limit === undefined ? undefined : Math.min(limit, 0xffffffff));
    const all = regionCatalog();
    return Array.from(found, (i) => all[i]);
  }

  /** What the policy allows of each region, in the order of regions(). */
  coverage() {
    return this.#live().coverage();
  }

  /** The entries of blockNumberTypes that block a number of `type` (a Decision's numberType). */
  typesBlocking(type) {
    const inner = this.#live();
    if (typeof type !== "string" || !NUMBER_TYPES.includes(type)) {
      throw new TypeError(`typesBlocking takes a number type ("premium-rate", "mobile", …), not ${typeof type === "string" ? JSON.stringify(type) : typeof type}`);
    }
    return inner.typesBlocking(type);
  }

  /** Where a dial this policy leaves unchecked goes: the Decision judging national-format dials gives it, when the dial crosses to another region of the home calling code; otherwise undefined. */
  nationalReach(dialed) {
    const inner = this.#live();
    checkDial(dialed);
    return inner.nationalReach(dialed);
  }

  /** The normalized configuration. */
  toJSON() {
    return this.#live().toJSON();
  }

  /** Releases the policy's memory now (it is also released when collected). */
  free() {
    this.#inner?.free();
    this.#inner = null;
  }
}

if (typeof Symbol.dispose === "symbol") {
  DialPolicy.prototype[Symbol.dispose] = DialPolicy.prototype.free;
}

function regionCatalog() {
  if (catalog === null) {
    ready();
    catalog = catalogRegions();
    for (const r of catalog) {
      Object.freeze(r.sharedWith);
      if (r.leadingDigits) Object.freeze(r.leadingDigits);
      for (const t of r.numberTypes) Object.freeze(t);
      Object.freeze(r.numberTypes);
      Object.freeze(r);
    }
  }
  return catalog;
}

/** Every region and non-geographic code. */
export function regions() {
  return regionCatalog().slice();
}

function checkSearch(query, limit) {
  if (typeof query !== "string") throw new TypeError("query must be a string");
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new TypeError("limit must be a non-negative integer");
  }
}

/** Regions for a search box, best match first: names, ISO codes, calling codes and numbers ("+1 876"). */
export function searchRegions(query, limit) {
  checkSearch(query, limit);
  ready();
  const found = findRegions(query, limit === undefined ? undefined : Math.min(limit, 0xffffffff));
  const all = regionCatalog();
  return Array.from(found, (i) => all[i]);
}

/** One allow entry as a policy reads it, normalized ("ar" -> "AR"); throws a DialguardError (path "") for one it refuses. */
export function parseAllowEntry(entry) {
  if (typeof entry !== "string") throw new TypeError("an allow entry must be a string");
  ready();
  return parseEntry(entry);
}

/** What one allow entry reaches: `{ entry, callingCode, leadingDigits, regions, numberType? }`; throws a DialguardError for one it refuses. */
export function allowEntryReach(entry) {
  if (typeof entry !== "string") throw new TypeError("an allow entry must be a string");
  ready();
  return entryReach(entry);
}

/** The number types lint recommends blocking: ["premium-rate", "shared-cost", "personal-number"]. */
export function recommendedBlockedTypes() {
  ready();
  return recommendedTypes();
}

/** The international prefixes of a home region, preferred first. */
export function suggestPrefixes(homeRegion) {
  if (typeof homeRegion !== "string") throw new TypeError("homeRegion must be a string");
  ready();
  return prefixesOf(homeRegion);
}
