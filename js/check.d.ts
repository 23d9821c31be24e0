/// <reference lib="esnext.disposable" />
// Types of the light entry, dialguard/check: a compiled policy loaded from
// its bytes and the per-keystroke calls, the same in every runtime. The
// values are the main entry's (types.d.ts, generated from the Rust types).
import type { Decision, Verdict } from "./types.js";

export type { ConfigErrorKind, Decision, NumberType, Reading, ReadingKind, Reason, Validity, Verdict } from "./types.js";
/** Bytes that are no compiled policy, cut short, changed or of another version: `code` says which, `path` is "". */
export { DialguardError } from "./index.js";

/** A compiled policy, loaded from its bytes; it decides exactly as the policy it came from. */
export class DialPolicy {
  /** Made by `DialPolicy.fromBytes()`: this entry compiles no configuration. */
  private constructor();
  /**
   * Loads a compiled policy: the main entry's `policy.toBytes()`, or the check service's
   * `GET /v1/policy` with `Accept: application/octet-stream`.
   * @throws DialguardError with code "not-policy-bytes", "bytes-version", "data-version",
   * "truncated-bytes" or "corrupt-bytes", saying which.
   */
  static fromBytes(bytes: Uint8Array | ArrayBuffer): DialPolicy;
  /** A short stable hash of what the policy decides (16 hex digits): the check service's ETag and X-Dialguard-Policy. */
  readonly fingerprint: string;
  /** Judges a dial and explains the verdict. Never throws for a string. */
  check(dialed: string): Decision;
  /** The verdict alone, without building a Decision: the same as check(dialed).verdict. */
  verdict(dialed: string): Verdict;
  checkMany(dialed: readonly string[]): Decision[];
  /** Releases the policy's memory now; it is released anyway when collected. */
  free(): void;
  [Symbol.dispose](): void;
}

/** The numbering data: "libphonenumber 9.0.35". */
export const dataVersion: string;
/** The most UTF-16 units a dial may have (256): a longer one is `malformed` / `too-long`. */
export const maxDialLength: number;
export interface InitOptions {
  /** Where to load the light build from, instead of `dialguard_light_bg.wasm` beside the module. */
  wasm?: URL | string | Request | Response | PromiseLike<Response> | BufferSource | WebAssembly.Module;
}
/**
 * Instantiates the light build. Required (await it once) in browsers and bundlers;
 * already done in Node, Deno and Workers, where it resolves at once.
 */
export function init(options?: InitOptions): Promise<void>;
export default init;
