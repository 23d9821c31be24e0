// The light entry, dialguard/check, in Cloudflare Workers / workerd: the
// module is imported (Workers may not compile WebAssembly from bytes) and
// instantiated synchronously.
import wasm from "./dialguard_light_bg.wasm";
import { initSync } from "./light-glue.js";
import { attach, readInitOptions } from "./light-core.js";

attach(initSync({ module: wasm }));

export { DialPolicy, DialguardError, dataVersion, maxDialLength } from "./light-core.js";

/** Ready already in Workers; kept so that code runs unchanged everywhere. */
export async function init(options) {
  readInitOptions(options, false);
}

export default init;
