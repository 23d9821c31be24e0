// End-to-end test of the demo (www/, served by scripts/start.mjs): Debian's
// Chromium, driven by playwright-core, uses the page as an admin and a
// softphone user would.
//
//   node --test pkg-tests/demo.test.mjs
//
// Needs pkg/ (built here when missing) and /usr/bin/chromium (waited for up
// to 10 minutes, in case apt is still installing it).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_WAIT_MS = 10 * 60 * 1000;
const STEP_TIMEOUT = 8_000;

let server;
let browser;
let base;
let catalogSize;
let pkg; // the built package (pkg/node.mjs), to check what the page produces

async function waitForChromium() {
  const deadline = Date.now() + CHROMIUM_WAIT_MS;
  let told = false;
  while (!existsSync(CHROMIUM)) {
    if (Date.now() > deadline) {
      throw new Error(
        `${CHROMIUM} did not appear within ${CHROMIUM_WAIT_MS / 60000} minutes: install Debian's chromium (apt-get install chromium) and run again`,
      );
    }
    if (!told) {
      console.log(`# waiting for ${CHROMIUM} (apt may still be installing it)…`);
      told = true;
    }
    await sleep(5_000);
  }
  // The binary can exist before dpkg has finished unpacking what it needs.
  if (told) await sleep(10_000);
}

before(async () => {
  if (!existsSync(path.join(root, "pkg", "dialguard_bg.wasm"))) {
    console.log("# pkg/ is missing: building it (node scripts/build.mjs)");
    const built = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
    assert.equal(built.status, 0, "node scripts/build.mjs failed: the demo needs pkg/");
  }
  const { serve } = await import(pathToFileURL(path.join(root, "scripts", "start.mjs")).href);
  server = await serve(0);
  base = `http://127.0.0.1:${server.address().port}/`;
  pkg = await import(pathToFileURL(path.join(root, "pkg", "node.mjs")).href);
  catalogSize = pkg.regions().length;
  await waitForChromium();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
});

after(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
});

