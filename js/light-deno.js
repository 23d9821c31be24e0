// The light entry, dialguard/check, in Deno: ready synchronously, without
// --allow-read (the light build comes embedded, as base64 in
// light-wasm-inline.js).
import wasmBase64 from "./light-wasm-inline.js";
import { initSync } from "./light-glue.js";
import { attach, readInitOptions } from "./light-core.js";

attach(initSync({ module: Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0)) }));

export { DialPolicy, DialguardError, dataVersion, maxDialLength } from "./light-core.js";

/** Ready already in Deno; kept so that code runs unchanged everywhere. */
export async function init(options) {
  readInitOptions(options, false);
}

export default init;
