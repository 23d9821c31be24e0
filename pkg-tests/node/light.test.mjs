// The light entry, dialguard/check, as a Node ESM user imports it: it
// decides as the main entry does from the main entry's bytes
// (../light.mjs), its reader fails closed as the main entry's does
// (decoder.test.mjs), and its memory stays flat.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as main from "dialguard";
import * as light from "dialguard/check";
import { runLight } from "../light.mjs";
import { composed } from "./composed.mjs";

test("the light entry decides as the main entry from its bytes, and refuses bad bytes (ESM)", () => {
  assert.deepEqual(runLight(main, light), []);
});

test("init() resolves at once in Node, and rejects options it does not know (admin is the main entry's)", async () => {
  await light.init();
  assert.equal(light.default, light.init);
  for (const bad of ["dialguard_light_bg.wasm", null, { admin: true }, { admin: false }, { Wasm: "x" }]) {
    await assert.rejects(light.init(bad), TypeError, JSON.stringify(bad));
  }
});

// The light facade over the glue whose methods are replaced, and its instance's memory.
const { glue, api: facade, memory } = await composed("light");
const layout = (await composed("main")).glue.layout(); // one record layout for every build
const record = glue.instance()[1] / 2;
const CONFIG = { homeRegion: "US", allow: ["CA", "+44"], sharedCodes: "by-region" };
const BYTES = new main.DialPolicy(CONFIG).toBytes();
const UNREADABLE = { verdict: "malformed", reason: "internal-error", dialString: "" };

/** Runs `body` with the light glue's `Policy.prototype[name]` replaced by `make(original)`. */
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

test("an unreadable record is malformed, never allowed, in the light entry too", () => {
  // Protection off: it would allow every international dial.
  const policy = facade.DialPolicy.fromBytes(new main.DialPolicy({ ...CONFIG, enabled: false }).toBytes());
  assert.equal(policy.verdict("+1 416 555 0123"), "allowed");
  const zeros = () =>
    function () {
      new Uint16Array(memory.buffer).fill(0, record, record + layout.recordUnits);
    };
  replaced("check", zeros, () => assert.deepEqual(policy.check("+1 416 555 0123"), UNREADABLE));
  const blockedReason = (original) =>
    function (...args) {
      original.apply(this, args);
      new Uint16Array(memory.buffer)[record + layout.units.indexOf("reason")] = layout.reasons.findIndex(([name]) => name === "not-allowed");
    };
  replaced("check", blockedReason, () => assert.deepEqual(policy.check("+1 416 555 0123"), UNREADABLE));
  for (const code of [0, 6, 255]) {
    replaced("verdict", () => () => code, () => assert.equal(policy.verdict("+1 416 555 0123"), "malformed", String(code)));
  }
  policy.free();
});

test("a refusal of bytes that cannot be read is still a refusal, never a policy", () => {
  const changed = BYTES.slice();
  changed[BYTES.length >> 1] ^= 1;
  const unit = (name) => record + layout.refusalUnits.indexOf(name);
  /** facade.DialPolicy.fromBytes(given), the light glue's fromBytes followed by `edit` of the memory's units. */
  const load = (given, edit) => {
    const original = glue.Policy.fromBytes;
    glue.Policy.fromBytes = (...args) => {
      const policy = original(...args);
      edit(new Uint16Array(memory.buffer));
      return policy;
    };
    try {
      return facade.DialPolicy.fromBytes(given);
    } finally {
      glue.Policy.fromBytes = original;
    }
  };
  const unreadable = /refused the bytes, and its reason cannot be read/;
  for (const [what, edit] of [
    ["no error code", (u) => (u[unit("code")] = 0)],
    ["an unknown error code", (u) => (u[unit("code")] = layout.errorCodes.length + 1)],
    ["a detail longer than the record", (u) => (u[unit("detailLen")] = layout.recordUnits)],
  ]) {
    assert.throws(() => load(changed, edit), unreadable, what);
  }
  // Untouched, it is the engine's DialguardError; bytes that load load, whatever the record holds.
  assert.throws(() => load(changed, () => {}), { name: "DialguardError", code: "corrupt-bytes", path: "" });
  const loaded = load(BYTES, (u) => u.fill(0, record, record + layout.recordUnits));
  assert.equal(loaded.fingerprint, new main.DialPolicy(CONFIG).fingerprint);
});

test("the light entry's memory stays flat over many fromBytes/check/free cycles, refusals included", () => {
  const changed = BYTES.slice();
  changed[BYTES.length >> 1] ^= 1;
  const cycle = () => {
    const policy = facade.DialPolicy.fromBytes(BYTES);
    policy.check("+1 416 555 0123");
    policy.verdict("011 52 55 1234 5678");
    policy.free();
    assert.throws(() => facade.DialPolicy.fromBytes(changed), { code: "corrupt-bytes" });
  };
  for (let i = 0; i < 2000; i++) cycle(); // let the allocator reach its working size
  const before = memory.buffer.byteLength;
  const deadline = Date.now() + 2000;
  let cycles = 0;
  while (cycles < 200_000 && Date.now() < deadline) {
    cycle();
    cycles++;
  }
  assert.ok(cycles >= 1_000, `only ${cycles} cycles in 2 s`);
  assert.equal(memory.buffer.byteLength, before, `memory grew over ${cycles} cycles`);
  console.log(`# ${cycles} fromBytes/check/free cycles, the light build's memory flat at ${before} bytes`);
});