/** A fresh browser context (empty localStorage) with the demo loaded, in `locale` (the browser's language). */
async function open(t, { hash = "", locale = "en-US", viewport = { width: 1360, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, colorScheme: "light", locale, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console error: ${m.text()}`);
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], "the page logged errors");
  });
  await page.goto(base + hash);
  try {
    await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 30_000 });
  } catch {
    assert.fail(`the demo did not finish loading; errors: ${JSON.stringify(errors)}`);
  }
  const state = await page.evaluate(() => [document.body.dataset.ready, document.getElementById("boot-text").textContent]);
  assert.equal(state[0], "true", `the demo failed to start: ${state[1]} ${errors.join("; ")}`);
  return page;
}

/** Waits until `predicate(arg)` holds in the page; fails with `describe()`'s view of the page. */
async function waitUntil(page, predicate, arg, message, describe) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: STEP_TIMEOUT, polling: 50 });
  } catch {
    const seen = describe ? await page.evaluate(describe, arg) : "";
    assert.fail(`${message}${seen ? `; the page shows: ${typeof seen === "string" ? seen : JSON.stringify(seen)}` : ""}`);
  }
}

const verdictState = () => {
  const v = document.getElementById("verdict");
  return {
    input: document.getElementById("dial-input").value,
    verdict: v.dataset.verdict,
    tone: v.dataset.tone,
    title: document.getElementById("verdict-title").textContent,
    reason: document.getElementById("verdict-reason").textContent,
  };
};

/** Waits for the verdict banner to show `verdict` in `tone`, and for its colour to be that tone's. */
async function expectVerdict(page, verdict, tone) {
  await waitUntil(
    page,
    ([v, t]) => {
      const el = document.getElementById("verdict");
      return el.dataset.verdict === v && el.dataset.tone === t;
    },
    [verdict, tone],
    `expected the verdict "${verdict}" (${tone})`,
    verdictState,
  );
  if (tone === "ok" || tone === "bad") {
    // The banner's border must really be green (allowed) or red (refused), not just labelled so.
    await waitUntil(
      page,
      (t) => {
        const [r, g, b] = getComputedStyle(document.getElementById("verdict")).borderTopColor.match(/\d+/g).map(Number);
        return t === "ok" ? g > r + 60 && g > b + 30 : r > g + 80 && r > b + 80;
      },
      tone,
      `expected the verdict banner to be ${tone === "ok" ? "green" : "red"}`,
      () => getComputedStyle(document.getElementById("verdict")).borderTopColor,
    );
  }
}

async function dial(page, text, { keystrokes = true } = {}) {
  if (!(await page.isVisible("#panel-dialpad"))) await page.click("#tab-dialpad");
  await page.fill("#dial-input", "");
  if (keystrokes) await page.locator("#dial-input").pressSequentially(text);
  else await page.fill("#dial-input", text);
}

/** Finds a region in the settings table by search and flips its Allow switch. */
async function toggleRegion(page, query, entry) {
  if (!(await page.isVisible("#panel-settings"))) await page.click("#tab-settings");
  await page.fill("#f-search", query);
  const box = page.locator(`#region-rows input[data-entry="${entry}"]`);
  assert.equal(await box.count(), 1, `searching "${query}" should list the row whose allow entry is ${entry}`);
  await box.click();
  await page.fill("#f-search", "");
}

const text = (page, selector) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

// ─────────────────────────────────────────────────────────────────────────

test("the page loads the package, lists every region and shows the data version", async (t) => {
  const page = await open(t);
  assert.match(await text(page, "#data-version"), /^libphonenumber \d+\.\d+/, "the footer shows dataVersion");
  const rows = await page.locator("#region-rows tr").count();
  assert.equal(rows, catalogSize, "the table has one row per entry of regions()");
  const nonGeo = await page.locator('#region-rows tr[data-kind="non-geographic"]').count();
  assert.ok(nonGeo >= 9, `non-geographic codes are rows of their own (found ${nonGeo})`);
  assert.equal(await page.locator('#region-rows input[data-entry="+881"]').count(), 1, "+881 has its own row, allowed as \"+881\"");
  // The saved policy is the reference example: Mexico, only Argentina.
  assert.equal(await page.isChecked('#region-rows input[data-entry="AR"]'), true, "Argentina is allowed in the example policy");
  assert.equal(await page.inputValue("#f-home"), "MX");
  assert.deepEqual(
    await page.locator("#prefix-chips .chip-code").allTextContents(),
    ["00", "09"],
    "Mexico's international dialing codes are suggested",
  );
});

test("dial pad: 00 54 11 1234 5678 is allowed, keystroke by keystroke, under a policy allowing Argentina", async (t) => {
  const page = await open(t, { hash: "#dialpad" });
  assert.match(await text(page, "#policy-summary"), /Allowed:\s*Argentina/, "the dial pad shows the saved policy");
  await page.locator("#dial-input").pressSequentially("0");
  await expectVerdict(page, "incomplete", "wait");
  assert.equal(await page.isDisabled("#btn-call"), true, "Call is disabled while incomplete");
  // The destination is allowed at 0054, the number not complete yet.
  await page.locator("#dial-input").pressSequentially("0 54");
  await expectVerdict(page, "allowed", "wait");
  assert.equal(await text(page, "#verdict-title"), "Allowed destination: keep dialing");
  assert.equal(await page.isDisabled("#btn-call"), true, "Call waits for a complete number");
  assert.match(await text(page, "#explain"), /Too short: keep dialing/);
  await page.locator("#dial-input").pressSequentially(" 11 1234 5678");
  await expectVerdict(page, "allowed", "ok");
  assert.match(await text(page, "#explain"), /A complete, valid number/);
  assert.match(await text(page, "#verdict-reason"), /Argentina/);
  assert.equal(await text(page, "#dialstring"), "00541112345678", "the canonical dial string is shown");
  const explain = await text(page, "#explain");
  for (const part of ["00", "+54", "Argentina (AR)", "1112345678", "AR"]) {
    assert.ok(explain.includes(part), `the explanation mentions ${part}: ${explain}`);
  }
  assert.equal(await page.isEnabled("#btn-call"), true, "Call is enabled for an allowed dial");
  await page.click("#btn-call");
  assert.match(await text(page, "#call-status"), /Calling 00541112345678/);
  assert.equal(await page.getAttribute("#verdict", "aria-live"), "polite", "the verdict is announced (aria-live)");
});

test("dial pad: a blocked destination is red and cannot be called", async (t) => {
  const page = await open(t, { hash: "#dialpad" });
  await dial(page, "+52 55 1234 5678");
  await expectVerdict(page, "blocked", "bad");
  assert.equal(await text(page, "#verdict-title"), "Blocked");
  assert.match(await text(page, "#verdict-reason"), /Mexico \(\+52\) is not on the allowed list/);
  assert.equal(await page.isDisabled("#btn-call"), true, "Call is disabled for a blocked dial");

  // Red at the first digit that makes the call impossible.
  await dial(page, "+9");
  await expectVerdict(page, "incomplete", "bad");
  assert.equal(await text(page, "#verdict-title"), "Can't be allowed");

  // The keypad types too.
  await page.fill("#dial-input", "");
  for (const key of ["0", "0", "1", "8", "7", "6"]) await page.click(`.keypad button[data-key="${key}"]`);
  assert.equal(await page.inputValue("#dial-input"), "001876");
  await expectVerdict(page, "blocked", "bad");
  assert.match(await text(page, "#explain"), /Jamaica/);
});

test("dial pad: a star code that carries a number says how the dial was read", async (t) => {
  const page = await open(t, { hash: "#dialpad" });
  // Call forwarding to Mexico: blocked, as the number it carries would be.
  await dial(page, "*72 00 52 55 1234 5678");
  await expectVerdict(page, "blocked", "bad");
  assert.match(await text(page, "#verdict-reason"), /^Read as a star code that carries a number \(\*72\), then 00525512345678\. Mexico \(\+52\) is not on the allowed list/);
  assert.match(await text(page, "#explain"), /Read as\s*\*72\s*a star code that carries a number, then 00525512345678/);
  assert.doesNotMatch(await text(page, "#explain"), /International prefix/, "the reading stands in for the prefix");
});

test("dial pad: malformed input highlights the offending character", async (t) => {
  const page = await open(t, { hash: "#dialpad" });
  await dial(page, "0054$11");
  await expectVerdict(page, "malformed", "bad");
  const mark = page.locator("#mirror mark.offender");
  assert.equal(await mark.count(), 1, "exactly one character is highlighted");
  assert.equal(await mark.getAttribute("data-position"), "4", "the highlight is at the decision's position");
  assert.equal(await mark.textContent(), "$");
  assert.equal(await page.getAttribute("#dial-input", "aria-invalid"), "true");
  assert.match(await text(page, "#dialstring"), /Nothing/, "a malformed dial is never sent");
  assert.equal(await page.isDisabled("#btn-call"), true);

  // The bidi trick: the input displays 0045, the mirror reveals U+202E.
  await page.click('#examples button[aria-label*="bidi"]');
  await expectVerdict(page, "malformed", "bad");
  assert.equal(await page.inputValue("#dial-input"), "00\u202E54");
  assert.equal(await mark.getAttribute("data-position"), "2");
  assert.equal(await mark.textContent(), "U+202E");
  assert.match(await text(page, "#verdict-reason"), /RIGHT-TO-LEFT OVERRIDE/);
  await page.click("#mirror-select");
  const selection = await page.evaluate(() => {
    const input = document.getElementById("dial-input");
    return [input.selectionStart, input.selectionEnd];
  });
  assert.deepEqual(selection, [2, 3], "“Select it in the input” selects the offending character");
});

test("dial pad: a national number is not judged, and a tel: URI keeps its extension apart", async (t) => {
  const page = await open(t, { hash: "#dialpad" });
  await dial(page, "54 11 1234 5678");
  await expectVerdict(page, "not-international", "neutral");
  assert.match(await text(page, "#verdict-note"), /outbound routes decide/);
  assert.equal(await page.isEnabled("#btn-call"), true, "Call is enabled: the PBX's routes decide");

  await dial(page, "tel:+44-20-7946-0000;ext=12", { keystrokes: false });
  await expectVerdict(page, "blocked", "bad");
  assert.equal(await text(page, "#dialstring"), "+442079460000x12");
  assert.match(await text(page, "#explain"), /extension 12/);
});

test("settings: allowing a region shows it in the preview's gained list, with its side effects", async (t) => {
  const page = await open(t);
  await toggleRegion(page, "jamaica", "JM");
  await waitUntil(
    page,
    () => /Jamaica/.test(document.getElementById("diff-gained")?.textContent ?? ""),
    null,
    "the preview lists Jamaica under gained destinations",
    () => document.getElementById("diff").textContent,
  );
  assert.match(await text(page, "#diff-gained"), /\+1/, "the gained destination shows its calling code");
  assert.match(await text(page, "#diff-side"), /Allowing Jamaica also allows 24 other \+1 destinations/, "together mode drags in +1");
  assert.equal(await text(page, "#dirty-pill"), "Unsaved changes");
  assert.equal(await page.isEnabled("#btn-save"), true);

  // By region: only Jamaica's own area codes are gained.
  await page.check("#f-shared-by-region");
  await waitUntil(
    page,
    () => {
      const items = [...document.querySelectorAll("#diff-gained .dest")];
      return items.length === 1 && items[0].dataset.regions === "JM" && /\+1 876/.test(items[0].textContent);
    },
    null,
    "by region, the gained list holds Jamaica alone with its +1 876 range",
    () => document.getElementById("diff").textContent,
  );
  assert.equal(await page.locator("#diff-side").count(), 0, "no side effect by region");

  // The call log tells which past dials change verdict.
  await page.fill("#f-calllog", "00 1 876 555 0123\n00 54 11 4321 5678");
  await waitUntil(
    page,
    () => /1 of 2 past dials/.test(document.getElementById("calllog-result").textContent),
    null,
    "the call log check counts one changed dial",
    () => document.getElementById("calllog-result").textContent,
  );
  const row = await text(page, "#calllog-result tbody tr");
  assert.match(row, /00 1 876 555 0123\s*blocked\s*allowed/);

  // Revert restores the saved policy.
  await page.click("#btn-revert");
  assert.equal(await page.isChecked('#region-rows input[data-entry="JM"]'), false);
  assert.equal(await text(page, "#dirty-pill"), "Saved");
});

test("preview: the summary is the engine's exact diff (Canada opens all of +1; narrowing to 00 leaves 09 unchecked; by region, type tiers only where numbers change)", async (t) => {
  const page = await open(t);
  const diffText = () => document.getElementById("diff").textContent;
  // Canada in "together" mode: 25 destinations, the one switched named first.
  await toggleRegion(page, "canada", "CA");
  await waitUntil(page, () => /^Saving would allow 25 destinations: all of \+1\./.test(document.getElementById("diff").textContent), null, "the summary counts regions", diffText);
  assert.match(await text(page, "#action-summary"), /^Unsaved changes: saving would allow 25 destinations: all of \+1\./);
  await page.click("#btn-revert");

  // Only 00 of Mexico's codes: 09 is no longer checked, and the preview says so.
  await page.check("#f-prefix-custom");
  await page.fill("#f-prefixes", "00");
  await waitUntil(page, () => /Dials starting 09 would no longer be checked/.test(document.getElementById("diff-unchecked")?.textContent ?? ""), null, "the bypass is named", diffText);
  assert.doesNotMatch(await text(page, "#diff"), /changes no call/);
  const bypass = page.locator('#diff-readings li[data-dialed="09"].reading-bypass');
  assert.ok((await bypass.count()) >= 1, "the reading change is listed, as a bypass");
  assert.match(await bypass.first().textContent(), /^International dialing code 09blocked → not checkede\.g\. 09/);
  await page.click("#btn-revert");

  // By region with the US and Mexico allowed and premium rate blocked, then Canada: no type tier of
  // the +1 regions whose numbers stay blocked (American Samoa, Bermuda).
  await page.check("#f-shared-by-region");
  await toggleRegion(page, "united states", "US");
  await page.click('label[for="f-type-premium-rate"]');
  await page.click("#btn-save");
  await toggleRegion(page, "canada", "CA");
  // (Canada's ranges shared with the United States were callable already: "more numbers of".)
  await waitUntil(page, () => /^Saving would allow more numbers of Canada\./.test(document.getElementById("diff").textContent), null, "Canada alone is opened", diffText);
  assert.doesNotMatch(await text(page, "#diff"), /American Samoa|Bermuda|Guam/);
  assert.equal(await page.locator("#diff-types-gained").count(), 0, "no number type is unblocked anywhere");
});

test("settings: a lint warning appears for a together-mode shared code, and its fix works", async (t) => {
  const page = await open(t);
  await toggleRegion(page, "canada", "CA");
  const warning = page.locator('#lint li[data-code="shared-code"]');
  await waitUntil(
    page,
    () => !!document.querySelector('#lint li[data-code="shared-code"]'),
    null,
    "allowing Canada in together mode shows the shared-code warning",
    () => document.getElementById("lint").textContent,
  );
  assert.equal(await warning.getAttribute("data-severity"), "warning");
  assert.match(await warning.textContent(), /Allowing Canada also allows every other \+1 destination/);
  assert.match(await text(page, '#region-rows tr[data-entry="JM"] .row-badges'), /Allowed with Canada/, "Jamaica's row shows it is dragged in");

  await warning.locator("button").click();
  await waitUntil(
    page,
    () => !document.querySelector('#lint li[data-code="shared-code"]'),
    null,
    "judging shared codes by region clears the warning",
    () => document.getElementById("lint").textContent,
  );
  assert.equal(await page.isChecked("#f-shared-by-region"), true);
  assert.equal(await text(page, '#region-rows tr[data-entry="JM"] .row-badges'), "");

  // Other lint: + not international, a missing home prefix.
  await page.uncheck("#f-plus");
  await page.check("#f-prefix-custom");
  await page.fill("#f-prefixes", "00");
  await waitUntil(
    page,
    () => ["plus-not-international", "missing-home-prefix"].every((c) => document.querySelector(`#lint li[data-code="${c}"]`)),
    null,
    "the lint warns about + and about Mexico's 09",
    () => document.getElementById("lint").textContent,
  );
  assert.match(await text(page, '#lint li[data-code="missing-home-prefix"]'), /09/);
  // The admin reads findings, not the configuration's keys.
  await toggleRegion(page, "Latvia", "LV");
  await waitUntil(page, () => !!document.querySelector('#lint li[data-code="number-types-not-blocked"]'), null, "allowing Latvia asks for premium rate to be blocked");
  const shown = await text(page, "#lint");
  assert.doesNotMatch(shown, /blockNumberTypes|sharedCodes|judgeNationalDialing|featureCodes|internationalPrefixes|plusIsInternational/, shown);
});

test("settings: the lint says the home region's own contacts (+52 55 …) are blocked, and its fix allows it", async (t) => {
  const page = await open(t); // home MX, Argentina allowed
  const warning = page.locator('#lint li[data-code="home-region-blocked"]');
  await waitUntil(
    page,
    () => !!document.querySelector('#lint li[data-code="home-region-blocked"]'),
    null,
    "the lint says calls to Mexico in international format are blocked",
    () => document.getElementById("lint").textContent,
  );
  assert.equal(await warning.getAttribute("data-severity"), "info");
  assert.match(await warning.textContent(), /Mexico \(\+52\), the home region, is not allowed/);
  assert.match(await warning.locator("button").textContent(), /Allow Mexico/);
  await warning.locator("button").click();
  await waitUntil(
    page,
    () => !document.querySelector('#lint li[data-code="home-region-blocked"]'),
    null,
    "allowing Mexico clears it",
    () => document.getElementById("lint").textContent,
  );
  assert.equal(await page.isChecked('#region-rows input[data-entry="MX"]'), true);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "f-search", "focus moves to the table's search");
});

test("settings: Save and Discard stay in view while the table is, at desktop and phone width; leaving unsaved changes asks first", async (t) => {
  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    const page = await open(t, { viewport });
    assert.equal(await text(page, "#action-summary"), "No unsaved changes.");
    await toggleRegion(page, "Canada", "CA");
    await waitUntil(page, () => /^Unsaved changes: saving would allow/.test(document.getElementById("action-summary").textContent), null, "the bar says what saving would do", () =>
      document.getElementById("action-summary").textContent,
    );
    // Deep in the table, the bar is in view.
    await page.locator('#region-rows tr[data-entry="ZW"]').scrollIntoViewIfNeeded();
    for (const button of ["#btn-save", "#btn-revert"]) {
      const box = await page.locator(button).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `${button} is in view at ${viewport.width}×${viewport.height}: ${JSON.stringify(box)}`);
      assert.equal(await page.isEnabled(button), true);
    }
    // Leaving asks first, while the change is not saved.
    const asked = new Promise((resolve) =>
      page.once("dialog", async (dialog) => {
        resolve(dialog.type());
        await dialog.accept();
      }),
    );
    await page.close({ runBeforeUnload: true });
    assert.equal(await asked, "beforeunload", `leaving with unsaved changes asks first at ${viewport.width}×${viewport.height}`);
  }
});

