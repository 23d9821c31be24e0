// The check service of examples/edge/, bundled by wrangler from the packed
// package: every case of cases.mjs in workerd, Miniflare and Deno; KV
// profiles in Miniflare; the handler's caches and failure paths in Node.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CASES, POLICIES, SETUPS, compiled, refusal, runCase, send } from "./cases.mjs";
import { prepare, startService } from "./service.mjs";
import { DialPolicy } from "dialguard";

/** Starts one service per setup; stops those that started if one fails. */
async function startAll(runtime, setups, options) {
  const names = Object.keys(setups);
  const started = await Promise.allSettled(names.map((name) => startService(runtime, setups[name], options)));
  const services = Object.fromEntries(names.flatMap((name, i) => (started[i].status === "fulfilled" ? [[name, started[i].value]] : [])));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    throw failed.reason;
  }
  return services;
}

before(() => prepare());

/** Bytes the dialguard before format 4 wrote (tests/fixtures), and the configuration they carry. */
const FORMAT_3 = {
  bytes: new Uint8Array(readFileSync(new URL("../../tests/fixtures/format-3-us.bin", import.meta.url))),
  config: { homeRegion: "US", allow: ["CA", "GB"], sharedCodes: "by-region", blockNumberTypes: ["premium-rate"] },
};
/** The same policy as the dialguard before format 5 wrote it: format 4's layout, judged by the rules before. */
const FORMAT_4 = {
  bytes: new Uint8Array(readFileSync(new URL("../../tests/fixtures/format-4-us.bin", import.meta.url))),
  config: FORMAT_3.config,
};

/** A KV value read as the service reads it: { type: "arrayBuffer" }. */
const kvValue = (text) => new TextEncoder().encode(text).buffer;

/** FNV-1a, 64 bits, of byte arrays in turn: the format's fingerprint and checksum. */
function fnv1a(...parts) {
  let h = 0xcbf29ce484222325n;
  for (const part of parts) for (const b of part) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, h, true);
  return out;
}

/**
 * Compiled bytes as a dialguard with other numbering data (`version`) wrote
 * the same payload: its data version, the fingerprint hashed with it, the checksum.
 */
function ofData(bytes, version) {
  const name = new TextEncoder().encode(version);
  const ours = bytes[18];
  const payload = bytes.subarray(18 + 1 + ours + 8 + 4, bytes.length - 8);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, payload.length, true);
  // From format 5 the fingerprint hashes the format too.
  const format = bytes.subarray(16, 18);
  const hashed = format[0] + 256 * format[1] >= 5 ? [format, name, [0], payload] : [name, [0], payload];
  const body = [bytes.subarray(0, 18), [name.length], name, fnv1a(...hashed), length, payload];
  const out = new Uint8Array(body.reduce((n, part) => n + part.length, 8));
  let at = 0;
  for (const part of body) (out.set(part, at), (at += part.length));
  out.set(fnv1a(out.subarray(0, at)), at);
  return out;
}

for (const runtime of ["workerd", "miniflare", "deno"]) {
  describe(`${runtime}: the API`, () => {
    let services = {};
    before(async () => {
      services = await startAll(runtime, SETUPS);
    });
    after(() => Promise.all(Object.values(services).map((s) => s.stop())));
    for (const c of CASES) test(`${c.setup}: ${c.name}`, () => runCase(services[c.setup].url, c));
  });
}

