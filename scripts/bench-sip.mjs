// Load on the SIP proxy (issue 9, item 6): SIPp calls at fixed rates
// through Kamailio with examples/kamailio/kamailio.cfg, the check service
// (examples/edge in workerd) in the path, against the same Kamailio started
// with -A BENCH_SKIP_CHECK (a bench-only switch: every INVITE routed
// unchecked), each answered by a SIPp trunk: calls/s reached, failed calls,
// and the INVITE's response times from SIPp's -trace_rtt.
//
//   node scripts/bench-sip.mjs [--rates 200,500] [--seconds 4] [--rounds 3]
//
// Also a section of `npm run bench:edge` (scripts/bench-edge.mjs).
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import os from "node:os";
import path from "node:path";
import { consumer, ensurePackage, printTable } from "./lib.mjs";
import { load, missingTools, PACKAGES, startKamailio, startTrunk } from "../pkg-tests/kamailio/sip.mjs";

const POLICY = { homeRegion: "US", allow: ["CA", "MX", "GB"], sharedCodes: "by-region" };
/** Allowed by POLICY: every call goes through the check to the trunk. */
const DIAL = "+14165550123";
/** Each call is answered, held this long (ms), then ended with a BYE. */
const CALL_LENGTH = 1000;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * Kamailio with and without the check, in turn, round after round, at each
 * of `rates` calls/s for `seconds` each: the table of bench-edge's sections.
 */
export async function sipProxySection({ seconds, rounds, rates = [200, 500] }) {
  const missing = missingTools();
  if (missing) throw new Error(`the SIP bench needs Debian's ${PACKAGES.join(" ")}: ${missing}`);
  const { startService } = await import(path.join(consumer, "edge", "service.mjs"));
  const service = await startService("workerd", { POLICY: JSON.stringify(POLICY) });
  try {
    const setups = {
      "check in the path": { CHECK_URL: `${service.url}/v1/check` },
      "no check (BENCH_SKIP_CHECK)": { BENCH_SKIP_CHECK: true },
    };
    const rows = [];
    let resolution = Infinity;
    for (const rate of rates) {
      const calls = rate * seconds;
      const runs = Object.fromEntries(Object.keys(setups).map((name) => [name, []]));
      for (let round = 0; round < rounds; round++) {
        for (const [name, settings] of Object.entries(setups)) {
          // A trunk per run: it expects exactly this run's calls.
          const trunk = await startTrunk([DIAL], { calls, trace: false });
          const proxy = await startKamailio({ ...settings, TRUNK: trunk.uri }, { shm: 256 });
          try {
            runs[name].push(await load(proxy, DIAL, { rate, calls, length: CALL_LENGTH }));
          } finally {
            await Promise.all([proxy.stop(), trunk.stop()]);
          }
        }
      }
      const means = {};
      for (const [name, results] of Object.entries(runs)) {
        const rtts = results.flatMap((r) => r.rtts).sort((a, b) => a - b);
        resolution = rtts.reduce((min, t) => (t > 0 && t < min ? t : min), resolution);
        const reached = results.map((r) => r.reached).sort((a, b) => a - b)[results.length >> 1];
        means[name] = rtts.reduce((sum, t) => sum + t, 0) / rtts.length;
        rows.push([
          rate,
          name,
          Math.round(reached),
          results.reduce((sum, r) => sum + r.failed, 0),
          means[name].toFixed(2),
          percentile(rtts, 0.5),
          percentile(rtts, 0.95),
          percentile(rtts, 0.99),
        ]);
      }
      const added = means["check in the path"] - means["no check (BENCH_SKIP_CHECK)"];
      rows.push([rate, "added by the check", "", "", `${added.toFixed(2)} (mean)`, "", "", ""]);
    }
    const kamailio = /kamailio ([0-9.]+)/.exec(spawnSync("kamailio", ["-v"], { encoding: "utf8" }).stdout)?.[1];
    const sipp = /SIPp (v[0-9.]+)/.exec(spawnSync("sipp", ["-v"], { encoding: "utf8" }).stdout)?.[1];
    const versions = `Kamailio ${kamailio}, SIPp ${sipp}`;
    return {
      title: "The SIP proxy: SIPp calls through Kamailio, with the check service (workerd) in the path and without",
      note:
        `${versions}; ${rounds} round(s) of ${seconds} s per rate, calls held ${CALL_LENGTH} ms; "calls/s reached": answered INVITEs per second while calls were placed (median of the rounds); ` +
        `response time: INVITE sent to final response received, all rounds pooled; SIPp's clock here ticks every ${Number.isFinite(resolution) ? resolution : "?"} ms (CLOCK_MONOTONIC_COARSE), so percentiles are in whole ticks and only the mean resolves less`,
      header: ["calls/s asked", "proxy", "calls/s reached", "failed calls", "mean ms", "p50 ms", "p95 ms", "p99 ms"],
      rows,
    };
  } finally {
    await service.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { rates: { type: "string", default: "200,500" }, seconds: { type: "string", default: "4" }, rounds: { type: "string", default: "3" } },
  });
  ensurePackage();
  console.log(`dialguard SIP bench: Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.availableParallelism()}`);
  printTable(await sipProxySection({ seconds: Number(values.seconds), rounds: Number(values.rounds), rates: values.rates.split(",").map(Number) }));
}
