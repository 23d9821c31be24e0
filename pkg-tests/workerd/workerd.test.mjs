// Runs the package in workerd (the Cloudflare Workers runtime, from npm).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "..", "..", "target", "workerd");

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

test("the package runs in workerd and answers requests, with its main entry and its light entry", async () => {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(here, "worker.mjs")],
    bundle: true,
    format: "esm",
    conditions: ["workerd", "worker"],
    external: ["*.wasm"],
    outfile: path.join(out, "worker.js"),
    logLevel: "warning",
  });
  for (const wasm of ["dialguard_bg.wasm", "dialguard_light_bg.wasm"]) {
    copyFileSync(fileURLToPath(new URL(`./${wasm}`, import.meta.resolve("dialguard"))), path.join(out, wasm));
  }
  const port = await freePort();
  writeFileSync(
    path.join(out, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "dialguard_bg.wasm", wasm = embed "dialguard_bg.wasm"),
    (name = "dialguard_light_bg.wasm", wasm = embed "dialguard_light_bg.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);
`,
  );
  const workerd = spawn(path.join(here, "..", "..", "node_modules", ".bin", "workerd"), ["serve", "config.capnp"], {
    cwd: out,
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    let response;
    for (let attempt = 0; attempt < 100 && !response; attempt++) {
      response = await fetch(`http://127.0.0.1:${port}/`).catch(() => new Promise((r) => setTimeout(r, 100)));
    }
    assert.ok(response, "workerd did not answer");
    assert.deepEqual(await response.json(), { failures: [] });
    const lightAnswer = await (await fetch(`http://127.0.0.1:${port}/light`)).json();
    assert.deepEqual(lightAnswer, { failures: [] }, "the light entry, dialguard/check");
    const check = await (await fetch(`http://127.0.0.1:${port}/check?dial=${encodeURIComponent("+1 876 555 0123")}`)).json();
    assert.equal(check.verdict, "blocked");
    assert.deepEqual(check.regions, ["JM"]);
  } finally {
    workerd.kill();
  }
});
