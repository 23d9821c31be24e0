// Cloudflare Workers / workerd entry: Workers may not compile WebAssembly
// from bytes, so the module is imported (a CompiledWasm module) and
// instantiated synchronously.
import wasm from "./dialguard_bg.wasm";
import { initSync } from "./glue.js";
import { attach, readInitOptions } from "./core.js";

attach(initSync({ module: wasm }));

export { DialPolicy, DialguardError, allowEntryReach, dataVersion, maxDialLength, parseAllowEntry, recommendedBlockedTypes, regions, searchRegions, suggestPrefixes } from "./core.js";

/** Ready already in Workers; kept so that code runs unchanged everywhere. */
export async function init(options) {
  readInitOptions(options, true);
}

export default init;
