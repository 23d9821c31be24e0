// What both facades share: core.js (the main entry, dialguard) and
// light-core.js (the light entry, dialguard/check). One WebAssembly
// instance as they see it: its memory, the input writer and the check
// record's reader (the record, wasm/src/record.rs, is the same in every
// build; its layout is generated from the binding's into pkg/record.js),
// the errors, and the loading of a .wasm for init(). scripts/build.mjs
// bundles this module into each facade: each has the state of its own
// instance, even in a page that loads both entries.

import {
  FINGERPRINT, INPUT_UNITS, RECORD_UNITS, HEADER, MAX_REGIONS, VERDICTS, REASONS, REASON_VERDICTS,
  NUMBER_TYPES, READING_KINDS, VALIDITIES,
  VERDICT, REASON, FLAGS, DIAL_LEN, POST_DIAL_LEN, PREFIX_START, PREFIX_END, NATIONAL_LEN, CALLING_CODE, POSITION, RULE, REGION_COUNT,
  NUMBER_TYPE, READING_KIND, READING_CODE_START, READING_CODE_END, READING_LEN, VALIDITY,
  F_PREFIX, F_CALLING_CODE, F_CAN_BE_ALLOWED_KNOWN, F_CAN_BE_ALLOWED, F_POSITION, F_POST_DIAL, F_RULE, F_NATIONAL_TEXT,
  F_NATIONAL_FORMAT,
  REFUSAL_HEADER, ERROR_CODES, R_CODE, R_PATH_LEN, R_DETAIL_LEN, R_MESSAGE_LEN,
} from "./record.js";

export const dataVersion = "@DATA_VERSION@";

/** The most UTF-16 units a dial may have: a longer one is `malformed` / `too-long`. */
export const maxDialLength = INPUT_UNITS - 1;

let memory = null; // the instance's WebAssembly.Memory, once attached
let units = null; // a Uint16Array over it, renewed when the memory grows
let input = 0; // where a dial is written, in units
let record = 0; // where check() writes its record, in units
let regionIds = []; // the instance's region ids, by the index a record gives

/**
 * The record's fields this reader reads, in order: scripts/build.mjs
 * refuses a layout with others (a reader out of date), so that no package
 * is built whose reader leaves a field unread.
 */
export const READS = {
  units: "verdict reason flags dialLen postDialLen prefixStart prefixEnd nationalLen callingCode position rule regionCount numberType readingKind readingCodeStart readingCodeEnd readingLen validity",
  flags: "prefix callingCode canBeAllowedKnown canBeAllowed position postDial rule nationalText nationalFormat",
  refusal: "code pathLen detailLen messageLen",
};

/**
 * Attaches to an instance once the runtime entry has it: `exports` its
 * exports, `inputAt`, `recordAt` and `fingerprint` the first numbers of
 * its instance(), `ids` its regionIds(). An instance whose record layout
 * is not the one this facade was built with (a .wasm of another version)
 * is refused.
 */
export function attachMemory(exports, [inputAt, recordAt, fingerprint], ids) {
  if (fingerprint !== FINGERPRINT) {
    throw new Error("dialguard: this WebAssembly is not the build this package's JavaScript reads");
  }
  memory = exports.memory;
  units = null;
  input = inputAt / 2;
  record = recordAt / 2;
  regionIds = ids.split(" ");
}

