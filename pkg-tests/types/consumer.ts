// Compiled with `tsc --noEmit --strict`: the package's types are real types.
import init, {
  DialPolicy,
  DialguardError,
  allowEntryReach,
  dataVersion,
  maxDialLength,
  parseAllowEntry,
  recommendedBlockedTypes,
  regions,
  searchRegions,
  suggestPrefixes,
  type CompiledFrom,
  type Coverage,
  type Decision,
  type NumberType,
  type PolicyConfig,
  type PolicyDiff,
  type PolicyWarning,
  type Reading,
  type ReadingKind,
  type RegionInfo,
  type Verdict,
} from "dialguard";

// A settings page: the admin build (diff, lint, the catalog).
await init({ admin: true, wasm: new URL("dialguard_bg.wasm", import.meta.url) });
// @ts-expect-error init takes options, not a bare URL
await init("dialguard_bg.wasm");

const config: PolicyConfig = { homeRegion: "MX", allow: ["AR", "+1876"], sharedCodes: "by-region", judgeNationalDialing: true };
const policy = new DialPolicy(config);
const decision: Decision = policy.check("00 54 11 1234 5678");
const verdict: Verdict = policy.verdict("+52 55 1234 5678");
const isRed: boolean = decision.verdict === "blocked" || decision.canBeAllowed === false;
const regionIds: string[] | undefined = decision.regions;
const position: number | undefined = decision.position;
const many: Decision[] = policy.checkMany(["0054", "0052"]);
// Bytes stored with other numbering data: judged by their configuration with this package's.
const from: CompiledFrom = DialPolicy.compiledFrom(policy.toBytes());
const recompiled = new DialPolicy(from.config);
const storedWith: string = from.dataVersion;
// Which reading decided: a star code carrying a number, a carrier code, ...
const reading: Reading | undefined = policy.check("*72 00 52 55 1234 5678").reading;
const readingKind: ReadingKind | undefined = reading?.kind;
const judged: string | undefined = reading?.dialString;
// @ts-expect-error a reading's kind is one of a closed set
const badKind: ReadingKind = "carrier";
const diff: PolicyDiff = policy.diff({ ...config, allow: ["AR", "CA"] }, ["0012125550123"]);
const changed: number | undefined = diff.callLog?.changed;
const warnings: PolicyWarning[] = policy.lint();
const coverage: Coverage[] = policy.coverage();
const partly: "all" | "some" | "none" | undefined = coverage[0]?.allowed;
const shared: string[] | undefined = coverage[0]?.sharedRanges;
const severity: "warning" | "info" | undefined = warnings[0]?.severity;
const normalized: string[] = policy.toJSON().allow;
const catalog: RegionInfo[] = regions();
const found: RegionInfo[] = searchRegions("curacao", 5);
const prefixes: string[] = suggestPrefixes("MX");
const entry: string = parseAllowEntry("ar");
const reached: string[] = allowEntryReach("+1876").regions;
const recommended: NumberType[] = recommendedBlockedTypes();
const fromFile: DialPolicy = DialPolicy.fromJSON('{"homeRegion": "MX"}');
const byNumber: RegionInfo[] = fromFile.searchRegions("0054");
const version: string = dataVersion;
const limit: number = maxDialLength;
// Number types (docs/contract.md §2 item 11).
const typed = new DialPolicy({ ...config, blockNumberTypes: ["premium-rate", "shared-cost"] });
const numberType: NumberType | undefined = typed.check("+44 909 876 5432").numberType;
const fix: NumberType[] | undefined = typed.lint().find((w) => w.code === "number-types-not-blocked")?.fix?.blockNumberTypes;
const tiers: string[] = policy.diff(typed).changes.map((c) => `${c.kind} ${c.dialed} ${c.numberTypes?.join(" ") ?? ""}: ${c.before.verdict} -> ${c.after.verdict}, ${c.example}`);
const unchecked: string[] = policy.diff({ ...config, internationalPrefixes: ["00"] }).summary.unchecked;
const ranges: string[] = catalog[0]?.numberTypes.map((t) => `${t.type} ${t.prefix}…`) ?? [];
const blockedNow: NumberType[] = typed.toJSON().blockNumberTypes;
typed.free();
policy.free();

try {
  new DialPolicy({ internationalPrefixes: ["00"], allow: ["XX"] });
} catch (e) {
  if (e instanceof DialguardError) {
    const code: string = e.code;
    const path: string = e.path;
    console.log(code, path);
  }
}

// @ts-expect-error a dial must be a string
policy.check(5);
// @ts-expect-error sharedCodes is one of two strings
new DialPolicy({ internationalPrefixes: ["00"], sharedCodes: "regional" });
// @ts-expect-error verdicts are a closed set
const wrong: Verdict = "denied";
// @ts-expect-error fixed-line-or-mobile is two types: block fixed-line or mobile
new DialPolicy({ internationalPrefixes: ["00"], blockNumberTypes: ["fixed-line-or-mobile"] });
// @ts-expect-error number types are a closed set
new DialPolicy({ internationalPrefixes: ["00"], blockNumberTypes: ["premium"] });

console.log(decision, verdict, isRed, regionIds, position, many, changed, severity, partly, normalized, catalog, found, prefixes, version, wrong);
console.log(numberType, fix, tiers, ranges, blockedNow, reading, readingKind, judged, badKind, shared, recompiled, storedWith);