test("phone width: each tab opens at its top, the verdict and its reason sit above the keypad, no table column is cut", async (t) => {
  const page = await open(t, { viewport: { width: 390, height: 844 } });
  await page.fill("#f-search", "arg");
  const cut = await page.evaluate(() => {
    const wrap = document.querySelector(".table-wrap");
    const code = document.querySelector('#region-rows tr[data-entry="AR"] .col-code');
    return { overflow: wrap.scrollWidth - wrap.clientWidth, codeRight: code.getBoundingClientRect().right, wrapRight: wrap.getBoundingClientRect().right };
  });
  assert.ok(cut.overflow <= 0 && cut.codeRight <= cut.wrapRight, `the table fits its box: ${JSON.stringify(cut)}`);

  await page.evaluate(() => window.scrollTo(0, 2500));
  const settingsAt = await page.evaluate(() => window.scrollY);
  assert.ok(settingsAt > 1000, "the settings page is scrolled down");
  await page.click("#tab-dialpad");
  assert.equal(await page.evaluate(() => window.scrollY), 0, "the dial pad opens at its top");
  await page.fill("#dial-input", "+52 55 1234 5678");
  await waitUntil(page, () => document.getElementById("dial-reason").textContent !== "", null, "the reason shows under the field");
  const layout = await page.evaluate(() => {
    const box = (id) => document.getElementById(id).getBoundingClientRect();
    const key = document.querySelector(".keypad .key").getBoundingClientRect();
    return { status: box("dial-status").height, reason: box("dial-reason").bottom, keypad: key.top, text: document.getElementById("dial-reason").textContent };
  });
  assert.ok(layout.status > 0 && layout.reason > 0 && layout.reason <= layout.keypad, `the verdict and its reason are above the keypad: ${JSON.stringify(layout)}`);
  assert.equal(layout.text, await text(page, "#verdict-reason"), "the reason is the verdict card's");
  await page.click("#tab-settings");
  assert.equal(await page.evaluate(() => window.scrollY), settingsAt, "the settings open where they were left");
});

test("search: a number finds the regions that own it, read as the draft reads a dial; names rank by closeness", async (t) => {
  const page = await open(t); // home MX: 00 and 09
  const first = async (query) => {
    await page.fill("#f-search", query);
    return page.evaluate(() => [...document.querySelectorAll("#region-rows tr")].slice(0, 2).map((r) => r.dataset.entry));
  };
  for (const [query, entries] of [
    ["+1876", ["JM", "US"]],
    ["0054", ["AR"]],
    ["09 1 876 555", ["JM", "US"]],
    ["+44 20", ["GB", "GG"]],
    ["1 876 555", ["JM", "US"]],
    ["states", ["US", "FM"]],
  ]) {
    assert.deepEqual(await first(query), entries, `searching "${query}"`);
  }
});

test("settings: saving applies the policy to the dial pad and survives a reload", async (t) => {
  const page = await open(t);
  await page.check("#f-shared-by-region");
  await toggleRegion(page, "Canada", "CA");
  await page.click("#btn-save");
  assert.match(await text(page, "#save-status"), /Saved/);
  assert.equal(await text(page, "#dirty-pill"), "Saved");

  await dial(page, "+1 416 555 0123");
  await expectVerdict(page, "allowed", "ok");
  await dial(page, "+1 876 555 0123");
  await expectVerdict(page, "blocked", "bad");

  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === "true");
  await dial(page, "+1 416 555 0123");
  await expectVerdict(page, "allowed", "ok");
  assert.match(await text(page, "#policy-summary"), /Argentina and Canada/);
});

test("settings: national-format calls across a shared code (judgeNationalDialing), with its lint fix", async (t) => {
  const page = await open(t);
  // A US PBX allowing Canada. By region, so that Canada doesn't allow all of +1 (and Jamaica with it).
  await page.selectOption("#f-home", "US");
  await page.check("#f-shared-by-region");
  await toggleRegion(page, "Canada", "CA");
  assert.equal(await page.isEnabled("#f-national"), true, "with a home region the switch is usable");
  assert.equal(await page.isChecked("#f-national"), false, "off by default");
  assert.match(await text(page, "#f-national-state"), /United States shares \+1 with/);

  // Off: the lint warns that national-format dials across +1 are not judged.
  const warning = page.locator('#lint li[data-code="national-dialing-not-judged"]');
  await waitUntil(
    page,
    () => !!document.querySelector('#lint li[data-code="national-dialing-not-judged"]'),
    null,
    "a US home region with the option off shows the national-dialing-not-judged warning",
    () => document.getElementById("lint").textContent,
  );
  assert.equal(await warning.getAttribute("data-severity"), "warning");
  assert.match(await warning.textContent(), /United States shares \+1/);

  // Saved with the option off, 1 876 555 0123 slips through unjudged, and the dial pad says where it goes.
  await page.click("#btn-save");
  await dial(page, "1 876 555 0123");
  await expectVerdict(page, "not-international", "neutral");
  assert.match(await text(page, "#verdict-note"), /reaches Jamaica/);

  // The one-click fix turns the option on.
  await page.click("#tab-settings");
  await warning.locator("button").click();
  await waitUntil(
    page,
    () => !document.querySelector('#lint li[data-code="national-dialing-not-judged"]'),
    null,
    "turning the option on clears the warning",
    () => document.getElementById("lint").textContent,
  );
  assert.equal(await page.isChecked("#f-national"), true, "the fix switches judgeNationalDialing on");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "f-national", "focus moves to the switch the fix changed");
  assert.match(await text(page, "#diff-settings"), /National-format calls across shared codes\s*not judged\s*→\s*judged/);
  assert.match(await text(page, "#diff-national"), /national format/);
  await page.click("#btn-save");
  assert.match(await text(page, "#save-status"), /Saved/);

  // Jamaica in national format is now judged: blocked, red, with a national prefix and no international one.
  await dial(page, "1 876 555 0123");
  await expectVerdict(page, "blocked", "bad");
  assert.match(await text(page, "#verdict-reason"), /Judged as a call to Jamaica although it was dialed without an international prefix/);
  const explain = await text(page, "#explain");
  assert.match(explain, /National prefix\s*1/);
  assert.match(explain, /Jamaica \(JM\)/);
  assert.doesNotMatch(explain, /International prefix/, "the national prefix is not called an international prefix");
  assert.equal(await page.isDisabled("#btn-call"), true);
  // Without the national prefix, too.
  await dial(page, "876 555 0123");
  await expectVerdict(page, "blocked", "bad");
  assert.doesNotMatch(await text(page, "#explain"), /National prefix/, "no national prefix was dialed");

  // A national call within the US: not international, reason domestic.
  await dial(page, "1 212 555 0123");
  await expectVerdict(page, "not-international", "neutral");
  assert.equal(await page.getAttribute("#verdict", "data-reason"), "domestic");
  assert.match(await text(page, "#verdict-reason"), /within the home region \(United States\)/);
  assert.equal(await page.isEnabled("#btn-call"), true, "a domestic call can be placed");

  // Canada in national format is allowed, and the example chip dials Jamaica.
  await dial(page, "1 416 555 0123");
  await expectVerdict(page, "allowed", "ok");
  await page.click('#examples button[aria-label*="national format"]');
  assert.equal(await page.inputValue("#dial-input"), "1 876 555 0123");
  await expectVerdict(page, "blocked", "bad");
  assert.match(await text(page, "#policy-summary"), /National format judged/);
});

