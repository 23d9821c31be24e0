// The package in an app bundled by Vite (docs/contract.md §5: bundlers), run in
// headless Chromium: Vite must find every build through
// `new URL(..., import.meta.url)` (the light entry's too) and emit them, and
// each init() load the right one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { openPages } from "../browser/pages.mjs";

test("a Vite app loads each build, and the light entry's, and passes the smoke cases", async () => {
  const outDir = fileURLToPath(new URL("../../target/vite-app", import.meta.url));
  rmSync(outDir, { recursive: true, force: true });
  await build({
    root: fileURLToPath(new URL(".", import.meta.url)),
    base: "./",
    // The error collector every test page loads, copied as it is.
    publicDir: fileURLToPath(new URL("../page-errors", import.meta.url)),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  const builds = { "index.html": ["dialguard_check_bg"], "index.html?admin": ["dialguard_bg"], "index.html?light": ["dialguard_light_bg", "dialguard_check_bg"] };
  const { version, results } = await openPages(outDir, Object.keys(builds));
  for (const [page, wasm] of Object.entries(builds)) {
    const { failures, errors, fetched } = results[page];
    assert.deepEqual(failures, [], page);
    assert.deepEqual(errors, [], page);
    assert.equal(fetched.length, wasm.length, page);
    wasm.forEach((build, i) => assert.match(fetched[i], new RegExp(`^/assets/${build}-[\\w-]+\\.wasm$`), page));
    console.log(`# Vite, ${version}, ${page}, ${fetched.join(", ")}: all cases pass`);
  }
});
