// Builds the npm package into pkg/: the binding (wasm/) to WebAssembly
// and its wasm-bindgen glue (wasm-pack), wasm-opt, the JavaScript entries
// and the types.
//
//   node scripts/build.mjs     (npm run build)
//
// Installs what it needs and is missing: the wasm32 Rust target (rustup),
// the wasm-bindgen CLI at the version wasm/Cargo.toml pins and wasm-pack
// (cargo install, a few minutes, once). wasm-opt and esbuild come from
// node_modules.
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bin, ensureNodeModules, fail, output, root, run, step } from "./lib.mjs";

const TARGET = "wasm32-unknown-unknown";
const pkg = path.join(root, "pkg");
const cargoToml = readFileSync(path.join(root, "Cargo.toml"), "utf8");
const bindgenVersion = readFileSync(path.join(root, "wasm", "Cargo.toml"), "utf8").match(/wasm-bindgen = \{ version = "=([0-9.]+)"/)?.[1];
const crateVersion = cargoToml.match(/^version = "([^"]+)"/m)?.[1];
const dataVersion = readFileSync(path.join(root, "src/data/tables.rs"), "utf8").match(
  /DATA_VERSION: &str = "([^"]+)"/,
)?.[1];
if (!bindgenVersion || !crateVersion || !dataVersion) fail("could not read versions from Cargo.toml and tables.rs");

function ensureTools() {
  if (output("cargo", ["--version"]) === null) {
    fail("cargo not found: install Rust with rustup (https://rustup.rs), then run this again");
  }
  const targets = output("rustup", ["target", "list", "--installed"]);
  if (targets === null) {
    console.warn(`rustup not found; assuming the ${TARGET} target is installed`);
  } else if (!targets.split("\n").includes(TARGET)) {
    step(`Installing the Rust target ${TARGET}`);
    run("rustup", ["target", "add", TARGET]);
  }
  // wasm-pack runs the wasm-bindgen on PATH only at the exact version the
  // lock file pins (it would download one otherwise, and cannot here).
  const installed = output("wasm-bindgen", ["--version"]);
  if (installed !== `wasm-bindgen ${bindgenVersion}`) {
    step(`Installing wasm-bindgen-cli ${bindgenVersion} (found: ${installed ?? "none"}); this takes a few minutes once`);
    run("cargo", ["install", "wasm-bindgen-cli", "--version", bindgenVersion]);
  }
  if (output("wasm-pack", ["--version"]) === null) {
    step("Installing wasm-pack; this takes a few minutes once");
    run("cargo", ["install", "wasm-pack"]);
  }
  for (const tool of ["wasm-opt", "esbuild"]) {
    if (output(bin(tool), ["--version"]) === null) fail(`${tool} not found in node_modules: run npm install first`);
  }
}

/**
 * The two builds of the binding (see wasm/src/lib.rs), with the same
 * exports, so that one glue serves both. Browsers load the check build
 * unless asked for the admin build; every other entry uses the admin build.
 */
const BUILDS = [
  { name: "check", features: [], wasm: "dialguard_check_bg.wasm" },
  { name: "admin", features: ["--features", "admin"], wasm: "dialguard_bg.wasm" },
];

/**
 * wasm-pack compiles the binding and runs the pinned wasm-bindgen on it;
 * wasm-opt runs here (wasm-pack cannot download binaryen). Its own
 * packaging is not used: one package for several runtimes, with an entry
 * each, is more than it makes (wasm-pack issue 313).
 */
function buildWasm({ name, features, wasm }) {
  step(`Compiling the ${name} build of the binding (wasm-pack build, profile wasm)`);
  const out = path.join(root, "target", "wasm-pack", name);
  rmSync(out, { recursive: true, force: true });
  run("wasm-pack", [
    "--quiet", "build", "wasm", "--target", "web", "--profile", "wasm", "--no-pack", "--no-typescript", "--no-opt", "--no-gitignore",
    "--out-dir", out, "--out-name", "dialguard", "--", ...features,
  ]);
  step(`Optimizing for size (wasm-opt -Oz) into ${wasm}`);
  // The features current Rust emits for wasm32-unknown-unknown. Their
  // target_features section only matters to linkers: it is stripped.
  const enabled = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];
  // Flattening and re-looping the control flow before -Oz, and -Oz twice,
  // save about half a kilobyte gzip over a plain -Oz. The low 1 KiB of
  // memory is the far end of the 1 MiB stack, never reached.
  const passes = ["--low-memory-unused", "--flatten", "--rereloop", "-Oz", "-Oz"];
  run(bin("wasm-opt"), [
    ...passes, "--strip-debug", "--strip-producers", "--strip-target-features", ...enabled.map((f) => `--enable-${f}`),
    path.join(out, "dialguard_bg.wasm"), "-o", path.join(pkg, wasm),
  ]);
  return { glue: readFileSync(path.join(out, "dialguard.js"), "utf8"), module: new WebAssembly.Module(readFileSync(path.join(pkg, wasm))) };
}