export function ready() {
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

/**
 * Checks the options of `init()` (in every runtime): `{ wasm }`, and
 * `{ admin }` where the entry has the admin build (`withAdmin`); whether
 * they ask for it.
 */
export function readInitOptions(options, withAdmin) {
  const valid =
    options === undefined ||
    (options !== null &&
      Object.getPrototypeOf(options) === Object.prototype &&
      Object.keys(options).every((key) => key === "wasm" || (withAdmin && key === "admin")) &&
      (options.admin === undefined || typeof options.admin === "boolean"));
  if (!valid) {
    throw new TypeError(`init() takes an options object: { ${withAdmin ? "admin?: boolean, " : ""}wasm?: URL | string | Response | BufferSource | WebAssembly.Module }`);
  }
  return options?.admin === true;
}

/** For init() in browsers: a URL, a Response (or a promise of one), bytes or a module, compiled. */
export async function compile(wasm) {
  if (typeof wasm === "string" || wasm instanceof URL || (typeof Request === "function" && wasm instanceof Request)) {
    wasm = fetch(wasm);
  }
  wasm = await wasm;
  if (typeof Response === "function" && wasm instanceof Response) {
    if (!wasm.ok) throw new Error(`failed to fetch the WebAssembly: ${wasm.status} ${wasm.statusText} (${wasm.url})`);
    // Streaming compilation needs the right MIME type; without it, bytes.
    const streams = typeof WebAssembly.compileStreaming === "function" && wasm.headers.get("Content-Type") === "application/wasm";
    wasm = await (streams ? WebAssembly.compileStreaming(wasm) : wasm.arrayBuffer());
  }
  return wasm instanceof WebAssembly.Module ? wasm : WebAssembly.compile(wasm);
}

/**
 * A configuration error, or bytes that are no compiled policy: `code` is
 * stable, `path` names the field. The check and admin builds throw it as
 * an `Error` named "DialguardError" (so that it crosses realms and
 * bundles); the light facade makes this class's for its build's refusals
 * (`load`). `instanceof` goes by the name, so either entry's class knows
 * the other's errors.
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

export function checkDial(dialed) {
  if (typeof dialed !== "string") {
    throw new TypeError(`a dial must be a string, not ${dialed === null ? "null" : typeof dialed}`);
  }
}

export function strings(list, what) {
  if (!Array.isArray(list) || list.some((d) => typeof d !== "string")) {
    throw new TypeError(`${what} must be an array of strings`);
  }
}

/** The argument of fromBytes() (or `what`) as a Uint8Array: a Uint8Array or an ArrayBuffer. */
export function policyBytes(bytes, what = "fromBytes") {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`${what} takes a Uint8Array or an ArrayBuffer, not ${bytes === null ? "null" : typeof bytes}`);
  }
  return bytes;
}

/**
 * The light build's policy loaded from compiled bytes (`Policy` the glue's
 * class); for bytes it refuses, the DialguardError that its refusal in the
 * record says (the check and admin builds throw it themselves).
 */
export function load(Policy, bytes) {
  const policy = Policy.fromBytes(bytes);
  if (policy !== undefined) return policy;
  const v = view();
  const o = record;
  const code = ERROR_CODES[v[o + R_CODE]];
  const pathLen = v[o + R_PATH_LEN];
  const detailLen = v[o + R_DETAIL_LEN];
  const at = o + REFUSAL_HEADER;
  const end = at + pathLen + detailLen + v[o + R_MESSAGE_LEN];
  if (code == null || end > o + RECORD_UNITS) {
    throw new Error("dialguard: the WebAssembly refused the bytes, and its reason cannot be read");
  }
  const detail = text(v, at + pathLen, at + pathLen + detailLen);
  throw new DialguardError(code, text(v, at, at + pathLen), text(v, at + pathLen + detailLen, end), detail);
}

/** Writes a dial's UTF-16 units into the input buffer; returns how many. */
function write(dialed) {
  checkDial(dialed);
  const v = view();
  const n = dialed.length < INPUT_UNITS ? dialed.length : INPUT_UNITS;
  for (let i = 0; i < n; i++) v[input + i] = dialed.charCodeAt(i);
  return n;
}

/** The verdict of `policy` (the binding's Policy) for a dial: a code that is no verdict is malformed (fail closed). */
export function verdictOf(policy, dialed) {
  return VERDICTS[policy.verdict(write(dialed))] ?? "malformed";
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

/**
 * The normalized allow list of `policy` (the binding's Policy), whose
 * index a record's rule is: one string crosses, its entries separated by
 * spaces (none has one).
 */
export function allowListOf(policy) {
  const list = policy.allowList();
  return list === "" ? [] : list.split(" ");
}

/** The decision for a record that cannot be read with certainty: fail closed. */
const unreadable = () => ({ verdict: "malformed", reason: "internal-error", dialString: "" });

/**
 * The Decision of `policy` (the binding's Policy, whose normalized allow
 * list is `allow`) for `dialed`, read from the record its check() writes:
 * `unreadable()` unless the record is whole and consistent (a known
 * verdict code, a reason of that verdict, known regions, and every length
 * and offset inside it).
 */
export function decide(policy, allow, dialed) {
  policy.check(write(dialed));
  const v = view();
  const o = record;
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
    for (let i = 0; i < regionCount; i++) {
      const id = regionIds[v[o + HEADER + i]];
      if (id === undefined) return unreadable();
      regions[i] = id;
    }
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