test("settings: judging national-format calls needs a home region", async (t) => {
  const page = await open(t);
  assert.match(await text(page, "#f-national-state"), /Mexico shares \+52 with no other region/);
  // An explicit prefix list, so that the policy stays valid without a home region.
  await page.check("#f-prefix-custom");
  await page.selectOption("#f-home", "");
  assert.equal(await page.isDisabled("#f-national"), true, "no home region: the switch is disabled");
  assert.match(await text(page, "#f-national-state"), /Choose a home region first/);

  // Switched on, then the home region removed: the engine's error is shown beside the switch.
  await page.selectOption("#f-home", "US");
  await page.check("#f-national");
  await page.selectOption("#f-home", "");
  await waitUntil(
    page,
    () => !document.getElementById("err-national").hidden,
    null,
    "the missing-home-region error is shown next to the switch",
    () => document.getElementById("config-error").textContent,
  );
  assert.equal(await text(page, "#err-national"), "National-format calls across shared codes: choose a home region first: national format is the home region's", "the admin's words, no configuration key");
  assert.equal(await page.getAttribute("#config-error .config-error-message", "data-code"), "missing-home-region");
  assert.equal(await page.getAttribute("#config-error .config-error-message", "data-path"), "judgeNationalDialing");
  assert.equal(await page.getAttribute("#f-national", "aria-invalid"), "true");
  assert.equal(await page.isDisabled("#btn-save"), true, "an invalid policy cannot be saved");
  assert.equal(await page.isEnabled("#f-national"), true, "left on, the switch can still be switched off");

  await page.uncheck("#f-national");
  await waitUntil(page, () => document.getElementById("err-national").hidden, null, "the error clears once switched off");
  assert.equal(await page.isDisabled("#f-national"), true);
  assert.equal(await page.isEnabled("#btn-save"), true);
});

test("settings: an invalid configuration shows the DialguardError and keeps the admin's input", async (t) => {
  const page = await open(t);
  await page.fill("#f-access", "9a");
  await waitUntil(
    page,
    () => !document.getElementById("err-access").hidden,
    null,
    "the access-code error is shown next to the field",
  );
  assert.equal(await text(page, "#err-access"), "Access code 1: must be 1 to 15 digits", "the message names the field in the admin's words");
  assert.equal(await page.inputValue("#f-access"), "9a", "the input is kept");
  assert.equal(await page.getAttribute("#f-access", "aria-invalid"), "true");
  assert.equal(await page.isDisabled("#btn-save"), true, "an invalid policy cannot be saved");
  assert.equal(await page.getAttribute("#config-error .config-error-message", "data-path"), "accessCodes[0]");

  await page.fill("#f-access", "9");
  await waitUntil(page, () => document.getElementById("err-access").hidden, null, "the error clears once fixed");
  assert.equal(await page.isEnabled("#btn-save"), true);

  // A range that is no calling code is refused beside the range field.
  await page.fill("#f-range", "+999");
  await page.click("#range-add");
  assert.match(await text(page, "#err-range"), /\+999/);
  assert.equal(await page.inputValue("#f-range"), "+999");
  await page.fill("#f-range", "+1 876");
  await page.press("#f-range", "Enter");
  await waitUntil(
    page,
    () => !!document.querySelector('#range-list li[data-entry="+1876"]'),
    null,
    "+1876 is added as a range",
    () => document.getElementById("range-list").textContent,
  );
  assert.match(await text(page, '#range-list li[data-entry="+1876"]'), /Jamaica/);
  assert.match(await text(page, '#region-rows tr[data-entry="JM"] .row-badges'), /Partly: \+1876/);
});

test("settings: search uses searchRegions (ISO, calling codes, aliases, accents) and non-geographic rows", async (t) => {
  const page = await open(t);
  const first = async (query) => {
    await page.fill("#f-search", query);
    return page.locator("#region-rows tr").first().getAttribute("data-entry");
  };
  assert.equal(await first("+54"), "AR");
  assert.equal(await first("54"), "AR");
  assert.equal(await first("usa"), "US");
  assert.equal(await first("cote d'ivoire"), "CI");
  assert.equal(await first("881"), "+881");
  assert.match(await text(page, "#table-status"), /for “881”/);
  await page.fill("#f-search", "zzzz");
  assert.match(await text(page, "#region-rows"), /No country, region or calling code matches/);

  await toggleRegion(page, "881", "+881");
  await waitUntil(
    page,
    () => !!document.querySelector('#lint li[data-code="premium-code-allowed"]') && !!document.querySelector('#diff-gained li[data-code="881"]'),
    null,
    "allowing +881 warns (satellite) and shows +881 gained",
    () => [document.getElementById("lint").textContent, document.getElementById("diff").textContent],
  );
});

test("settings: changing the home region fills the international dialing codes", async (t) => {
  const page = await open(t);
  await page.selectOption("#f-home", "CN");
  await waitUntil(
    page,
    () => document.querySelectorAll("#prefix-chips .chip-code").length === 10,
    null,
    "China's long prefix list shows 10 chips",
    () => document.getElementById("prefix-chips").textContent,
  );
  assert.match(await text(page, "#prefix-more"), /2,091 more/);
  assert.match(await text(page, "#prefix-home-label"), /China's prefixes \(2,101\)/);

  await page.selectOption("#f-home", "AU");
  await page.check("#f-prefix-custom");
  const list = (await page.inputValue("#f-prefixes")).split(/,\s*/);
  assert.equal(list[0], "0011", "Australia's preferred prefix comes first");
  assert.ok(list.includes("0015"), `the explicit list is filled with every suggestion: ${list}`);
  await page.selectOption("#f-home", "MX");
  assert.equal(await page.inputValue("#f-prefixes"), "00, 09", "a new home region refills the explicit list");
  assert.match(await text(page, "#diff-settings"), /International dialing codes/);
});

test("keyboard: the tabs follow the WAI-ARIA pattern and every control has a label", async (t) => {
  const page = await open(t);
  await page.focus("#tab-settings");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.isVisible("#panel-dialpad"), true, "ArrowRight opens the dial pad");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-dialpad");
  assert.equal(await page.getAttribute("#tab-dialpad", "aria-selected"), "true");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.isVisible("#panel-dialpad"), true, "arrows only move between tabs when a tab has focus");

  await page.focus("#dial-input");
  await page.keyboard.type("0054");
  await expectVerdict(page, "allowed", "wait");
  await page.keyboard.press("Enter");
  assert.equal(await text(page, "#call-status"), "", "Enter places no call before the number is complete");
  await page.keyboard.type("1112345678");
  await expectVerdict(page, "allowed", "ok");
  await page.keyboard.press("Enter");
  assert.match(await text(page, "#call-status"), /Calling 00541112345678/, "Enter places the call");

  // A switch toggled with the keyboard keeps focus while the page re-renders.
  await page.click("#tab-settings");
  await page.fill("#f-search", "canada");
  await page.focus('#region-rows input[data-entry="CA"]');
  await page.keyboard.press("Space");
  await waitUntil(page, () => !!document.querySelector('#lint li[data-code="shared-code"]'), null, "Space toggles Canada");
  assert.equal(
    await page.evaluate(() => document.activeElement?.dataset.entry),
    "CA",
    "focus stays on the switch after toggling it",
  );
  await page.locator('#lint li[data-code="shared-code"] button').press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "f-shared-by-region", "a lint fix moves focus to the field it changed");

  const unlabeled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => !(el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.textContent.trim()))
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabeled, [], "every control has an accessible name");
});

