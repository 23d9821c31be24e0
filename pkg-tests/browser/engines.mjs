// The browser entry's smoke cases in one engine: the check build (a
// softphone's init()), then the admin build (a settings page's
// init({ admin: true })). The same cases, down to every configuration
// error's code, path and message, pass in Chromium, Firefox and WebKit.
// Then the light entry, dialguard/check: the light build, deciding as the
// check build does from its bytes (../light.mjs).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { openPages } from "./pages.mjs";

export async function smokeInEngine(engine) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const builds = {
    "browser/index.html": ["dialguard_check_bg.wasm"],
    "browser/index.html?admin": ["dialguard_bg.wasm"],
    "browser/light.html": ["dialguard_light_bg.wasm", "dialguard_check_bg.wasm"],
  };
  const { version, results } = await openPages(root, Object.keys(builds), engine);
  for (const [page, wasm] of Object.entries(builds)) {
    const { failures, errors, fetched } = results[page];
    assert.deepEqual(failures, [], `${version}: ${page}`);
    assert.deepEqual(errors, [], `${version}: ${page}`);
    assert.deepEqual(fetched, ["/no-such.wasm", ...wasm.map((file) => `/node_modules/dialguard/${file}`)], `${version}: ${page}`);
    console.log(`# ${version}, ${page} (${wasm.join(", ")}): all cases pass`);
  }
}
