// Builds the npm package into pkg/: the binding (wasm/) to WebAssembly
// and its wasm-bindgen glue (wasm-pack), wasm-opt, the JavaScript entries
// (the main entry, dialguard, and the light one, dialguard/check) and the
// types.
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
 * The three builds of the binding (see wasm/src/lib.rs). The check and
 * admin builds have the same exports, so that one glue serves both:
 * browsers load the check build unless asked for the admin build; every
 * other runtime's main entry uses the admin build. The light build, for
 * dialguard/check in every runtime, has its own glue.
 */
const BUILDS = {
  check: { features: [], profile: "wasm", wasm: "dialguard_check_bg.wasm" },
  // What servers judge with (Node, workerd, Deno): opt-level 2, for speed.
  admin: { features: ["--features", "admin"], profile: "wasm-admin", wasm: "dialguard_bg.wasm" },
  // Every byte of it is downloaded by every softphone, which checks one dial per keystroke: opt-level "z".
  light: { features: ["--no-default-features", "--features", "no-std"], profile: "wasm-light", wasm: "dialguard_light_bg.wasm" },
};

/**
 * wasm-pack compiles the binding and runs the pinned wasm-bindgen on it;
 * wasm-opt runs here (wasm-pack cannot download binaryen). Its own
 * packaging is not used: one package for several runtimes, with an entry
 * each, is more than it makes (wasm-pack issue 313).
 */
function buildWasm(name) {
  const { features, profile, wasm } = BUILDS[name];
  step(`Compiling the ${name} build of the binding (wasm-pack build, profile ${profile})`);
  const out = path.join(root, "target", "wasm-pack", name);
  rmSync(out, { recursive: true, force: true });
  run("wasm-pack", [
    "--quiet", "build", "wasm", "--target", "web", "--profile", profile, "--no-pack", "--no-typescript", "--no-opt", "--no-gitignore",
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
 * The import functions a wasm-bindgen glue defines, by name: their source
 * text. Names are not enough to compare two builds' glues: wasm-bindgen
 * numbers its cast intrinsics (`__wbindgen_generic_…`) in the order a
 * build uses them.
 */
function importsDefined(glue) {
  const defined = new Map();
  let name = null;
  for (const line of glue.slice(glue.indexOf("function __wbg_get_imports()")).split("\n")) {
    const start = /^ {8}(__wb\w+): /.exec(line);
    if (start) defined.set((name = start[1]), "");
    else if (/^ {4}\S/.test(line)) name = null; // the end of the imports object
    if (name !== null) defined.set(name, defined.get(name) + line + "\n");
  }
  return defined;
}

/** An import's source text without its name. */
const unnamed = (source) => source.replace(/^ {8}__wb\w+: /, "");

/**
 * The check build's cast intrinsics under the admin glue's names: its
 * import `__wbindgen_generic_…` of each cast renamed to the admin glue's
 * for the same cast (the same source text), in its import section. The
 * names are all of one length (16 digits), so their bytes change in
 * place. When the admin glue lacks a cast, nothing is renamed (and
 * buildAll refuses the check build).
 */
function renumberCasts(wasmFile, own, given) {
  const generic = /^__wbindgen_generic_\d{16}$/;
  const renamed = new Map();
  for (const [name, source] of own) {
    if (!generic.test(name)) continue;
    const match = [...given].find(([other, theirs]) => generic.test(other) && unnamed(theirs) === unnamed(source));
    if (!match) return new Map();
    if (match[0] !== name) renamed.set(name, match[0]);
  }
  if (renamed.size === 0) return renamed;
  const bytes = readFileSync(wasmFile);
  const leb = (at) => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return [value, at];
    }
  };
  let at = 8; // past the magic number and version
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(at + 1);
    if (id === 2) {
      // Every place first, then the writes: a renaming may be a cycle.
      const section = bytes.subarray(start, start + size);
      const places = [...renamed].flatMap(([from, to]) => {
        const needle = Buffer.from([from.length, ...Buffer.from(from)]);
        const found = [];
        for (let i = section.indexOf(needle); i >= 0; i = section.indexOf(needle, i + 1)) found.push(i + 1);
        return found.map((i) => [i, to]);
      });
      for (const [i, to] of places) section.write(to, i, "latin1");
      break;
    }
    at = start + size;
  }
  writeFileSync(wasmFile, bytes);
  return renamed;
}

/**
 * One glue serves the check and admin builds when they export the same
 * and the admin build's glue defines every import the check build asks
 * for as the check build's own glue does (its cast intrinsics numbered as
 * the admin build's, renumberCasts); the light build's glue is its own.
 */
