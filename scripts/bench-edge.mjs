// Load on the check service (docs/contract.md §7): the service of examples/edge/
// as wrangler bundles it, in workerd on loopback, against the same service
// finding the destination with libphonenumber-js (bench-edge/
// libphonenumber-worker.js), under the same bounded autocannon runs from
// this process: requests/s, p50 and p99, and the ratio. Then the SIP proxy
// of examples/kamailio under SIPp calls, with the check and without
// (bench-sip.mjs).
//
//   node scripts/bench-edge.mjs [--seconds 4] [--rounds 3]     (npm run bench:edge)
//
// Each section of SECTIONS measures one thing and returns its table
// ({ title, note, header, rows }); a section starts what it loads with the
// helpers of pkg-tests/edge/service.mjs (startService, startWorkerdBundle),
// which resolve once the service listens on a free port and give a stop
// function.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { bin, consumer, ensurePackage, printTable, root } from "./lib.mjs";
import { sipProxySection } from "./bench-sip.mjs";

const POLICY = { homeRegion: "US", allow: ["CA", "MX", "GB"], sharedCodes: "by-region" };

/** Dials as a US PBX sees them, from a fixed seed: E.164, 011 and formatted, national, some malformed. */
function dialMix(count) {
  let seed = 0x5eed;
  const random = (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const digits = (n) => Array.from({ length: n }, () => random(10)).join("");
  const CODES = ["1416", "1604", "1212", "1876", "1809", "52", "44", "54", "49", "33", "34", "39", "86", "91", "234", "7", "61", "81", "971", "880"];
  return Array.from({ length: count }, () => {
    const code = CODES[random(CODES.length)];
    const national = digits(code.startsWith("1") ? 7 : 8 + random(3));
    switch (random(8)) {
      case 0: case 1: case 2: return `+${code}${national}`;
      case 3: return `011${code}${national}`;
      case 4: return `+${code} ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
      case 5: return `(${digits(3)}) ${national.slice(0, 3)}-${national.slice(3, 7)}`;
      case 6: return `011 ${code} ${national}`;
      default: return ["abc", "+", "011\u202E52", "tel:+44-20-7946-0000", "+52 55 1234 5678 x12", "\uFF0B\uFF15\uFF14"][random(6)];
    }
  });
}

/** The libphonenumber-js variant, bundled as wrangler would (the workerd condition, the .wasm beside it). */
async function bundleLibphonenumber() {
  const { build } = await import("esbuild");
  const out = path.join(root, "target", "bench-edge", "libphonenumber");
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(root, "scripts", "bench-edge", "libphonenumber-worker.js")],
    bundle: true,
    format: "esm",
    conditions: ["workerd", "worker"],
    nodePaths: [path.join(consumer, "node_modules")],
    external: ["*.wasm"],
    outfile: path.join(out, "worker.js"),
    logLevel: "warning",
  });
  copyFileSync(path.join(consumer, "node_modules", "dialguard", "dialguard_bg.wasm"), path.join(out, "dialguard_bg.wasm"));
  return out;
}

/** One bounded autocannon run: requests/s, p50 and p99 (ms); any error or non-200 answer fails the bench. */
async function load(autocannon, url, bodies, seconds) {
  const result = await autocannon({
    url: `${url}/v1/check`,
    connections: 10,
    duration: seconds,
    requests: bodies.map((body) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body })),
  });
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} answers other than 2xx`);
  }
  return { perSecond: result.requests.total / (result.duration || seconds), p50: result.latency.p50, p99: result.latency.p99 };
}

const median = (runs) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[runs.length >> 1];

/** A worker that reads the body and answers `[]` without judging anything: what HTTP and workerd cost alone. */
function bundleFloor() {
  const out = path.join(root, "target", "bench-edge", "floor");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, "worker.js"),
    `export default { async fetch(request) { JSON.parse(await request.text()); return new Response("[]", { headers: { "Content-Type": "application/json" } }); } };\n`,
  );
  return out;
}

