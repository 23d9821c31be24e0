// Speed of the package against libphonenumber-js, measured in one Node
// process on the same fixed-seed inputs (docs/contract.md §7). Prints a table of
// rates and ratios and writes it to target/bench.json.
//
//   node scripts/bench.mjs     (npm run bench; builds pkg/ first if missing)
//   node scripts/bench.mjs --against DIR
//       also verdict() and check() of this build against another built
//       package (DIR holds its node.mjs, as pkg/ does), in turn in the same
//       process on the same dials and policies: an A/B of a change.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { ensureNodeModules, root, run } from "./lib.mjs";

ensureNodeModules();
// A collection on demand, so that an A/B round pays for its own garbage only.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
if (!existsSync(path.join(root, "pkg", "node.mjs"))) run("node", ["scripts/build.mjs"]);
const { DialPolicy } = await import(path.join(root, "pkg", "node.mjs"));
const min = await import("libphonenumber-js/min");
const max = await import("libphonenumber-js/max");

// ---- Inputs ---------------------------------------------------------------

let seed = 0x5eed;
const random = (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
const digits = (n) => Array.from({ length: n }, () => random(10)).join("");
const CODES = ["1", "7", "20", "27", "33", "34", "39", "44", "49", "52", "54", "55", "61", "81", "86", "91", "234", "254", "351", "353", "380", "852", "880", "966", "971", "1876", "1809"];
function dial() {
  const code = CODES[random(CODES.length)];
  const national = digits(8 + random(3));
  switch (random(8)) {
    case 0: case 1: case 2: return `+${code}${national}`;
    case 3: return `00${code}${national}`;
    case 4: return `+${code} ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
    case 5: return `(0${national.slice(0, 2)}) ${national.slice(2, 6)}-${national.slice(6)}`;
    case 6: return national.slice(0, 7 + random(3));
    default: return ["abc", "+", "00\u202E52", "tel:+44-20-7946-0000", "+52 55 1234 5678 x12", "\uFF10\uFF10\uFF15\uFF14"][random(6)];
  }
}
const dials = Array.from({ length: 100_000 }, dial);
const e164 = dials.filter((d) => /^\+\d+$/.test(d)).slice(0, 10_000);

// ---- Measurement ----------------------------------------------------------

/**
 * Rates in items/s of several functions over the same items, measured in
 * turn, round after round, so that a shared machine that speeds up or
 * slows down does so for all of them alike: medians of `rounds` rounds
 * after two warm-ups.
 */
function rates(items, fns, rounds = 7) {
  const times = Object.fromEntries(Object.keys(fns).map((name) => [name, []]));
  let sink = 0;
  for (let r = 0; r < rounds + 2; r++) {
    for (const [name, fn] of Object.entries(fns)) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < items.length; i++) if (fn(items[i])) sink++;
      if (r >= 2) times[name].push(Number(process.hrtime.bigint() - start));
    }
  }
  if (sink < 0) console.log(sink);
  const median = (t) => t.sort((a, b) => a - b)[t.length >> 1];
  return Object.fromEntries(Object.entries(times).map(([name, t]) => [name, items.length / (median(t) / 1e9)]));
}

/**
 * This build's rate over another's for one job (`mine`, `theirs`): the
 * median, lowest and highest of the ratios of `rounds` paired rounds, each
 * timing both over all items after a garbage collection, in ABBA order,
 * so that neither pays for the other's garbage or for a drift of the
 * machine.
 */
function pairedRatio(items, mine, theirs, rounds = 15) {
  const time = (fn) => {
    gc();
    let sink = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < items.length; i++) if (fn(items[i])) sink++;
    const ns = Number(process.hrtime.bigint() - start);
    return sink < 0 ? 0 : ns;
  };
  for (let warm = 0; warm < 2; warm++) {
    time(mine);
    time(theirs);
  }
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    let ours, others;
    if (r % 2) {
      others = time(theirs);
      ours = time(mine);
    } else {
      ours = time(mine);
      others = time(theirs);
    }
    ratios.push(others / ours);
  }
  ratios.sort((x, y) => x - y);
  return { median: ratios[rounds >> 1], low: ratios[0], high: ratios[rounds - 1] };
}

/** Per-keystroke latency (ns): every prefix of every number, one timing each. */
function keystrokes(numbers, makeTyper) {
  const overhead = (() => {
    let best = Infinity;
    for (let i = 0; i < 1000; i++) {
      const a = process.hrtime.bigint();
      best = Math.min(best, Number(process.hrtime.bigint() - a));
    }
    return best;
  })();
  const samples = [];
  for (let round = 0; round < 2; round++) {
    samples.length = 0;
    for (const number of numbers) {
      const type = makeTyper();
      for (let i = 1; i <= number.length; i++) {
        const start = process.hrtime.bigint();
        type(number, i);
        samples.push(Math.max(0, Number(process.hrtime.bigint() - start) - overhead));
      }
    }
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], p99: samples[Math.floor(samples.length * 0.99)], count: samples.length };
}

// The floor: a hand-written longest-prefix match on a Set of allowed codes,
// which knows no regions (docs/contract.md §7).
const allowedCodes = new Set(["54"]);
function floor(d) {
  let i = 0;
  if (d.charCodeAt(0) === 43) i = 1;
  else if (d.charCodeAt(0) === 48 && d.charCodeAt(1) === 48) i = 2;
  else return false;
  let code = "";
  for (; i < d.length && code.length < 3; i++) {
    const c = d.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      code += d[i];
      if (allowedCodes.has(code)) return true;
    }
  }
  return false;
}

const policy = new DialPolicy({ homeRegion: "MX", allow: ["AR"] });
// Number types on and off (docs/contract.md §7: at most 10 % slower), with
// every calling code of the inputs allowed, so that most dials are typed.
const BLOCKED = ["premium-rate", "shared-cost", "personal-number"];
const wide = new DialPolicy({ homeRegion: "MX", allow: CODES.map((c) => `+${c}`) });
const wideTyped = new DialPolicy({ homeRegion: "MX", allow: CODES.map((c) => `+${c}`), blockNumberTypes: BLOCKED });
const batches = [];
for (let i = 0; i < dials.length; i += 1000) batches.push(dials.slice(i, i + 1000));

console.log(`dialguard benchmark — Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${dials.length} dials`);
const r = rates(dials, {
  verdict: (d) => policy.verdict(d),
  check: (d) => policy.check(d),
  lpnMin: (d) => min.parsePhoneNumberFromString(d, "MX"),
  lpnMax: (d) => max.parsePhoneNumberFromString(d, "MX"),
  floor,
  verdictWide: (d) => wide.verdict(d),
  verdictWideTyped: (d) => wideTyped.verdict(d),
  checkWide: (d) => wide.check(d),
  checkWideTyped: (d) => wideTyped.check(d),
});
r.checkMany = rates(batches, { checkMany: (b) => policy.checkMany(b).length }).checkMany * 1000;
const typing = keystrokes(e164, () => (n, i) => policy.check(n.slice(0, i)));
const aytMin = keystrokes(e164.slice(0, 3000), () => {
  const ayt = new min.AsYouType();
  return (n, i) => ayt.input(n[i - 1]);
});

const rows = [
  ["verdict()", r.verdict, `${(r.verdict / r.lpnMin).toFixed(0)}× lpn/min parse (budget ≥ 100×), ${(r.verdict / r.floor).toFixed(2)}× JS floor (budget ≥ 0.5×)`],
  ["check()", r.check, `${(r.check / r.lpnMin).toFixed(0)}× lpn/min parse (budget ≥ 20×)`],
  ["checkMany() in batches of 1000", r.checkMany, `${(r.checkMany / r.lpnMin).toFixed(0)}× lpn/min parse`],
  ["libphonenumber-js/min parsePhoneNumberFromString", r.lpnMin, "1×"],
  ["libphonenumber-js/max parsePhoneNumberFromString", r.lpnMax, `${(r.lpnMax / r.lpnMin).toFixed(2)}×`],
  ["hand-written JS longest-prefix match (floor)", r.floor, ""],
  ["verdict(), every code allowed", r.verdictWide, ""],
  [`verdict(), every code allowed, blockNumberTypes ${BLOCKED.join(", ")}`, r.verdictWideTyped, `${(r.verdictWideTyped / r.verdictWide).toFixed(2)}× without (budget ≥ 0.9×)`],
  ["check(), every code allowed", r.checkWide, ""],
  ["check(), every code allowed, the same blockNumberTypes", r.checkWideTyped, `${(r.checkWideTyped / r.checkWide).toFixed(2)}× without (budget ≥ 0.9×)`],
];
console.log("\n| what | dials/s | ratio |\n|---|---:|---|");
for (const [what, perSecond, ratio] of rows) console.log(`| ${what} | ${Math.round(perSecond).toLocaleString("en-US")} | ${ratio} |`);
console.log("\n| per keystroke | median | p99 | keystrokes |\n|---|---:|---:|---:|");
console.log(`| dialguard check() on every prefix | ${typing.median} ns | ${typing.p99} ns | ${typing.count} |`);
console.log(`| libphonenumber-js/min AsYouType.input() | ${aytMin.median} ns | ${aytMin.p99} ns | ${aytMin.count} |`);
console.log(`p99 ratio: ${(typing.p99 / aytMin.p99).toFixed(3)} (budget ≤ 0.1)`);

const againstAt = process.argv.indexOf("--against");
if (againstAt > 0) {
  const dir = path.resolve(process.argv[againstAt + 1] ?? "");
  const before = await import(path.join(dir, "node.mjs"));
  const configs = {
    "MX, AR allowed": { homeRegion: "MX", allow: ["AR"] },
    "every code allowed, types blocked": { homeRegion: "MX", allow: CODES.map((c) => `+${c}`), blockNumberTypes: BLOCKED },
    "US: access code, by region, national dialing": { homeRegion: "US", accessCodes: ["9"], allow: ["CA", "GB"], sharedCodes: "by-region", judgeNationalDialing: true },
  };
  console.log(`
A/B against ${dir}: this build's rate ÷ that one's, the median of 15 paired
rounds (lowest–highest)

| policy | verdict() | check() |
|---|---:|---:|`);
  const shown = ({ median, low, high }) => `${median.toFixed(3)} (${low.toFixed(2)}–${high.toFixed(2)})`;
  for (const [name, config] of Object.entries(configs)) {
    const a = new DialPolicy(config);
    const b = new before.DialPolicy(config);
    const verdicts = pairedRatio(dials, (d) => a.verdict(d), (d) => b.verdict(d));
    const checks = pairedRatio(dials, (d) => a.check(d), (d) => b.check(d));
    console.log(`| ${name} | ${shown(verdicts)} | ${shown(checks)} |`);
  }
}

const native = spawnSync("cargo", ["bench", "--quiet", "--bench", "check"], { cwd: root, encoding: "utf8" });
const nativeLines = native.status === 0 ? native.stdout.trim().split("\n") : [`native bench failed: ${native.stderr.slice(-500)}`];
console.log(`\nnative Rust (cargo bench --bench check):\n${nativeLines.join("\n")}`);

mkdirSync(path.join(root, "target"), { recursive: true });
const out = path.join(root, "target", "bench.json");
writeFileSync(
  out,
  JSON.stringify({ node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length, date: new Date().toISOString(), perSecond: r, keystroke: { dialguard: typing, asYouTypeMin: aytMin }, native: nativeLines }, null, 2),
);
console.log(`\nwritten to ${path.relative(root, out)}`);
