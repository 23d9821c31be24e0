// The demo's scenarios in one browser engine, driven the same way in each
// (DOM events in the page, real key presses for Tab): the preview's summary
// from the exact diff (Canada; narrowing Mexico's codes to 00), search by
// number, Save and Discard in view at desktop and phone width, Save a few
// Tab presses from the search box, and a verdict on the dial pad. The demo
// test (pkg-tests/demo.test.mjs) covers the page in full in Chromium.
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch } from "./pages.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Polls `fn(arg)` in the page until it returns a truthy value; fails with `what` and the last value. */
async function until(tab, fn, arg, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await tab.evaluate(fn, arg);
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what}: ${JSON.stringify(await tab.evaluate(() => document.getElementById("diff")?.textContent ?? document.body.dataset.ready))}`);
}

/** Types into a field as the page listens: its value, then an input event. */
const fill = ([selector, value]) => {
  const field = document.querySelector(selector);
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
};

const click = (selector) => document.querySelector(selector).click();

/** In a German browser the screen is in one language, the page's English, and search finds German names. */
export async function germanScreen(engine) {
  const { serve } = await import(pathToFileURL(path.join(root, "scripts", "start.mjs")).href);
  const server = await serve(0);
  const browser = await launch(engine, { locale: "de-DE" });
  try {
    const version = await browser.version();
    const tab = await browser.session(1440, 900);
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await until(tab, () => document.body.dataset.ready === "true", null, "the page is ready", 60_000);
    assert.match(await tab.evaluate(() => navigator.languages.join(" ")), /^de/, `${version}: the browser asks for German`);
    await tab.evaluate(click, "#tab-settings");
    const row = await tab.evaluate(() => document.querySelector('#region-rows tr[data-entry="DE"] .region-name').textContent);
    assert.equal(row, "Germany", `${version}: the name shown is the page's English`);
    await tab.evaluate(fill, ["#f-search", "Deutschland"]);
    assert.equal(await tab.evaluate(() => document.querySelector("#region-rows tr")?.dataset.entry), "DE", `${version}: search finds the German name`);
    await tab.evaluate(fill, ["#f-search", ""]); // the status echoes what the admin typed
    const german = await tab.evaluate(() => {
      const names = new Intl.DisplayNames(["de"], { type: "region" });
      const shown = document.body.innerText;
      return ["DE", "AT", "MX", "CA", "US", "JM", "AR"].map((r) => names.of(r)).filter((n) => shown.includes(n));
    });
    assert.deepEqual(german, [], `${version}: German names shown on an English screen`);
    await tab.close();
  } finally {
    await browser.close();
    server.close();
  }
}

export async function demoInEngine(engine, report) {
  const { serve } = await import(pathToFileURL(path.join(root, "scripts", "start.mjs")).href);
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch(engine);
  try {
    const version = await browser.version();
    const tab = await browser.session(1440, 900);
    await tab.goto(base);
    await until(tab, () => document.body.dataset.ready === "true" && localStorage.clear() === undefined, null, "the page is ready", 60_000);
    await tab.goto(base); // with nothing stored from an earlier run
    await until(tab, () => document.body.dataset.ready === "true", null, "the page is ready", 60_000);
    await tab.evaluate(click, "#tab-settings");

    // Canada: the summary counts regions, from the engine's diff.
    await tab.evaluate(fill, ["#f-search", "canada"]);
    await tab.evaluate(click, '#region-rows input[data-entry="CA"]');
    await until(tab, () => /^Saving would allow 25 destinations: all of \+1\./.test(document.getElementById("diff").textContent), null, `${version}: the Canada summary`);

    // Save and Discard in view, deep in the table, at desktop and phone width.
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      await tab.resize(width, height);
      const boxes = await tab.evaluate(() => {
        document.querySelector('#region-rows tr:last-child')?.scrollIntoView();
        return ["btn-save", "btn-revert"].map((id) => {
          const r = document.getElementById(id).getBoundingClientRect();
          return { id, top: r.top, bottom: r.bottom, height: innerHeight };
        });
      });
      for (const b of boxes) assert.ok(b.top >= 0 && b.bottom <= b.height, `${version}: ${b.id} in view at ${width}×${height}: ${JSON.stringify(b)}`);
    }
    await tab.resize(1440, 900);

    // Save within 15 Tab presses from the search box, with real key presses.
    await tab.evaluate(() => document.getElementById("f-search").focus());
    let presses = 0;
    let at = "";
    while (presses < 15 && at !== "btn-save") {
      await tab.press("Tab");
      presses++;
      at = await tab.evaluate(() => document.activeElement?.id ?? "");
    }
    assert.equal(at, "btn-save", `${version}: Save within 15 Tab presses`);
    report(`${version}: Save reached in ${presses} Tab presses from the search box`);
    await tab.evaluate(click, "#btn-revert");

    // Narrowing Mexico's codes to 00: the preview names the way round.
    await tab.evaluate(click, "#f-prefix-custom");
    await tab.evaluate(fill, ["#f-prefixes", "00"]);
    await until(tab, () => /Dials starting 09 would no longer be checked/.test(document.getElementById("diff-unchecked")?.textContent ?? ""), null, `${version}: the 09 bypass is named`);
    await tab.evaluate(click, "#btn-revert");

    // Search by number: the owners first.
    await tab.evaluate(fill, ["#f-search", "+1 876 555"]);
    const first = await tab.evaluate(() => document.querySelector("#region-rows tr")?.dataset.entry);
    assert.equal(first, "JM", `${version}: +1 876 555 finds Jamaica first`);

    // Timings, handler and layout (reported, not asserted): search keystrokes and a toggle.
    const timings = await tab.evaluate(() => {
      const input = document.getElementById("f-search");
      const time = (act) => {
        const start = performance.now();
        act();
        void document.body.offsetHeight; // style and layout included
        return performance.now() - start;
      };
      const type = (q) => () => {
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      };
      const keys = ["s", "st", "sta", "stat", "state", "states", "+", "+1", "+18", "+187", "+1876", "", "c", "ca", "can"].map((q) => time(type(q)));
      type("canada")();
      const box = document.querySelector('#region-rows input[data-entry="CA"]');
      const toggles = Array.from({ length: 6 }, () => time(() => box.click()));
      const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1].toFixed(1);
      return `search keystroke median ${median(keys)} ms, max ${Math.max(...keys).toFixed(1)} ms; toggle median ${median(toggles)} ms, max ${Math.max(...toggles).toFixed(1)} ms`;
    });
    report(`${version}: ${timings}`);
    await tab.evaluate(click, "#btn-revert");

    // The dial pad: 0054 is allowed under the default policy (Argentina).
    await tab.evaluate(click, "#tab-dialpad");
    await tab.evaluate(() => document.getElementById("dial-input").focus());
    for (const key of "0054") await tab.press(key);
    await until(tab, () => document.getElementById("verdict").dataset.verdict === "allowed", null, `${version}: 0054 is allowed`);
    await tab.close();
    return version;
  } finally {
    await browser.close();
    server.close();
  }
}