test("keyboard: the country table is one Tab stop (a grid), Save is a few Tab presses from the search box, digit keys reach the dial pad from any key", async (t) => {
  const page = await open(t);
  await page.click("#tab-settings");
  await toggleRegion(page, "canada", "CA");
  assert.equal(await page.getAttribute("#region-table", "role"), "grid");
  const stops = await page.evaluate(() => [...document.querySelectorAll("#region-rows input")].filter((i) => i.tabIndex === 0).length);
  assert.equal(stops, 1, "one switch of the table takes the Tab stop");

  // From the search box, Tab reaches Save within 15 presses (it took 258 through every row's switch).
  await page.focus("#f-search");
  let presses = 0;
  const path = [];
  while (presses < 15) {
    await page.keyboard.press("Tab");
    presses++;
    const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.entry || document.activeElement?.tagName);
    path.push(id);
    if (id === "btn-save") break;
  }
  assert.equal(path.at(-1), "btn-save", `Tab went ${path.join(" → ")}`);
  t.diagnostic(`Save reached in ${presses} Tab presses from the search box`);

  // In the table the arrow keys move between the switches, and the Tab stop follows.
  await page.focus("#f-search");
  const first = await page.evaluate(() => document.querySelector('#region-rows input[tabindex="0"]').dataset.entry);
  await page.focus(`#region-rows input[data-entry="${first}"]`);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const moved = await page.evaluate(() => [document.activeElement.dataset.entry, [...document.querySelectorAll("#region-rows input")].filter((i) => i.tabIndex === 0).map((i) => i.dataset.entry)]);
  assert.notEqual(moved[0], first);
  assert.deepEqual(moved[1], [moved[0]], "the focused switch is the table's Tab stop");
  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelector("#region-rows tr:last-child input")), true, "End goes to the last row");

  // Digits typed while a keypad key has focus go into the number.
  await page.click("#tab-dialpad");
  await page.focus('.keypad button[data-key="5"]');
  await page.keyboard.type("0054");
  assert.equal(await page.inputValue("#dial-input"), "0054");
  await expectVerdict(page, "allowed", "wait");
});

test("benchmark: search keystrokes and toggles, handler and layout (reported, not asserted), at 1x and 4x CPU", async (t) => {
  for (const rate of [1, 4]) {
    const page = await open(t, { viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    const started = Date.now();
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    const ready = Date.now() - started;
    await page.click("#tab-settings");
    const keystrokes = await page.evaluate(() => {
      const input = document.getElementById("f-search");
      return ["s", "st", "sta", "stat", "state", "states", "+", "+1", "+18", "+187", "+1876", "", "c", "ca", "can"].map((q) => {
        const start = performance.now();
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        void document.body.offsetHeight; // style and layout included
        return performance.now() - start;
      });
    });
    const toggles = await page.evaluate(() => {
      const input = document.getElementById("f-search");
      input.value = "canada";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const box = document.querySelector('#region-rows input[data-entry="CA"]');
      return Array.from({ length: 6 }, () => {
        const start = performance.now();
        box.click();
        void document.body.offsetHeight;
        return performance.now() - start;
      });
    });
    const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1].toFixed(1);
    const max = (list) => Math.max(...list).toFixed(1);
    t.diagnostic(`CPU ${rate}x: usable after ${ready} ms; search keystroke median ${median(keystrokes)} ms, max ${max(keystrokes)} ms; toggle (diff, lint, coverage) median ${median(toggles)} ms, max ${max(toggles)} ms`);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  }
});

test("every reason code of js/types.d.ts has its own sentence", async (t) => {
  const types = readFileSync(path.join(root, "js", "types.d.ts"), "utf8");
  const union = types.match(/export type Reason =([^;]+);/);
  assert.ok(union, "js/types.d.ts declares the Reason union");
  const reasons = [...union[1].matchAll(/"([a-z-]+)"/g)].map((m) => m[1]);
  assert.ok(reasons.length >= 19, `found ${reasons.length} reason codes`);
  const page = await open(t);
  const missing = await page.evaluate(async (list) => {
    const { reasonSentence } = await import("/text.js");
    const decision = (reason) => ({ verdict: "blocked", reason, dialString: "", callingCode: "1", regions: ["US"], nationalNumber: "2", rule: "US", position: 0 });
    return list.filter((reason) => reasonSentence(decision(reason), { dialed: "x", prefixes: ["00"] }).startsWith("Reason:"));
  }, reasons);
  assert.deepEqual(missing, [], "reasons without a plain-words sentence");
});

test("server: MIME types, no directory traversal, GET and HEAD only", async () => {
  const get = (pathname, method = "GET") =>
    new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: server.address().port, path: pathname, method }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"] }));
      });
      req.on("error", reject);
      req.end();
    });
  assert.deepEqual(await get("/"), { status: 200, type: "text/html; charset=utf-8" });
  assert.deepEqual(await get("/app.js"), { status: 200, type: "text/javascript; charset=utf-8" });
  assert.deepEqual(await get("/style.css"), { status: 200, type: "text/css; charset=utf-8" });
  assert.deepEqual(await get("/pkg/web.js"), { status: 200, type: "text/javascript; charset=utf-8" });
  assert.deepEqual(await get("/pkg/dialguard_bg.wasm"), { status: 200, type: "application/wasm" });
  assert.equal((await get("/pkg/dialguard_bg.wasm", "HEAD")).status, 200);
  for (const evil of ["/../package.json", "/pkg/../package.json", "/pkg/..%2f..%2fpackage.json", "/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5cpackage.json", "/%00"]) {
    const { status } = await get(evil);
    assert.ok([400, 403, 404].includes(status), `${evil} must not be served (got ${status})`);
  }
  assert.equal((await get("/nope.html")).status, 404);
  assert.equal((await get("/", "POST")).status, 405);
});

// ─────────────────────────── Policy file ───────────────────────────

/** Clicks Export and returns the downloaded file's name and text. */
async function exportPolicy(page) {
  if (!(await page.isVisible("#panel-settings"))) await page.click("#tab-settings");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: STEP_TIMEOUT }), page.click("#btn-export")]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, "utf8") };
}

/** Chooses a file for Import (the hidden file input the Import… button opens). */
async function importPolicy(page, name, text) {
  await page.setInputFiles("#f-import", { name, mimeType: "application/json", buffer: Buffer.from(text) });
}

test("policy file: Export downloads the saved policy's toJSON, pretty-printed, without unsaved changes", async (t) => {
  const page = await open(t);
  await page.check("#f-shared-by-region");
  await toggleRegion(page, "Canada", "CA");
  await page.click("#btn-save");
  await toggleRegion(page, "Jamaica", "JM"); // unsaved: not exported
  const { name, text: exported } = await exportPolicy(page);
  assert.equal(name, "dialguard-policy.json");
  const saved = new pkg.DialPolicy({ homeRegion: "MX", sharedCodes: "by-region", allow: ["AR", "CA"] });
  t.after(() => saved.free());
  assert.equal(exported, `${JSON.stringify(saved.toJSON(), null, 2)}\n`, "the file is the saved policy's toJSON(), pretty-printed");
  const reread = new pkg.DialPolicy(JSON.parse(exported));
  assert.deepEqual(reread.toJSON(), JSON.parse(exported), "the file compiles to the same normalized policy");
  reread.free();
  assert.match(await text(page, "#file-status"), /unsaved changes are not in it/);
});

test("policy file: a good file becomes the draft (the preview shows it, the dial pad keeps the saved policy); Undo and Save", async (t) => {
  const page = await open(t);
  await importPolicy(page, "uk.json", JSON.stringify({ homeRegion: "US", allow: ["GB", "CA"], sharedCodes: "by-region" }));
  await waitUntil(
    page,
    () => document.getElementById("dirty-pill").textContent === "Unsaved changes",
    null,
    "the imported policy is the draft",
    () => [document.getElementById("file-status").textContent, document.getElementById("import-error").textContent],
  );
  assert.match(await text(page, "#file-status"), /Imported uk\.json into the draft/);
  assert.equal(await page.isHidden("#import-error"), true);
  assert.equal(await page.inputValue("#f-home"), "US", "the form shows the imported home region");
  assert.equal(await page.isChecked("#f-shared-by-region"), true);
  for (const [entry, on] of [["GB", true], ["CA", true], ["AR", false]]) {
    assert.equal(await page.isChecked(`#region-rows input[data-entry="${entry}"]`), on, `${entry} is ${on ? "on" : "off"} in the table`);
  }
  assert.match(await text(page, "#diff-gained"), /United Kingdom/);
  assert.match(await text(page, "#diff-lost"), /Argentina/);
  // Nothing changes before Save: the dial pad still enforces the saved policy.
  await dial(page, "+44 20 7946 0000");
  await expectVerdict(page, "blocked", "bad");

  // Undo puts the draft back.
  await page.click("#tab-settings");
  await page.click("#import-undo");
  assert.equal(await page.isChecked('#region-rows input[data-entry="AR"]'), true);
  assert.equal(await text(page, "#dirty-pill"), "Saved");
  assert.equal(await page.inputValue("#f-home"), "MX");

  // Imported again and saved, it is enforced.
  await importPolicy(page, "uk.json", JSON.stringify({ homeRegion: "US", allow: ["GB", "CA"], sharedCodes: "by-region" }));
  await waitUntil(page, () => !document.getElementById("btn-save").disabled, null, "the imported draft can be saved");
  await page.click("#btn-save");
  await dial(page, "011 44 20 7946 0000");
  await expectVerdict(page, "allowed", "ok");
});

