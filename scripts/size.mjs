// Size and cold start of the package against libphonenumber-js/min
// (docs/contract.md §7): raw and gzip -9 bytes of what ships, of a minified
// consumer bundle that checks one number (the main entry, and the light
// entry dialguard/check loading a compiled policy), a breakdown of each
// build of the WebAssembly by crate (twiggy: what serde-wasm-bindgen,
// js-sys, the formatting machinery and the core cost), and the
// whole-process time of a Node script that imports the package and checks
// one number.
//
//   node scripts/size.mjs     (npm run size; builds pkg/ first if missing)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureNodeModules, output, root, run, step } from "./lib.mjs";

const pkg = path.join(root, "pkg");
const work = path.join(root, "target", "size");
// From a fresh clone: esbuild and libphonenumber-js are dev dependencies.
ensureNodeModules();
const { build } = await import("esbuild");
if (!existsSync(path.join(pkg, "node.mjs"))) run("node", ["scripts/build.mjs"]);
mkdirSync(work, { recursive: true });

const sizes = (bytes) => ({ raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
const row = (what, s) => `| ${what} | ${s.raw.toLocaleString("en-US")} | ${s.gzip.toLocaleString("en-US")} |`;
const result = {};

step("What ships");
console.log("| file | raw | gzip -9 |\n|---|---:|---:|");
const shipped = ["dialguard_check_bg.wasm", "dialguard_bg.wasm", "web.js", "workerd.js", "node.mjs", "node.cjs", "glue.js", "core.js", "deno.js", "wasm-inline.js"];
const light = ["dialguard_light_bg.wasm", "light-web.js", "light-workerd.js", "light-node.mjs", "light-node.cjs", "light-glue.js", "light-core.js", "light-deno.js", "light-wasm-inline.js"];
for (const file of [...shipped, ...light]) {
  result[file] = sizes(readFileSync(path.join(pkg, file)));
  console.log(row(file, result[file]));
}
for (const [how, wasm, js] of [["init()", "dialguard_check_bg.wasm", "web.js"], ["init({ admin: true })", "dialguard_bg.wasm", "web.js"], ["dialguard/check, init()", "dialguard_light_bg.wasm", "light-web.js"]]) {
  const browser = result[wasm].gzip + result[js].gzip;
  console.log(`browser entry, ${how} (${wasm} + ${js}): ${browser.toLocaleString("en-US")} bytes gzip -9`);
}

step("A minified consumer bundle that checks one number");
async function bundle(name, source) {
  const entry = path.join(work, `${name}.mjs`);
  writeFileSync(entry, source);
  const outfile = path.join(work, `${name}.bundle.js`);
  await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", outfile, logLevel: "error", nodePaths: [path.join(root, "node_modules")] });
  return sizes(readFileSync(outfile));
}
const ours = await bundle(
  "dialguard",
  `import init, { DialPolicy } from ${JSON.stringify(path.join(pkg, "web.js"))};\nawait init();\nconsole.log(new DialPolicy({ homeRegion: "MX", allow: ["AR"] }).check("+54 11 4321 5678"));\n`,
);
const theirs = await bundle(
  "libphonenumber",
  `import { parsePhoneNumberFromString } from "libphonenumber-js/min";\nconsole.log(parsePhoneNumberFromString("+54 11 4321 5678"));\n`,
);
// A softphone on the light entry: the compiled policy from the check service.
const lightApp = await bundle(
  "dialguard-check",
  `import init, { DialPolicy } from ${JSON.stringify(path.join(pkg, "light-web.js"))};\nawait init();\n` +
    `const answer = await fetch("/v1/policy?profile=softphone", { headers: { Accept: "application/octet-stream" } });\n` +
    `console.log(DialPolicy.fromBytes(await answer.arrayBuffer()).check("+54 11 4321 5678"));\n`,
);
const total = (js, wasm) => ({ raw: js.raw + result[wasm].raw, gzip: js.gzip + result[wasm].gzip }); // with what init() loads
const oursTotal = total(ours, "dialguard_check_bg.wasm");
const lightTotal = total(lightApp, "dialguard_light_bg.wasm");
console.log("| bundle | raw | gzip -9 |\n|---|---:|---:|");
console.log(row("dialguard: JS bundle", ours));
console.log(row("dialguard: JS bundle + dialguard_check_bg.wasm", oursTotal));
console.log(row("dialguard/check: JS bundle", lightApp));
console.log(row("dialguard/check: JS bundle + dialguard_light_bg.wasm", lightTotal));
console.log(row("libphonenumber-js/min: JS bundle (metadata included)", theirs));
console.log(`ratio, dialguard: ${(oursTotal.gzip / theirs.gzip).toFixed(2)} (budget ≤ 0.5)`);
console.log(`ratio, dialguard/check: ${(lightTotal.gzip / theirs.gzip).toFixed(2)}; ${lightTotal.gzip.toLocaleString("en-US")} bytes (budget ≤ 24,000; goal 0.6×)`);
result.bundle = { dialguard: oursTotal, dialguardCheck: lightTotal, libphonenumberMin: theirs };

step("What takes the space, by crate (twiggy over each build as shipped, wasm-opt keeping the names)");
if (output("twiggy", ["--version"]) === null) {
  console.log("installing twiggy from crates.io (once)…");
  run("cargo", ["install", "twiggy"]);
}
/** Which crate (or part of one) an item of twiggy's belongs to. */
function owner(item) {
  const crates = ["serde_wasm_bindgen", "serde_path_to_error", "serde_json", "js_sys", "dialguard_wasm", "wasm_bindgen", "dialguard", "lol_alloc", "hashbrown", "serde"];
  if (/flt2dec|fmt::float|bignum|<f64 as/.test(item)) return "core: float formatting";
  if (/core(\[[0-9a-f]+\])?::fmt|Formatter|escape_debug|::fmt\b/.test(item)) return "core: formatting";
  if (item.startsWith('data segment')) return "data (tables, strings)";
  if (/ shim$/.test(item)) return "exports (wasm-bindgen shims, with what is inlined into them)";
  const crate = crates.find((c) => item.includes(`${c}::`) || item.includes(`<${c}::`));
  if (crate) return crate;
  if (/\b(std|alloc|core)(\[[0-9a-f]+\])?::/.test(item)) return "std, alloc, core";
  return "other";
}
result.byCrate = {};
for (const build of ["check", "admin", "light"]) {
  const named = path.join(work, `${build}-named.wasm`);
  run(path.join(root, "node_modules", ".bin", "wasm-opt"), [
    "-g", "--low-memory-unused", "--flatten", "--rereloop", "-Oz", "-Oz", "--strip-producers", "--strip-target-features",
    ...["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"].map((f) => `--enable-${f}`),
    path.join(root, "target", "wasm-pack", build, "dialguard_bg.wasm"), "-o", named,
  ]);
  const csv = spawnSync("twiggy", ["top", "-n", "100000", "-f", "csv", named], { encoding: "utf8", maxBuffer: 1 << 26 }).stdout;
  const totals = new Map();
  for (const line of csv.split("\n").slice(1)) {
    const match = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    if (!match) continue;
    const item = match[1].replace(/^"|"$/g, "").replace(/""/g, '"');
    if (item.includes("function names")) continue;
    totals.set(owner(item), (totals.get(owner(item)) ?? 0) + Number(match[2]));
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${build} build (${all.toLocaleString("en-US")} bytes raw)\n| part | bytes | share |\n|---|---:|---:|`);
  for (const [part, bytes] of [...totals].sort((a, b) => b[1] - a[1])) {
    console.log(`| ${part} | ${bytes.toLocaleString("en-US")} | ${((100 * bytes) / all).toFixed(1)}% |`);
  }
  result.byCrate[build] = Object.fromEntries(totals);
}

step("Cold start: a Node process that imports and checks one number (median of 40 runs each)");
const lpnBundle = path.join(work, "libphonenumber-node.cjs");
await build({ stdin: { contents: `const l = require("libphonenumber-js/min"); console.log(!!l.parsePhoneNumberFromString("+541143215678"));`, resolveDir: root }, bundle: true, platform: "node", format: "cjs", outfile: lpnBundle, logLevel: "error" });
// The light entry's cold start includes loading a compiled policy: its bytes, inline.
const { DialPolicy } = await import(pathToFileURL(path.join(pkg, "node.mjs")).href);
const policyBytes = Buffer.from(new DialPolicy({ homeRegion: "MX", allow: ["AR"] }).toBytes()).toString("base64");
const loadAndCheck = `.DialPolicy.fromBytes(Buffer.from("${policyBytes}", "base64")).check("+541143215678")`;
// What Node's ES module loader costs before any code of a package runs: a one-line module file.
const emptyModule = path.join(work, "empty.mjs");
writeFileSync(emptyModule, "export const nothing = 0;\n");
const scripts = {
  "node -e 0": "0",
  "dialguard/check, require() + fromBytes": `require(${JSON.stringify(path.join(pkg, "light-node.cjs"))})${loadAndCheck}`,
  "dialguard/check, import() + fromBytes": `import(${JSON.stringify(path.join(pkg, "light-node.mjs"))}).then((m) => m${loadAndCheck})`,
  "dialguard, require()": `new (require(${JSON.stringify(path.join(pkg, "node.cjs"))}).DialPolicy)({ homeRegion: "MX", allow: ["AR"] }).check("+541143215678")`,
  "dialguard, import()": `import(${JSON.stringify(path.join(pkg, "node.mjs"))}).then((m) => new m.DialPolicy({ homeRegion: "MX", allow: ["AR"] }).check("+541143215678"))`,
  "node -e import() of nothing": `import("node:fs")`,
  "node -e import() of a one-line module file": `import(${JSON.stringify(emptyModule)})`,
  "libphonenumber-js/min": `require("libphonenumber-js/min").parsePhoneNumberFromString("+541143215678")`,
  "libphonenumber-js/min, bundled": `require(${JSON.stringify(lpnBundle)})`,
};
// In turn, round after round, so that a shared machine's ups and downs
// fall on every script alike.
const times = Object.fromEntries(Object.keys(scripts).map((name) => [name, []]));
for (let i = 0; i < 42; i++) {
  for (const [name, script] of Object.entries(scripts)) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["-e", script], { cwd: root, stdio: "ignore" });
    if (r.status !== 0) throw new Error(`${name} failed`);
    if (i >= 2) times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
const cold = {};
for (const [name, t] of Object.entries(times)) cold[name] = t.sort((a, b) => a - b)[t.length >> 1];
console.log("| process | median ms | over node -e 0 |\n|---|---:|---:|");
for (const [name, ms] of Object.entries(cold)) console.log(`| ${name} | ${ms.toFixed(1)} | +${(ms - cold["node -e 0"]).toFixed(1)} |`);
result.coldStartMs = cold;

writeFileSync(path.join(root, "target", "size.json"), JSON.stringify(result, null, 2));
console.log("\nwritten to target/size.json");