function buildAll() {
  const [check, admin, light] = ["check", "admin", "light"].map(buildWasm);
  const names = (list) => list.map((e) => `${e.module ?? ""}.${e.name}:${e.kind}`);
  const exports = (m) => names(WebAssembly.Module.exports(m)).join(" ");
  const [own, given] = [importsDefined(check.glue), importsDefined(admin.glue)];
  const renamed = renumberCasts(path.join(pkg, BUILDS.check.wasm), own, given);
  const checkModule = new WebAssembly.Module(readFileSync(path.join(pkg, BUILDS.check.wasm)));
  const ownName = new Map([...renamed].map(([from, to]) => [to, from]));
  const differing = WebAssembly.Module.imports(checkModule)
    .filter((i) => {
      const source = own.get(ownName.get(i.name) ?? i.name);
      return i.kind === "function" && (source === undefined || !given.has(i.name) || unnamed(source) !== unnamed(given.get(i.name)));
    })
    .map((i) => i.name);
  if (own.size === 0 || exports(checkModule) !== exports(admin.module) || differing.length > 0) {
    fail(`the check build needs glue the admin build's does not give as its own does (wasm/src/lib.rs): ${differing.join(", ") || "its exports differ"}`);
  }
  writeFileSync(path.join(pkg, "glue.js"), admin.glue);
  writeFileSync(path.join(pkg, "light-glue.js"), light.glue);
  return admin;
}

