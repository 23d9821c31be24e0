// Loads the package's browser entry in headless Chromium and runs the
// smoke cases in the page: the check build (a softphone's init()), then
// the admin build (a settings page's init({ admin: true })).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { openPages } from "./pages.mjs";

test("the browser entry runs in Chromium, with each build", async () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const builds = { "browser/index.html": "dialguard_check_bg.wasm", "browser/index.html?admin": "dialguard_bg.wasm" };
  const { version, results } = await openPages(root, Object.keys(builds));
  for (const [page, build] of Object.entries(builds)) {
    const { failures, errors, fetched } = results[page];
    assert.deepEqual(failures, [], page);
    assert.deepEqual(errors, [], page);
    assert.deepEqual(fetched, ["/no-such.wasm", `/node_modules/dialguard/${build}`], page);
    console.log(`# ${version}, ${build}: all smoke cases pass`);
  }
});
