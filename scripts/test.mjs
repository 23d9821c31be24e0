// Everything, in order: the Rust tests and the data check, the package
// build, then every pkg-tests suite against the packed package installed in
// a consumer project (pkg-tests/), in Node (ESM and CJS), TypeScript, Deno,
// workerd and Chromium (directly and bundled by Vite); the check service of
// examples/edge in workerd, Miniflare and Deno.
//
//   node scripts/test.mjs     (npm test)
import { existsSync } from "node:fs";
import { bin, consumer, ensureNodeModules, fail, installIntoConsumer, run, step } from "./lib.mjs";

const started = Date.now();

function ensureChromium() {
  if (existsSync("/usr/bin/chromium")) return;
  if (process.getuid?.() !== 0) {
    fail("Chromium is needed for the browser tests: install Debian's chromium (sudo apt-get install chromium) and run again");
  }
  step("Installing Chromium (apt-get)");
  run("apt-get", ["update", "-q"]);
  run("apt-get", ["install", "-y", "-q", "chromium"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

ensureNodeModules();

step("Rust: formatting, generated data, tests (cargo)");
run("cargo", ["fmt", "--all", "--check"]);
run("cargo", ["xtask", "gen-data", "--check"]);
run("cargo", ["test", "--workspace", "--all-features", "--release", "--quiet"]);

run("node", ["scripts/build.mjs"]);

installIntoConsumer();

step("Node: ESM, CommonJS, differential against libphonenumber-js, properties, memory, the bypass corpus");
run("node", ["--test", "node/", "bypass/"], { cwd: consumer });

step("TypeScript: a strict consumer compiles against the package's types");
run(bin("tsc"), ["-p", "types"], { cwd: consumer });

step("Deno");
run(bin("deno"), ["run", "--no-prompt", "deno/smoke.mjs"], { cwd: consumer });

step("workerd");
run("node", ["--test", "workerd/"], { cwd: consumer });

step("The check service (examples/edge): its wrangler bundle in workerd and Miniflare, its Deno entry with deno serve");
run("node", ["--test", "edge/"], { cwd: consumer });

ensureChromium();
step("Chromium: the browser entry, an app bundled by Vite, and the demo");
run("node", ["--test", "browser/", "vite/", "demo.test.mjs"], { cwd: consumer });

console.log(`\n✔ all tests passed in ${Math.round((Date.now() - started) / 1000)} s`);
