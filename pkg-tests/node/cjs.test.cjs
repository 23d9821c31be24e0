// The package as a Node CommonJS user requires it.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const api = require("dialguard");

test("smoke cases (CJS)", async () => {
  const { runSmoke } = await import("../smoke.mjs");
  assert.deepEqual(runSmoke(api), []);
});

test("require() gives the same API as import", async () => {
  const esm = await import("dialguard");
  assert.deepEqual(Object.keys(api).sort(), Object.keys(esm).filter((k) => k !== "default").concat("default").sort());
});

test("the light entry, dialguard/check (CJS): as the main entry from its bytes, and the same API as import", async () => {
  const light = require("dialguard/check");
  const { runLight } = await import("../light.mjs");
  assert.deepEqual(runLight(api, light), []);
  const esm = await import("dialguard/check");
  assert.deepEqual(Object.keys(light).sort(), Object.keys(esm).sort());
});