/**
 * One glue serves both builds when they export the same and the admin
 * build's glue provides every import the check build asks for.
 */
function buildBoth() {
  const [check, admin] = BUILDS.map(buildWasm);
  const names = (list) => list.map((e) => `${e.module ?? ""}.${e.name}:${e.kind}`);
  const exports = (m) => names(WebAssembly.Module.exports(m)).join(" ");
  const provided = new Set(names(WebAssembly.Module.imports(admin.module)));
  const missing = names(WebAssembly.Module.imports(check.module)).filter((i) => !provided.has(i));
  if (exports(check.module) !== exports(admin.module) || missing.length > 0) {
    fail(`the check build needs glue the admin build's does not give (wasm/src/lib.rs): ${missing.join(", ") || "its exports differ"}`);
  }
  writeFileSync(path.join(pkg, "glue.js"), admin.glue);
  return admin;
}

/**
 * The check record's layout (wasm/src/record.rs) as constants for the
 * facade (target/js/record.js, bundled into pkg/core.js), read from the
 * admin build's own layout(). Constants in the facade's own module rather
 * than values read at start-up: V8 folds them into the reader (check()
 * measured 1.27× faster).
 */
async function writeRecordConstants(admin) {
  const glue = await import(pathToFileURL(path.join(root, "target", "wasm-pack", "admin", "dialguard.js")).href);
  glue.initSync({ module: admin.module });
  const layout = glue.layout();
  const constant = (name) => name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
  const lines = [
    "// Generated by scripts/build.mjs from the binding's layout() (wasm/src/record.rs): do not edit.",
    `export const FINGERPRINT = ${layout.fingerprint};`,
    `export const INPUT_UNITS = ${layout.inputUnits};`,
    `export const RECORD_UNITS = ${layout.recordUnits};`,
    `export const HEADER = ${layout.header};`,
    `export const MAX_REGIONS = ${layout.maxRegions};`,
    `export const UNIT_NAMES = ${JSON.stringify(layout.units)};`,
    ...layout.units.map((name, i) => `export const ${constant(name)} = ${i};`),
    `export const FLAG_NAMES = ${JSON.stringify(layout.flags.map(([name]) => name))};`,
    ...layout.flags.map(([name, bit]) => `export const F_${constant(name)} = ${bit};`),
    `export const VERDICTS = ${JSON.stringify([null, ...layout.verdicts])};`,
    `export const REASONS = ${JSON.stringify(layout.reasons.map(([name]) => name))};`,
    `export const REASON_VERDICTS = ${JSON.stringify(layout.reasons.map(([, code]) => code))};`,
    `export const REGION_IDS = ${JSON.stringify(layout.regions)};`,
    `export const NUMBER_TYPES = ${JSON.stringify([null, ...layout.numberTypes])};`,
    `export const READING_KINDS = ${JSON.stringify([null, ...layout.readingKinds])};`,
    `export const VALIDITIES = ${JSON.stringify([null, ...layout.validities])};`,
  ];
  mkdirSync(path.join(root, "target", "js"), { recursive: true });
  writeFileSync(path.join(root, "target", "js", "record.js"), lines.join("\n") + "\n");
}

