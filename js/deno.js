// Deno entry: ready synchronously, and without --allow-read, because the
// WebAssembly comes embedded (as base64 in wasm-inline.js) rather than read
// from a file.
import wasmBase64 from "./wasm-inline.js";
import { initSync } from "./glue.js";
import { attach, readInitOptions } from "./core.js";

attach(initSync({ module: Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0)) }));

export { DialPolicy, DialguardError, allowEntryReach, dataVersion, maxDialLength, parseAllowEntry, recommendedBlockedTypes, regions, searchRegions, suggestPrefixes } from "./core.js";

/** Ready already in Deno; kept so that code runs unchanged everywhere. */
export async function init(options) {
  readInitOptions(options, true);
}

export default init;