describe("miniflare: profiles in the KV namespace POLICY_STORE", () => {
  const SECONDS = 2;
  let service;
  const dial = "+1 416 555 0123";
  const checkAs = (profile) => send(service.url, { method: "POST", path: "/v1/check", json: { dialed: dial, profile } });
  const expected = (config, dialed = dial) => {
    const policy = new DialPolicy(config);
    const decision = policy.check(dialed);
    policy.free();
    return decision;
  };

  before(async () => {
    // POLICY is set too: POLICY_STORE takes precedence, without falling back to it.
    service = await startService("miniflare", { POLICY_CACHE_SECONDS: String(SECONDS), POLICY: JSON.stringify(POLICIES.default) }, { kv: true });
    await service.store.put("tenant-a", JSON.stringify(POLICIES.default));
    await service.store.put("tenant-broken", JSON.stringify(POLICIES.broken));
    await service.store.put("tenant-twice", '{ "homeRegion": "US", "allow": ["CA"], "allow": ["CA", "JM"] }');
    await service.store.put("tenant-bytes", compiled(POLICIES.mx).bytes);
    const changed = compiled(POLICIES.mx).bytes;
    changed[40] ^= 1;
    await service.store.put("tenant-changed", changed);
    await service.store.put("tenant-latin1", new Uint8Array([0x7b, 0xe9, 0x7d]));
    await service.store.put("tenant-older", ofData(compiled(POLICIES.mx).bytes, "libphonenumber 9.0.30"));
    const otherFormat = compiled(POLICIES.mx).bytes;
    otherFormat[16] = 99;
    await service.store.put("tenant-other-format", otherFormat);
    await service.store.put("tenant-format-3", FORMAT_3.bytes);
    await service.store.put("tenant-format-3-older", ofData(FORMAT_3.bytes, "libphonenumber 9.0.30"));
    await service.store.put("tenant-format-4", FORMAT_4.bytes);
  });
  after(() => service?.stop());

  test("a profile is read from its key", async () => {
    const { status, body } = await checkAs("tenant-a");
    assert.equal(status, 200);
    assert.deepEqual(body, expected(POLICIES.default));
    assert.equal(body.verdict, "allowed");
    const described = await send(service.url, { path: "/v1/policy?profile=tenant-a" });
    assert.equal(described.body.source, "POLICY_STORE");
  });

  test("a value may be compiled bytes: judged by them, named by their fingerprint", async () => {
    const { status, body, headers } = await send(service.url, { method: "POST", path: "/v1/check", json: { dialed: "00 54 11 1234 5678", profile: "tenant-bytes" } });
    assert.equal(status, 200);
    assert.deepEqual(body, expected(POLICIES.mx, "00 54 11 1234 5678"));
    assert.equal(headers.get("X-Dialguard-Policy"), compiled(POLICIES.mx).fingerprint);
    const served = await send(service.url, { path: "/v1/policy?profile=tenant-bytes", headers: { Accept: "application/octet-stream" } });
    assert.deepEqual(served.body, compiled(POLICIES.mx).bytes, "the bytes stored are the bytes served");
  });

  test("bytes of other numbering data, unchanged, are judged by their configuration with this data, and said so", async () => {
    const { status, body, headers } = await send(service.url, { method: "POST", path: "/v1/check", json: { dialed: "00 54 11 1234 5678", profile: "tenant-older" } });
    assert.equal(status, 200);
    assert.deepEqual(body, expected(POLICIES.mx, "00 54 11 1234 5678"));
    assert.equal(headers.get("X-Dialguard-Policy"), compiled(POLICIES.mx).fingerprint, "the policy its configuration compiles to here");
    const described = await send(service.url, { path: "/v1/policy?profile=tenant-older" });
    assert.equal(described.body.storedDataVersion, "libphonenumber 9.0.30");
    assert.equal(described.body.compiledAgain, "data-version");
    assert.equal(described.body.fingerprint, compiled(POLICIES.mx).fingerprint);
    const served = await send(service.url, { path: "/v1/policy?profile=tenant-older", headers: { Accept: "application/octet-stream" } });
    assert.deepEqual(served.body, compiled(POLICIES.mx).bytes, "softphones get what is enforced, with this data");
    const current = await send(service.url, { path: "/v1/policy?profile=tenant-bytes" });
    assert.equal("storedDataVersion" in current.body, false, "bytes of this data say nothing of it");
    assert.equal("compiledAgain" in current.body, false, "bytes enforced as stored say nothing of it");
  });

  test("bytes of the format before, unchanged, are judged by their configuration in this format, and said so", async () => {
    const dialed = "011 44 20 7946 0000";
    const now = new DialPolicy(FORMAT_3.config);
    const { status, body, headers } = await send(service.url, { method: "POST", path: "/v1/check", json: { dialed, profile: "tenant-format-3" } });
    assert.equal(status, 200);
    assert.deepEqual(body, expected(FORMAT_3.config, dialed));
    assert.equal(headers.get("X-Dialguard-Policy"), now.fingerprint);
    const described = await send(service.url, { path: "/v1/policy?profile=tenant-format-3" });
    assert.equal(described.body.compiledAgain, "bytes-version");
    assert.equal("storedDataVersion" in described.body, false, "of this data");
    const served = await send(service.url, { path: "/v1/policy?profile=tenant-format-3", headers: { Accept: "application/octet-stream" } });
    assert.deepEqual(served.body, now.toBytes(), "softphones get what is enforced, in this format");
    // Of the format before and of other data: both said.
    const older = await send(service.url, { path: "/v1/policy?profile=tenant-format-3-older" });
    assert.deepEqual([older.body.compiledAgain, older.body.storedDataVersion, older.body.fingerprint], ["bytes-version", "libphonenumber 9.0.30", now.fingerprint]);
    now.free();
  });

  test("bytes judged by the rules before (format 4) are judged by their configuration with this service's rules", async () => {
    // The rules before read *011 as a star code carrying a national number;
    // this service's read the bare * as a separator too: UK premium rate.
    const dialed = "*011 44 909 876 5432";
    const now = new DialPolicy(FORMAT_4.config);
    const { status, body, headers } = await send(service.url, { method: "POST", path: "/v1/check", json: { dialed, profile: "tenant-format-4" } });
    assert.equal(status, 200);
    assert.deepEqual([body.verdict, body.reason], ["blocked", "number-type-blocked"]);
    assert.deepEqual(body, expected(FORMAT_4.config, dialed));
    assert.equal(headers.get("X-Dialguard-Policy"), now.fingerprint);
    const described = await send(service.url, { path: "/v1/policy?profile=tenant-format-4" });
    assert.equal(described.body.compiledAgain, "bytes-version");
    // The fingerprint the bytes carry (little-endian, after the label, format and data version).
    const carried = [...FORMAT_4.bytes.subarray(40, 48)].reverse().map((b) => b.toString(16).padStart(2, "0")).join("");
    assert.equal(carried, "3d76d0eb08dcccf6");
    assert.notEqual(described.body.fingerprint, carried, "judged by other rules: another fingerprint");
    assert.notEqual(headers.get("X-Dialguard-Policy"), carried);
    const served = await send(service.url, { path: "/v1/policy?profile=tenant-format-4", headers: { Accept: "application/octet-stream" } });
    assert.deepEqual(served.body, now.toBytes(), "softphones get what is enforced, in this format");
    now.free();
  });

  test("bytes of another format answer 503 bytes-version", async () => {
    const { status, body } = await checkAs("tenant-other-format");
    assert.equal(status, 503);
    assert.equal(body.error.code, "bytes-version");
  });

  test("changed bytes answer 503 corrupt-bytes; a value neither bytes nor UTF-8 answers 503", async () => {
    const changed = await checkAs("tenant-changed");
    assert.equal(changed.status, 503);
    assert.equal(changed.body.error.code, "corrupt-bytes");
    const latin1 = await checkAs("tenant-latin1");
    assert.equal(latin1.status, 503);
    assert.deepEqual([latin1.body.error.code, latin1.body.error.path], ["invalid-value", "POLICY_STORE"]);
  });

  test("a key that is missing is an unknown profile, even with POLICY set", async () => {
    const { status, body } = await checkAs(undefined);
    assert.equal(status, 404);
    assert.equal(body.error.code, "unknown-profile");
  });

  test("a value that does not compile answers 503 with its DialguardError", async () => {
    const { status, body } = await checkAs("tenant-broken");
    assert.equal(status, 503);
    assert.deepEqual(body, refusal(POLICIES.broken));
  });

  test("a value with a key given twice answers 503, as the engine refuses it, not the last one's policy", async () => {
    const { status, body } = await checkAs("tenant-twice");
    assert.equal(status, 503);
    assert.deepEqual(body, { error: { code: "duplicate-key", message: "allow: given twice", path: "allow" } });
  });

  test(`an edited value takes effect once the isolate's ${SECONDS} s are over`, async () => {
    const read = Date.now();
    assert.equal((await checkAs("tenant-a")).body.verdict, "allowed");
    await service.store.put("tenant-a", JSON.stringify({ ...POLICIES.default, allow: ["MX"] }));
    const edited = Date.now();
    const soon = await checkAs("tenant-a");
    // The isolate reuses what it read (unless this machine took the whole time to get here).
    if (Date.now() - read < SECONDS * 1000 - 200) assert.equal(soon.body.verdict, "allowed");
    let answer = soon;
    while (answer.body.verdict !== "blocked" && Date.now() - edited < SECONDS * 1000 + 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await checkAs("tenant-a");
    }
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, expected({ ...POLICIES.default, allow: ["MX"] }));
    assert.equal(answer.body.verdict, "blocked");
  });
});