function assemble() {
  step("Assembling pkg/");
  // The facade with the record's constants folded in; the glue stays its
  // own module, which every entry shares.
  const facade = path.join(root, "target", "js", "core.js");
  writeFileSync(facade, readFileSync(path.join(root, "js/core.js"), "utf8").replace("@DATA_VERSION@", dataVersion));
  run(bin("esbuild"), [facade, "--bundle", "--format=esm", "--minify-syntax", "--external:./glue.js", `--outfile=${path.join(pkg, "core.js")}`, "--log-level=warning"]);
  for (const file of ["node.mjs", "web.js", "workerd.js", "deno.js", "index.d.ts", "types.d.ts"]) {
    copyFileSync(path.join(root, "js", file), path.join(pkg, file));
  }
  const wasmBase64 = readFileSync(path.join(pkg, "dialguard_bg.wasm")).toString("base64");
  writeFileSync(path.join(pkg, "wasm-inline.js"), `// The WebAssembly, for deno.js.\nexport default "${wasmBase64}";\n`);
  copyFileSync(path.join(root, "README.md"), path.join(pkg, "README.md"));
  copyFileSync(path.join(root, "LICENSE"), path.join(pkg, "LICENSE"));
  copyFileSync(path.join(root, "NOTICE"), path.join(pkg, "NOTICE"));
  // CommonJS for require(): the same entry, bundled, locating the .wasm
  // beside it through __filename.
  run(bin("esbuild"), [
    path.join(pkg, "node.mjs"), "--bundle", "--platform=node", "--format=cjs", `--outfile=${path.join(pkg, "node.cjs")}`,
    "--external:node:*", "--define:import.meta.url=__dialguard_url",
    "--banner:js=const __dialguard_url = require(\"node:url\").pathToFileURL(__filename);",
    "--log-level=warning",
  ]);
  // Browsers and Workers pay for every byte: their entries ship as one
  // minified module each (the .wasm stays a separate file).
  for (const entry of ["web.js", "workerd.js"]) {
    const source = path.join(pkg, entry);
    const bundled = path.join(root, "target", `bundled-${entry}`);
    run(bin("esbuild"), [
      source, "--bundle", "--minify", "--format=esm", `--outfile=${bundled}`, "--external:./*.wasm",
      "--log-level=warning",
    ]);
    copyFileSync(bundled, source);
  }
  writeFileSync(
    path.join(pkg, "package.json"),
    JSON.stringify(
      {
        name: "dialguard",
        version: crateVersion,
        description:
          "Allowed Country Codes for phone systems: decides whether a dialed number is an international call and whether its destination is allowed. Rust compiled to WebAssembly; Node, browsers, Workers, Deno.",
        license: "Apache-2.0",
        keywords: ["telephony", "pbx", "toll-fraud", "phone-number", "e164", "international-dialing", "webassembly"],
        type: "module",
        sideEffects: false,
        types: "./index.d.ts",
        main: "./node.cjs",
        module: "./web.js",
        exports: {
          ".": {
            types: "./index.d.ts",
            workerd: "./workerd.js",
            deno: "./deno.js",
            node: { import: "./node.mjs", require: "./node.cjs" },
            browser: "./web.js",
            default: "./web.js",
          },
          "./dialguard_bg.wasm": "./dialguard_bg.wasm",
          "./dialguard_check_bg.wasm": "./dialguard_check_bg.wasm",
          "./package.json": "./package.json",
        },
        files: [
          "dialguard_bg.wasm", "dialguard_check_bg.wasm", "glue.js", "core.js", "node.mjs", "node.cjs", "web.js", "workerd.js", "deno.js", "wasm-inline.js",
          "index.d.ts", "types.d.ts", "README.md", "LICENSE", "NOTICE",
        ],
        engines: { node: ">=18" },
      },
      null,
      2,
    ) + "\n",
  );
}

function report() {
  const gz = (file) => gzipSync(readFileSync(path.join(pkg, file)), { level: 9 }).length;
  const size = (file) => statSync(path.join(pkg, file)).size;
  console.log("\nSize of pkg/ (bytes):");
  for (const file of ["dialguard_check_bg.wasm", "dialguard_bg.wasm", "web.js", "workerd.js", "node.mjs", "glue.js", "core.js"]) {
    console.log(`  ${file.padEnd(24)} ${String(size(file)).padStart(7)} raw ${String(gz(file)).padStart(7)} gzip -9`);
  }
  console.log(`  browser entry, init() (dialguard_check_bg.wasm + web.js, its glue and facade bundled): ${gz("dialguard_check_bg.wasm") + gz("web.js")} bytes gzip -9`);
  console.log(`  browser entry, init({ admin: true }) (dialguard_bg.wasm + web.js): ${gz("dialguard_bg.wasm") + gz("web.js")} bytes gzip -9`);
}

ensureNodeModules();
ensureTools();
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg);
await writeRecordConstants(buildBoth());
assemble();
report();
