/// <reference lib="esnext.disposable" />
// Types of the dialguard package: the same API in every runtime. The types
// of the values that cross (configuration, decisions, lint, diff, the
// catalog) are generated from the Rust types into types.d.ts.
import type {
  CompiledFrom,
  ConfigErrorKind,
  Coverage,
  Decision,
  EntryReach,
  NumberType,
  PolicyConfig,
  PolicyDiff,
  PolicyWarning,
  RegionInfo,
  Verdict,
} from "./types.js";

export type * from "./types.js";

/** A policy as toJSON() gives it back: normalized, every key but the optional ones there. */
export type NormalizedPolicyConfig = Required<Omit<PolicyConfig, "homeRegion" | "internationalPrefixes">> & {
  homeRegion?: string;
  internationalPrefixes?: string[];
};

/** A configuration error. `path` names the field ("allow[2]"; "" for the whole config). */
export class DialguardError extends Error {
  constructor(code: ConfigErrorKind, path: string, message: string, detail?: string);
  readonly name: "DialguardError";
  readonly code: ConfigErrorKind;
  /** The field: "allow[2]", "homeRegion"; "" for the whole config. */
  readonly path: string;
  /** What is wrong, without the path: `unknown region "XX"` (the message is "path: detail"). */
  readonly detail: string;
}

export class DialPolicy {
  /** @throws DialguardError when the configuration is not valid. */
  constructor(config: PolicyConfig);
  /**
   * Compiles a policy file's JSON text; a key given twice is refused.
   * In browsers, needs the admin build: `init({ admin: true })`.
   * @throws DialguardError (code "syntax-error" for text that is not JSON, "duplicate-key", ...)
   */
  static fromJSON(text: string): DialPolicy;
  /**
   * Loads a compiled policy (`toBytes()`, or the check service's `GET /v1/policy` as
   * `application/octet-stream`), to judge with exactly what the server enforces.
   * @throws DialguardError with code "not-policy-bytes", "bytes-version", "data-version",
   * "truncated-bytes" or "corrupt-bytes", saying which.
   */
  static fromBytes(bytes: Uint8Array | ArrayBuffer): DialPolicy;
  /**
   * What a compiled policy's bytes were compiled from, whichever numbering data compiled
   * them, in this format or the two before: `new DialPolicy(compiledFrom(bytes).config)`
   * judges by their configuration with this package's data, where fromBytes refuses bytes
   * of another `dataVersion` or format ("bytes-version").
   * In browsers, needs the admin build: `init({ admin: true })`.
   * @throws DialguardError as fromBytes does for bytes that are not whole and unchanged.
   */
  static compiledFrom(bytes: Uint8Array | ArrayBuffer): CompiledFrom;
  /** The compiled policy: its normalized configuration, what it derived and its rules and number types, under a label, the format and data versions, the fingerprint and a checksum. */
  toBytes(): Uint8Array;
  /** A short stable hash of what the policy decides (16 hex digits): the same for the same policy however its JSON was written. */
  readonly fingerprint: string;
  /** Judges a dial and explains the verdict. Never throws for a string. */
  check(dialed: string): Decision;
  /** The verdict alone, without building a Decision: the same as check(dialed).verdict. */
  verdict(dialed: string): Verdict;
  checkMany(dialed: readonly string[]): Decision[];
  /**
   * What saving `proposed` (a configuration, or a policy already compiled) in place of this
   * policy would change, from what the two decide: every dial judged differently is covered
   * by one of `changes`, and each change's `example` is judged as it says. @throws DialguardError
   * In browsers, needs the admin build: `init({ admin: true })`.
   */
  diff(proposed: PolicyConfig | DialPolicy, callLog?: readonly string[]): PolicyDiff;
  /** The policy's weak spots, warnings first. In browsers, needs the admin build: `init({ admin: true })`. */
  lint(): PolicyWarning[];
  /**
   * What the policy allows of each region and non-geographic code, in the order of regions():
   * the engine's reading of the allow list, for a settings table. In browsers, needs the admin build.
   */
  coverage(): Coverage[];
  /**
   * The entries of blockNumberTypes that block a number of this type (a Decision's numberType):
   * "fixed-line" and "mobile" each block "fixed-line-or-mobile". In browsers, needs the admin build.
   */
  typesBlocking(type: NumberType): NumberType[];
  /**
   * Where a dial this policy leaves unchecked goes: with judgeNationalDialing off and a home region
   * that shares its calling code, the Decision judging national-format dials would give, when the dial
   * crosses to another region ("1 876 555 0123" from the US: Jamaica); otherwise undefined.
   * In browsers, needs the admin build.
   */
  nationalReach(dialed: string): Decision | undefined;
  /**
   * searchRegions(), a number read as this policy reads a dial: "0054" after its prefix 00 finds Argentina.
   * In browsers, needs the admin build: `init({ admin: true })`.
   */
  searchRegions(query: string, limit?: number): RegionInfo[];
  /** The normalized configuration. */
  toJSON(): NormalizedPolicyConfig;
  /** Releases the policy's memory now; it is released anyway when collected. */
  free(): void;
  [Symbol.dispose](): void;
}

/** Every region and non-geographic code. In browsers, needs the admin build: `init({ admin: true })`. */
export function regions(): RegionInfo[];
/**
 * Regions for a search box, best match first: a number ("+1 876", "54") by the regions that can own it, else
 * ISO code, then names and aliases.
 * In browsers, needs the admin build: `init({ admin: true })`.
 */
export function searchRegions(query: string, limit?: number): RegionInfo[];
/**
 * One allow entry as a policy reads it, normalized: "ar" gives "AR". @throws DialguardError (path "") for one a policy
 * refuses. In browsers, needs the admin build: `init({ admin: true })`.
 */
export function parseAllowEntry(entry: string): string;
/** What one allow entry reaches ("+1876": +1, "876", ["JM"]). @throws DialguardError In browsers, needs the admin build. */
export function allowEntryReach(entry: string): EntryReach;
/** The number types lint recommends blocking where allowed destinations have them. In browsers, needs the admin build. */
export function recommendedBlockedTypes(): Exclude<NumberType, "fixed-line-or-mobile">[];
/** Every literal international prefix of a region, preferred first: "MX" gives ["00", "09"]. @throws DialguardError */
export function suggestPrefixes(homeRegion: string): string[];
/** The numbering data: "libphonenumber 9.0.35". */
export const dataVersion: string;
/** The most UTF-16 units a dial may have (256): a longer one is `malformed` / `too-long`. */
export const maxDialLength: number;
export interface InitOptions {
  /**
   * Load the admin build (`dialguard_bg.wasm`), which adds `diff`, `lint`,
   * `regions` and `searchRegions` for a settings page. Without it, browsers
   * load the smaller check build (`dialguard_check_bg.wasm`), all a
   * softphone needs. A page that needs both asks for the admin build first.
   */
  admin?: boolean;
  /** Where to load the build from, instead of the file beside the module. */
  wasm?: URL | string | Request | Response | PromiseLike<Response> | BufferSource | WebAssembly.Module;
}
/**
 * Instantiates the WebAssembly. Required (await it once) in browsers and
 * bundlers; already done in Node, Deno and Workers (which have the admin
 * build), where it resolves at once.
 */
export function init(options?: InitOptions): Promise<void>;
export default init;