/**
 * The check record's layout (wasm/src/record.rs) as constants for the
 * facades (target/js/record.js, bundled into pkg/core.js and
 * pkg/light-core.js through shared.js), read from the
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
    `export const NUMBER_TYPES = ${JSON.stringify([null, ...layout.numberTypes])};`,
    `export const READING_KINDS = ${JSON.stringify([null, ...layout.readingKinds])};`,
    `export const VALIDITIES = ${JSON.stringify([null, ...layout.validities])};`,
    `export const REFUSAL_HEADER = ${layout.refusalUnits.length};`,
    `export const REFUSAL_NAMES = ${JSON.stringify(layout.refusalUnits)};`,
    ...layout.refusalUnits.map((name, i) => `export const R_${constant(name)} = ${i};`),
    `export const ERROR_CODES = ${JSON.stringify([null, ...layout.errorCodes])};`,
  ];
  mkdirSync(path.join(root, "target", "js"), { recursive: true });
  writeFileSync(path.join(root, "target", "js", "record.js"), lines.join("\n") + "\n");
}

async function assemble() {
  step("Assembling pkg/");
  // Each facade with the shared reader and the record's constants folded
  // in (a copy each: each reads its own instance); the glue stays its own
  // module, which every entry of the facade shares.
  const js = path.join(root, "target", "js");
  for (const file of ["core.js", "light-core.js", "shared.js"]) {
    writeFileSync(path.join(js, file), readFileSync(path.join(root, "js", file), "utf8").replace("@DATA_VERSION@", dataVersion));
  }
  // The reader reads every field of the record, or the package is not built.
  const { READS } = await import(pathToFileURL(path.join(js, "shared.js")).href);
  const { UNIT_NAMES, FLAG_NAMES, REFUSAL_NAMES } = await import(pathToFileURL(path.join(js, "record.js")).href);
  if (UNIT_NAMES.join(" ") !== READS.units || FLAG_NAMES.join(" ") !== READS.flags || REFUSAL_NAMES.join(" ") !== READS.refusal) {
    fail(`the check record has fields the reader (js/shared.js) does not read: ${UNIT_NAMES}; ${FLAG_NAMES}; ${REFUSAL_NAMES}`);
  }
  for (const [facade, glue] of [["core.js", "./glue.js"], ["light-core.js", "./light-glue.js"]]) {
    run(bin("esbuild"), [path.join(js, facade), "--bundle", "--format=esm", "--minify-syntax", `--external:${glue}`, `--outfile=${path.join(pkg, facade)}`, "--log-level=warning"]);
  }
  const entries = ["node.mjs", "web.js", "workerd.js", "deno.js", "light-node.mjs", "light-web.js", "light-workerd.js", "light-deno.js"];
  // node-fs.js is bundled into the Node entries below, and not shipped.
  for (const file of [...entries, "node-fs.js", "index.d.ts", "check.d.ts", "types.d.ts"]) {
    copyFileSync(path.join(root, "js", file), path.join(pkg, file));
  }
  for (const [wasm, inline, entry] of [["dialguard_bg.wasm", "wasm-inline.js", "deno.js"], ["dialguard_light_bg.wasm", "light-wasm-inline.js", "light-deno.js"]]) {
    const wasmBase64 = readFileSync(path.join(pkg, wasm)).toString("base64");
    writeFileSync(path.join(pkg, inline), `// The WebAssembly, for ${entry}.\nexport default "${wasmBase64}";\n`);
  }
  copyFileSync(path.join(root, "README.md"), path.join(pkg, "README.md"));
  copyFileSync(path.join(root, "LICENSE"), path.join(pkg, "LICENSE"));
  copyFileSync(path.join(root, "NOTICE"), path.join(pkg, "NOTICE"));
  // CommonJS for require(): the same entries, bundled, locating the .wasm
  // beside them through __filename and requiring node:fs (js/node-fs.js).
  for (const entry of ["node", "light-node"]) {
    run(bin("esbuild"), [
      path.join(pkg, `${entry}.mjs`), "--bundle", "--platform=node", "--format=cjs", `--outfile=${path.join(pkg, `${entry}.cjs`)}`,
      "--external:node:*", "--define:import.meta.url=__dialguard_url", "--define:DIALGUARD_CJS=true",
      "--banner:js=const __dialguard_url = require(\"node:url\").pathToFileURL(__filename);",
      "--log-level=warning",
    ]);
  }
  // Node pays about a millisecond of start-up for each ES module file it
  // loads (npm run size): its entries ship as one module each, as their
  // CommonJS twins do (deno.js and light-deno.js keep the modules).
  for (const entry of ["node.mjs", "light-node.mjs"]) {
    const source = path.join(pkg, entry);
    const bundled = path.join(root, "target", `bundled-${entry}`);
    run(bin("esbuild"), [source, "--bundle", "--platform=node", "--format=esm", "--external:node:*", "--define:DIALGUARD_CJS=false", `--outfile=${bundled}`, "--log-level=warning"]);
    copyFileSync(bundled, source);
  }
  rmSync(path.join(pkg, "node-fs.js"));
  // Browsers and Workers pay for every byte: their entries ship as one
  // minified module each (the .wasm stays a separate file).
  for (const entry of ["web.js", "workerd.js", "light-web.js", "light-workerd.js"]) {
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
        // For TypeScript's older resolution (node10), which reads no exports.
        typesVersions: { "*": { check: ["./check.d.ts"] } },
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
          // The light entry for softphones: fromBytes and the per-keystroke calls.
          "./check": {
            types: "./check.d.ts",
            workerd: "./light-workerd.js",
            deno: "./light-deno.js",
            node: { import: "./light-node.mjs", require: "./light-node.cjs" },
            browser: "./light-web.js",
            default: "./light-web.js",
          },
          "./dialguard_bg.wasm": "./dialguard_bg.wasm",
          "./dialguard_check_bg.wasm": "./dialguard_check_bg.wasm",
          "./dialguard_light_bg.wasm": "./dialguard_light_bg.wasm",
          "./package.json": "./package.json",
        },
        files: [
          "dialguard_bg.wasm", "dialguard_check_bg.wasm", "glue.js", "core.js", "node.mjs", "node.cjs", "web.js", "workerd.js", "deno.js", "wasm-inline.js",
          "dialguard_light_bg.wasm", "light-glue.js", "light-core.js", "light-node.mjs", "light-node.cjs", "light-web.js", "light-workerd.js", "light-deno.js",
          "light-wasm-inline.js", "index.d.ts", "check.d.ts", "types.d.ts", "README.md", "LICENSE", "NOTICE",
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
  const files = ["dialguard_check_bg.wasm", "dialguard_bg.wasm", "dialguard_light_bg.wasm", "web.js", "workerd.js", "light-web.js", "node.mjs", "glue.js", "core.js", "light-glue.js", "light-core.js"];
  for (const file of files) {
    console.log(`  ${file.padEnd(24)} ${String(size(file)).padStart(7)} raw ${String(gz(file)).padStart(7)} gzip -9`);
  }
  console.log(`  browser entry, init() (dialguard_check_bg.wasm + web.js, its glue and facade bundled): ${gz("dialguard_check_bg.wasm") + gz("web.js")} bytes gzip -9`);
  console.log(`  browser entry, init({ admin: true }) (dialguard_bg.wasm + web.js): ${gz("dialguard_bg.wasm") + gz("web.js")} bytes gzip -9`);
  console.log(`  light entry dialguard/check, init() (dialguard_light_bg.wasm + light-web.js): ${gz("dialguard_light_bg.wasm") + gz("light-web.js")} bytes gzip -9`);
}

ensureNodeModules();
ensureTools();
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg);
await writeRecordConstants(buildAll());
await assemble();
report();
