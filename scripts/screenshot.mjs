// Refreshes docs/demo.png and docs/demo-phone.png, the README's pictures of
// the demo: runs the demo test's screenshot cases, which write them into
// target/ (and fail over 200 KB), and lets them copy those over the
// committed ones.
//
//   node scripts/screenshot.mjs     (npm run screenshot)
import { ensureNodeModules, run } from "./lib.mjs";
import { ensureBuilt } from "./start.mjs";

ensureNodeModules();
ensureBuilt();
run(process.execPath, ["--test", "--test-name-pattern=^screenshot", "pkg-tests/demo.test.mjs"], {
  env: { ...process.env, DIALGUARD_UPDATE_SCREENSHOT: "1" },
});
console.log("\n✔ docs/demo.png and docs/demo-phone.png are up to date: review them and commit them");