test("policy file: a bad file shows the DialguardError with its path and keeps the policy", async (t) => {
  const page = await open(t);
  await toggleRegion(page, "Canada", "CA"); // an unsaved draft, kept too
  const cases = [
    { file: JSON.stringify({ homeRegion: "MX", allow: ["AR", "XX"] }), code: "unknown-region", path: "allow[1]", message: /^Allowed entry 2: unknown region "XX"/ },
    { file: JSON.stringify({ homeRegion: "MX", alow: ["AR"] }), code: "unknown-key", path: "alow", message: /^“alow” is not a setting$/ },
    { file: "{ not json", code: "syntax-error", path: "", message: /^Invalid JSON/ },
    { file: '{"homeRegion": "MX", "allow": ["AR"], "allow": ["US"]}', code: "duplicate-key", path: "allow", message: /^Allowed destinations: given twice/ },
  ];
  for (const c of cases) {
    await importPolicy(page, "bad.json", c.file);
    await waitUntil(
      page,
      (code) => document.querySelector("#import-error .config-error-message")?.dataset.code === code,
      c.code,
      `importing ${c.file} shows the ${c.code} error`,
      () => document.getElementById("import-error").textContent,
    );
    assert.equal(await page.getAttribute("#import-error .config-error-message", "data-path"), c.path);
    assert.match(await text(page, "#import-error .config-error-message"), c.message);
    assert.match(await text(page, "#import-error"), /bad\.json was not imported/);
    assert.equal(await page.getAttribute("#import-error", "role"), "alert", "the error is announced");
    assert.equal(await page.isChecked('#region-rows input[data-entry="CA"]'), true, "the draft is kept");
    assert.equal(await page.isChecked('#region-rows input[data-entry="AR"]'), true);
  }
  await page.click("#btn-revert");
  const { text: exported } = await exportPolicy(page);
  assert.deepEqual(JSON.parse(exported).allow, ["AR"], "the saved policy is unchanged");
  assert.equal(await page.isHidden("#import-error"), true, "a later export clears the error");
});

// ──────────────────────── Names and bulk toggles ────────────────────────

test("names: a German browser sees one language (the page's English), and search finds German names too", async (t) => {
  const page = await open(t, { locale: "de-DE" });
  const row = page.locator('#region-rows tr[data-entry="DE"]');
  assert.equal(await row.locator(".region-name").textContent(), "Germany");
  assert.equal(await page.getAttribute('#region-rows input[data-entry="DE"]', "aria-label"), "Allow Germany (+49)");
  const first = async (query) => {
    await page.fill("#f-search", query);
    return page.locator("#region-rows tr").first().getAttribute("data-entry");
  };
  assert.equal(await first("Deutschland"), "DE", "the German name");
  assert.equal(await first("Germany"), "DE", "the English name (searchRegions)");
  assert.equal(await first("deutsch"), "DE");
  assert.equal(await first("Österreich"), "AT");
  assert.equal(await first("osterreich"), "AT", "accents folded");
  assert.equal(await first("US"), "US", "an ISO code comes first (not Usbekistan)");
  assert.equal(await first("+49"), "DE");
  assert.equal(await first("881"), "+881", "a non-geographic code keeps its catalog name");
  assert.equal(await text(page, '#region-rows tr[data-entry="+881"] .region-name'), "Global Mobile Satellite System");
  assert.match(await text(page, "#f-home"), /Mexico \(MX, \+52\)/, "the home region select too");
  // The preview names regions in the page's language too, whatever was searched.
  await toggleRegion(page, "Kanada", "CA");
  await waitUntil(page, () => /Canada/.test(document.getElementById("diff-gained")?.textContent ?? ""), null, "the preview says Canada", () =>
    document.getElementById("diff").textContent,
  );
  // Nothing on the screen is German: the names of the catalog's regions in German are nowhere.
  const german = await page.evaluate(() => {
    const names = new Intl.DisplayNames(["de"], { type: "region" });
    const shown = document.body.innerText;
    return ["DE", "AT", "MX", "CA", "US", "JM", "AR"].map((r) => names.of(r)).filter((n) => shown.includes(n));
  });
  assert.deepEqual(german, [], "German names shown on an English screen");
});


test("bulk: Allow all shown and Block all shown edit the draft for the filtered rows, with Undo", async (t) => {
  const page = await open(t);
  await page.fill("#f-search", "guinea");
  const entries = await page.locator("#region-rows input[data-entry]").evaluateAll((boxes) => boxes.map((b) => b.dataset.entry));
  assert.ok(entries.length >= 4, `several rows match “guinea”: ${entries}`);
  assert.equal(await text(page, "#btn-allow-shown"), `Allow all ${entries.length} shown`);
  assert.equal(await page.isDisabled("#btn-block-shown"), true, "nothing shown is allowed: nothing to block");

  await page.click("#btn-allow-shown");
  for (const entry of entries) assert.equal(await page.isChecked(`#region-rows input[data-entry="${entry}"]`), true, `${entry} is switched on`);
  assert.match(await text(page, "#bulk-status"), new RegExp(`Allowed ${entries.length} more destinations in the draft`));
  assert.equal(await page.isDisabled("#btn-allow-shown"), true);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "bulk-undo", "focus moves to Undo once the button has nothing left to do");
  await waitUntil(
    page,
    (n) => document.querySelectorAll("#diff-gained .dest").length === n,
    entries.length,
    "the preview lists every row allowed",
    () => document.getElementById("diff").textContent,
  );
  assert.equal(await text(page, "#dirty-pill"), "Unsaved changes");
  await page.keyboard.press("Enter"); // Undo, from the keyboard
  for (const entry of entries) assert.equal(await page.isChecked(`#region-rows input[data-entry="${entry}"]`), false, `${entry} is off again`);
  assert.equal(await text(page, "#dirty-pill"), "Saved", "Undo restores the draft");
  assert.equal(await page.isHidden("#bulk-undo"), true);

  // Block all shown, with the Allowed filter: every switch off; a row still covered through another entry is named.
  await page.fill("#f-search", "");
  await toggleRegion(page, "Canada", "CA");
  await toggleRegion(page, "Jamaica", "JM");
  await page.fill("#f-search", "jamaica");
  assert.equal(await text(page, "#btn-block-shown"), "Block the one shown");
  await page.click("#btn-block-shown");
  assert.equal(await page.isChecked('#region-rows input[data-entry="JM"]'), false);
  assert.match(await text(page, "#bulk-status"), /Still allowed through other entries: Jamaica \(Canada\)/, "together mode: Canada still allows Jamaica");
  assert.match(await text(page, '#region-rows tr[data-entry="JM"] .row-badges'), /Allowed with Canada/);
  await page.fill("#f-search", "");
  await page.selectOption("#f-filter", "allowed");
  const allowed = await page.locator("#region-rows input[data-entry]").count();
  assert.ok(allowed > 2, `Canada's +1 partners are listed as allowed (${allowed})`);
  await page.click("#btn-block-shown");
  assert.match(await text(page, "#region-rows"), /Nothing to show with this filter/, "nothing is allowed any more");
  await page.selectOption("#f-filter", "all");
  assert.deepEqual(
    await page.locator("#region-rows input[data-entry]:checked").evaluateAll((boxes) => boxes.map((b) => b.dataset.entry)),
    [],
    "every switch is off",
  );
  await waitUntil(page, () => !!document.querySelector('#lint li[data-code="nothing-allowed"]'), null, "the lint says nothing is allowed", () =>
    document.getElementById("lint").textContent,
  );
  // Any other edit ends the Undo.
  assert.equal(await page.isVisible("#bulk-undo"), true);
  await page.check("#f-letters");
  assert.equal(await page.isHidden("#bulk-undo"), true);
  assert.equal(await text(page, "#bulk-status"), "");
});

test("groups: continents and subregions (CLDR) filter the table, each with a count, and allow all in a group", async (t) => {
  const page = await open(t);
  await page.click("#tab-settings");
  const options = await page.evaluate(() => [...document.querySelectorAll("#f-group option")].map((o) => [o.value, o.textContent.trim()]));
  assert.deepEqual(options.slice(0, 2), [["", "Every continent"], ["019", "Americas (1 of 55 allowed)"]], "a continent counts its regions and the allowed ones");
  assert.ok(options.some(([code, label]) => code === "029" && /^Caribbean \(\d+\)$/.test(label)), "a subregion too");
  await page.selectOption("#f-group", "013");
  const rows = await page.evaluate(() => [...document.querySelectorAll("#region-rows tr")].map((tr) => tr.dataset.entry));
  assert.deepEqual(rows.sort(), ["BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"], "Central America's regions");
  assert.equal(await text(page, "#btn-allow-shown"), "Allow all 8 in Central America");
  await page.click("#btn-allow-shown");
  await waitUntil(page, () => /Central America \(8 of 8 allowed\)/.test(document.querySelector('#f-group option[value="013"]').textContent), null, "the group's count follows");
  const allowed = await page.evaluate(() => JSON.parse(localStorage.getItem("dialguard-demo:draft")).allow);
  assert.ok(["BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"].every((r) => allowed.includes(r)), `the draft allows them: ${allowed}`);
});

