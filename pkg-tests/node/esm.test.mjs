// The package as a Node ESM user imports it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as api from "dialguard";
import { runSmoke } from "../smoke.mjs";
import { composed } from "./composed.mjs";

test("smoke cases (ESM)", () => {
  assert.deepEqual(runSmoke(api), []);
});

test("init() resolves at once in Node, and rejects options it does not know", async () => {
  await api.init();
  await api.init({ admin: true });
  assert.equal(typeof api.default, "function");
  for (const bad of ["dialguard_bg.wasm", null, { admin: 1 }, { Admin: true }]) {
    await assert.rejects(api.init(bad), TypeError);
  }
  assert.equal(api.regions().length, 254, "Node has the admin build");
});

test("verdict() equals check().verdict over generated dials", () => {
  const policy = new api.DialPolicy({ homeRegion: "US", allow: ["CA", "GB", "+1876"], sharedCodes: "by-region" });
  const parts = ["", "+", "011", "00", "9", "*67", "1", "44", "876", "416", "212", " ", "-", "(", ")", "x", ",", "#", "\u0661", "\uFF14", "\u202E", "tel:"];
  let seed = 42;
  const next = (n) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  for (let i = 0; i < 5000; i++) {
    let dial = "";
    for (let k = next(8); k >= 0; k--) dial += parts[next(parts.length)];
    assert.equal(policy.verdict(dial), policy.check(dial).verdict, JSON.stringify(dial));
  }
  policy.free();
});

test("optional fields are omitted, decisions are plain objects", () => {
  const policy = new api.DialPolicy({ internationalPrefixes: ["00"], allow: ["AR"] });
  const d = policy.check("5551234");
  assert.deepEqual(Object.keys(d), ["verdict", "reason", "dialString"]);
  assert.equal(Object.getPrototypeOf(d), Object.prototype);
  assert.ok(!(d.regions instanceof Map));
  policy.free();
});

test("a freed policy refuses work; free() twice is fine", () => {
  const policy = new api.DialPolicy({ internationalPrefixes: ["00"] });
  policy.free();
  policy.free();
  assert.throws(() => policy.check("00"), /freed/);
  if (typeof Symbol.dispose === "symbol") {
    const other = new api.DialPolicy({ internationalPrefixes: ["00"] });
    other[Symbol.dispose]();
    assert.throws(() => other.verdict("00"), /freed/);
  }
});

test("a rejected config leaves existing policies alone", () => {
  const policy = new api.DialPolicy({ internationalPrefixes: ["00"], allow: ["AR"] });
  assert.throws(() => new api.DialPolicy({ internationalPrefixes: ["00"], allow: ["XX"] }), { name: "DialguardError" });
  assert.throws(() => policy.diff({ allow: ["AR"] }), { name: "DialguardError", code: "missing-prefixes" });
  assert.equal(policy.verdict("0054"), "allowed");
  assert.deepEqual(policy.toJSON().allow, ["AR"]);
  policy.free();
});

test("memory stays flat over many create/check/free cycles", async () => {
  // The Node entry's instance is inside its bundle: the same facade, glue and .wasm, composed.
  const { api: facade, memory } = await composed("main");
  const config = { homeRegion: "US", allow: ["CA", "MX", "GB", "+1876"], sharedCodes: "by-region" };
  const cycle = () => {
    const policy = new facade.DialPolicy(config);
    policy.check("+1 416 555 0123");
    policy.verdict("011 52 55 1234 5678");
    policy.free();
  };
  for (let i = 0; i < 2000; i++) cycle(); // let the allocator reach its working size
  const before = memory.buffer.byteLength;
  const deadline = Date.now() + 5000;
  let cycles = 0;
  while (cycles < 1_000_000 && Date.now() < deadline) {
    cycle();
    cycles++;
  }
  assert.ok(cycles >= 10_000, `only ${cycles} cycles in 5 s`);
  assert.equal(memory.buffer.byteLength, before, `memory grew over ${cycles} cycles`);
  console.log(`# ${cycles} create/check/free cycles, WebAssembly memory flat at ${before} bytes`);
});

test("importing a Node entry loads no more of Node than it needs (not node:fs's ES module facade)", { skip: !Array.isArray(process.moduleLoadList) }, () => {
  // The facade of node:fs loads every lazy part of fs, its streams and
  // Node's whole stream module with them (19 modules): about 2 ms of an
  // import() (npm run size).
  for (const entry of ["dialguard", "dialguard/check"]) {
    const script = `const before = new Set(process.moduleLoadList); await import(${JSON.stringify(entry)});
      console.log(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m))));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const loaded = JSON.parse(run.stdout);
    assert.ok(loaded.length > 0, "the list shows what an import loads");
    assert.deepEqual(loaded.filter((m) => /stream/.test(m)), [], entry);
  }
});

test("a Node without process.getBuiltinModule (before 20.16 and 22.3) loads every Node entry", () => {
  const policy = "{ homeRegion: 'MX', allow: ['AR'] }";
  const script = `delete process.getBuiltinModule;
    const esm = await import("dialguard"), light = await import("dialguard/check");
    const { createRequire } = await import("node:module");
    const require = createRequire(process.cwd() + "/");
    const cjs = require("dialguard"), lightCjs = require("dialguard/check");
    const bytes = new esm.DialPolicy(${policy}).toBytes();
    console.log(JSON.stringify([esm, cjs].map((m) => new m.DialPolicy(${policy}).verdict("0054 11"))
      .concat([light, lightCjs].map((m) => m.DialPolicy.fromBytes(bytes).verdict("0052 55")))));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), ["allowed", "allowed", "blocked", "blocked"]);
});
