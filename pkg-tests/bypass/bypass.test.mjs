// The bypass corpus (corpus.json) and the false-block list (allowed.json: dials
// that must go through, allowed or not-international),
// run through the installed package. Every expectation is what a secure
// implementation must answer (docs/contract.md §4, README); an entry marked
// `disputed` is one where the engine disagreed when it was written: it is
// checked like every other entry, in a test of its own, so that it fails
// loudly until the lead engineer settles it (fix the engine, or change the
// entry and drop `disputed`).
//
//   cd pkg-tests && node --test bypass/
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DialPolicy } from "dialguard";
import { REASONS, VERDICTS } from "../reasons.mjs";

const load = (name) => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8"));
const files = { "corpus.json": load("./corpus.json"), "allowed.json": load("./allowed.json") };

const OPTIONAL_CHECKS = ["reason", "position", "dialString", "postDial", "canBeAllowed"];
const KNOWN_FIELDS = new Set(["policy", "dial", "utf16", "verdict", "note", "disputed", ...OPTIONAL_CHECKS]);

/** Every entry of both files, with where it came from. */
const all = Object.entries(files).flatMap(([file, data]) =>
  data.entries.map((entry, index) => ({ file, index, entry, policies: data.policies })),
);

const built = new Map(); // policy JSON -> DialPolicy
after(() => {
  for (const p of built.values()) p.free();
});

function configOf({ entry, policies }) {
  return typeof entry.policy === "string" ? policies[entry.policy] : entry.policy;
}

function policyOf(item) {
  const config = configOf(item);
  const key = JSON.stringify(config);
  if (!built.has(key)) built.set(key, new DialPolicy(config));
  return built.get(key);
}

function dialOf(entry) {
  return entry.utf16 !== undefined ? String.fromCharCode(...entry.utf16) : entry.dial;
}

const show = (s) => (s === undefined ? "undefined" : JSON.stringify(s)).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
/** A long dial, shortened for a failure report. */
const brief = (s) => (typeof s === "string" && s.length > 80 ? `${show(s.slice(0, 40))} ... ${show(s.slice(-20))} (${s.length} units)` : show(s));

/** The problems with one entry (empty when the engine agrees). */
function problemsOf(item) {
  const { entry } = item;
  let policy;
  try {
    policy = policyOf(item);
  } catch (err) {
    return [`policy ${show(configOf(item))} was rejected: ${err.code ?? err.name}: ${err.message}`];
  }
  const dial = dialOf(entry);
  const d = policy.check(dial);
  const problems = [];
  if (d.verdict !== entry.verdict) problems.push(`verdict is ${d.verdict}, expected ${entry.verdict}`);
  for (const key of OPTIONAL_CHECKS) {
    if (entry[key] !== undefined && d[key] !== entry[key]) {
      problems.push(`${key} is ${show(d[key])}, expected ${show(entry[key])}`);
    }
  }
  if (!REASONS[d.verdict]?.includes(d.reason)) problems.push(`reason ${d.reason} does not belong to verdict ${d.verdict}`);
  const fast = policy.verdict(dial);
  if (fast !== d.verdict) problems.push(`verdict() is ${fast} but check().verdict is ${d.verdict}`);
  if (entry.verdict === "malformed") {
    if (d.verdict === "malformed" && d.dialString !== "") problems.push(`a malformed decision has dialString ${show(d.dialString)}`);
  } else {
    // What the PBX will dial must get the same (secure) verdict.
    const again = policy.check(d.dialString);
    if (again.verdict !== entry.verdict) {
      problems.push(`check(dialString ${show(d.dialString)}) is ${again.verdict}/${again.reason}, expected ${entry.verdict}`);
    }
  }
  return problems;
}

function report(items) {
  const failures = [];
  for (const item of items) {
    const problems = problemsOf(item);
    if (problems.length === 0) continue;
    const { file, index, entry } = item;
    const name = typeof entry.policy === "string" ? entry.policy : show(entry.policy);
    let actual = "";
    try {
      actual = show(policyOf(item).check(dialOf(entry)));
    } catch {}
    failures.push(
      [
        `${file}[${index}] ${name} ${entry.utf16 !== undefined ? `utf16 ${show(entry.utf16)}` : brief(entry.dial)}`,
        ...problems.map((p) => `    - ${p}`),
        `    note: ${entry.note}`,
        ...(entry.disputed ? [`    disputed: ${entry.disputed}`] : []),
        ...(actual ? [`    engine: ${actual}`] : []),
      ].join("\n"),
    );
  }
  return failures;
}

