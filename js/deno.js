// Deno entry: ready synchronously.
import { initSync } from "./glue.js";
import { attach } from "./core.js";

attach(initSync({ module: Deno.readFileSync(new URL("./dialguard_bg.wasm", import.meta.url)) }));

export { DialPolicy, DialguardError, dataVersion, regions, searchRegions, suggestPrefixes } from "./core.js";

/** Ready already in Deno; kept so that code runs unchanged everywhere. */
export function init() {
  return Promise.resolve();
}

export default init;
