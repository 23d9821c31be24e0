// Differential test of number types against libphonenumber-js getType()
// (max metadata), an independent reading of the same XML: every example
// number of every type in PhoneNumberMetadata.xml, and a few thousand
// numbers made from them (the last digits varied; cut or lengthened to
// another possible length), gets from dialguard (Decision.numberType) the
// type libphonenumber-js reports. Every disagreement is explained in
// types-differential-known.json: by a rule (what dialguard's table decides
// on purpose, with the most numbers it may cover) or by the number itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DialPolicy } from "dialguard";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

const xml = readFileSync(new URL("../../data/libphonenumber/PhoneNumberMetadata.xml", import.meta.url), "utf8");
const known = JSON.parse(readFileSync(new URL("./types-differential-known.json", import.meta.url), "utf8"));

/** libphonenumber-js's types in dialguard's names; undefined (not a valid number) is unknown. */
const NAMES = {
  FIXED_LINE: "fixed-line", MOBILE: "mobile", FIXED_LINE_OR_MOBILE: "fixed-line-or-mobile", TOLL_FREE: "toll-free",
  PREMIUM_RATE: "premium-rate", SHARED_COST: "shared-cost", VOIP: "voip", PERSONAL_NUMBER: "personal-number",
  PAGER: "pager", UAN: "uan", VOICEMAIL: "voicemail",
};

/** "6,[8-10]" as [6, 8, 9, 10]. */
function lengths(text) {
  return text.split(",").flatMap((item) => {
    const [low, high = low] = item.replace(/[[\]]/g, "").split("-").map(Number);
    return Array.from({ length: high - low + 1 }, (_, i) => low + i);
  });
}

/** { id, code, examples: [type, number][], lengths } of every territory. */
function territories() {
  const out = [];
  for (const [, id, code, body] of xml.matchAll(/<territory id="(\w+)"[^>]*?countryCode="(\d+)"[^>]*>([\s\S]*?)<\/territory>/g)) {
    const examples = [];
    const all = new Set();
    for (const [, type, national, number] of body.matchAll(/<(\w+)>\s*<possibleLengths national="([^"]+)"[^/]*\/>\s*<exampleNumber>(\d+)<\/exampleNumber>/g)) {
      if (type === "noInternationalDialling") continue;
      examples.push([type, number]);
      for (const n of lengths(national)) all.add(n);
    }
    out.push({ id, code, examples, lengths: [...all].sort((a, b) => a - b) });
  }
  return out;
}

/** The examples, and `count` numbers made from them, as [region, calling code, national number]. */
function numbers(list, count) {
  let seed = 11;
  const next = (n) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const digits = (k) => Array.from({ length: k }, () => next(10)).join("");
  const out = list.flatMap((t) => t.examples.map(([, n]) => [t.id, t.code, n]));
  while (out.length < count) {
    const t = list[next(list.length)];
    if (t.examples.length === 0) continue;
    const [, example] = t.examples[next(t.examples.length)];
    const length = t.lengths[next(t.lengths.length)];
    let n;
    if (next(3) === 0 && length !== example.length) {
      // Another possible length: cut, or lengthened with random digits.
      n = length < example.length ? example.slice(0, length) : example + digits(length - example.length);
    } else {
      const k = 1 + next(3);
      n = example.slice(0, -k) + digits(k);
    }
    out.push([t.id, t.code, n]);
  }
  return out;
}

/** The rule of known.rules that explains a disagreement, if one does. */
function ruleFor(ours, theirs) {
  return Object.entries(known.rules).find(([, r]) => r.ours.includes(ours ?? "none") && r.theirs.includes(theirs))?.[0];
}

test("number types agree with libphonenumber-js getType()", () => {
  const list = territories();
  const exampleCount = list.reduce((n, t) => n + t.examples.length, 0);
  assert.ok(exampleCount > 1100, `only ${exampleCount} example numbers`);
  // Protection off: a policy reaches (and tells the types of) every code.
  const policy = new DialPolicy({ internationalPrefixes: ["00"], enabled: false });
  const byRule = Object.fromEntries(Object.keys(known.rules).map((r) => [r, 0]));
  const unexplained = [];
  const listed = new Set();
  let compared = 0;
  let agreed = 0;
  let examplesAgreed = 0;
  for (const [i, [id, code, national]] of numbers(list, 6000).entries()) {
    const e164 = `+${code}${national}`;
    const parsed = parsePhoneNumberFromString(e164);
    if (!parsed || parsed.countryCallingCode !== code) continue; // not a number libphonenumber-js reads: nothing to compare
    compared++;
    const theirs = NAMES[parsed.getType()] ?? "unknown";
    const ours = policy.check(e164).numberType;
    if (ours === theirs) {
      agreed++;
      if (i < exampleCount) examplesAgreed++;
      continue;
    }
    if (e164 in known.numbers) {
      listed.add(e164);
      continue;
    }
    const rule = ruleFor(ours, theirs);
    if (rule) byRule[rule]++;
    else unexplained.push(`${e164} (${id}): dialguard ${ours ?? "none"}, libphonenumber-js ${theirs}`);
  }
  policy.free();
  const stale = Object.keys(known.numbers).filter((n) => !listed.has(n));
  const percent = (n, of) => `${((100 * n) / of).toFixed(1)}%`;
  console.log(
    `# ${compared} numbers compared, ${agreed} agree (${percent(agreed, compared)}; examples ${examplesAgreed} of ${exampleCount}, ` +
      `${percent(examplesAgreed, exampleCount)}); disagreements by rule ${JSON.stringify(byRule)}, listed ${listed.size}`,
  );
  assert.ok(compared > 5000, `only ${compared} numbers compared`);
  assert.deepEqual(unexplained, [], "disagreements not explained in types-differential-known.json");
  assert.deepEqual(stale, [], "types-differential-known.json lists numbers that no longer disagree");
  for (const [rule, n] of Object.entries(byRule)) {
    assert.ok(n <= known.rules[rule].most, `${n} disagreements by rule ${rule}, more than its ${known.rules[rule].most}`);
  }
});
