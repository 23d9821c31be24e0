// The package's facade over its glue, composed here as its Node entries
// compose it. Those entries ship bundled (one module file each, for start-up
// time), so a test that replaces a method of the glue or watches the
// instance's memory needs the facade and glue as modules of their own: the
// installed package's core.js / light-core.js and glue.js / light-glue.js,
// as deno.js and light-deno.js import them, over the .wasm the Node entry
// loads.
import { readFileSync } from "node:fs";

const pkg = new URL("./", import.meta.resolve("dialguard"));
const FILES = {
  main: ["glue.js", "core.js", "dialguard_bg.wasm"],
  light: ["light-glue.js", "light-core.js", "dialguard_light_bg.wasm"],
};

/** `{ glue, api, memory }`: the glue module, the facade (`api.DialPolicy`, ...) attached to a new instance, and its memory. */
export async function composed(entry) {
  const [glueFile, facadeFile, wasmFile] = FILES[entry];
  const glue = await import(new URL(glueFile, pkg));
  const api = await import(new URL(facadeFile, pkg));
  const exports = glue.initSync({ module: readFileSync(new URL(wasmFile, pkg)) });
  api.attach(exports);
  return { glue, api, memory: exports.memory };
}
