// Node entry (ESM): ready synchronously. It ships bundled with its glue and
// facade as one module (as node.cjs, built from it, is).
import { readFileSync } from "./node-fs.js";
import { initSync } from "./glue.js";
import { attach, readInitOptions } from "./core.js";

attach(initSync({ module: readFileSync(new URL("./dialguard_bg.wasm", import.meta.url)) }));

export { DialPolicy, DialguardError, allowEntryReach, dataVersion, maxDialLength, parseAllowEntry, recommendedBlockedTypes, regions, searchRegions, suggestPrefixes } from "./core.js";

/** Ready already in Node; kept so that code runs unchanged everywhere. */
export async function init(options) {
  readInitOptions(options, true);
}

export default init;
