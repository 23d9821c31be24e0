/// <reference lib="esnext.disposable" />
// Types of the dialguard package: the same API in every runtime.

/** ISO 3166-1 alpha-2 code ("AR"), any case in input, upper case in output. */
export type RegionCode = string;

/** A policy as an admin writes it (SPEC section 3). */
export interface PolicyConfig {
  /** Default true; false turns protection off (international dials are allowed). */
  enabled?: boolean;
  /** The PBX's region; supplies the default international prefixes. */
  homeRegion?: RegionCode | null;
  /** International prefixes such as "00" or "011"; default: the home region's. */
  internationalPrefixes?: string[] | null;
  /** Default true: a leading "+" is an international prefix. */
  plusIsInternational?: boolean;
  /** Outside-line codes ("9") stripped from the start of a dial. */
  accessCodes?: string[];
  /** Star codes ("*67") stripped before the rest is judged. */
  featureCodes?: string[];
  /** Default false: letters are malformed; true reads them as keypad digits (ITU E.161). */
  keypadLetters?: boolean;
  /** Regions ("AR"), calling codes ("+44"), or calling codes with national digits ("+1876"). */
  allow?: string[];
  /** "together" (default): a region allows its whole calling code; "by-region": each number by its region. */
  sharedCodes?: "together" | "by-region";
  /** Default false. With homeRegion: national-format dials that reach another region of its calling code ("1 876 …" from the US) are judged as international. */
  judgeNationalDialing?: boolean;
}

/** A policy as toJSON() gives it back: normalized, defaults filled in. */
export interface NormalizedPolicyConfig {
  enabled: boolean;
  homeRegion?: RegionCode;
  internationalPrefixes?: string[];
  plusIsInternational: boolean;
  accessCodes: string[];
  featureCodes: string[];
  keypadLetters: boolean;
  allow: string[];
  sharedCodes: "together" | "by-region";
  judgeNationalDialing: boolean;
}

export type Verdict = "allowed" | "blocked" | "not-international" | "incomplete" | "malformed";

/** Why a dial got its verdict: a stable code (see the README's table). */
export type Reason =
  | "region-allowed"
  | "shared-code-allowed"
  | "code-allowed"
  | "range-allowed"
  | "protection-disabled"
  | "not-allowed"
  | "unassigned-code"
  | "unassigned-range"
  | "no-international-prefix"
  | "feature-code"
  | "domestic"
  | "incomplete-prefix"
  | "incomplete-code"
  | "incomplete-number"
  | "too-long"
  | "invalid-character"
  | "misplaced-plus"
  | "misplaced-symbol"
  | "misplaced-post-dial"
  | "invalid-uri"
  /** The engine's answer could not be read with certainty (fail closed; never expected). */
  | "internal-error";

export interface Decision {
  verdict: Verdict;
  reason: Reason;
  /** The canonical digits to dial ("+" kept, pauses after an access code kept, separators and post-dial removed); "" when malformed. Checking it again gives the same verdict. */
  dialString: string;
  /** The international prefix that matched: "+", "00", "011"; for a national-format dial judged cross-border, its national prefix ("1", "8"), if any. */
  prefix?: string;
  /** The destination's calling code, digits only: "54". */
  callingCode?: string;
  /** The regions that can own the number, narrowed by the digits so far, main region first. */
  regions?: RegionCode[];
  /** The digits after the calling code. */
  nationalNumber?: string;
  /** What follows the number and is not judged: digits with "," (pause), ";" (wait) and "x" (extension). */
  postDial?: string;
  /** For "incomplete": whether some continuation can still be allowed. */
  canBeAllowed?: boolean;
  /** For "malformed": the UTF-16 index of the offending character. */
  position?: number;
  /** For "allowed": the allow entry that allowed it ("AR", "+44", "+1876"). */
  rule?: string;
}

export interface RegionInfo {
  /** ISO 3166-1 alpha-2 ("AR"), or "001" for a non-geographic code. */
  region: string;
  /** English short name ("Argentina", "International Networks"). */
  name: string;
  /** Digits only: "54", "1", "881". */
  callingCode: string;
  /** Other regions on the same calling code, main region first. */
  sharedWith: readonly RegionCode[];
  /** National ranges that identify it within a shared code. */
  leadingDigits?: readonly string[];
  /** Its preferred international prefix ("00", "011"); absent for "001". */
  internationalPrefix?: string;
  kind: "geographic" | "non-geographic";
}

export interface Destination {
  callingCode: string;
  regions: RegionCode[];
  /** National-digit ranges; absent when the whole calling code changed. */
  leadingDigits?: string[];
}

export interface SideEffect {
  region: RegionCode;
  callingCode: string;
  alsoAllows: RegionCode[];
}

export interface CallLogChange {
  dialed: string;
  before: Verdict;
  after: Verdict;
}

export interface PolicyDiff {
  gained: Destination[];
  lost: Destination[];
  sideEffects: SideEffect[];
  callLog?: { total: number; changed: number; items: CallLogChange[] };
}

export type WarningCode =
  | "protection-disabled"
  | "nothing-allowed"
  | "plus-not-international"
  | "missing-home-prefix"
  | "no-home-region"
  | "shared-code"
  | "premium-code-allowed"
  | "access-code-overlap"
  | "national-dialing-not-judged";

export interface PolicyWarning {
  code: WarningCode;
  severity: "warning" | "info";
  message: string;
  regions?: RegionCode[];
}

export type DialguardErrorCode =
  | "syntax-error"
  | "unknown-key"
  | "duplicate-key"
  | "wrong-type"
  | "invalid-value"
  | "unknown-region"
  | "unassigned-code"
  | "missing-prefixes"
  | "missing-home-region"
  | "too-large";

/** A configuration error. `path` names the field ("allow[2]"; "" for the whole config). */
export class DialguardError extends Error {
  readonly name: "DialguardError";
  readonly code: DialguardErrorCode;
  readonly path: string;
}

export class DialPolicy {
  /** @throws DialguardError when the configuration is not valid. */
  constructor(config: PolicyConfig);
  /** Judges a dial and explains the verdict. Never throws for a string. */
  check(dialed: string): Decision;
  /** The verdict alone, without building a Decision: the same as check(dialed).verdict. */
  verdict(dialed: string): Verdict;
  checkMany(dialed: readonly string[]): Decision[];
  /**
   * What saving `proposed` in place of this policy would change. @throws DialguardError
   * In browsers, needs the admin build: `init({ admin: true })`.
   */
  diff(proposed: PolicyConfig, callLog?: readonly string[]): PolicyDiff;
  /** The policy's weak spots, warnings first. In browsers, needs the admin build: `init({ admin: true })`. */
  lint(): PolicyWarning[];
  /** The normalized configuration. */
  toJSON(): NormalizedPolicyConfig;
  /** Releases the policy's memory now; it is released anyway when collected. */
  free(): void;
  [Symbol.dispose](): void;
}

/** Every region and non-geographic code. In browsers, needs the admin build: `init({ admin: true })`. */
export function regions(): RegionInfo[];
/**
 * Regions for a search box, best match first: ISO code or calling code ("54", "+54"), then names and aliases.
 * In browsers, needs the admin build: `init({ admin: true })`.
 */
export function searchRegions(query: string, limit?: number): RegionInfo[];
/** Every literal international prefix of a region, preferred first: "MX" gives ["00", "09"]. @throws DialguardError */
export function suggestPrefixes(homeRegion: string): string[];
/** The numbering data: "libphonenumber 9.0.35". */
export const dataVersion: string;
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