describe("the handler in Node: caches and failure paths", () => {
  let createHandler;
  before(async () => {
    ({ createHandler } = await import(pathToFileURL(path.join(prepare().app, "src", "handler.js"))));
  });

  /** A compile that records what it compiled and freed. */
  function recording() {
    const log = { compiled: [], freed: [] };
    const compile = (text) => {
      const policy = DialPolicy.fromJSON(text);
      const config = JSON.parse(text);
      log.compiled.push(config);
      const free = policy.free.bind(policy);
      policy.free = () => {
        log.freed.push(config);
        free();
      };
      return policy;
    };
    return { log, compile };
  }
  const request = (body, headers = {}) =>
    new Request("http://service/v1/check", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  const answer = async (response) => ({ status: response.status, body: await response.json() });
  const env = { POLICIES: JSON.stringify(POLICIES) };

  test("each policy text is compiled once", async () => {
    const { log, compile } = recording();
    const handle = createHandler({ compile });
    for (let i = 0; i < 5; i++) assert.equal((await handle(request({ dialed: "+1 416 555 0123" }), env)).status, 200);
    assert.equal(log.compiled.length, 1);
  });

  test("the cache is bounded and frees what it evicts", async () => {
    const { log, compile } = recording();
    const handle = createHandler({ compile, maxPolicies: 1 });
    for (const profile of ["default", "mx", "default"]) {
      assert.equal((await handle(request({ dialed: "+1 416 555 0123", profile }), env)).status, 200);
    }
    assert.deepEqual(log.compiled, [POLICIES.default, POLICIES.mx, POLICIES.default]);
    assert.deepEqual(log.freed, [POLICIES.default, POLICIES.mx]);
  });

  test("a KV read that fails answers 503 and is not remembered", async () => {
    let up = false;
    const store = { get: async () => (up ? kvValue(JSON.stringify(POLICIES.default)) : Promise.reject(new Error("KV is down"))) };
    const handle = createHandler();
    const failed = await answer(await handle(request({ dialed: "+1 416 555 0123" }), { POLICY_STORE: store }));
    assert.equal(failed.status, 503);
    assert.equal(failed.body.error.code, "store-unavailable");
    assert.equal(failed.body.error.path, "POLICY_STORE");
    up = true;
    assert.equal((await handle(request({ dialed: "+1 416 555 0123" }), { POLICY_STORE: store })).status, 200);
  });

  test("a KV value is read as bytes: a policy's text (a byte order mark dropped, as a text read drops it) or compiled bytes", async () => {
    const handle = createHandler();
    for (const value of [kvValue(`\uFEFF${JSON.stringify(POLICIES.mx)}`), compiled(POLICIES.mx).bytes.buffer]) {
      const store = { get: async () => value };
      const response = await handle(request({ dialed: "00 54 11 1234 5678" }), { POLICY_STORE: store });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("X-Dialguard-Policy"), compiled(POLICIES.mx).fingerprint);
      assert.equal((await response.json()).verdict, "allowed");
    }
  });

  test("concurrent requests for a profile share one KV read", async () => {
    const keys = [];
    const store = { get: async (key, options) => (keys.push([key, options]), kvValue(JSON.stringify(POLICIES.default))) };
    const handle = createHandler();
    const statuses = await Promise.all(Array.from({ length: 10 }, () => handle(request({ dialed: "+1" }), { POLICY_STORE: store }).then((r) => r.status)));
    assert.deepEqual(statuses, Array(10).fill(200));
    assert.deepEqual(keys, [["default", { type: "arrayBuffer", cacheTtl: 30 }]]);
  });

  for (const [name, settings, code, errorPath] of [
    ["a POLICY_STORE that is no KV namespace", { POLICY_STORE: "tenants" }, "wrong-type", "POLICY_STORE"],
    ["a POLICY_CACHE_SECONDS that is no number", { POLICY_STORE: { get: async () => null }, POLICY_CACHE_SECONDS: "soon" }, "invalid-value", "POLICY_CACHE_SECONDS"],
    ["a POLICY_CACHE_SECONDS over 30", { POLICY_STORE: { get: async () => null }, POLICY_CACHE_SECONDS: "31" }, "invalid-value", "POLICY_CACHE_SECONDS"],
    ["an empty CHECK_TOKEN", { ...env, CHECK_TOKEN: "" }, "invalid-value", "CHECK_TOKEN"],
    ["a POLICIES that is not an object", { POLICIES: "[]" }, "wrong-type", "POLICIES"],
    ["a POLICIES with a key given twice in a policy", { POLICIES: '{ "default": { "allow": ["CA"], "allow": ["JM"] } }' }, "duplicate-key", "POLICIES"],
    ["a POLICIES with a profile given twice", { POLICIES: '{ "default": { "allow": ["CA"] }, "default": { "allow": ["JM"] } }' }, "duplicate-key", "POLICIES"],
    ["a policy text over 1 MiB", { POLICY: JSON.stringify({ ...POLICIES.default, note: " ".repeat(1 << 20) }) }, "too-large", ""],
  ]) {
    test(`${name} answers 503`, async () => {
      const { status, body } = await answer(await createHandler()(request({ dialed: "+1 416 555 0123" }), settings));
      assert.equal(status, 503);
      assert.deepEqual(body, { error: { code: body.error.code, message: body.error.message, path: errorPath } });
      assert.equal(body.error.code, code);
    });
  }

  test("an unexpected exception is a 500, never a decision", async () => {
    const handle = createHandler({ compile: () => ({ check: () => { throw new TypeError("broken"); } }) });
    const { status, body } = await answer(await handle(request({ dialed: "+1 416 555 0123" }), env));
    assert.equal(status, 500);
    assert.equal(body.error.code, "internal-error");
  });
});