test("table: each row says what the allow list covers of it (a calling code, a range, protection off)", async (t) => {
  const page = await open(t);
  const badge = (entry) => text(page, `#region-rows tr[data-entry="${entry}"] .row-badges`);
  await page.fill("#f-range", "+44");
  await page.press("#f-range", "Enter");
  await page.fill("#f-range", "+1876");
  await page.press("#f-range", "Enter");
  await waitUntil(page, () => /Allowed by \+44/.test(document.querySelector('#region-rows tr[data-entry="GG"] .row-badges').textContent), null, "+44 covers Guernsey", () =>
    document.getElementById("allow-count").textContent,
  );
  for (const entry of ["GB", "JE", "IM"]) assert.equal(await badge(entry), "Allowed by +44", `${entry} is covered by +44`);
  assert.equal(await badge("JM"), "Partly: +1876");
  assert.equal(await badge("US"), "", "+1876 reaches Jamaica alone");
  assert.equal(await page.isChecked('#region-rows input[data-entry="GB"]'), false, "a row covered by another entry keeps its own switch off");
  assert.match(await text(page, "#allow-count"), /1 destination allowed · 5 more through shared codes, calling codes or ranges/);
  await page.selectOption("#f-filter", "allowed");
  assert.deepEqual(
    (await page.locator("#region-rows tr").evaluateAll((rows) => rows.map((r) => r.dataset.entry))).sort(),
    ["AR", "GB", "GG", "IM", "JE", "JM"],
    "the Allowed filter shows what the allow list covers",
  );
  await page.uncheck("#f-enabled");
  await waitUntil(page, () => /Protection is off/.test(document.getElementById("allow-count").textContent), null, "protection off allows everything", () =>
    document.getElementById("allow-count").textContent,
  );
  assert.equal(await page.locator("#region-rows tr").count(), catalogSize, "protection off: every row is allowed");
});

// ──────────────────────────── Number types ────────────────────────────

/** The types blockNumberTypes takes, from js/types.d.ts (NumberType without the one that is two). */
function blockableTypes() {
  const dts = readFileSync(path.join(root, "js", "types.d.ts"), "utf8");
  const union = dts.match(/export type NumberType = ([^;]+);/);
  assert.ok(union, "js/types.d.ts declares NumberType");
  return [...union[1].matchAll(/"([a-z-]+)"/g)].map((m) => m[1]).filter((t) => t !== "fixed-line-or-mobile");
}

const typeCard = () =>
  [...document.querySelectorAll("#type-list li")].map((li) => ({
    type: li.dataset.type,
    checked: li.querySelector("input").checked,
    recommended: li.dataset.recommended === "true",
    example: li.querySelector(".type-example").textContent,
  }));

test("number types: a switch per type with its example range, the recommended set marked, the lint's fix one click away", async (t) => {
  const page = await open(t);
  const card = await page.evaluate(typeCard);
  assert.deepEqual(card.map((c) => c.type).sort(), blockableTypes().sort(), "one switch per type blockNumberTypes takes");
  assert.ok(card.every((c) => !c.checked), "the default policy blocks no type");
  for (const c of card) {
    assert.equal(await page.locator(`label[for="f-type-${c.type}"]`).count(), 1, `the ${c.type} switch has a label`);
    assert.match(c.example, /\+\d+ \d*…/, `${c.type} shows a range from the data: ${c.example}`);
  }
  // The recommended set is what the engine's lint asks for when every type is allowed somewhere.
  const probe = new pkg.DialPolicy({ internationalPrefixes: ["00"], allow: pkg.regions().filter((r) => r.kind === "geographic").map((r) => r.region) });
  const advised = probe.lint().find((w) => w.code === "number-types-not-blocked")?.fix.blockNumberTypes;
  probe.free();
  assert.ok(advised?.includes("premium-rate"), `the lint advises blocking premium rate: ${advised}`);
  assert.deepEqual(card.filter((c) => c.recommended).map((c) => c.type).sort(), [...advised].sort(), "the card marks the lint's set");
  assert.match(card.find((c) => c.type === "premium-rate").example, /Argentina: \+54 6/, "an example in an allowed destination first");
  // The default policy allows Argentina's premium-rate numbers: the card offers the lint's fix too.
  assert.equal(await text(page, "#btn-types-fix"), "Block premium rate, as the policy check advises");
  await page.click("#btn-types-fix");
  assert.equal(await page.isChecked("#f-type-premium-rate"), true, "the card's fix switches premium rate on");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "f-type-premium-rate", "and focuses it");
  assert.equal(await page.isHidden("#types-fix"), true, "nothing left to fix");
  await page.click('label[for="f-type-premium-rate"]');
  assert.equal(await page.isVisible("#types-fix"), true, "switched off again, the fix is offered again");

  // Allowing the United Kingdom: the lint warns about its premium-rate and personal numbers; its fix switches them on.
  await toggleRegion(page, "united kingdom", "GB");
  const warning = page.locator('#lint li[data-code="number-types-not-blocked"]');
  await waitUntil(
    page,
    () => /United Kingdom 90…/.test(document.querySelector('#lint li[data-code="number-types-not-blocked"]')?.textContent ?? ""),
    null,
    "the lint names the UK's premium-rate range",
    () => document.getElementById("lint").textContent,
  );
  assert.equal(await warning.locator("button").textContent(), "Block premium rate and personal numbers");
  await warning.locator("button").click();
  await waitUntil(page, () => !document.querySelector('#lint li[data-code="number-types-not-blocked"]'), null, "the fix clears the warning", () =>
    document.getElementById("lint").textContent,
  );
  assert.deepEqual((await page.evaluate(typeCard)).filter((c) => c.checked).map((c) => c.type).sort(), ["personal-number", "premium-rate"]);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "f-type-premium-rate", "focus moves to the switch the fix turned on");
  assert.equal(await text(page, "#types-count"), "2 of 11 types blocked");
  assert.equal(await page.isHidden("#types-fix"), true);

  // The table and the preview say what is blocked within a destination.
  assert.equal(await text(page, '#region-rows tr[data-entry="GB"] .row-badges'), "Allowed, except premium rate and personal numbers");
  // The preview: the UK's types are part of its being gained; Argentina, saved already, loses its premium-rate numbers.
  await waitUntil(
    page,
    () => /^Saving would allow 4 destinations: all of \+44 and block premium rate in 1 destination\./.test(document.getElementById("diff").textContent),
    null,
    "the preview counts the destinations opened and the type tiers closed",
    () => document.getElementById("diff").textContent,
  );
  assert.match(await text(page, "#diff-types-lost"), /^Premium rateArgentina \(\+54\)$/);

  // A switch of the card edits the draft like any field; the engine's config says so.
  await page.click('label[for="f-type-shared-cost"]');
  await page.click("#btn-save");
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("dialguard-demo:saved-policy")));
  assert.deepEqual([...saved.blockNumberTypes].sort(), ["personal-number", "premium-rate", "shared-cost"]);
});

test("dial pad: a premium-rate number is blocked by the number-type rule in an allowed country; a London number is allowed", async (t) => {
  const page = await open(t);
  await toggleRegion(page, "united kingdom", "GB");
  await page.check("#f-type-premium-rate");
  await page.click("#btn-save");

  await dial(page, "+44 8");
  await expectVerdict(page, "incomplete", "wait");
  await dial(page, "+44 909 876 5432");
  await expectVerdict(page, "blocked", "bad");
  assert.equal(await page.isDisabled("#btn-call"), true, "Call is disabled for a type-blocked dial");
  assert.match(await text(page, "#verdict-reason"), /^Premium rate: blocked by the number-type rule\. Calls to \+44 .* are allowed, but the policy blocks premium-rate numbers there/);
  assert.match(await text(page, "#verdict-reason"), /switch off “Premium rate” under Settings › Number types/);
  assert.match(await text(page, "#explain"), /Number type\s*Premium rate, blocked by the number-type rule \(premium rate blocked\)/);
  assert.match(await text(page, "#policy-summary"), /Blocking premium rate/);
  // Red from the digit that decides it: +44 90 can only be premium rate.
  await dial(page, "+44 90");
  await expectVerdict(page, "blocked", "bad");

  await dial(page, "+44 20 7946 0000");
  await expectVerdict(page, "allowed", "ok");
  assert.match(await text(page, "#explain"), /Number type\s*Fixed line/, "the dial pad says the type of an allowed number too");
});

// ───────────────────────────── Screenshot ─────────────────────────────

const SCREENSHOT_BUDGET = 200 * 1024;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG", "a PNG file");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** The README's pictures of the demo: the default page, and the dial pad at phone width. */
const SCREENSHOTS = [
  { name: "demo.png", viewport: { width: 1280, height: 800 }, what: "the default page" },
  { name: "demo-phone.png", viewport: { width: 390, height: 844 }, what: "the dial pad at phone width, a number typed", dial: "+52 55 1234 5678" },
];

for (const shot of SCREENSHOTS) {
  test(`screenshot: ${shot.what}, as the README shows it (docs/${shot.name}, under 200 KB; npm run screenshot refreshes it)`, async (t) => {
    const page = await open(t, { viewport: shot.viewport });
    if (shot.dial) {
      await page.click("#tab-dialpad");
      await page.fill("#dial-input", shot.dial);
      await waitUntil(page, () => document.getElementById("dial-reason").textContent !== "", null, "the verdict shows");
    }
    const fresh = path.join(root, "target", shot.name);
    const committedPath = path.join(root, "docs", shot.name);
    mkdirSync(path.dirname(fresh), { recursive: true });
    await page.screenshot({ path: fresh, animations: "disabled", caret: "hide" });
    const size = statSync(fresh).size;
    assert.ok(size < SCREENSHOT_BUDGET, `the screenshot is ${size} bytes, over ${SCREENSHOT_BUDGET}`);
    if (process.env.DIALGUARD_UPDATE_SCREENSHOT === "1") copyFileSync(fresh, committedPath);
    assert.ok(existsSync(committedPath), `docs/${shot.name} is committed (npm run screenshot writes it)`);
    const committed = readFileSync(committedPath);
    assert.ok(committed.length < SCREENSHOT_BUDGET, `docs/${shot.name} is ${committed.length} bytes, over ${SCREENSHOT_BUDGET}`);
    assert.deepEqual(pngSize(committed), pngSize(readFileSync(fresh)), `docs/${shot.name} has the size of the page's screenshot`);
    assert.ok(readFileSync(path.join(root, "README.md"), "utf8").includes(`](docs/${shot.name})`), "the README shows it");
  });
}

