// The dialguard API (docs/contract.md §5) over the WebAssembly binding
// (wasm/src/lib.rs) and its wasm-bindgen glue. Every runtime entry
// (node.mjs, web.js, workerd.js, deno.js) instantiates the module its own
// way with the glue's initSync and calls attach() with the instance's
// exports; each re-exports this module. Structured values cross through
// serde-wasm-bindgen in the binding; check() reads a numeric record
// (wasm/src/record.rs) with the reader the light entry shares (shared.js).

import {
  Policy,
  instance,
  regionIds,
  allowEntryReach as entryReach,
  parseAllowEntry as parseEntry,
  recommendedBlockedTypes as recommendedTypes,
  regions as catalogRegions,
  searchRegions as findRegions,
  suggestPrefixes as prefixesOf,
} from "./glue.js";

import { NUMBER_TYPES } from "./record.js";
import { allowListOf, attachMemory, checkDial, decide, policyBytes, ready, strings, verdictOf } from "./shared.js";

export { DialguardError, compile, dataVersion, maxDialLength, readInitOptions } from "./shared.js";

let compiled = null; // a Policy fromJSON() hands to the constructor
let catalog = null;

/**
 * Called by the runtime entry once the WebAssembly instance is ready;
 * returns its build: "admin" or "check" (see wasm/src/lib.rs).
 */
export function attach(exports) {
  const described = instance();
  attachMemory(exports, described, regionIds());
  catalog = null;
  return described[3] === 1 ? "admin" : "check";
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
    bytes = policyBytes(bytes);
    ready();
    compiled = Policy.fromBytes(bytes);
    try {
      return new this();
    } finally {
      compiled = null;
    }
  }

  /**
   * What a compiled policy's bytes were compiled from, whichever numbering
   * data compiled them: `{ config, dataVersion }`. A service that gets
   * bytes of another data version (fromBytes refuses them) can judge by
   * their configuration with this package's data.
   */
  static compiledFrom(bytes) {
    bytes = policyBytes(bytes, "compiledFrom");
    ready();
    return Policy.compiledFrom(bytes);
  }

  /** The compiled policy: its normalized configuration, rules and the number types it needs, versioned and checksummed. */
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
    return decide(inner, (this.#allow ??= allowListOf(inner)), dialed);
  }

  /** The verdict alone: the same as check(dialed).verdict, faster. */
  verdict(dialed) {
    return verdictOf(this.#live(), dialed);
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
