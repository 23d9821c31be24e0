// The light entry, dialguard/check, against the main entry in one runtime
// (Node ESM and CJS, Deno, workerd, Chromium, Firefox, WebKit): the bytes
// of the main entry's `new DialPolicy(config).toBytes()` load in the light
// entry and decide exactly alike (check, verdict, checkMany, fingerprint)
// on the smoke cases, the README's examples, every keystroke of typed
// numbers and generated dials, under every configuration; bytes changed,
// cut or foreign are refused with the DialguardError that says which.
// `runLight(main, light)` returns the failures.
import { cases } from "./smoke.mjs";

const README = [
  [{ homeRegion: "MX", allow: ["AR"] }, ["00 54 11 4321 5678", "+52 55 1234 5678", "09 52 55 1234 5678", "003", "00\u202E54", "0054"]],
  [
    { homeRegion: "US", accessCodes: ["9"], allow: ["CA"], sharedCodes: "by-region", judgeNationalDialing: true },
    ["*72 011 44 20 7946 0000", "101 0288 011 44 20 7946 0000", "01 44 20 7946 0000", "0 876 555 0123", "9 9 011 44 20 7946 0000", "876 1234"],
  ],
  [{ homeRegion: "MX", allow: ["GB", "LV"], blockNumberTypes: ["premium-rate"] }, ["+44 909 876 5432", "+44 20 7946 0000", "+44 8"]],
  [{ homeRegion: "MX", allow: ["LV"], blockNumberTypes: ["premium-rate", "unknown"] }, ["+371 2123 4567", "+371 2301 2345", "+371 2123 45678", "+371 2123"]],
  [{ homeRegion: "US", allow: ["MX", "CA"] }, ["011 1 876 555 0123"]],
  [{ homeRegion: "US", allow: ["MX", "CA"], sharedCodes: "by-region" }, ["011 1 876 555 0123"]],
];
const MORE = [
  { homeRegion: "MX", enabled: false },
  { homeRegion: "US", featureCodes: ["*67"], keypadLetters: true, allow: ["+1800", "+44", "+881"], accessCodes: ["9"] },
  { homeRegion: "DE", allow: ["+1", "+7", "+44", "+49", "+979"], blockNumberTypes: ["premium-rate", "shared-cost", "personal-number", "unknown"] },
];
/** Numbers typed a keystroke at a time: every prefix of each is checked. */
const TYPED = ["+1 876 555 0123", "011 44 20 7946 0000", "00 54 11 4321 5678", "+371 2123 45678", "*72 011 44 20 7946 0000", "1-800-FLOWERS", "9,011 44 20 7946 0000 x 12"];
const PARTS = ["", "+", "011", "00", "9", "*67", "*72", "1", "44", "876", "416", "54", "11", "909", " ", "-", "(", ")", "x", ",", "#", "\u0661", "\uFF14", "\u202E", "tel:", ";ext=", "%2B"];

/** The configurations and dials: every dial under every configuration. */
function corpus() {
  const configs = [...new Set(cases.map(([config]) => config)), ...README.map(([config]) => config), ...MORE];
  const dials = new Set([...cases.map(([, dial]) => dial), ...README.flatMap(([, list]) => list)]);
  for (const number of TYPED) for (let i = 0; i <= number.length; i++) dials.add(number.slice(0, i));
  let seed = 17;
  const next = (n) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  for (let i = 0; i < 200; i++) {
    let dial = "";
    for (let k = next(8); k >= 0; k--) dial += PARTS[next(PARTS.length)];
    dials.add(dial);
  }
  return { configs, dials: [...dials] };
}

