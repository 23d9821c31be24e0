// The facade's decoder fails closed: a decision is read from memory as it
// is after the call (memory that grows inside check() detaches every older
// view), and a record that cannot be read with certainty is malformed,
// never allowed. The binding's methods are replaced, one test at a time,
// by ones that misbehave on purpose.
import { test } from "node:test";
import assert from "node:assert/strict";
import { composed } from "./composed.mjs";

// The facade over the glue whose methods are replaced, the instance's
// memory, the layout and where the record is.
const { glue, api: { DialPolicy }, memory } = await composed("main");
const layout = glue.layout();
const record = glue.instance()[1] / 2; // in units
const unit = (name) => layout.units.indexOf(name);

/** Runs `body` with `Policy.prototype[name]` replaced by `make(original)`. */
function replaced(name, make, body) {
  const proto = glue.Policy.prototype;
  const original = proto[name];
  proto[name] = make(original);
  try {
    return body();
  } finally {
    proto[name] = original;
  }
}

/** Units of the instance's memory, as they are now. */
const units = () => new Uint16Array(memory.buffer);

const CONFIG = { homeRegion: "US", allow: ["CA", "+44"], sharedCodes: "by-region" };
const DIALS = [
  "+1 876 555 0123", // blocked
  "+1 416 555 0123", // allowed
  "011 44 20 7946 0000", // allowed
  "+1 212 555 0123", // blocked
  "+4", // incomplete
  "00\u202E54", // malformed
  "212 555 0123", // not international
  // More than 40 tokens: the tokenizer allocates inside check().
  "+1 (416) 555-0123 ,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,, 1234",
  "+1 416 555 0123 x" + "1".repeat(200),
];
const UNREADABLE = { verdict: "malformed", reason: "internal-error", dialString: "" };

test("memory that grows inside check() does not change any decision (nor checkMany's)", () => {
  const policy = new DialPolicy(CONFIG);
  const want = DIALS.map((d) => policy.check(d));
  const grow = (original) =>
    function (...args) {
      const result = original.apply(this, args);
      memory.grow(1);
      return result;
    };
  const before = memory.buffer.byteLength;
  replaced("check", grow, () => {
    for (const [i, dial] of DIALS.entries()) assert.deepEqual(policy.check(dial), want[i], dial);
    assert.deepEqual(policy.checkMany(DIALS), want);
  });
  assert.ok(memory.buffer.byteLength > before, "the memory did not grow");
});

test("a record check() did not write is malformed, not allowed", () => {
  const policy = new DialPolicy({ ...CONFIG, enabled: false }); // would allow every international dial
  const zeros = () =>
    function () {
      units().fill(0, record, record + layout.recordUnits);
    };
  replaced("check", zeros, () => assert.deepEqual(policy.check("+1 416 555 0123"), UNREADABLE));
});

test("a record that is not consistent is malformed", () => {
  const policy = new DialPolicy(CONFIG);
  /**
   * check() as the binding does it, then `edit` of the header unit named
   * `name` (or, for "region", of the first region's index).
   */
  const tamper = (name, edit) => (original) =>
    function (...args) {
      original.apply(this, args);
      const at = record + (name === "region" ? layout.header : unit(name));
      units()[at] = edit(units()[at]);
    };
  const cases = [
    ["the allowed verdict code with a blocked reason", "+1 876 555 0123", "verdict", () => 1],
    ["the blocked verdict code with an allowed reason", "+1 416 555 0123", "verdict", () => 2],
    ["no verdict code", "+1 416 555 0123", "verdict", () => 0],
    ["an unknown verdict code", "+1 416 555 0123", "verdict", () => 9],
    ["an unknown reason", "+1 416 555 0123", "reason", () => 0xffff],
    ["a dial string longer than the record", "+1 416 555 0123", "dialLen", () => 300],
    ["more regions than a record holds", "+1 416 555 0123", "regionCount", () => layout.maxRegions + 1],
    ["a region the instance does not have", "+1 416 555 0123", "region", () => glue.regionIds().split(" ").length],
    ["a prefix past the dial string", "+1 416 555 0123", "prefixEnd", () => 40],
    ["a rule past the allow list", "+1 416 555 0123", "rule", () => 2],
    ["an unknown number type", "+1 416 555 0123", "numberType", () => layout.numberTypes.length + 1],
  ];
  for (const [what, dial, name, edit] of cases) {
    replaced("check", tamper(name, edit), () => assert.deepEqual(policy.check(dial), UNREADABLE, what));
  }
  // Untouched, the same dials decode as the engine decided.
  replaced("check", tamper("verdict", (u) => u), () => {
    assert.equal(policy.check("+1 876 555 0123").verdict, "blocked");
    assert.equal(policy.check("+1 416 555 0123").verdict, "allowed");
  });
  // A bad record in a batch is that dial's decision only.
  let calls = 0;
  const firstZeroed = (original) =>
    function (...args) {
      original.apply(this, args);
      if (calls++ === 0) units().fill(0, record, record + layout.header);
    };
  replaced("check", firstZeroed, () => {
    const [first, second] = policy.checkMany(["+1 416 555 0123", "+1 416 555 0123"]);
    assert.deepEqual(first, UNREADABLE);
    assert.equal(second.verdict, "allowed");
  });
});

test("a verdict code the facade does not know is malformed", () => {
  const policy = new DialPolicy(CONFIG);
  for (const code of [0, 6, 255]) {
    replaced("verdict", () => () => code, () => assert.equal(policy.verdict("+1 416 555 0123"), "malformed", String(code)));
  }
});