// ───────────── The page's state module, in Node with the built package ─────────────

/** www/state.js over a DialPolicy that counts the policies compiled and freed. */
async function countedState(options) {
  const { createState } = await import(pathToFileURL(path.join(root, "www", "state.js")).href);
  const counts = { compiled: 0, freed: 0, live: new Set() };
  class DialPolicy extends pkg.DialPolicy {
    constructor(config) {
      super(config);
      counts.compiled++;
      counts.live.add(this);
    }
    free() {
      assert.ok(counts.live.delete(this), "a policy is freed once, and only one that was made");
      counts.freed++;
      super.free();
    }
  }
  const stored = [];
  const persist = { saved: (c) => stored.push(["saved", c]), draft: (d) => stored.push(["draft", d]), callLog: (l) => stored.push(["callLog", l]) };
  const state = createState({ DialPolicy, DialguardError: pkg.DialguardError, allowEntryReach: pkg.allowEntryReach, suggestPrefixes: pkg.suggestPrefixes }, { persist, ...options });
  return { state, counts, stored };
}

test("state: the draft is compiled once per new config text, and a replaced policy is freed", async () => {
  const { state, counts } = await countedState({ saved: { homeRegion: "MX", allow: ["AR"] } });
  assert.equal(counts.compiled, 1, "the saved policy; the draft starts as it, not compiled again");
  assert.equal(state.compiled.policy, state.saved.policy);
  const heard = [];
  state.subscribe((changes) => heard.push(changes));

  state.edit((d) => d.allow.push("CA"));
  assert.equal(counts.compiled, 2, "one compile for the edit");
  assert.deepEqual(heard.at(-1), { draft: true });
  assert.deepEqual(state.compiled.config.allow, ["AR", "CA"]);
  assert.equal(state.dirty, true);
  const lint = state.lint();
  const diff = state.diff();
  assert.equal(state.lint(), lint, "lint is derived once per change, whoever asks");
  assert.equal(state.diff(), diff, "so is the diff");
  assert.deepEqual(lint.map((w) => w.code), state.compiled.policy.lint().map((w) => w.code));
  assert.deepEqual(diff.gained.map((g) => g.callingCode), ["1"]);

  state.edit((d) => (d.accessCodesText = d.accessCodesText)); // the same config text
  assert.equal(counts.compiled, 2, "an edit that changes no config text compiles nothing");
  state.edit((d) => d.allow.push("GB"));
  assert.equal(counts.compiled, 3);
  assert.equal(counts.freed, 1, "the draft's previous policy is freed when replaced");
  assert.notEqual(state.lint(), lint, "lint follows the new draft");

  state.edit((d) => (d.accessCodesText = "9a"));
  assert.equal(state.compiled.policy, null);
  assert.equal(state.compiled.error.path, "accessCodes[0]", "an invalid draft keeps the engine's error");
  assert.equal(state.lint(), null);
  assert.equal(state.diff(), null);
  assert.equal(state.save(), false, "an invalid draft cannot be saved");
  assert.equal(counts.freed, 2);

  state.edit((d) => (d.accessCodesText = ""));
  const draftPolicy = state.compiled.policy;
  const before = counts.compiled;
  assert.equal(state.save(), true);
  assert.equal(counts.compiled, before, "Save keeps the draft's policy: no compile");
  assert.equal(state.saved.policy, draftPolicy);
  assert.equal(state.compiled.policy, draftPolicy, "after Save the draft is the saved policy");
  assert.equal(state.dirty, false);
  assert.deepEqual(heard.at(-1), { saved: true, draft: true });

  state.edit((d) => (d.enabled = false));
  state.revert();
  assert.equal(state.compiled.policy, state.saved.policy, "Revert reuses the saved policy");
  assert.equal(counts.live.size, 1, "only the saved policy is alive");
});

test("state: a draft edited back to the saved policy's settings is the saved policy again, its lint and coverage kept", async () => {
  const { state, counts } = await countedState({ saved: { homeRegion: "MX", allow: ["AR"] } });
  const lint = state.lint();
  const coverage = state.coverage();
  state.edit((d) => d.allow.push("CA"));
  assert.equal(counts.compiled, 2);
  assert.notEqual(state.lint(), lint);
  state.edit((d) => (d.allow = d.allow.filter((e) => e !== "CA")));
  assert.equal(counts.compiled, 2, "switching Canada off again compiles nothing");
  assert.equal(state.compiled.policy, state.saved.policy);
  assert.equal(counts.freed, 1, "the draft's policy with Canada is freed");
  assert.equal(state.dirty, false);
  assert.equal(state.lint(), lint, "the saved policy's lint is not asked again");
  assert.equal(state.coverage(), coverage, "nor its coverage");
  assert.deepEqual(state.diff().changes, [], "and saving would change nothing");
});

test("state: import goes to the draft (undoable), a bad file is refused with its path, export is the saved toJSON", async () => {
  const { state, stored } = await countedState({ saved: { homeRegion: "MX", allow: ["AR"] } });
  state.edit((d) => d.allow.push("CA"));
  const draft = state.draft;
  for (const [file, code, where] of [
    ['{"homeRegion": "MX", "allow": ["XX"]}', "unknown-region", "allow[0]"],
    ["[1, 2]", "wrong-type", ""],
    ["{", "syntax-error", ""],
    ['{"homeRegion": "MX", "homeRegion": "US"}', "duplicate-key", "homeRegion"],
  ]) {
    const error = state.importText(file);
    assert.equal(error?.code, code, file);
    assert.equal(error.path, where);
    assert.equal(state.draft, draft, "a refused file leaves the draft as it was");
  }
  assert.equal(state.importText(JSON.stringify({ homeRegion: "US", allow: ["gb"] })), null);
  assert.deepEqual(state.compiled.config.allow, ["GB"], "the draft is the imported policy, normalized");
  assert.deepEqual(state.saved.config.allow, ["AR"], "the saved policy is unchanged until Save");
  assert.equal(state.undoPoint.label, "import");
  assert.equal(state.undo(), "import");
  assert.deepEqual(state.compiled.config.allow, ["AR", "CA"], "Undo brings the draft back");
  assert.equal(state.undoPoint, null);

  assert.equal(state.exportText(), `${JSON.stringify(state.saved.policy.toJSON(), null, 2)}\n`);
  assert.deepEqual(stored.at(-1), ["draft", state.draft], "every change of the draft is kept");
});

test("store: settings the form has no field for ride along in the draft", async () => {
  const { configToDraft, draftToConfig, sanitizeDraft } = await import(pathToFileURL(path.join(root, "www", "store.js")).href);
  const config = { homeRegion: "GB", allow: ["GB"], someFutureSetting: ["premium-rate"] };
  const draft = configToDraft(config);
  assert.deepEqual(draft.extra, { someFutureSetting: ["premium-rate"] });
  assert.deepEqual(draftToConfig(draft).someFutureSetting, ["premium-rate"]);
  assert.deepEqual(sanitizeDraft(JSON.parse(JSON.stringify(draft))), draft, "and survive a reload");
});

test("store: blockNumberTypes is a field of the draft, and a lint fix patches only the keys it sets", async () => {
  const { configToDraft, draftToConfig, patchDraft, sanitizeDraft } = await import(pathToFileURL(path.join(root, "www", "store.js")).href);
  const draft = configToDraft({ homeRegion: "GB", allow: ["GB"], blockNumberTypes: ["premium-rate"], someFutureSetting: 1 });
  assert.deepEqual(draft.blockNumberTypes, ["premium-rate"]);
  assert.deepEqual(draft.extra, { someFutureSetting: 1 }, "not an extra key any more");
  draft.accessCodesText = "9, 8"; // as typed, not yet normalized
  patchDraft(draft, { blockNumberTypes: ["premium-rate", "personal-number"] });
  assert.deepEqual(draft.blockNumberTypes, ["premium-rate", "personal-number"]);
  assert.equal(draft.accessCodesText, "9, 8", "the other fields stay as typed");
  patchDraft(draft, { someFutureSetting: 2 });
  assert.deepEqual(draft.extra, { someFutureSetting: 2 });
  const config = draftToConfig(draft);
  assert.deepEqual(config.blockNumberTypes, ["premium-rate", "personal-number"]);
  const { someFutureSetting, ...known } = config;
  assert.equal(someFutureSetting, 2);
  assert.doesNotThrow(() => new pkg.DialPolicy(known).free(), "the engine takes the draft's config");
  assert.deepEqual(sanitizeDraft({ ...draft, blockNumberTypes: ["mobile", 7] }).blockNumberTypes, ["mobile"], "a stored draft keeps only strings");
});
