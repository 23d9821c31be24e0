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
import { existsSync, readFileSync } from "node:fs";
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
  const pkg = await import(pathToFileURL(path.join(root, "pkg", "node.mjs")).href);
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

/** A fresh browser context (empty localStorage) with the demo loaded. */
async function open(t, { hash = "" } = {}) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: "light" });
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
  await page.locator("#dial-input").pressSequentially("0 54 11 1234 5678");
  await expectVerdict(page, "allowed", "ok");
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
  assert.match(await text(page, "#err-national"), /^judgeNationalDialing: /);
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
  assert.match(await text(page, "#err-access"), /^accessCodes\[0\]: /, "the message names the field");
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
  await expectVerdict(page, "allowed", "ok");
  await page.keyboard.press("Enter");
  assert.match(await text(page, "#call-status"), /Calling 0054/, "Enter places the call");

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
