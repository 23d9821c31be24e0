// Starts the check service of examples/edge/ as a user deploys it, for the
// tests here and for other suites (the SIP proxy's) and the load bench:
//
//   import { startService } from "../edge/service.mjs";
//   const service = await startService("workerd", { POLICY: JSON.stringify(policy) });
//   await fetch(`${service.url}/v1/check`, …);
//   await service.stop();
//
// The example is copied into target/ next to a node_modules holding the
// packed package (pkg-tests/node_modules/dialguard, installed by
// scripts/test.mjs), and bundled by `wrangler deploy --dry-run`: the "workerd"
// export condition and the .wasm as a CompiledWasm module, as wrangler
// deploys it. That bundle runs in workerd and in Miniflare; the Deno entry
// runs with `deno serve` from the same copy.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const example = path.join(root, "examples", "edge");

/** The settings a service reads (examples/edge/README.md); POLICY_STORE is a KV namespace, Miniflare only. */
const SETTINGS = ["POLICY", "POLICIES", "CHECK_TOKEN", "POLICY_CACHE_SECONDS"];

let prepared = null;
let scratchDir = null;

/** A fresh folder of target/edge/ for this process, removed when it exits. */
function scratch() {
  if (scratchDir) return scratchDir;
  const base = path.join(root, "target", "edge");
  mkdirSync(base, { recursive: true });
  scratchDir = mkdtempSync(path.join(base, "run-"));
  process.on("exit", () => rmSync(scratchDir, { recursive: true, force: true }));
  return scratchDir;
}

/**
 * The example copied into a fresh folder of target/edge/ with the packed
 * package beside it, and its wrangler bundle: `{ app, bundle, compatibilityDate }`.
 * Once per process.
 */
export function prepare() {
  if (prepared) return prepared;
  const work = scratch();
  const app = path.join(work, "app");
  cpSync(example, app, { recursive: true, filter: (source) => !/[\\/](node_modules|\.wrangler)$/.test(source) });
  mkdirSync(path.join(app, "node_modules"));
  const installed = path.join(here, "..", "node_modules", "dialguard");
  if (!existsSync(installed)) throw new Error(`${installed} is missing: npm test installs the packed package there`);
  symlinkSync(installed, path.join(app, "node_modules", "dialguard"), "dir");
  for (const dir of ["home", "tmp"]) mkdirSync(path.join(work, dir));
  const bundle = path.join(work, "bundle");
  const result = spawnSync(bin("wrangler"), ["deploy", "--dry-run", "--outdir", bundle], {
    cwd: app,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      HOME: path.join(work, "home"),
      TMPDIR: path.join(work, "tmp"),
      WRANGLER_SEND_METRICS: "false",
      CI: "true",
    },
  });
  if (result.status !== 0) {
    throw new Error(`wrangler deploy --dry-run failed (${result.status ?? result.error}):\n${result.stdout}\n${result.stderr}`);
  }
  const compatibilityDate = readFileSync(path.join(app, "wrangler.toml"), "utf8").match(/^compatibility_date = "([^"]+)"/m)?.[1];
  if (!compatibilityDate) throw new Error("no compatibility_date in examples/edge/wrangler.toml");
  prepared = { app, bundle, compatibilityDate };
  return prepared;
}

function checkSettings(settings) {
  for (const [name, value] of Object.entries(settings)) {
    if (!SETTINGS.includes(name)) throw new Error(`unknown setting ${name}: use ${SETTINGS.join(", ")}`);
    if (typeof value !== "string") throw new Error(`setting ${name} must be a string`);
  }
}

/** Lines of a stream, one at a time, until `found` returns a value. */
async function waitForLine(stream, found, what, child) {
  const exited = new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`${what} exited (${code}) before it listened`))));
  const lines = createInterface({ input: stream });
  const listening = (async () => {
    for await (const line of lines) {
      const value = found(line);
      if (value !== undefined) return value;
    }
    throw new Error(`${what} closed its output before it listened`);
  })();
  try {
    return await Promise.race([listening, exited]);
  } finally {
    lines.close();
  }
}

