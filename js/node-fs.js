// node:fs for the Node entries (node.mjs, light-node.mjs), bundled into
// each: without its ES module facade, which costs an import() about 2 ms
// (it loads fs's streams and Node's stream module, 19 modules; npm run
// size). process.getBuiltinModule is Node 20.16's and 22.3's; older Nodes
// import node:fs. The CommonJS twins require it (scripts/build.mjs defines
// DIALGUARD_CJS: a CommonJS module cannot await).
export const { readFileSync } = process.getBuiltinModule?.("node:fs") ?? (DIALGUARD_CJS ? require("node:fs") : await import("node:fs"));
