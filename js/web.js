// Browser and bundler entry: instantiate with `await init()` before use.
import initWasm from "./glue.js";
import { attach } from "./core.js";

export { DialPolicy, DialguardError, dataVersion, regions, searchRegions, suggestPrefixes } from "./core.js";

let ready = null;

/**
 * Fetches and instantiates the WebAssembly (once; later calls return the
 * same promise). `wasm` may be a URL, a Response, bytes or a compiled
 * WebAssembly.Module; by default `dialguard_bg.wasm` beside this file.
 */
export function init(wasm) {
  ready ??= initWasm(wasm === undefined ? undefined : { module_or_path: wasm }).then(attach);
  return ready;
}

export default init;
