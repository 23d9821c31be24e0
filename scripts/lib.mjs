// Helpers shared by the build, test, bench and demo scripts.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);
/** The consumer project that the pkg-tests suites run in. */
export const consumer = path.join(root, "pkg-tests");

export function step(message) {
  console.log(`\n▶ ${message}`);
}

/** Runs a command with inherited output; exits with its code on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
}

/** Runs a command and returns its trimmed stdout, or null if it fails. */
export function output(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", cwd: root, ...options });
  return result.status === 0 ? result.stdout.trim() : null;
}

export function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** Installs the npm dev dependencies when node_modules is missing or stale. */
export function ensureNodeModules() {
  const lock = path.join(root, "package-lock.json");
  const installed = path.join(root, "node_modules", ".package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  step("Installing npm dev dependencies (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

/** Packs pkg/ into target/dialguard.tgz and installs it, by name, into the consumer project pkg-tests/. */
export function installIntoConsumer() {
  step("Packing the package and installing it into the consumer project pkg-tests/");
  rmSync(path.join(root, "target", "dialguard.tgz"), { force: true });
  run("npm", ["pack", "./pkg", "--pack-destination", "target", "--silent"]);
  const tarball = readdirSync(path.join(root, "target")).find((f) => /^dialguard-.*\.tgz$/.test(f));
  renameSync(path.join(root, "target", tarball), path.join(root, "target", "dialguard.tgz"));
  rmSync(path.join(consumer, "node_modules"), { recursive: true, force: true });
  run("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: consumer });
}

/** The package as a user installs it, in pkg-tests/ (built first if pkg/ is missing), for the benches. */
export function ensurePackage() {
  ensureNodeModules();
  if (!existsSync(path.join(root, "pkg", "workerd.js"))) run("node", ["scripts/build.mjs"]);
  installIntoConsumer();
}

/** Prints a bench section's table `{ title, note, header, rows }` as Markdown. */
export function printTable({ title, note, header, rows }) {
  console.log(`\n${title}\n${note ? `${note}\n` : ""}`);
  console.log(`| ${header.join(" | ")} |\n|${header.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`);
  for (const row of rows) console.log(`| ${row.map((cell) => (typeof cell === "number" ? cell.toLocaleString("en-US") : cell)).join(" | ")} |`);
}
