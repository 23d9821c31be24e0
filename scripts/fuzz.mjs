// Fuzzes the engine with cargo-fuzz (libFuzzer, nightly Rust): the decision
// path on UTF-8 and on UTF-16 input, config parsing, and compiled policy
// bytes (DialPolicy::fromBytes). Seeds come from the
// bypass corpus and the smoke cases.
//
//   node scripts/fuzz.mjs                  # 20 s per target (CI's smoke run)
//   node scripts/fuzz.mjs --seconds 1800   # a long run
//
// Installs cargo-fuzz (crates.io) and the nightly toolchain when missing.
// A crash fails the run and leaves its input in fuzz/artifacts/<target>/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fail, output, root, run, step } from "./lib.mjs";

const TARGETS = ["check_utf8", "check_utf16", "config", "bytes"];
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf("--seconds") + 1] ?? 20) || 20;

function ensureTools() {
  if (output("rustup", ["run", "nightly", "rustc", "--version"]) === null) {
    step("Installing the nightly Rust toolchain (cargo-fuzz needs it)");
    run("rustup", ["toolchain", "install", "nightly", "--profile", "minimal"]);
  }
  if (output("cargo", ["fuzz", "--version"]) === null) {
    step("Installing cargo-fuzz");
    run("cargo", ["install", "cargo-fuzz"]);
  }
}

/** Seed inputs: every dial and policy of the bypass corpus and smoke cases. */
async function writeSeeds() {
  const dials = new Set(["00 54 11 1234 5678", "+1 876 555 0123", "tel:+44-20-7946-0000;ext=12", "9,*67 011 52"]);
  const configs = new Set(['{"homeRegion": "MX", "allow": ["AR"]}']);
  for (const file of ["pkg-tests/bypass/corpus.json", "pkg-tests/bypass/allowed.json"]) {
    const full = path.join(root, file);
    if (!existsSync(full)) continue;
    const data = JSON.parse(readFileSync(full, "utf8"));
    const entries = Array.isArray(data) ? data : (data.entries ?? data.cases ?? []);
    for (const policy of Object.values(data.policies ?? {})) configs.add(JSON.stringify(policy));
    for (const e of entries) {
      if (typeof e.dial === "string") dials.add(e.dial);
      if (Array.isArray(e.utf16)) dials.add(String.fromCharCode(...e.utf16));
      if (e.policy && typeof e.policy === "object") configs.add(JSON.stringify(e.policy));
    }
  }
  const { cases } = await import(path.join(root, "pkg-tests/smoke.mjs"));
  for (const [config, dial] of cases) {
    dials.add(dial);
    configs.add(JSON.stringify(config));
  }
  const seeds = path.join(root, "target", "fuzz-seeds");
  rmSync(seeds, { recursive: true, force: true });
  const write = (dir, items, encode) => {
    mkdirSync(path.join(seeds, dir), { recursive: true });
    [...items].forEach((item, i) => writeFileSync(path.join(seeds, dir, String(i)), encode(item)));
  };
  const utf16 = (s) => {
    const bytes = Buffer.alloc(s.length * 2);
    for (let i = 0; i < s.length; i++) bytes.writeUInt16LE(s.charCodeAt(i), 2 * i);
    return bytes;
  };
  write("check_utf8", dials, (s) => Buffer.from(s, "utf8"));
  write("check_utf16", dials, utf16);
  write("config", configs, (s) => Buffer.from(s, "utf8"));
  // The bytes target edits a real policy's bytes: which policy, then (position, xor) pairs.
  const edits = [[0], [1], [5], [0, 128, 1], [2, 255, 255], [3, 10, 4, 200, 8, 77]];
  write("bytes", edits, (e) => Buffer.from(e));
  console.log(`seeds: ${dials.size} dials, ${configs.size} configs, ${edits.length} byte edits`);
  return seeds;
}

ensureTools();
const seeds = await writeSeeds();
const report = [];
for (const target of TARGETS) {
  step(`Fuzzing ${target} for ${seconds} s`);
  const corpus = path.join(root, "fuzz", "corpus", target);
  mkdirSync(corpus, { recursive: true });
  const result = spawnSync(
    "cargo",
    ["+nightly", "fuzz", "run", target, corpus, path.join(seeds, target), "--", `-max_total_time=${seconds}`, "-print_final_stats=1"],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 },
  );
  const log = `${result.stdout}\n${result.stderr}`;
  const stat = (name) => log.match(new RegExp(`stat::${name}:\\s+(\\d+)`))?.[1] ?? "?";
  const coverage = [...log.matchAll(/cov: (\d+) ft: (\d+)/g)].pop();
  const line =
    `${target}: ${stat("number_of_executed_units")} executions in ${seconds} s, ` +
      `coverage ${coverage?.[1] ?? "?"} edges / ${coverage?.[2] ?? "?"} features, corpus ${stat("new_units_added")} new units, ` +
      `peak RSS ${stat("peak_rss_mb")} MB, ${result.status === 0 ? "no crash" : "CRASH"}`;
  console.log(line);
  report.push(line);
  if (result.status !== 0) {
    console.error(log.split("\n").slice(-60).join("\n"));
    fail(`${target} found a crash: see fuzz/artifacts/${target}/ (turn it into a regression test)`);
  }
}
console.log(`\n${report.join("\n")}`);
