// Browser and bundler entry: instantiate with `await init()` (softphones)
// or `await init({ admin: true })` (settings pages) before use.
// It compiles the module itself and instantiates it with the glue's
// initSync, as the other entries do: the glue's own async loader is bigger
// than all of this, and browsers pay for every byte.
import { initSync } from "./glue.js";
import { attach, compile, readInitOptions } from "./core.js";

export { DialPolicy, DialguardError, allowEntryReach, dataVersion, maxDialLength, parseAllowEntry, recommendedBlockedTypes, regions, searchRegions, suggestPrefixes } from "./core.js";

let built = null; // the build attached: "check" or "admin"
let queue = Promise.resolve(); // loads run one after another

/**
 * Fetches and instantiates the WebAssembly, once. `init()` loads the check
 * build (dialguard_check_bg.wasm: check, verdict, checkMany, toJSON,
 * suggestPrefixes), all a softphone needs; `init({ admin: true })` loads
 * the admin build (dialguard_bg.wasm), which adds diff, lint, regions and
 * searchRegions for a settings page. A page that needs both calls
 * `init({ admin: true })` first. `wasm` loads the build from elsewhere: a
 * URL, a Response, bytes or a compiled WebAssembly.Module.
 *
 * Later calls resolve at once; a failed load (say offline) can be retried.
 */
export async function init(options) {
  const admin = readInitOptions(options, true);
  const load = queue.then(async () => {
    if (built === "admin" || (built === "check" && !admin)) return;
    if (built === "check") {
      throw new Error("init() already loaded the check build: to use diff, lint, regions or searchRegions, call init({ admin: true }) before any init()");
    }
    // Literal URLs, so that bundlers see and copy both files.
    const url = admin ? new URL("dialguard_bg.wasm", import.meta.url) : new URL("dialguard_check_bg.wasm", import.meta.url);
    built = attach(initSync({ module: await compile(options?.wasm ?? url) }));
    if (admin && built !== "admin") throw new Error("init({ admin: true }) was given the check build (dialguard_check_bg.wasm), not dialguard_bg.wasm");
  });
  queue = load.catch(() => {});
  return load;
}

export default init;