/**
 * The check service on workerd, dialguard against libphonenumber-js, with
 * one dial a request and batches, beside the floor: a worker that answers
 * at once, the most any service could do here.
 */
async function checkServiceSection({ seconds, rounds }) {
  const { default: autocannon } = await import("autocannon");
  const { prepare, startService, startWorkerdBundle } = await import(path.join(consumer, "edge", "service.mjs"));
  const { compatibilityDate } = prepare();
  const settings = { POLICY: JSON.stringify(POLICY) };
  const services = {};
  try {
    services.dialguard = await startService("workerd", settings);
    services["libphonenumber-js"] = await startWorkerdBundle(await bundleLibphonenumber(), settings, compatibilityDate);
    services["floor (judges nothing)"] = await startWorkerdBundle(bundleFloor(), {}, compatibilityDate);

    const dials = dialMix(5000);
    const verdicts = {};
    for (const name of ["dialguard", "libphonenumber-js"]) {
      const body = JSON.stringify({ dialed: dials.slice(0, 1000) });
      const answer = await fetch(`${services[name].url}/v1/check`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
      if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}: ${await answer.text()}`);
      verdicts[name] = (await answer.json()).map((d) => d.verdict);
    }
    const agree = verdicts.dialguard.filter((v, i) => v === verdicts["libphonenumber-js"][i]).length;

    const batches = (size, count) => Array.from({ length: count }, (_, i) => JSON.stringify({ dialed: dials.slice(i * size, (i + 1) * size) }));
    const scenarios = [
      ["one dial a request", dials.slice(0, 500).map((d) => JSON.stringify({ dialed: d })), 1],
      ["100 dials a request", batches(100, 20), 100],
      ["1000 dials a request", batches(1000, 5), 1000],
    ];
    const rows = [];
    for (const [scenario, bodies, perRequest] of scenarios) {
      const runs = Object.fromEntries(Object.keys(services).map((name) => [name, []]));
      for (const { url } of Object.values(services)) await load(autocannon, url, bodies, 1); // warm-up
      // In turn, round after round, so that a shared machine slows all alike.
      for (let round = 0; round < rounds; round++) {
        for (const [name, { url }] of Object.entries(services)) runs[name].push(await load(autocannon, url, bodies, seconds));
      }
      const medians = Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, median(r)]));
      for (const [name, m] of Object.entries(medians)) {
        rows.push([scenario, name, Math.round(m.perSecond), Math.round(m.perSecond * perRequest), m.p50, m.p99]);
      }
      const ours = medians.dialguard;
      const theirs = medians["libphonenumber-js"];
      const p99 = ours.p99 <= theirs.p99 ? "no worse" : "worse";
      rows.push([scenario, "dialguard ÷ libphonenumber-js", `${(ours.perSecond / theirs.perSecond).toFixed(1)}× (budget ≥ 5×)`, "", "", `${p99} (budget: no worse)`]);
    }
    return {
      title: "The check service on workerd: autocannon, 10 connections on loopback",
      note: `${rounds} rounds of ${seconds} s each, medians; dialguard and libphonenumber-js give the same verdict for ${agree} of the first 1000 dials of the mix`,
      header: ["requests", "service", "requests/s", "dials/s", "p50 ms", "p99 ms"],
      rows,
    };
  } finally {
    await Promise.all(Object.values(services).map((s) => s.stop()));
  }
}

/** The bench's sections, in order. */
const SECTIONS = [checkServiceSection, sipProxySection];

const { values } = parseArgs({ options: { seconds: { type: "string", default: "4" }, rounds: { type: "string", default: "3" } } });
const options = { seconds: Number(values.seconds), rounds: Number(values.rounds) };
ensurePackage();
const workerd = spawnSync(bin("workerd"), ["--version"], { encoding: "utf8" }).stdout.trim();
console.log(`dialguard edge bench: Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()}, ${workerd}`);
for (const section of SECTIONS) printTable(await section(options));