function runAll(items, what) {
  assert.ok(items.length > 0, `no ${what}`);
  const failures = report(items);
  if (failures.length > 0) {
    assert.fail(`${failures.length} of ${items.length} ${what} failed:\n\n${failures.join("\n\n")}\n`);
  }
}

test("corpus files are well-formed and cover what they claim", () => {
  const corpus = files["corpus.json"].entries;
  const allowed = files["allowed.json"].entries;
  assert.ok(corpus.length >= 150, `corpus.json has only ${corpus.length} entries`);
  assert.ok(allowed.length >= 40, `allowed.json has only ${allowed.length} entries`);
  const errors = [];
  for (const { file, index, entry, policies } of all) {
    const at = `${file}[${index}]`;
    for (const key of Object.keys(entry)) if (!KNOWN_FIELDS.has(key)) errors.push(`${at}: unknown field ${key}`);
    if ((entry.dial === undefined) === (entry.utf16 === undefined)) errors.push(`${at}: needs exactly one of dial and utf16`);
    if (entry.dial !== undefined && typeof entry.dial !== "string") errors.push(`${at}: dial must be a string`);
    if (entry.utf16 !== undefined && !(Array.isArray(entry.utf16) && entry.utf16.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff))) {
      errors.push(`${at}: utf16 must be a list of UTF-16 code units`);
    }
    if (typeof entry.policy === "string" ? !(entry.policy in policies) : typeof entry.policy !== "object") {
      errors.push(`${at}: unknown policy ${show(entry.policy)}`);
    }
    if (!VERDICTS.includes(entry.verdict)) errors.push(`${at}: unknown verdict ${entry.verdict}`);
    if (entry.reason !== undefined && !REASONS[entry.verdict]?.includes(entry.reason)) {
      errors.push(`${at}: reason ${entry.reason} does not belong to verdict ${entry.verdict}`);
    }
    if (typeof entry.note !== "string" || entry.note.length < 5) errors.push(`${at}: every entry says why it matters (note)`);
    if (entry.disputed !== undefined && (typeof entry.disputed !== "string" || entry.disputed.length < 20)) {
      errors.push(`${at}: disputed must give the reasoning`);
    }
    // Dials that must go through: allowed, or domestic (short codes, local numbers).
    if (file === "allowed.json" && !["allowed", "not-international"].includes(entry.verdict)) {
      errors.push(`${at}: the false-block list holds dials that must go through (allowed or not-international) only`);
    }
  }
  assert.deepEqual(errors, []);

  // Lone surrogates can only be written as utf16: several, in several places.
  const lone = corpus.filter((e) => e.utf16 && !String.fromCharCode(...e.utf16).isWellFormed());
  assert.ok(lone.length >= 6, `only ${lone.length} entries with unpaired surrogates`);
  // Every verdict is exercised, and the length limit is exercised in UTF-16 units.
  for (const v of VERDICTS) assert.ok(corpus.some((e) => e.verdict === v), `no ${v} entry`);
  assert.ok(corpus.some((e) => e.dial && e.dial.length > 256 && e.reason === "too-long"), "no over-256-unit entry");
  // Every named policy is valid and used.
  for (const [file, data] of Object.entries(files)) {
    for (const [name, config] of Object.entries(data.policies)) {
      assert.doesNotThrow(() => new DialPolicy(config).free(), `${file}: policy ${name}`);
      assert.ok(data.entries.some((e) => e.policy === name), `${file}: policy ${name} is never used`);
    }
  }
});

test("bypass corpus (corpus.json): every agreed entry", () => {
  runAll(all.filter((i) => i.file === "corpus.json" && !i.entry.disputed), "agreed corpus.json entries");
});

test("false-block list (allowed.json): no allowed or domestic dial is blocked", () => {
  runAll(all.filter((i) => i.file === "allowed.json" && !i.entry.disputed), "agreed allowed.json entries");
});

test("disputed entries: checked all the same, until the lead engineer decides", () => {
  const disputed = all.filter((i) => i.entry.disputed);
  console.log(`${disputed.length} disputed entries: ${disputed.map((i) => `${i.file}[${i.index}]`).join(", ")}`);
  if (disputed.length > 0) runAll(disputed, "disputed entries");
});
