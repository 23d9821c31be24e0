// The light entry's API, dialguard/check (docs/contract.md §5): a compiled
// policy loaded from its bytes and the per-keystroke calls, nothing else,
// over the light build of the binding (wasm/src/lib.rs without feature
// `config`) and its own wasm-bindgen glue (light-glue.js). Its runtime
// entries (light-node.mjs, light-web.js, light-workerd.js, light-deno.js)
// instantiate the module as the main entry's do and call attach(). The
// record reader, the errors and init()'s loading are the main entry's
// (shared.js).

import { Policy, instance, regionIds } from "./light-glue.js";
import { allowListOf, attachMemory, decide, load, policyBytes, ready, strings, verdictOf } from "./shared.js";

export { DialguardError, compile, dataVersion, maxDialLength, readInitOptions } from "./shared.js";

/** The light build's code in instance() (wasm/src/lib.rs). */
const LIGHT = 2;

let loaded = null; // the Policy fromBytes() hands to the constructor

/** Called by the runtime entry once the WebAssembly instance is ready. */
export function attach(exports) {
  const described = instance();
  if (described[3] !== LIGHT) {
    throw new Error("dialguard/check: this WebAssembly is not the light build (dialguard_light_bg.wasm)");
  }
  attachMemory(exports, described, regionIds());
}

/**
 * A compiled policy, loaded from its bytes: the main entry's
 * `policy.toBytes()`, or the check service's `GET /v1/policy` as
 * application/octet-stream. It decides exactly as the policy it came from.
 */
export class DialPolicy {
  #inner;
  #allow; // the normalized allow list, for the Decision's rule

  /** Made by DialPolicy.fromBytes(): this entry compiles no configuration. */
  constructor() {
    if (loaded === null) {
      throw new TypeError('dialguard/check loads compiled policies only: DialPolicy.fromBytes(bytes) (a configuration is compiled with "dialguard")');
    }
    this.#inner = loaded;
    this.#allow = allowListOf(loaded);
  }

  /**
   * Loads a compiled policy: a Uint8Array or an ArrayBuffer. Bytes that are
   * no compiled policy, of another format or data version, cut short or
   * changed throw a DialguardError that says which.
   */
  static fromBytes(bytes) {
    bytes = policyBytes(bytes);
    ready();
    loaded = load(Policy, bytes);
    try {
      return new this(); // a subclass's fromBytes makes one of it
    } finally {
      loaded = null;
    }
  }

  /** A short stable hash of what the policy decides (16 hex digits): the check service's ETag. */
  get fingerprint() {
    return this.#live().fingerprint();
  }

  #live() {
    if (this.#inner === null) throw new Error("this DialPolicy has been freed");
    return this.#inner;
  }

  /** Judges a dial and explains the verdict. Never throws for a string. */
  check(dialed) {
    return decide(this.#live(), this.#allow, dialed);
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

  /** Releases the policy's memory now (it is also released when collected). */
  free() {
    this.#inner?.free();
    this.#inner = null;
  }
}

if (typeof Symbol.dispose === "symbol") {
  DialPolicy.prototype[Symbol.dispose] = DialPolicy.prototype.free;
}