function stopper(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill();
    });
}

/**
 * A bundle (a folder with worker.js and the .wasm modules it imports) in
 * plain workerd, with `settings` as text bindings, on a free loopback port.
 */
export async function startWorkerdBundle(bundle, settings, compatibilityDate) {
  checkSettings(settings);
  const dir = mkdtempSync(path.join(scratch(), "workerd-"));
  const modules = readdirSync(bundle)
    .filter((file) => file.endsWith(".wasm"))
    .map((file) => `(name = "${file}", wasm = embed "${path.relative(dir, path.join(bundle, file))}")`);
  const bindings = Object.entries(settings).map(([name, value]) => {
    writeFileSync(path.join(dir, name), value);
    return `(name = "${name}", text = embed "${name}")`;
  });
  writeFileSync(
    path.join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "${path.relative(dir, path.join(bundle, "worker.js"))}"),
    ${modules.join(",\n    ")}
  ],
  bindings = [ ${bindings.join(", ")} ],
  compatibilityDate = "${compatibilityDate}",
);
`,
  );
  const child = spawn(bin("workerd"), ["serve", "--control-fd=3", "config.capnp"], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit", "pipe"],
  });
  const port = await waitForLine(child.stdio[3], (line) => {
    const message = JSON.parse(line);
    return message.event === "listen" && message.socket === "http" ? message.port : undefined;
  }, "workerd", child);
  return { url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}

/** The service's bundle in plain workerd (no KV there). */
function startWorkerd(settings) {
  const { bundle, compatibilityDate } = prepare();
  return startWorkerdBundle(bundle, settings, compatibilityDate);
}

/** The Deno entry with `deno serve`, settings from its environment, on a free loopback port. */
async function startDeno(settings) {
  const { app } = prepare();
  const env = { ...process.env, ...settings };
  for (const name of SETTINGS) if (!(name in settings)) delete env[name];
  const child = spawn(
    bin("deno"),
    ["serve", "--no-prompt", "--no-lock", "--allow-env=POLICY,POLICIES,CHECK_TOKEN", "--host", "127.0.0.1", "--port", "0", "src/deno.js"],
    { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.pipe(process.stdout);
  const url = await waitForLine(child.stderr, (line) => {
    const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
    if (!match) process.stderr.write(`${line}\n`);
    return match?.[1];
  }, "deno serve", child);
  child.stderr.pipe(process.stderr);
  return { url, stop: stopper(child) };
}

/**
 * The bundle in Miniflare (its Node API), with a local KV namespace bound
 * as POLICY_STORE when `kv` is true: `store` is that namespace
 * (`await store.put("tenant-a", text)`).
 */
async function startMiniflare(settings, { kv = false } = {}) {
  const { Miniflare } = await import("miniflare");
  const { bundle, compatibilityDate } = prepare();
  const mf = new Miniflare({
    modules: true,
    scriptPath: path.join(bundle, "worker.js"),
    modulesRoot: bundle,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    bindings: settings,
    kvNamespaces: kv ? ["POLICY_STORE"] : [],
    host: "127.0.0.1",
    port: 0,
  });
  const url = (await mf.ready).origin;
  const store = kv ? await mf.getKVNamespace("POLICY_STORE") : undefined;
  return { url, store, stop: () => mf.dispose() };
}

const RUNTIMES = { workerd: startWorkerd, deno: startDeno, miniflare: startMiniflare };

/**
 * Starts the check service in `runtime` ("workerd", "deno" or "miniflare")
 * with `settings` (POLICY, POLICIES, CHECK_TOKEN, POLICY_CACHE_SECONDS:
 * strings); resolves to `{ url, stop }` (and `store` for Miniflare's KV)
 * once it listens.
 */
export async function startService(runtime, settings = {}, options = {}) {
  const start = RUNTIMES[runtime];
  if (!start) throw new Error(`unknown runtime ${runtime}: use ${Object.keys(RUNTIMES).join(", ")}`);
  checkSettings(settings);
  return start(settings, options);
}
