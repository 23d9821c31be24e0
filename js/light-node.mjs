// The light entry, dialguard/check, in Node (ESM): ready synchronously. It
// ships bundled with its glue and facade as one module (as light-node.cjs,
// built from it, is).
import { initSync } from "./light-glue.js";
import { attach, readInitOptions } from "./light-core.js";

// node:fs without its ES module facade, which costs an import() about 2 ms
// (it loads fs's streams and Node's stream module: 19 modules; npm run
// size): process.getBuiltinModule, from Node 20.16 and 22.3; older Nodes
// import it. The CommonJS twin requires it (scripts/build.mjs defines
// DIALGUARD_CJS).
const { readFileSync } = process.getBuiltinModule?.("node:fs") ?? (DIALGUARD_CJS ? require("node:fs") : await import("node:fs"));

attach(initSync({ module: readFileSync(new URL("./dialguard_light_bg.wasm", import.meta.url)) }));

export { DialPolicy, DialguardError, dataVersion, maxDialLength } from "./light-core.js";

/** Ready already in Node; kept so that code runs unchanged everywhere. */
export async function init(options) {
  readInitOptions(options, false);
}

export default init;
