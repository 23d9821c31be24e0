// The light entry, dialguard/check, in browsers and bundlers: `await
// init()` before use. It loads the light build (dialguard_light_bg.wasm),
// compiled and instantiated as the main entry's web.js does.
import { initSync } from "./light-glue.js";
import { attach, compile, readInitOptions } from "./light-core.js";

export { DialPolicy, DialguardError, dataVersion, maxDialLength } from "./light-core.js";

let loaded = false;
let queue = Promise.resolve(); // loads run one after another

/**
 * Fetches and instantiates the light build, once: from beside this
 * module, or `wasm` (a URL, a Response, bytes or a compiled
 * WebAssembly.Module). Later calls resolve at once; a failed load (say
 * offline) can be retried.
 */
export async function init(options) {
  readInitOptions(options, false);
  const load = queue.then(async () => {
    if (loaded) return;
    // A literal URL, so that bundlers see and copy the file.
    attach(initSync({ module: await compile(options?.wasm ?? new URL("dialguard_light_bg.wasm", import.meta.url)) }));
    loaded = true;
  });
  queue = load.catch(() => {});
  return load;
}

export default init;
