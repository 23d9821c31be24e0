// The demo's scenarios in one browser engine, driven the same way in each
// (DOM events in the page, real key presses for Tab and for digits), one
// browser for them all: `openDemo(engine)`, then each of `SCENARIOS`. They
// mirror tests of the demo test (pkg-tests/demo.test.mjs, the page in full
// in Chromium), with its selectors and texts: the preview's summary from the
// exact diff (Canada; narrowing Mexico's codes to 00; by region, type tiers
// only where numbers change), the lint (the home region's own contacts
// blocked, and its fix), no configuration key on the screen, leaving with
// unsaved changes asks first, Save and Discard in view at desktop and phone
// width, the phone layout, continents and subregions, Save a few Tab presses
// from the search box, search by number, and digit keys reaching the dial
// pad from any of its keys. `germanScreen(engine)`: a German browser.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch } from "./pages.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The preview's text, what a failed wait shows by default. */
const diffText = () => document.getElementById("diff")?.textContent ?? document.body.dataset.ready;

/** Polls `fn(arg)` in the page until it returns a truthy value; fails with `what` and `describe(arg)`'s view of the page. */
async function until(tab, fn, arg, what, { ms = 10_000, describe = diffText } = {}) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await tab.evaluate(fn, arg);
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what}; the page shows: ${JSON.stringify(await tab.evaluate(describe, arg))}`);
}

/** Types into a field as the page listens: its value, then an input event. */
const fill = ([selector, value]) => {
  const field = document.querySelector(selector);
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
};

/** Picks an option of a select as the page listens: its value, then a change event. */
const select = ([selector, value]) => {
  const field = document.querySelector(selector);
  field.value = value;
  field.dispatchEvent(new Event("change", { bubbles: true }));
};

const click = (selector) => document.querySelector(selector).click();
const text = (selector) => document.querySelector(selector)?.textContent ?? null;

/** Finds a region in the settings table by search and flips its Allow switch; returns how many switches the search listed for it. */
const toggleRegion = ([query, entry]) => {
  const search = document.getElementById("f-search");
  const type = (q) => {
    search.value = q;
    search.dispatchEvent(new Event("input", { bubbles: true }));
  };
  type(query);
  const boxes = document.querySelectorAll(`#region-rows input[data-entry="${entry}"]`);
  if (boxes.length === 1) boxes[0].click();
  type("");
  return boxes.length;
};

async function toggle(tab, version, query, entry) {
  assert.equal(await tab.evaluate(toggleRegion, [query, entry]), 1, `${version}: searching "${query}" lists the row whose allow entry is ${entry}`);
}

/** The page's scrollY once it has held for 5 frames in a row (within 2 s). */
const settledScrollY = async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const deadline = performance.now() + 2000;
  let [y, held] = [window.scrollY, 0];
  while (held < 5 && performance.now() < deadline) {
    await frame();
    held = window.scrollY === y ? held + 1 : 0;
    y = window.scrollY;
  }
  return y;
};

