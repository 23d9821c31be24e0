// The facade's decoder fails closed: a decision is read from memory as it
// is after the call (memory that grows inside check() detaches every older
// view), and a record that cannot be read with certainty is malformed,
// never allowed. The facade (core.js) is attached to the package's own
// WebAssembly behind exports that misbehave on purpose.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const base = import.meta.resolve("dialguard");
const wasm = new WebAssembly.Module(readFileSync(new URL("./dialguard_bg.wasm", base)));

/**
 * A fresh facade attached to `wrap(exports)` of a fresh instance: the glue
 * and the facade keep their instance in module state, so each is imported
 * anew.
 */
let instances = 0;
async function facade(wrap = (e) => e) {
  const fresh = (file) => import(`${new URL(file, base)}?instance=${instances++}`);
  const [glue, core] = await Promise.all([fresh("./glue.js"), fresh("./core.js")]);
  core.attach(wrap(glue.initSync({ module: wasm })));
  return core;
}

/** Exports whose `name` is `fn(exports, ...args)` instead. */
const replace = (name, fn) => (exports) =>
  Object.create(exports, { [name]: { value: (...args) => fn(exports, ...args) } });

/** Exports whose `name` runs `after(exports, result)` once the real one returns. */
const around = (name, after) => replace(name, (exports, ...args) => after(exports, exports[name](...args)));

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

test("memory that grows inside check() does not change any decision", async () => {
  const reference = new (await facade()).DialPolicy(CONFIG);
  const growing = new (
    await facade(
      around("check", (exports, ok) => {
        exports.memory.grow(1);
        return ok;
      }),
    )
  ).DialPolicy(CONFIG);
  for (const dial of DIALS) {
    assert.deepEqual(growing.check(dial), reference.check(dial), dial);
    assert.equal(growing.verdict(dial), reference.verdict(dial), dial);
  }
  assert.deepEqual(growing.checkMany(DIALS), reference.checkMany(DIALS));
});

test("a record check() did not write is malformed, not allowed", async () => {
  // The record of a fresh instance is all zeros.
  const core = await facade(replace("check", () => true));
  const policy = new core.DialPolicy({ ...CONFIG, enabled: false }); // would allow every international dial
  assert.deepEqual(policy.check("+1 416 555 0123"), { verdict: "malformed", reason: "internal-error", dialString: "" });
});

/** Where check() writes its record, in units (the META op of src/wasm.rs). */
function recordAt(exports) {
  const len = exports.call(0, 0, 0, 0);
  const meta = new TextDecoder().decode(new Uint8Array(exports.memory.buffer, exports.result(), len));
  return Number(meta.split(",")[1]) / 2;
}

/** Exports whose check() then changes unit `unit` of its record with `edit`. */
const tamper = (unit, edit) =>
  around("check", (exports, ok) => {
    const view = new Uint16Array(exports.memory.buffer);
    const at = recordAt(exports) + unit;
    view[at] = edit(view[at]);
    return ok;
  });

test("a record that is not consistent is malformed", async () => {
  const UNREADABLE = { verdict: "malformed", reason: "internal-error", dialString: "" };
  const cases = [
    ["a blocked reason under the allowed verdict code", "+1 876 555 0123", tamper(0, (u) => (u & 0xff) | (1 << 8))],
    ["an allowed reason under the blocked verdict code", "+1 416 555 0123", tamper(0, (u) => (u & 0xff) | (2 << 8))],
    ["no verdict code", "+1 416 555 0123", tamper(0, (u) => u & 0xff)],
    ["an unknown verdict code", "+1 416 555 0123", tamper(0, (u) => (u & 0xff) | (9 << 8))],
    ["an unknown reason", "+1 416 555 0123", tamper(0, (u) => (u & 0xff00) | 0xff)],
    ["a dial string longer than the record", "+1 416 555 0123", tamper(2, () => 300)],
    ["more regions than a record holds", "+1 416 555 0123", tamper(10, () => 26)],
    ["a calling code past the dial string", "+1 416 555 0123", tamper(5, () => 40)],
  ];
  for (const [what, dial, wrap] of cases) {
    const policy = new (await facade(wrap)).DialPolicy(CONFIG);
    assert.deepEqual(policy.check(dial), UNREADABLE, what);
  }
  // Untouched, the same dials decode as the engine decided.
  const policy = new (await facade(tamper(0, (u) => u))).DialPolicy(CONFIG);
  assert.equal(policy.check("+1 876 555 0123").verdict, "blocked");
  assert.equal(policy.check("+1 416 555 0123").verdict, "allowed");
});

test("a verdict code the facade does not know is malformed", async () => {
  for (const code of [0, 6, 255]) {
    const core = await facade(replace("verdict", () => code));
    assert.equal(new core.DialPolicy(CONFIG).verdict("+1 416 555 0123"), "malformed", String(code));
  }
});
