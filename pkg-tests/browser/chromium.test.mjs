// Loads the package's browser entry in headless Chromium (Debian's, driven
// by playwright-core) and runs the smoke cases in the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm" };

test("the browser entry runs in Chromium, with each build", async () => {
  const server = createServer(async (req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(root + path.sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    // The check build (a softphone's init()), then the admin build.
    for (const page of ["index.html", "index.html?admin"]) {
      const tab = await browser.newPage();
      const errors = [];
      const fetched = [];
      tab.on("pageerror", (e) => errors.push(String(e)));
      tab.on("request", (r) => r.url().endsWith(".wasm") && fetched.push(new URL(r.url()).pathname));
      await tab.goto(`http://127.0.0.1:${server.address().port}/browser/${page}`);
      await tab.waitForFunction(() => Array.isArray(window.smokeFailures), null, { timeout: 30_000 });
      assert.deepEqual(await tab.evaluate(() => window.smokeFailures), [], page);
      assert.deepEqual(errors, [], page);
      const build = page.endsWith("?admin") ? "dialguard_bg.wasm" : "dialguard_check_bg.wasm";
      assert.deepEqual(fetched, ["/no-such.wasm", `/node_modules/dialguard/${build}`], page);
      console.log(`# ${await browser.version()}, ${build}: all smoke cases pass`);
      await tab.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
});
