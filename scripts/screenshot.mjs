// Refreshes docs/demo.png, the README's picture of the demo: runs the demo
// test's screenshot case, which writes target/demo.png (and fails over
// 200 KB), and lets it copy that over the committed one.
//
//   node scripts/screenshot.mjs     (npm run screenshot)
import { ensureNodeModules, run } from "./lib.mjs";
import { ensureBuilt } from "./start.mjs";

ensureNodeModules();
ensureBuilt();
run(process.execPath, ["--test", "--test-name-pattern=^screenshot", "pkg-tests/demo.test.mjs"], {
  env: { ...process.env, DIALGUARD_UPDATE_SCREENSHOT: "1" },
});
console.log("\n✔ docs/demo.png is up to date: review it and commit it");
