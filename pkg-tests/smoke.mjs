// Smoke cases every runtime must pass (Node, Deno, workerd, Chromium):
// the contract's worked example, both sharedCodes modes, URIs, Unicode input,
// config errors, the catalog. `runSmoke(api)` returns the failures;
// `runSmoke(api, { admin: false })` is for the browsers' check build, where
// diff, lint and the catalog must throw an error that says what to do.

const MX = { internationalPrefixes: ["00"], allow: ["AR"] };
const BY_REGION = { homeRegion: "US", allow: ["CA", "KZ", "VA", "+1876"], sharedCodes: "by-region" };
const NATIONAL = { homeRegion: "US", allow: ["CA"], sharedCodes: "by-region", judgeNationalDialing: true };
const TYPES = { homeRegion: "GB", judgeNationalDialing: true, allow: ["GB", "LV", "+979"], blockNumberTypes: ["premium-rate"] };

export const cases = [
  // docs/contract.md §1: a factory in Mexico whose customers are in Argentina.
  [MX, "00 54 11 4321 5678", "allowed", "region-allowed"],
  [MX, "00 52 55 1234 5678", "blocked", "not-allowed"],
  [MX, "00 1 212 555 0123", "blocked", "not-allowed"],
  [MX, "00 44 20 7946 0000", "blocked", "not-allowed"],
  [MX, "54 11 4321 5678", "not-international", "no-international-prefix"],
  [MX, "+52 55 1234 5678", "blocked", "not-allowed"],
  [MX, "0054", "allowed", "region-allowed"],
  [MX, "005", "incomplete", "incomplete-code"],
  [MX, "003", "incomplete", "incomplete-code"],
  // Together: Canada allows every +1 number.
  [{ ...MX, allow: ["CA"] }, "00 1 876 555 0123", "allowed", "shared-code-allowed"],
  // By region.
  [BY_REGION, "011 1 416 555 0123", "allowed", "region-allowed"],
  [BY_REGION, "+1 212 555 0123", "blocked", "not-allowed"],
  [BY_REGION, "+1 809 555 0123", "blocked", "not-allowed"],
  [BY_REGION, "+1 876 555 0123", "allowed", "range-allowed"],
  [BY_REGION, "+7 727 123 4567", "allowed", "region-allowed"],
  [BY_REGION, "+7 495 123 4567", "blocked", "not-allowed"],
  [BY_REGION, "+39 06 698 12345", "allowed", "region-allowed"],
  [BY_REGION, "+39 06 1234 5678", "blocked", "not-allowed"],
  // National format across a shared calling code (docs/contract.md §2 item 9).
  [NATIONAL, "1 876 555 0123", "blocked", "not-allowed"],
  [NATIONAL, "876 555 0123", "blocked", "not-allowed"],
  [NATIONAL, "1 416 555 0123", "allowed", "region-allowed"],
  [NATIONAL, "1 212 555 0123", "not-international", "domestic"],
  [{ homeRegion: "IT", allow: [], judgeNationalDialing: true }, "06 698 12345", "blocked", "not-allowed"],
  [{ homeRegion: "RU", allow: ["KZ"], sharedCodes: "by-region", judgeNationalDialing: true }, "8 727 123 4567", "allowed", "region-allowed"],
  // Number types (docs/contract.md §2 item 11): premium rate blocked inside allowed destinations.
  [TYPES, "+44 909 876 5432", "blocked", "number-type-blocked"],
  [TYPES, "+44 20 7946 0000", "allowed", "region-allowed"],
  [TYPES, "+44 8", "incomplete", "incomplete-number"],
  [TYPES, "+371 90 123 456", "blocked", "number-type-blocked"],
  [TYPES, "+979 1 234 5678", "blocked", "number-type-blocked"],
  [TYPES, "0909 876 5432", "blocked", "number-type-blocked"],
  [TYPES, "020 7946 0000", "not-international", "domestic"],
  // URIs and Unicode.
  [MX, "tel:+54-11-4321-5678;ext=12", "allowed", "region-allowed"],
  [MX, "sip:+525512345678@pbx.example.com;user=phone", "blocked", "not-allowed"],
  [MX, "tel:%2B54%2011", "allowed", "region-allowed"],
  [MX, "\uFF10\uFF10\uFF15\uFF14", "allowed", "region-allowed"],
  [MX, "\u0660\u0660\u0665\u0662", "blocked", "not-allowed"],
  [MX, "00\u200B54", "allowed", "region-allowed"],
  [MX, "00\u202E54", "malformed", "invalid-character"],
  [MX, "0054\uD800", "malformed", "invalid-character"],
  [MX, "00+54", "malformed", "misplaced-plus"],
  [MX, "0".repeat(300), "malformed", "too-long"],
];

