// Everything, in order: the Rust tests and the generated files' checks,
// the package build, the binding's tests inside WebAssembly, then every
// pkg-tests suite against the packed package installed in a consumer
// project (pkg-tests/), in Node (ESM and CJS), TypeScript, Deno, workerd,
// Chromium, Firefox and WebKit (and bundled by Vite), the main entry and the
// light one (dialguard/check); the check service of
// examples/edge in workerd, Miniflare and Deno; the SIP proxy of
// examples/kamailio with SIPp calls.
//
//   node scripts/test.mjs     (npm test)
import { existsSync } from "node:fs";
import { bin, consumer, ensureNodeModules, fail, installIntoConsumer, run, step } from "./lib.mjs";
import { missingTools, PACKAGES as SIP_PACKAGES } from "../pkg-tests/kamailio/sip.mjs";
import { ENGINE_PACKAGES } from "../pkg-tests/browser/pages.mjs";

const started = Date.now();

/** Installs Debian packages when run as root; otherwise fails, naming them. */
function aptInstall(packages, neededFor) {
  const list = packages.join(" ");
  if (process.getuid?.() !== 0) fail(`${neededFor}: install Debian's ${list} (sudo apt-get install ${list}) and run again`);
  step(`Installing ${list} (apt-get)`);
  run("apt-get", ["update", "-q"]);
  run("apt-get", ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "-q", ...packages], {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** Chromium, Firefox and WebKit (with Xvfb for it), from Debian. */
function ensureBrowsers() {
  const missing = Object.values(ENGINE_PACKAGES).filter((e) => !e.files.every((f) => existsSync(f)));
  if (missing.length > 0) aptInstall(missing.flatMap((e) => e.packages), "Chromium, Firefox and WebKit are needed for the browser tests");
}

function ensureSipTools() {
  const missing = missingTools();
  if (!missing) return;
  aptInstall(SIP_PACKAGES, `Kamailio and SIPp are needed for the SIP proxy tests (${missing.split("\n")[0]})`);
  const still = missingTools();
  if (still) fail(`the SIP proxy tests cannot run: ${still}`);
}

ensureNodeModules();

step("Rust: formatting, generated data (the engine's tables, the API's types, the page's CLDR groups), tests (cargo)");
run("cargo", ["fmt", "--all", "--check"]);
run("cargo", ["xtask", "gen-data", "--check"]);
run("cargo", ["xtask", "gen-types", "--check"]);
run("node", ["scripts/gen-groups.mjs", "--check"]);
// The binding's tests run inside WebAssembly, below.
run("cargo", ["test", "--workspace", "--exclude", "dialguard-wasm", "--all-features", "--release", "--quiet"]);

run("node", ["scripts/build.mjs"]);

step("The binding inside WebAssembly: wasm-bindgen-test in Node (wasm-pack test), the check build, the admin build and the light build");
run("wasm-pack", ["test", "--node", "wasm"]);
run("wasm-pack", ["test", "--node", "wasm", "--features", "admin"]);
run("wasm-pack", ["test", "--node", "wasm", "--no-default-features"]);

installIntoConsumer();

step("Node: ESM, CommonJS, the light entry, differential against libphonenumber-js, properties, memory, the bypass corpus");
run("node", ["--test", "node/", "bypass/"], { cwd: consumer });

step("TypeScript: a strict consumer compiles against the package's types");
run(bin("tsc"), ["-p", "types"], { cwd: consumer });

step("Deno");
run(bin("deno"), ["run", "--no-prompt", "deno/smoke.mjs"], { cwd: consumer });

step("workerd");
run("node", ["--test", "workerd/"], { cwd: consumer });

step("The check service (examples/edge): its wrangler bundle in workerd and Miniflare, its Deno entry with deno serve");
run("node", ["--test", "edge/"], { cwd: consumer });

ensureSipTools();
step("Kamailio + SIPp: the SIP proxy routes only what the check service allows");
run("node", ["--test", "kamailio/"], { cwd: consumer });

ensureBrowsers();
step("Browsers: the browser entry and the demo's scenarios in Chromium, Firefox and WebKit; an app bundled by Vite; the demo in full (Chromium)");
run("node", ["--test", "browser/", "vite/", "demo.test.mjs"], { cwd: consumer });

console.log(`\n✔ all tests passed in ${Math.round((Date.now() - started) / 1000)} s`);
