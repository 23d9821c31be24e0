// Serves a folder over HTTP and opens pages of it in headless Chromium
// (Debian's, driven by playwright-core): each page sets
// `window.smokeFailures` when done. Shared by the browser and Vite suites.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm" };

/**
 * Opens each of `pages` (paths with a query, relative to `root`) in turn;
 * returns, per page, the smoke failures, the page errors and the paths of
 * the .wasm files it fetched, and the browser's version.
 */
export async function openPages(folder, pages) {
  const root = path.resolve(folder);
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
    const results = {};
    for (const page of pages) {
      const tab = await browser.newPage();
      const errors = [];
      const fetched = [];
      tab.on("pageerror", (e) => errors.push(String(e)));
      tab.on("request", (r) => r.url().endsWith(".wasm") && fetched.push(new URL(r.url()).pathname));
      await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
      await tab.waitForFunction(() => Array.isArray(window.smokeFailures), null, { timeout: 30_000 });
      results[page] = { failures: await tab.evaluate(() => window.smokeFailures), errors, fetched };
      await tab.close();
    }
    return { version: browser.version(), results };
  } finally {
    await browser.close();
    server.close();
  }
}