export function runSmoke(api, { admin = true } = {}) {
  const { DialPolicy, DialguardError, parseAllowEntry, recommendedBlockedTypes, regions, searchRegions, suggestPrefixes, dataVersion } = api;
  const failures = [];
  const expect = (what, actual, expected) => {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) failures.push(`${what}: got ${a}, expected ${e}`);
  };
  const policies = new Map();
  for (const [config, dial, verdict, reason] of cases) {
    let policy = policies.get(config);
    if (!policy) policies.set(config, (policy = new DialPolicy(config)));
    const d = policy.check(dial);
    expect(`check(${JSON.stringify(dial)})`, [d.verdict, d.reason], [verdict, reason]);
    expect(`verdict(${JSON.stringify(dial)})`, policy.verdict(dial), verdict);
  }
  const mx = policies.get(MX);
  const d = mx.check("tel:+54-11-4321-5678;ext=12");
  expect("decision fields", d, {
    verdict: "allowed",
    reason: "region-allowed",
    dialString: "+541143215678",
    prefix: "+",
    callingCode: "54",
    regions: ["AR"],
    nationalNumber: "1143215678",
    postDial: "x12",
    rule: "AR",
    numberType: "fixed-line",
    validity: "valid",
  });
  expect("validity", ["+5", "+54", "+54 11 4321", "+54 11 4321 56789"].map((d) => mx.check(d).validity), [undefined, "too-short", "too-short", "invalid"]);
  const types = policies.get(TYPES);
  expect("numberType", ["+44 7400 123456", "+44 8", "+371 90 123 456"].map((d) => types.check(d).numberType), ["mobile", undefined, "premium-rate"]);
  expect("canBeAllowed of a type", types.check("+44 8").canBeAllowed, true);
  expect("malformed position", mx.check("00\u202E54").position, 2);
  expect("canBeAllowed", [mx.check("005").canBeAllowed, mx.check("003").canBeAllowed], [true, false]);
  expect("checkMany", mx.checkMany(["0054", "0052"]).map((d) => d.verdict), ["allowed", "blocked"]);

  for (const [config, code, path] of [
    [{ internationalPrefixes: ["00"], allow: ["AR", "MX", "XX"] }, "unknown-region", "allow[2]"],
    [{ allow: ["AR"] }, "missing-prefixes", "internationalPrefixes"],
    [{ homeRegion: "MX", allow: "AR" }, "wrong-type", "allow"],
    [{ homeRegion: "MX", alow: [] }, "unknown-key", "alow"],
    [{ internationalPrefixes: ["0a"] }, "invalid-value", "internationalPrefixes[0]"],
    [null, "wrong-type", ""],
    [{ internationalPrefixes: ["00"], judgeNationalDialing: true }, "missing-home-region", "judgeNationalDialing"],
    [{ internationalPrefixes: ["00"], blockNumberTypes: ["premium-rate", "premium"] }, "invalid-value", "blockNumberTypes[1]"],
  ]) {
    try {
      new DialPolicy(config);
      failures.push(`new DialPolicy(${JSON.stringify(config)}) did not throw`);
    } catch (e) {
      expect(`error for ${JSON.stringify(config)}`, [e instanceof DialguardError, e.name, e.code, e.path], [true, "DialguardError", code, path]);
    }
  }
  // The same words in every JavaScript engine: none of them are an engine's.
  for (const [config, message] of [
    [{ homeRegion: "MX", allow: "AR" }, "allow: expected a list of strings, got a string"],
    [{ homeRegion: "MX", allow: 7.5 }, "allow: expected a list of strings, got a number"],
    [{ homeRegion: "MX", allow: ["AR", [1]] }, "allow[1]: expected a string, got a list"],
    [{ homeRegion: "MX", featureCodes: { "*67": true } }, "featureCodes: expected a list of strings, got an object"],
    [{ homeRegion: "MX", keypadLetters: "yes" }, "keypadLetters: expected true or false, got a string"],
    [{ homeRegion: "MX", sharedCodes: 1 }, 'sharedCodes: expected "together" or "by-region", got a number'],
    [{ homeRegion: "MX", allow: [() => "AR"] }, "a policy must be plain data: no functions, symbols, class instances or getters that throw"],
    // A value serde-wasm-bindgen gives no type for: its error (vendor/README.md) is read as where it was found.
    [{ homeRegion: "MX", allow: new Set(["AR"]) }, "allow: expected a list of strings, got a value of another kind"],
    [new Map([["homeRegion", "MX"]]), "expected a policy object, got an object of another kind"],
  ]) {
    try {
      new DialPolicy(config);
      failures.push(`new DialPolicy(${String(config)}) did not throw`);
    } catch (e) {
      const detail = message.replace(/^[a-zA-Z]+(\[\d+\])?: /, "");
      expect(`message for ${JSON.stringify(config) ?? String(config)}`, [e.code, e.message, e.detail], ["wrong-type", message, detail]);
    }
  }
  try {
    mx.check(42);
    failures.push("check(42) did not throw");
  } catch (e) {
    expect("check(42) throws a TypeError", e instanceof TypeError, true);
  }

  // The compiled policy: bytes that load in every runtime and build, decide alike, and refuse a changed byte.
  const bytes = mx.toBytes();
  expect("toBytes", [bytes instanceof Uint8Array, new TextDecoder().decode(bytes.subarray(0, 16))], [true, "dialguard-policy"]);
  const loaded = DialPolicy.fromBytes(bytes);
  expect("fromBytes", [loaded.fingerprint, loaded.check("0054 11 1234 5678").verdict, loaded.toJSON()], [mx.fingerprint, "allowed", mx.toJSON()]);
  expect("fromBytes of an ArrayBuffer", DialPolicy.fromBytes(bytes.slice().buffer).fingerprint, mx.fingerprint);
  expect("fingerprint", [/^[0-9a-f]{16}$/.test(mx.fingerprint), new DialPolicy({ allow: ["ar"], internationalPrefixes: ["00"] }).fingerprint], [true, mx.fingerprint]);
  loaded.free();
  const changed = bytes.slice();
  changed[40] ^= 1;
  for (const [what, given, code] of [
    ["a changed byte", changed, "corrupt-bytes"],
    ["bytes cut short", bytes.subarray(0, 50), "truncated-bytes"],
    ["a JSON text", new TextEncoder().encode('{"allow": []}'), "not-policy-bytes"],
  ]) {
    try {
      DialPolicy.fromBytes(given);
      failures.push(`fromBytes of ${what} did not throw`);
    } catch (e) {
      expect(`fromBytes of ${what}`, [e instanceof DialguardError, e.code, e.path], [true, code, ""]);
    }
  }
  try {
    DialPolicy.fromBytes("dialguard-policy");
    failures.push("fromBytes of a string did not throw");
  } catch (e) {
    expect("fromBytes of a string throws a TypeError", e instanceof TypeError, true);
  }

  expect("toJSON", new DialPolicy({ homeRegion: "mx", allow: ["ar", "AR"] }).toJSON().allow, ["AR"]);
  expect("toJSON blockNumberTypes", types.toJSON().blockNumberTypes, ["premium-rate"]);
  expect("suggestPrefixes", suggestPrefixes("MX"), ["00", "09"]);
  const lintPolicy = new DialPolicy({ homeRegion: "MX", internationalPrefixes: ["00"], allow: ["AR"] });
  // From the US, 1 876 … is Jamaica in national format: judged with judgeNationalDialing, left unchecked without.
  const us = new DialPolicy({ homeRegion: "US", allow: ["CA"], sharedCodes: "by-region", blockNumberTypes: ["mobile"] });
  const usJudging = new DialPolicy({ homeRegion: "US", allow: ["CA"], sharedCodes: "by-region", judgeNationalDialing: true });
  const national = usJudging.check("1 876 555 0123");
  expect("nationalFormat", [national.verdict, national.nationalFormat, national.regions], ["blocked", true, ["JM"]]);
  expect("nationalFormat absent", "nationalFormat" in usJudging.check("011 1 876 555 0123"), false);
  const adminOnly = {
    "diff()": () => mx.diff({ internationalPrefixes: ["00"], allow: ["AR", "CA"] }, ["00 1 212 555 0123", "0054"]),
    "lint()": () => lintPolicy.lint(),
    "regions()": () => regions(),
    "searchRegions()": () => searchRegions("curacao"),
    "DialPolicy.fromJSON()": () => DialPolicy.fromJSON('{"homeRegion": "MX", "allow": ["ar"]}'),
    "parseAllowEntry()": () => [parseAllowEntry("ar"), parseAllowEntry("+1876")],
    "allowEntryReach()": () => api.allowEntryReach("+1876"),
    "recommendedBlockedTypes()": () => recommendedBlockedTypes(),
    "policy.typesBlocking()": () => us.typesBlocking("fixed-line-or-mobile"),
    "policy.nationalReach()": () => us.nationalReach("1 876 555 0123"),
    // A number, as the policy reads a dial: after its prefix 00.
    "policy.searchRegions()": () => mx.searchRegions("0054 11"),
    "DialPolicy.compiledFrom()": () => DialPolicy.compiledFrom(bytes),
  };
  if (admin) {
    const diff = adminOnly["diff()"]();
    expect("diff gained", diff.gained.map((g) => [g.callingCode, g.regions.length]), [["1", 25]]);
    expect("diff side effects", diff.sideEffects[0].region, "CA");
    expect("diff call log", [diff.callLog.total, diff.callLog.changed], [2, 1]);
    expect("lint", adminOnly["lint()"]()[0].code, "missing-home-prefix");
    expect("allowEntryReach", adminOnly["allowEntryReach()"](), { entry: "+1876", callingCode: "1", leadingDigits: "876", regions: ["JM"] });
    expect("allowEntryReach of a type", api.allowEntryReach("+44909").numberType, "premium-rate");
    expect("allowEntryReach of a region", api.allowEntryReach("ar").regions, ["AR"]);
    const typesWarning = lintPolicy.lint().find((w) => w.code === "number-types-not-blocked");
    expect("lint fix", typesWarning.fix, { blockNumberTypes: ["premium-rate"] });
    const typed = new DialPolicy({ ...MX, blockNumberTypes: ["premium-rate"] });
    // A compiled policy is diffed as its configuration is.
    const typesDiff = mx.diff(typed);
    expect("diff of a DialPolicy", typesDiff, mx.diff(typed.toJSON()));
    const premium = typesDiff.changes.find((c) => c.numberTypes);
    expect("diff type change", [premium.kind, premium.callingCode, premium.regions, premium.numberTypes, premium.before, premium.after], [
      "destination",
      "54",
      ["AR"],
      ["premium-rate"],
      { verdict: "allowed", reason: "region-allowed" },
      { verdict: "blocked", reason: "number-type-blocked" },
    ]);
    expect("diff type example", [mx.verdict(premium.example), typed.verdict(premium.example)], ["allowed", "blocked"]);
    expect("diff summary", typesDiff.summary.numberTypes, ["premium-rate"]);
    typed.free();
    // Narrowing the prefixes: dials starting 09 would no longer be checked.
    const home = new DialPolicy({ homeRegion: "MX", allow: ["AR"] });
    const narrowed = home.diff({ homeRegion: "MX", internationalPrefixes: ["00"], allow: ["AR"] });
    expect("diff unchecked", narrowed.summary.unchecked, ["09"]);
    const bypass = narrowed.changes.find((c) => c.dialed === "09" && c.before.verdict === "blocked");
    expect("diff unchecked change", [bypass.kind, bypass.after.verdict, home.verdict(bypass.example)], ["international-prefix", "not-international", "blocked"]);
    home.free();
    const all = regions();
    expect("regions()", [all.length, all.filter((r) => r.kind === "non-geographic").length], [254, 9]);
    const jm = all.find((r) => r.region === "JM");
    expect("JM info", [jm.name, jm.callingCode, jm.leadingDigits, jm.internationalPrefix], ["Jamaica", "1", ["658", "876"], "011"]);
    const lv = all.find((r) => r.region === "LV");
    expect("LV number types", lv.numberTypes.filter((t) => t.type === "premium-rate" || t.type === "shared-cost"), [
      { type: "premium-rate", prefix: "90" },
      { type: "shared-cost", prefix: "81" },
    ]);
    expect("searchRegions", adminOnly["searchRegions()"]().map((r) => r.region), ["CW"]);
    expect("searchRegions code", searchRegions("+54").map((r) => r.region), ["AR"]);
    expect("fromJSON", adminOnly["DialPolicy.fromJSON()"]().toJSON().allow, ["AR"]);
    // What bytes were compiled from, whichever numbering data: a service can compile their configuration.
    expect("compiledFrom", adminOnly["DialPolicy.compiledFrom()"](), { config: mx.toJSON(), dataVersion });
    for (const [given, error] of [[changed, "corrupt-bytes"], ["dialguard-policy", "TypeError: compiledFrom takes a Uint8Array or an ArrayBuffer, not string"]]) {
      try {
        DialPolicy.compiledFrom(given);
        failures.push(`compiledFrom of ${typeof given} did not throw`);
      } catch (e) {
        expect(`compiledFrom of ${typeof given}`, e instanceof DialguardError ? e.code : String(e), error);
      }
    }
    expect("policy.searchRegions", adminOnly["policy.searchRegions()"]().map((r) => r.region), ["AR"]);
    expect("parseAllowEntry", adminOnly["parseAllowEntry()"](), ["AR", "+1876"]);
    try {
      parseAllowEntry("+999");
      failures.push("parseAllowEntry(+999) did not throw");
    } catch (e) {
      expect("parseAllowEntry(+999)", [e instanceof DialguardError, e.code, e.path, e.detail], [true, "unassigned-code", "", '"+999" does not start with an assigned calling code']);
    }
    expect("recommendedBlockedTypes", adminOnly["recommendedBlockedTypes()"](), ["premium-rate", "shared-cost", "personal-number"]);
    expect("typesBlocking", [adminOnly["policy.typesBlocking()"](), us.typesBlocking("fixed-line"), us.typesBlocking("mobile")], [["mobile"], [], ["mobile"]]);
    try {
      us.typesBlocking("premium");
      failures.push("typesBlocking(premium) did not throw");
    } catch (e) {
      expect("typesBlocking of no type", e instanceof TypeError, true);
    }
    const reach = adminOnly["policy.nationalReach()"]();
    expect("nationalReach", [us.verdict("1 876 555 0123"), reach.nationalFormat, reach.callingCode, reach.regions], ["not-international", true, "1", ["JM"]]);
    expect("nationalReach at home, and when judged", [us.nationalReach("1 212 555 0123"), usJudging.nationalReach("1 876 555 0123"), mx.nationalReach("1 876 555 0123")], [undefined, undefined, undefined]);
    expect("searchRegions by number", searchRegions("+1 876 555").slice(0, 2).map((r) => r.region), ["JM", "US"]);
    for (const [text, code, path] of [
      ['{"homeRegion": "MX", "allow": ["AR"], "allow": ["US"]}', "duplicate-key", "allow"],
      ['{"homeRegion": "MX",', "syntax-error", ""],
      ['{"homeRegion": "MX", "allow": "AR"}', "wrong-type", "allow"],
    ]) {
      try {
        DialPolicy.fromJSON(text);
        failures.push(`fromJSON(${text}) did not throw`);
      } catch (e) {
        expect(`fromJSON error for ${text}`, [e instanceof DialguardError, e.code, e.path], [true, code, path]);
      }
    }
  } else {
    for (const [key, run] of Object.entries(adminOnly)) {
      const what = key.replace(/^policy\./, "");
      try {
        run();
        failures.push(`${what} worked in the check build`);
      } catch (e) {
        expect(`${what} in the check build`, e.message, `${what} is in the admin build: call init({ admin: true }) rather than init()`);
      }
    }
  }
  lintPolicy.free();
  us.free();
  usJudging.free();
  expect("dataVersion", dataVersion, "libphonenumber 9.0.35");
  expect("maxDialLength", api.maxDialLength, 256);
  expect("a dial one unit longer", [mx.verdict("1".repeat(api.maxDialLength + 1)), mx.check("1".repeat(api.maxDialLength + 1)).reason], ["malformed", "too-long"]);
  for (const policy of policies.values()) policy.free();
  return failures;
}
