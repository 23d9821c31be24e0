// Differential test against libphonenumber-js, an independent oracle: for
// every example number in PhoneNumberMetadata.xml and a few thousand numbers
// made from them, dialguard must find the calling code libphonenumber-js
// parses, and its candidate regions must contain libphonenumber-js's region.
// Disagreements must be explained in differential-known.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DialPolicy } from "dialguard";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

const xml = readFileSync(new URL("../../data/libphonenumber/PhoneNumberMetadata.xml", import.meta.url), "utf8");
const known = JSON.parse(readFileSync(new URL("./differential-known.json", import.meta.url), "utf8"));

/** [region, calling code, example number] for every example in the XML. */
function examples() {
  const out = [];
  for (const [, id, code, body] of xml.matchAll(/<territory id="(\w+)"[^>]*?countryCode="(\d+)"[^>]*>([\s\S]*?)<\/territory>/g)) {
    for (const [, type, number] of body.matchAll(/<(\w+)>\s*<possibleLengths[^>]*\/>\s*<exampleNumber>(\d+)<\/exampleNumber>/g)) {
      if (type !== "noInternationalDialling") out.push([id, code, number]);
    }
  }
  return out;
}

/** Numbers made from the examples: the last one to three digits varied. */
function variations(list, count) {
  let seed = 7;
  const next = (n) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const out = [];
  while (out.length < count) {
    const [id, code, number] = list[next(list.length)];
    const k = 1 + next(3);
    let tail = "";
    for (let i = 0; i < k; i++) tail += next(10);
    out.push([id, code, number.slice(0, -k) + tail]);
  }
  return out;
}

test("calling codes and regions agree with libphonenumber-js", () => {
  const list = examples();
  assert.ok(list.length > 1100, `only ${list.length} example numbers`);
  const policy = new DialPolicy({ internationalPrefixes: ["00"], sharedCodes: "by-region" });
  const disagreements = {};
  let compared = 0;
  for (const [id, code, number] of [...list, ...variations(list, 5000)]) {
    const e164 = `+${code}${number}`;
    const ours = policy.check(e164);
    const theirs = parsePhoneNumberFromString(e164);
    if (!theirs) continue; // libphonenumber-js could not parse it: nothing to compare
    compared++;
    if (ours.callingCode !== theirs.countryCallingCode) {
      disagreements[e164] = `calling code ${ours.callingCode} vs ${theirs.countryCallingCode}`;
      continue;
    }
    const region = theirs.country ?? (code === theirs.countryCallingCode && id === "001" ? "001" : undefined);
    if (region !== undefined && !ours.regions.includes(region)) {
      disagreements[e164] = `region ${region} (libphonenumber-js) not in ${JSON.stringify(ours.regions)}`;
    }
  }
  policy.free();
  assert.ok(compared > 5000, `only ${compared} numbers compared`);
  const unexplained = Object.keys(disagreements).filter((n) => !(n in known));
  const stale = Object.keys(known).filter((n) => !(n in disagreements));
  assert.deepEqual(
    unexplained.map((n) => `${n}: ${disagreements[n]}`),
    [],
    "disagreements not explained in differential-known.json",
  );
  assert.deepEqual(stale, [], "differential-known.json explains numbers that no longer disagree");
  assert.ok(Object.keys(known).length <= 25, "too many known disagreements");
  console.log(`# ${compared} numbers compared with libphonenumber-js, ${Object.keys(known).length} known disagreements`);
});
