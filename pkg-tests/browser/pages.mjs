// Serves a folder over HTTP and opens pages of it in a browser engine:
// Chromium (Debian's, driven by playwright-core), Firefox (Debian's
// firefox-esr, driven by puppeteer-core over WebDriver BiDi) or WebKit
// (Debian's WebKitGTK MiniBrowser under Xvfb, driven by webdriverio over
// WebDriver through WebKitWebDriver). Each page sets `window.smokeFailures`
// when done and collects its uncaught errors in `window.pageErrors`; the
// server sees which .wasm files it fetched. Shared by the browser and Vite
// suites.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { connect } from "node:net";
import { readFile } from "node:fs/promises";
import path from "node:path";

const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm" };

/** How long a page may take to run its smoke cases. */
const PAGE_MS = 60_000;

export const ENGINES = ["chromium", "firefox", "webkit"];

/** Debian's packages for each engine: `scripts/test.mjs` installs them. */
export const ENGINE_PACKAGES = {
  chromium: { files: ["/usr/bin/chromium"], packages: ["chromium"] },
  firefox: { files: ["/usr/bin/firefox-esr"], packages: ["firefox-esr"] },
  webkit: {
    files: ["/usr/bin/WebKitWebDriver", "/usr/bin/xvfb-run", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"],
    packages: ["webkit2gtk-driver", "xvfb"],
  },
};

/**
 * Opens each of `pages` (paths with a query, relative to `folder`) in turn
 * in `engine`; returns, per page, the smoke failures, the page's uncaught
 * errors and the paths of the .wasm files it fetched, and the browser's
 * name and version.
 */
export async function openPages(folder, pages, engine = "chromium") {
  const root = path.resolve(folder);
  let requested = [];
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (pathname.endsWith(".wasm")) requested.push(pathname);
    const file = path.join(root, pathname);
    if (!file.startsWith(root + path.sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch(engine);
  try {
    const results = {};
    for (const page of pages) {
      requested = [];
      const { failures, errors } = await browser.run(`${base}/${page}`);
      results[page] = { failures, errors, fetched: requested };
    }
    return { version: await browser.version(), results };
  } finally {
    await browser.close();
    server.close();
  }
}

/** What a page reports once its smoke cases are done. */
const report = () => (Array.isArray(window.smokeFailures) ? { failures: window.smokeFailures, errors: window.pageErrors ?? ["no error collector"] } : null);

/**
 * Starts `engine`: `{ run(url), session(width, height), version(), close() }`.
 * `locale` (Firefox only): the languages its pages see ("de-DE").
 */
export const launch = (engine, { locale } = {}) => DRIVERS[engine]({ locale });

const DRIVERS = {
  async chromium() {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    return {
      async run(url) {
        const tab = await browser.newPage();
        try {
          await tab.goto(url);
          return await (await tab.waitForFunction(report, null, { timeout: PAGE_MS })).jsonValue();
        } finally {
          await tab.close();
        }
      },
      async session(width, height) {
        const tab = await browser.newPage({ viewport: { width, height } });
        return pageSession(tab, (w, h) => tab.setViewportSize({ width: w, height: h }));
      },
      version: () => `Chromium ${browser.version()}`,
      close: () => browser.close(),
    };
  },

  async firefox({ locale } = {}) {
    const puppeteer = (await import("puppeteer-core")).default;
    const languages = locale ? { "intl.accept_languages": locale, "intl.locale.requested": locale } : {};
    const browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: "/usr/bin/firefox-esr",
      headless: true,
      extraPrefsFirefox: { "datareporting.policy.dataSubmissionEnabled": false, "app.update.enabled": false, ...languages },
    });
    return {
      async run(url) {
        const tab = await browser.newPage();
        try {
          await tab.goto(url);
          return await (await tab.waitForFunction(report, { timeout: PAGE_MS })).jsonValue();
        } finally {
          await tab.close();
        }
      },
      async session(width, height) {
        const tab = await browser.newPage();
        await tab.setViewport({ width, height });
        return pageSession(tab, (w, h) => tab.setViewport({ width: w, height: h }));
      },
      version: () => browser.version(),
      close: () => browser.close(),
    };
  },

  async webkit() {
    const { remote } = await import("webdriverio");
    const port = await freePort();
    // MiniBrowser needs a display, even for automation: Xvfb's.
    const driver = spawn("xvfb-run", ["-a", "WebKitWebDriver", `--port=${port}`, "--host=127.0.0.1"], {
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    let stderr = "";
    driver.stderr.on("data", (d) => (stderr += d));
    const stop = () => {
      try {
        process.kill(-driver.pid, "SIGTERM");
      } catch {
        // gone already
      }
    };
    try {
      await listening(port, () => driver.exitCode !== null, () => stderr);
      const browser = await remote({
        hostname: "127.0.0.1",
        port,
        logLevel: "error",
        capabilities: {
          browserName: "MiniBrowser",
          "wdio:enforceWebDriverClassic": true,
          "webkitgtk:browserOptions": { binary: "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", args: ["--automation"] },
        },
      });
      return {
        async run(url) {
          await browser.url(url);
          let result = null;
          await browser.waitUntil(async () => (result = await browser.execute(report)) !== null, { timeout: PAGE_MS, interval: 100 });
          return result;
        },
        async session(width, height) {
          // The window's size: the page's viewport is what is left of it.
          const { Key } = await import("webdriverio");
          const resize = async (w, h) => {
            await browser.setWindowSize(w, h);
            const [innerW, innerH] = await browser.execute(() => [innerWidth, innerHeight]);
            if (innerW !== w || innerH !== h) await browser.setWindowSize(2 * w - innerW, 2 * h - innerH);
          };
          await resize(width, height);
          return {
            goto: (url) => browser.url(url),
            evaluate: (fn, arg) => browser.execute(fn, arg),
            press: (key) => browser.keys([Key[key] ?? key]),
            resize,
            close: async () => {},
          };
        },
        version: () => `WebKitGTK MiniBrowser ${browser.capabilities.browserVersion ?? ""}`.trim(),
        async close() {
          await browser.deleteSession().catch(() => {});
          stop();
        },
      };
    } catch (e) {
      stop();
      throw e;
    }
  },
};

/** A session over a Playwright or Puppeteer page: the same calls but for resizing it. */
const pageSession = (tab, resize) => ({
  goto: (url) => tab.goto(url),
  evaluate: (fn, arg) => tab.evaluate(fn, arg),
  press: (key) => tab.keyboard.press(key),
  resize,
  close: () => tab.close(),
});

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on `port`; fails when `exited()` or after 20 s. */
async function listening(port, exited, output) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`WebKitWebDriver exited: ${output()}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not listen on ${port} within 20 s: ${output()}`);
}
