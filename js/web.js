// Browser and bundler entry: instantiate with `await init()` before use.
// It compiles the module itself and instantiates it with the glue's
// initSync, as the other entries do: the glue's own async loader is bigger
// than all of this, and browsers pay for every byte.
import { initSync } from "./glue.js";
import { attach } from "./core.js";

export { DialPolicy, DialguardError, dataVersion, regions, searchRegions, suggestPrefixes } from "./core.js";

let ready = null;

/** A URL, a Response (or a promise of one), bytes or a module, compiled. */
async function compile(wasm) {
  if (typeof wasm === "string" || wasm instanceof URL || (typeof Request === "function" && wasm instanceof Request)) {
    wasm = fetch(wasm);
  }
  wasm = await wasm;
  if (typeof Response === "function" && wasm instanceof Response) {
    if (!wasm.ok) throw new Error(`failed to fetch the WebAssembly: ${wasm.status} ${wasm.statusText} (${wasm.url})`);
    // Streaming compilation needs the right MIME type; without it, bytes.
    const streams = typeof WebAssembly.compileStreaming === "function" && wasm.headers.get("Content-Type") === "application/wasm";
    wasm = await (streams ? WebAssembly.compileStreaming(wasm) : wasm.arrayBuffer());
  }
  return wasm instanceof WebAssembly.Module ? wasm : WebAssembly.compile(wasm);
}

/**
 * Fetches and instantiates the WebAssembly (once; later calls return the
 * same promise, and a failed attempt, say offline, can be retried). `wasm`
 * may be a URL, a Response, bytes or a compiled WebAssembly.Module; by
 * default `dialguard_bg.wasm` beside this file.
 */
export function init(wasm) {
  ready ??= compile(wasm ?? new URL("dialguard_bg.wasm", import.meta.url)).then(
    (module) => attach(initSync({ module })),
    (error) => {
      ready = null;
      throw error;
    },
  );
  return ready;
}

export default init;
