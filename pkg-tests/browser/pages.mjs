// Serves a folder over HTTP and opens pages of it in a browser engine:
// Chromium (Debian's, driven by playwright-core), Firefox (Debian's
// firefox-esr, driven by puppeteer-core over WebDriver BiDi) or WebKit
// (Debian's WebKitGTK MiniBrowser under Xvfb, driven by webdriverio over
// WebDriver through WebKitWebDriver). Each page sets `window.smokeFailures`
// when done and collects its uncaught errors in `window.pageErrors`; the
// server sees which .wasm files it fetched. Shared by the browser and Vite
// suites.
import { execFile, spawn } from "node:child_process";
import { createServer } from "node:http";
import { connect } from "node:net";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
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
    // locales: the data from which a German WebKit's locale is compiled.
    files: ["/usr/bin/WebKitWebDriver", "/usr/bin/xvfb-run", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "/usr/share/i18n/locales/de_DE"],
    packages: ["webkit2gtk-driver", "xvfb", "locales"],
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
 * `locale` (Firefox and WebKit): the language its pages see ("de-DE").
 * A session's `leave()` closes its page as a user would, running the
 * page's beforeunload handlers, and resolves to the type of the dialog
 * that asked first ("beforeunload", accepted), or null when none did; the
 * WebKit session has none (see there).
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
        // A context of its own: closing the page of one browser.newPage()
        // closes its context, and runs no beforeunload handler.
        const context = await browser.newContext({ viewport: { width, height } });
        const tab = await context.newPage();
        return pageSession(tab, (w, h) => tab.setViewportSize({ width: w, height: h }), () => context.close());
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

  async webkit({ locale } = {}) {
    const { remote } = await import("webdriverio");
    const port = await freePort();
    const env = { ...(await narrowWindows()), ...(locale ? await posixLocale(locale) : {}) };
    // MiniBrowser needs a display, even for automation: Xvfb's.
    const driver = spawn("xvfb-run", ["-a", "WebKitWebDriver", `--port=${port}`, "--host=127.0.0.1"], {
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
      env: { ...process.env, ...env },
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
          // The decorations are what the window is wider and taller than the viewport, read once both
          // agree (a window just opened or resized may not have laid its page out yet).
          const resize = async (w, h) => {
            await browser.setWindowSize(w, h);
            let seen = null;
            for (let tries = 0; tries < 40; tries++) {
              const [innerW, innerH] = await browser.execute(() => [innerWidth, innerHeight]);
              if (innerW === w && innerH === h) return;
              const outer = await browser.getWindowSize();
              const [dw, dh] = [outer.width - innerW, outer.height - innerH];
              seen = { outer, innerW, innerH };
              if (innerW > 0 && innerH > 0 && dw >= 0 && dh >= 0) await browser.setWindowSize(w + dw, h + dh);
              else await new Promise((resolve) => setTimeout(resolve, 50));
            }
            throw new Error(`WebKit's viewport is not ${w}×${h}: ${JSON.stringify(seen)}`);
          };
          await resize(width, height);
          return {
            goto: (url) => browser.url(url),
            evaluate: (fn, arg) => browser.execute(fn, arg),
            press: (key) => browser.keys([Key[key] ?? key]),
            resize,
            // No leave(): WebKitWebDriver (WebDriver classic) neither shows
            // nor reports a beforeunload prompt. A page with unsaved changes,
            // left by a navigation, a script's reload or closing the window,
            // goes without asking and without an alert to read.
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

/** A session over a Playwright or Puppeteer page: the same calls but for resizing it; `closed()` once the page is. */
const pageSession = (tab, resize, closed = async () => {}) => ({
  goto: (url) => tab.goto(url),
  evaluate: (fn, arg) => tab.evaluate(fn, arg),
  press: (key) => tab.keyboard.press(key),
  resize,
  async leave() {
    const asked = new Promise((resolve) => {
      tab.once("dialog", async (dialog) => {
        resolve(dialog.type());
        await dialog.accept();
      });
      tab.once("close", () => resolve(null));
    });
    await tab.close({ runBeforeUnload: true });
    const type = await asked;
    await closed();
    return type;
  },
  async close() {
    await tab.close();
    await closed();
  },
});

/**
 * The environment in which MiniBrowser's window can be as narrow as a phone
 * (390 pixels): its toolbar's GTK buttons, at their theme's minimum width
 * and padding, keep the window 447 pixels wide at least. A GTK style sheet
 * of its own (XDG_CONFIG_HOME/gtk-3.0/gtk.css) lets them shrink. It styles
 * the browser's GTK widgets only: the page's buttons are WebKit's to draw,
 * with the page's CSS.
 */
async function narrowWindows() {
  const dir = path.join(tmpdir(), "dialguard-gtk");
  await mkdir(path.join(dir, "gtk-3.0"), { recursive: true });
  const css = path.join(dir, "gtk-3.0", "gtk.css");
  await writeFile(`${css}.${process.pid}`, "button { min-width: 0; padding-left: 0; padding-right: 0; }\n");
  await rename(`${css}.${process.pid}`, css); // whole, for a MiniBrowser starting meanwhile
  return { XDG_CONFIG_HOME: dir };
}

/**
 * The environment that gives a WebKitGTK process the language `locale`
 * ("de-DE"). WebKitGTK's languages are the C library's locale
 * (setlocale(LC_CTYPE)): with LANG naming a locale that is not installed,
 * pages see "en-US"; with no locale (C.UTF-8), "C". So the locale is
 * compiled (localedef, from Debian's locales data) into a folder of its own,
 * LOCPATH, once per machine.
 */
async function posixLocale(locale) {
  const name = locale.replace("-", "_");
  const dir = path.join(tmpdir(), "dialguard-locales");
  const target = path.join(dir, `${name}.UTF-8`);
  const built = await stat(path.join(target, "LC_CTYPE")).then(() => true, () => false);
  if (!built) {
    // Compiled beside it, then moved in whole: a run cut short leaves no half locale.
    const partial = `${target}.${process.pid}`;
    await mkdir(partial, { recursive: true });
    await new Promise((resolve, reject) =>
      execFile("localedef", ["-i", name, "-f", "UTF-8", partial], (error, stdout, stderr) =>
        error ? reject(new Error(`localedef could not compile ${name}.UTF-8 (Debian's locales package has its data): ${stderr || error.message}`)) : resolve(),
      ),
    );
    await rename(partial, target).catch(() => rm(partial, { recursive: true, force: true })); // another run's is there
  }
  const posix = `${name}.UTF-8`;
  return { LOCPATH: dir, LANG: posix, LC_ALL: posix, LANGUAGE: name };
}

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