/** Fires a cancelable beforeunload event at the page: whether its handlers cancel it (the page asks before it is left). */
const wouldAsk = () => {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

/**
 * The configuration's keys an admin never reads: the camelCase ones of
 * PolicyConfig, from the package's types (homeRegion,
 * blockNumberTypes, sharedCodes, internationalPrefixes, …).
 */
function configKeys() {
  const dts = readFileSync(path.join(root, "js", "types.d.ts"), "utf8");
  const body = dts.match(/export interface PolicyConfig \{([\s\S]*?)\n\}/);
  assert.ok(body, "js/types.d.ts declares PolicyConfig");
  const keys = [...body[1].matchAll(/^\s*(?:readonly\s+)?([a-z][A-Za-z]*)\??:/gm)].map((m) => m[1]).filter((k) => /[A-Z]/.test(k));
  for (const k of ["blockNumberTypes", "sharedCodes", "internationalPrefixes", "judgeNationalDialing", "plusIsInternational"]) {
    assert.ok(keys.includes(k), `PolicyConfig has ${k}: ${keys}`);
  }
  return keys;
}

/** Fails when a configuration key is in the page's visible text. */
async function noConfigKeys(tab, version, where) {
  const keys = configKeys();
  const shown = await tab.evaluate((list) => list.filter((k) => document.body.innerText.includes(k)), keys);
  assert.deepEqual(shown, [], `${version}: configuration keys on the screen ${where}`);
}

/**
 * The demo served, and one browser of `engine` (in `locale`):
 * `page(width, height)` opens it afresh, with nothing stored from an earlier
 * scenario, at the settings.
 */
export async function openDemo(engine, { locale } = {}) {
  const { serve } = await import(pathToFileURL(path.join(root, "scripts", "start.mjs")).href);
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  let browser;
  try {
    browser = await launch(engine, { locale });
    const version = await browser.version();
    return {
      version,
      async page(width = 1440, height = 900) {
        const tab = await browser.session(width, height);
        await tab.goto(base);
        await until(tab, () => document.body.dataset.ready === "true" && localStorage.clear() === undefined, null, `${version}: the page is ready`, { ms: 60_000 });
        await tab.goto(base); // with nothing stored from an earlier run
        await until(tab, () => document.body.dataset.ready === "true", null, `${version}: the page is ready`, { ms: 60_000 });
        await tab.evaluate(click, "#tab-settings");
        return tab;
      },
      async close() {
        await browser.close();
        server.close();
      },
    };
  } catch (e) {
    await browser?.close();
    server.close();
    throw e;
  }
}

/** The scenarios, each `[name, (demo, report) => …]`, each on a page of its own. */
export const SCENARIOS = [
  [
    "preview: the summary is the engine's exact diff (Canada opens all of +1; narrowing to 00 leaves 09 unchecked; by region, type tiers only where numbers change)",
    async ({ version, page }) => {
      const tab = await page();
      // Canada in "together" mode: 25 destinations.
      await toggle(tab, version, "canada", "CA");
      await until(tab, () => /^Saving would allow 25 destinations: all of \+1\./.test(document.getElementById("diff").textContent), null, `${version}: the summary counts regions`);
      assert.match(await tab.evaluate(text, "#action-summary"), /^Unsaved changes: saving would allow 25 destinations: all of \+1\./, `${version}: the bar says what saving would do`);
      await tab.evaluate(click, "#btn-revert");

      // Only 00 of Mexico's codes: 09 is no longer checked, and the preview says so.
      await tab.evaluate(click, "#f-prefix-custom");
      await tab.evaluate(fill, ["#f-prefixes", "00"]);
      await until(tab, () => /Dials starting 09 would no longer be checked/.test(document.getElementById("diff-unchecked")?.textContent ?? ""), null, `${version}: the 09 bypass is named`);
      assert.doesNotMatch(await tab.evaluate(text, "#diff"), /changes no call/, `${version}: the preview says calls change`);
      const bypass = await tab.evaluate(() => [...document.querySelectorAll('#diff-readings li[data-dialed="09"].reading-bypass')].map((li) => li.textContent));
      assert.ok(bypass.length >= 1, `${version}: the reading change is listed, as a bypass`);
      assert.match(bypass[0], /^International dialing code 09blocked → not checkede\.g\. 09/, `${version}: the bypass reads`);
      await noConfigKeys(tab, version, "with the 09 bypass in the preview");
      await tab.evaluate(click, "#btn-revert");

      // By region with the US and Mexico allowed and premium rate blocked, then Canada: no type tier of
      // the +1 regions whose numbers stay blocked (American Samoa, Bermuda).
      await tab.evaluate(click, "#f-shared-by-region");
      await toggle(tab, version, "united states", "US");
      await tab.evaluate(click, 'label[for="f-type-premium-rate"]');
      assert.equal(await tab.evaluate(() => document.getElementById("f-type-premium-rate").checked), true, `${version}: premium rate is blocked`);
      await tab.evaluate(click, "#btn-save");
      assert.equal(await tab.evaluate(text, "#dirty-pill"), "Saved", `${version}: the policy is saved`);
      await toggle(tab, version, "canada", "CA");
      // (Canada's ranges shared with the United States were callable already: "more numbers of".)
      await until(tab, () => /^Saving would allow more numbers of Canada\./.test(document.getElementById("diff").textContent), null, `${version}: Canada alone is opened`);
      assert.doesNotMatch(await tab.evaluate(text, "#diff"), /American Samoa|Bermuda|Guam/, `${version}: no tier of a +1 region whose numbers stay blocked`);
      assert.equal(await tab.evaluate(() => document.querySelectorAll("#diff-types-gained").length), 0, `${version}: no number type is unblocked anywhere`);
      await noConfigKeys(tab, version, "with the by-region preview");
      await tab.close();
    },
  ],
  [
    "lint: the home region's own contacts (+52 55 …) are blocked, and its fix allows it; other findings name no configuration key",
    async ({ version, page }) => {
      const tab = await page(); // home MX, Argentina allowed
      const lintText = () => document.getElementById("lint").textContent;
      await until(tab, () => !!document.querySelector('#lint li[data-code="home-region-blocked"]'), null, `${version}: the lint says calls to Mexico in international format are blocked`, { describe: lintText });
      const warning = await tab.evaluate(() => {
        const li = document.querySelector('#lint li[data-code="home-region-blocked"]');
        return { severity: li.dataset.severity, text: li.textContent, button: li.querySelector("button")?.textContent ?? null };
      });
      assert.equal(warning.severity, "info", `${version}: the home region's warning is information`);
      assert.match(warning.text, /Mexico \(\+52\), the home region, is not allowed/, `${version}: the warning names the home region`);
      assert.match(warning.button ?? "", /Allow Mexico/, `${version}: its fix allows Mexico`);
      await noConfigKeys(tab, version, "with the home region's warning");
      await tab.evaluate(click, '#lint li[data-code="home-region-blocked"] button');
      await until(tab, () => !document.querySelector('#lint li[data-code="home-region-blocked"]'), null, `${version}: allowing Mexico clears it`, { describe: lintText });
      assert.equal(await tab.evaluate(() => document.querySelector('#region-rows input[data-entry="MX"]').checked), true, `${version}: Mexico is allowed`);
      assert.equal(await tab.evaluate(() => document.activeElement?.id), "f-search", `${version}: focus moves to the table's search`);
      await tab.evaluate(click, "#btn-revert");

      // More findings on the screen: a together-mode shared code, + not international, a missing home prefix, premium rate.
      await toggle(tab, version, "canada", "CA");
      await until(tab, () => !!document.querySelector('#lint li[data-code="shared-code"]'), null, `${version}: allowing Canada in together mode warns`, { describe: lintText });
      assert.match(await tab.evaluate(text, '#lint li[data-code="shared-code"]'), /Allowing Canada also allows every other \+1 destination/, `${version}: the shared-code warning`);
      await tab.evaluate(click, "#f-plus");
      await tab.evaluate(click, "#f-prefix-custom");
      await tab.evaluate(fill, ["#f-prefixes", "00"]);
      await toggle(tab, version, "Latvia", "LV");
      const codes = ["shared-code", "plus-not-international", "missing-home-prefix", "number-types-not-blocked"];
      await until(tab, (list) => list.every((c) => document.querySelector(`#lint li[data-code="${c}"]`)), codes, `${version}: the lint shows ${codes.join(", ")}`, { describe: lintText });
      assert.match(await tab.evaluate(text, '#lint li[data-code="missing-home-prefix"]'), /09/, `${version}: the missing prefix is Mexico's 09`);
      await noConfigKeys(tab, version, "with the lint's findings");
      await tab.close();
    },
  ],
  [
    "settings: Save and Discard stay in view while the table is, at desktop and phone width; leaving unsaved changes asks first",
    async ({ version, page }, report) => {
      for (const [width, height] of [[1440, 900], [390, 844]]) {
        const tab = await page(width, height);
        assert.equal(await tab.evaluate(() => innerWidth), width, `${version}: the page is ${width} pixels wide`);
        assert.equal(await tab.evaluate(text, "#action-summary"), "No unsaved changes.", `${version}: nothing to save at first`);
        assert.equal(await tab.evaluate(wouldAsk), false, `${version}: with nothing unsaved, leaving does not ask at ${width}×${height}`);
        // Real key presses: a page the user has not interacted with may be left without asking.
        await tab.evaluate(() => document.getElementById("f-search").focus());
        for (const key of "canada") await tab.press(key);
        assert.equal(await tab.evaluate(() => document.getElementById("f-search").value), "canada", `${version}: the search box takes key presses`);
        await tab.evaluate(click, '#region-rows input[data-entry="CA"]');
        await until(tab, () => /^Unsaved changes: saving would allow/.test(document.getElementById("action-summary").textContent), null, `${version}: the bar says what saving would do`, {
          describe: () => document.getElementById("action-summary").textContent,
        });
        await tab.evaluate(fill, ["#f-search", ""]);
        // Deep in the table, the bar is in view.
        const boxes = await tab.evaluate(() => {
          document.querySelector('#region-rows tr[data-entry="ZW"]').scrollIntoView();
          return ["btn-save", "btn-revert"].map((id) => {
            const button = document.getElementById(id);
            const r = button.getBoundingClientRect();
            return { id, top: r.top, bottom: r.bottom, height: innerHeight, disabled: button.disabled };
          });
        });
        for (const b of boxes) {
          assert.ok(b.top >= 0 && b.bottom <= b.height, `${version}: ${b.id} in view at ${width}×${height}: ${JSON.stringify(b)}`);
          assert.equal(b.disabled, false, `${version}: ${b.id} is enabled`);
        }
        // Leaving asks first, while the change is not saved.
        assert.equal(await tab.evaluate(wouldAsk), true, `${version}: the page's beforeunload handler cancels leaving with unsaved changes at ${width}×${height}`);
        // WebKit's session has no leave(): WebKitWebDriver shows no beforeunload prompt, nor
        // reports one (see pages.mjs), so the cancelled beforeunload event above is what is observed.
        if (tab.leave) assert.equal(await tab.leave(), "beforeunload", `${version}: leaving with unsaved changes asks first at ${width}×${height}`);
        else await tab.close();
      }
      // And only then: the same user, nothing changed, leaves without being asked.
      const tab = await page();
      await tab.evaluate(() => document.getElementById("f-search").focus());
      for (const key of "canada") await tab.press(key);
      assert.equal(await tab.evaluate(wouldAsk), false, `${version}: with nothing unsaved, leaving does not ask`);
      if (tab.leave) {
        assert.equal(await tab.leave(), null, `${version}: with nothing unsaved, leaving does not ask`);
      } else {
        await tab.close();
        report(`${version}: leaving asks first: the page cancels the beforeunload event (the driver cannot show the prompt)`);
      }
    },
  ],
  [
    "phone width: each tab opens at its top, the verdict and its reason sit above the keypad, no table column is cut",
    async ({ version, page }) => {
      const tab = await page(390, 844);
      assert.equal(await tab.evaluate(() => innerWidth), 390, `${version}: the page is 390 pixels wide`);
      await tab.evaluate(fill, ["#f-search", "arg"]);
      const cut = await tab.evaluate(() => {
        const wrap = document.querySelector(".table-wrap");
        const code = document.querySelector('#region-rows tr[data-entry="AR"] .col-code');
        return { overflow: wrap.scrollWidth - wrap.clientWidth, codeRight: code.getBoundingClientRect().right, wrapRight: wrap.getBoundingClientRect().right };
      });
      assert.ok(cut.overflow <= 0 && cut.codeRight <= cut.wrapRight, `${version}: the table fits its box: ${JSON.stringify(cut)}`);
      await tab.evaluate(fill, ["#f-search", ""]);

      // Where the settings are left is read once the rows scrolled to are laid out: the table's rows
      // (content-visibility) take their real height when they come into view, and Firefox then
      // anchors the scroll to what is shown (2500 becomes 2492.5), where Chromium and WebKit keep
      // scrollY. Firefox also scrolls back to 2492.5 as 2492: "where they were left" is within a pixel.
      await tab.evaluate(() => window.scrollTo(0, 2500));
      const settingsAt = await tab.evaluate(settledScrollY);
      assert.ok(settingsAt > 1000, `${version}: the settings page is scrolled down (${settingsAt})`);
      await tab.evaluate(click, "#tab-dialpad");
      assert.equal(await tab.evaluate(() => window.scrollY), 0, `${version}: the dial pad opens at its top`);
      await tab.evaluate(fill, ["#dial-input", "+52 55 1234 5678"]);
      await until(tab, () => document.getElementById("dial-reason").textContent !== "", null, `${version}: the reason shows under the field`, {
        describe: () => document.getElementById("verdict").dataset.verdict,
      });
      const layout = await tab.evaluate(() => {
        const box = (id) => document.getElementById(id).getBoundingClientRect();
        const key = document.querySelector(".keypad .key").getBoundingClientRect();
        return { status: box("dial-status").height, reason: box("dial-reason").bottom, keypad: key.top, text: document.getElementById("dial-reason").textContent };
      });
      assert.ok(layout.status > 0 && layout.reason > 0 && layout.reason <= layout.keypad, `${version}: the verdict and its reason are above the keypad: ${JSON.stringify(layout)}`);
      assert.equal(layout.text, await tab.evaluate(text, "#verdict-reason"), `${version}: the reason is the verdict card's`);
      await tab.evaluate(click, "#tab-settings");
      const back = await tab.evaluate(settledScrollY);
      assert.ok(Math.abs(back - settingsAt) < 1, `${version}: the settings open where they were left: at ${back}, left at ${settingsAt}`);
      await tab.close();
    },
  ],
  [
    "groups: continents and subregions (CLDR) filter the table, each with a count, and allow all in a group",
    async ({ version, page }) => {
      const tab = await page();
      const options = await tab.evaluate(() => [...document.querySelectorAll("#f-group option")].map((o) => [o.value, o.textContent.trim()]));
      assert.deepEqual(options.slice(0, 2), [["", "Every continent"], ["019", "Americas (1 of 55 allowed)"]], `${version}: a continent counts its regions and the allowed ones`);
      assert.ok(options.some(([code, label]) => code === "029" && /^Caribbean \(\d+\)$/.test(label)), `${version}: a subregion too: ${JSON.stringify(options)}`);
      await tab.evaluate(select, ["#f-group", "013"]);
      const rows = await tab.evaluate(() => [...document.querySelectorAll("#region-rows tr")].map((tr) => tr.dataset.entry));
      assert.deepEqual(rows.sort(), ["BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"], `${version}: Central America's regions`);
      assert.equal(await tab.evaluate(text, "#btn-allow-shown"), "Allow all 8 in Central America", `${version}: the button names the group`);
      await tab.evaluate(click, "#btn-allow-shown");
      await until(tab, () => /Central America \(8 of 8 allowed\)/.test(document.querySelector('#f-group option[value="013"]').textContent), null, `${version}: the group's count follows`, {
        describe: () => document.querySelector('#f-group option[value="013"]').textContent,
      });
      const allowed = await tab.evaluate(() => JSON.parse(localStorage.getItem("dialguard-demo:draft")).allow);
      assert.ok(["BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"].every((r) => allowed.includes(r)), `${version}: the draft allows them: ${allowed}`);
      await tab.close();
    },
  ],
  [
    "settings: Save a few Tab presses from the search box, search by number (with timings)",
    async ({ version, page }, report) => {
      const tab = await page();
      await toggle(tab, version, "canada", "CA");
      // Save within 15 Tab presses from the search box, with real key presses.
      await tab.evaluate(() => document.getElementById("f-search").focus());
      let presses = 0;
      const path = [];
      while (presses < 15 && path.at(-1) !== "btn-save") {
        await tab.press("Tab");
        presses++;
        path.push(await tab.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.entry || document.activeElement?.tagName));
      }
      assert.equal(path.at(-1), "btn-save", `${version}: Save within 15 Tab presses: Tab went ${path.join(" → ")}`);
      report(`${version}: Save reached in ${presses} Tab presses from the search box: ${path.join(" → ")}`);
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
      await tab.close();
    },
  ],
  [
    "dial pad: digit keys reach the number from the field and from any of the dial pad's keys",
    async ({ version, page }) => {
      const tab = await page();
      await tab.evaluate(click, "#tab-dialpad");
      const verdict = () => document.getElementById("verdict").dataset.verdict;
      // In the field: 0054 is allowed under the default policy (Argentina).
      await tab.evaluate(() => document.getElementById("dial-input").focus());
      for (const key of "0054") await tab.press(key);
      await until(tab, () => document.getElementById("verdict").dataset.verdict === "allowed", null, `${version}: 0054 typed in the field is allowed`, { describe: verdict });
      await tab.evaluate(click, "#dial-clear");
      assert.equal(await tab.evaluate(() => document.getElementById("dial-input").value), "", `${version}: Clear empties the number`);

      // A digit typed while a keypad key (or Clear) has focus goes into the number, each from another key.
      const typed = [];
      for (const [from, key] of [['.keypad button[data-key="5"]', "0"], ['.keypad button[data-key="*"]', "0"], ['.keypad button[data-key="+"]', "5"], ["#dial-clear", "4"]]) {
        await tab.evaluate((s) => document.querySelector(s).focus(), from);
        assert.equal(await tab.evaluate((s) => document.activeElement === document.querySelector(s), from), true, `${version}: ${from} takes focus`);
        await tab.press(key);
        typed.push(key);
        assert.equal(await tab.evaluate(() => document.getElementById("dial-input").value), typed.join(""), `${version}: ${key} typed on ${from} reaches the number`);
      }
      await until(tab, () => document.getElementById("verdict").dataset.verdict === "allowed", null, `${version}: 0054 typed on the keypad is allowed`, { describe: verdict });
      assert.equal(await tab.evaluate(() => document.activeElement?.id), "dial-input", `${version}: focus ends in the number`);
      await tab.close();
    },
  ],
];

/** Runs every scenario in `engine`, in one browser: a subtest each. */
export async function demoInEngine(engine, t) {
  const demo = await openDemo(engine);
  try {
    for (const [name, run] of SCENARIOS) await t.test(name, () => run(demo, (line) => t.diagnostic(line)));
  } finally {
    await demo.close();
  }
}

/** In a German browser the screen is in one language, the page's English, and search finds German names. */
export async function germanScreen(engine) {
  const demo = await openDemo(engine, { locale: "de-DE" });
  try {
    const { version } = demo;
    const tab = await demo.page();
    assert.match(await tab.evaluate(() => navigator.languages.join(" ")), /^de/, `${version}: the browser asks for German`);
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
    await demo.close();
  }
}
