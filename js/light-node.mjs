// The light entry, dialguard/check, in Node (ESM): ready synchronously. It
// ships bundled with its glue and facade as one module (as light-node.cjs,
// built from it, is).
import { readFileSync } from "./node-fs.js";
import { initSync } from "./light-glue.js";
import { attach, readInitOptions } from "./light-core.js";

attach(initSync({ module: readFileSync(new URL("./dialguard_light_bg.wasm", import.meta.url)) }));

export { DialPolicy, DialguardError, dataVersion, maxDialLength } from "./light-core.js";

/** Ready already in Node; kept so that code runs unchanged everywhere. */
export async function init(options) {
  readInitOptions(options, false);
}

export default init;