export function runLight(main, light) {
  const failures = [];
  const expect = (what, actual, expected) => {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) failures.push(`${what}: got ${a}, expected ${e}`);
  };
  /** The DialguardError code `load()` throws, or what went wrong. */
  const refusal = (load) => {
    try {
      load();
      return "loaded";
    } catch (e) {
      const known = e instanceof light.DialguardError && e instanceof main.DialguardError && e.name === "DialguardError" && e.path === "";
      return known ? e.code : `${e.name}: ${e.message}`;
    }
  };

  expect("the light entry's API", Object.keys(light).sort(), ["DialPolicy", "DialguardError", "dataVersion", "default", "init", "maxDialLength"]);
  expect("dataVersion, maxDialLength", [light.dataVersion, light.maxDialLength], [main.dataVersion, main.maxDialLength]);

  const { configs, dials } = corpus();
  let compared = 0;
  for (const config of configs) {
    const policy = new main.DialPolicy(config);
    const loaded = light.DialPolicy.fromBytes(policy.toBytes());
    const what = JSON.stringify(config);
    expect(`fingerprint of ${what}`, loaded.fingerprint, policy.fingerprint);
    for (const dial of dials) {
      const want = policy.check(dial);
      const got = loaded.check(dial);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect(`check(${JSON.stringify(dial)}) under ${what}`, got, want);
      if (loaded.verdict(dial) !== want.verdict) expect(`verdict(${JSON.stringify(dial)}) under ${what}`, loaded.verdict(dial), want.verdict);
      compared++;
    }
    expect(`checkMany under ${what}`, loaded.checkMany(dials), policy.checkMany(dials));
    loaded.free();
    policy.free();
  }
  if (compared < 3000) failures.push(`only ${compared} dials compared`);

  const policy = new main.DialPolicy({ homeRegion: "MX", allow: ["AR"], blockNumberTypes: ["premium-rate"] });
  const bytes = policy.toBytes();
  // Bytes in a view of a bigger buffer, and as an ArrayBuffer.
  const padded = new Uint8Array(bytes.length + 7);
  padded.set(bytes, 3);
  expect("fromBytes of a view", light.DialPolicy.fromBytes(padded.subarray(3, 3 + bytes.length)).fingerprint, policy.fingerprint);
  expect("fromBytes of an ArrayBuffer", light.DialPolicy.fromBytes(bytes.slice().buffer).check("00 54 11 4321 5678"), policy.check("00 54 11 4321 5678"));

  // Any byte changed, any cut: refused, never a policy.
  for (let i = 0; i < bytes.length; i++) {
    const changed = bytes.slice();
    changed[i] ^= 1 << (i % 8);
    const code = refusal(() => light.DialPolicy.fromBytes(changed));
    if (!["corrupt-bytes", "truncated-bytes", "not-policy-bytes", "bytes-version"].includes(code)) failures.push(`byte ${i} changed: ${code}`);
  }
  for (let n = 0; n < bytes.length; n++) {
    const code = refusal(() => light.DialPolicy.fromBytes(bytes.subarray(0, n)));
    if (code !== (n === 0 ? "not-policy-bytes" : "truncated-bytes")) failures.push(`bytes cut to ${n}: ${code}`);
  }
  const changed = bytes.slice();
  changed[bytes.length >> 1] ^= 0x20;
  const otherFormat = bytes.slice();
  otherFormat[16] ^= 0x40; // the format version follows the 16-byte label
  for (const [what, given, code] of [
    ["a changed byte", changed, "corrupt-bytes"],
    ["a byte more", Uint8Array.of(...bytes, 0), "corrupt-bytes"],
    ["bytes cut short", bytes.subarray(0, bytes.length - 1), "truncated-bytes"],
    ["a JSON policy", new TextEncoder().encode('{"homeRegion": "MX", "allow": ["AR"]}'), "not-policy-bytes"],
    ["a PNG", Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...bytes.subarray(8)), "not-policy-bytes"],
    ["another format version", otherFormat, "bytes-version"],
  ]) {
    expect(`fromBytes of ${what}`, refusal(() => light.DialPolicy.fromBytes(given)), code);
  }
  // The refusal in words, as the main entry gives it.
  const words = (load) => {
    try {
      load();
    } catch (e) {
      return [e.code, e.path, e.message, e.detail];
    }
  };
  const version = `a compiled policy of format ${otherFormat[16]}; this dialguard reads format ${bytes[16]}`;
  expect("the words of another format version", words(() => light.DialPolicy.fromBytes(otherFormat)), ["bytes-version", "", version, version]);
  expect("the words of a changed byte", words(() => light.DialPolicy.fromBytes(changed)), words(() => main.DialPolicy.fromBytes(changed)));
  for (const [what, run] of [
    ["fromBytes of a string", () => light.DialPolicy.fromBytes("dialguard-policy")],
    ["fromBytes of null", () => light.DialPolicy.fromBytes(null)],
    ["fromBytes of an array", () => light.DialPolicy.fromBytes([...bytes])],
    ["new DialPolicy(config)", () => new light.DialPolicy({ homeRegion: "MX" })],
    ["check(42)", () => light.DialPolicy.fromBytes(bytes).check(42)],
    ["checkMany of a string", () => light.DialPolicy.fromBytes(bytes).checkMany("0054")],
  ]) {
    try {
      run();
      failures.push(`${what} did not throw`);
    } catch (e) {
      expect(`${what} throws a TypeError`, e instanceof TypeError, true);
    }
  }

  const loaded = light.DialPolicy.fromBytes(bytes);
  expect("a dial one unit too long", loaded.check("1".repeat(light.maxDialLength + 1)), policy.check("1".repeat(main.maxDialLength + 1)));
  loaded.free();
  loaded.free();
  try {
    loaded.verdict("0054");
    failures.push("a freed policy checked a dial");
  } catch (e) {
    expect("a freed policy", e.message, "this DialPolicy has been freed");
  }
  if (typeof Symbol.dispose === "symbol") {
    const disposed = light.DialPolicy.fromBytes(bytes);
    disposed[Symbol.dispose]();
    try {
      disposed.check("0054");
      failures.push("a disposed policy checked a dial");
    } catch (e) {
      expect("a disposed policy", e.message, "this DialPolicy has been freed");
    }
  }
  policy.free();
  return failures;
}
