// The softphone view: a number field and a keypad, judged on every
// keystroke by the saved policy (state.saved).
import { $, h, icon, say } from "./dom.js";
import {
  codePointLabel,
  describeChar,
  entryName,
  formatCount,
  isInvisible,
  listText,
  numberTypeName,
  numberTypesText,
  postDialText,
  readingParts,
  reasonSentence,
  regionName,
  regionsText,
  VALIDITY_WORDS,
  verdictDisplay,
} from "./text.js";

const EXAMPLES = [
  { value: "00 54 11 1234 5678", label: "00 54 11 1234 5678", hint: "Argentina via 00" },
  { value: "+52 55 1234 5678", label: "+52 55 1234 5678", hint: "Mexico in E.164" },
  { value: "00 1 876 555 0123", label: "00 1 876 555 0123", hint: "Jamaica, a +1 Caribbean code" },
  { value: "1 876 555 0123", label: "1 876 555 0123", hint: "Jamaica in national format, as dialed from the US" },
  { value: "+1 416 555 0123", label: "+1 416 555 0123", hint: "Toronto, Canada" },
  { value: "+44 909 876 5432", label: "+44 909 876 5432", hint: "A premium-rate number in the United Kingdom" },
  { value: "tel:+44-20-7946-0000;ext=12", label: "tel:+44-20-7946-0000;ext=12", hint: "A tel: URI with an extension" },
  { value: "00\u202E54", label: "00 ‹U+202E› 54", hint: "A bidi-control trick: looks like 0045" },
  { value: "09٥٤١١١٢٣٤٥٦٧٨", label: "09٥٤١١١٢٣٤٥٦٧٨", hint: "Arabic-Indic digits after Mexico's other prefix, 09" },
  { value: "55 1234 5678", label: "55 1234 5678", hint: "A national number" },
  { value: "0054$11", label: "0054$11", hint: "A stray symbol" },
];

/** The visible form of a character in the mirror (invisible ones get a badge). */
function mirrorChar(ch, { bad, position }) {
  const cp = ch.codePointAt(0);
  const invisible = isInvisible(cp);
  const attrs = {
    class: ["mchar", invisible ? "mchar-hidden" : "", ch === " " ? "mchar-space" : ""].filter(Boolean).join(" "),
    title: invisible ? describeChar(ch) : undefined,
  };
  const text = invisible ? codePointLabel(cp) : ch === " " ? "\u00a0" : ch;
  if (bad) {
    return h("mark", { ...attrs, class: `${attrs.class} offender`, dataset: { position: String(position) }, title: describeChar(ch) }, text);
  }
  return h("span", attrs, text);
}

export function setupDialpad({ state, api }) {
  const el = {
    panel: $("panel-dialpad"),
    input: $("dial-input"),
    clear: $("dial-clear"),
    back: $("dial-back"),
    call: $("btn-call"),
    callStatus: $("call-status"),
    verdict: $("verdict"),
    verdictIcon: $("verdict-icon"),
    verdictTitle: $("verdict-title"),
    verdictReason: $("verdict-reason"),
    verdictNote: $("verdict-note"),
    dialBox: $("dialstring-box"),
    dialString: $("dialstring"),
    explain: $("explain"),
    mirrorBox: $("mirror-box"),
    mirror: $("mirror"),
    mirrorLabel: $("mirror-label"),
    mirrorSelect: $("mirror-select"),
    summary: $("policy-summary"),
    dialStatus: $("dial-status"),
    dialReason: $("dial-reason"),
    examples: $("examples"),
    keypad: document.querySelector(".keypad"),
  };
  let last = null; // the last decision, for the Call button
  let badRange = null; // [start, end) of the offending character in the input
  // ── Typing ───────────────────────────────────────────────────────────
  el.input.addEventListener("input", () => {
    say(el.callStatus, "");
    update();
  });
  el.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (!el.call.disabled) placeCall();
    } else if (event.key === "Escape" && el.input.value) {
      event.preventDefault();
      setValue("");
    }
  });

  // A dial key typed with focus anywhere else on the dial pad (a keypad button, Call) goes into the number.
  el.panel.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[0-9*#+]$/.test(event.key)) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    el.input.focus();
    insert(event.key);
  });

  /** Inserts text at the caret (or over the selection), as typing would. */
  function insert(text) {
    const { value } = el.input;
    const start = el.input.selectionStart ?? value.length;
    const end = el.input.selectionEnd ?? value.length;
    el.input.value = value.slice(0, start) + text + value.slice(end);
    const caret = start + text.length;
    el.input.setSelectionRange(caret, caret);
    say(el.callStatus, "");
    update();
  }

  function setValue(value) {
    el.input.value = value;
    el.input.setSelectionRange(value.length, value.length);
    say(el.callStatus, "");
    update();
  }

  el.keypad.addEventListener("click", (event) => {
    const key = event.target.closest("button[data-key]");
    if (key) insert(key.dataset.key);
  });
  el.back.addEventListener("click", () => {
    const { value } = el.input;
    let start = el.input.selectionStart ?? value.length;
    const end = el.input.selectionEnd ?? value.length;
    if (start === end) {
      if (start === 0) return;
      // Delete one whole character (a surrogate pair counts as one).
      start -= start >= 2 && /[\uDC00-\uDFFF]/.test(value[start - 1]) && /[\uD800-\uDBFF]/.test(value[start - 2]) ? 2 : 1;
    }
    el.input.value = value.slice(0, start) + value.slice(end);
    el.input.setSelectionRange(start, start);
    say(el.callStatus, "");
    update();
  });
  el.clear.addEventListener("click", () => {
    setValue("");
    el.input.focus();
  });
  el.call.addEventListener("click", placeCall);
  el.mirrorSelect.addEventListener("click", () => {
    if (!badRange) return;
    el.input.focus();
    el.input.setSelectionRange(badRange[0], badRange[1]);
  });

  for (const example of EXAMPLES) {
    el.examples.append(
      h(
        "button",
        {
          type: "button",
          class: "chip chip-example",
          title: example.hint,
          "aria-label": `Try ${example.hint}: ${example.label}`,
          onclick: () => {
            setValue(example.value);
            el.input.focus();
          },
        },
        h("span", { class: "mono", dir: "ltr" }, example.label),
      ),
    );
  }

  function placeCall() {
    if (!last || !(last.verdict === "allowed" || last.verdict === "not-international")) return;
    const dialed = last.dialString + (last.postDial ?? "");
    say(
      el.callStatus,
      last.verdict === "allowed"
        ? `Calling ${dialed}… (a demo: no call is placed). Added to the call log in Settings.`
        : `Handing ${dialed} to the PBX's outbound routes… (a demo: no call is placed). Added to the call log in Settings.`,
    );
    state.appendCallLog(el.input.value.trim());
  }

  // ── Rendering a decision ─────────────────────────────────────────────
  function update() {
    const value = el.input.value;
    if (value === "") {
      last = null;
      renderIdle();
      return;
    }
    const decision = state.saved.policy.check(value);
    last = decision;
    render(decision, value);
  }

  function renderIdle() {
    el.verdict.dataset.tone = "idle";
    el.verdict.dataset.verdict = "";
    el.verdictIcon.replaceChildren(icon("info"));
    el.verdictTitle.textContent = "Enter a number";
    el.verdictReason.textContent = "Type or tap a number: it is checked on every keystroke.";
    say(el.verdictNote, "");
    el.dialBox.hidden = true;
    el.mirrorBox.hidden = true;
    badRange = null;
    el.explain.replaceChildren(
      h("div", { class: "explain-empty" }, h("p", { class: "muted" }, "The prefix, calling code, destination and matching rule appear here.")),
    );
    el.call.disabled = true;
    el.input.removeAttribute("aria-invalid");
    el.input.dataset.tone = "idle";
    el.dialStatus.dataset.tone = "idle";
    el.dialStatus.textContent = "";
    el.dialReason.textContent = "";
  }

  function render(d, value) {
    const display = verdictDisplay(d);
    const config = state.saved.config;
    const prefixes = config.internationalPrefixes ?? state.prefixesOf(config.homeRegion);
    const policy = state.saved.policy;
    const blocking = d.numberType === undefined ? [] : policy.typesBlocking(d.numberType);
    el.verdict.dataset.tone = display.tone;
    el.verdict.dataset.verdict = d.verdict;
    el.verdict.dataset.reason = d.reason;
    el.verdictIcon.replaceChildren(icon(display.icon));
    el.verdictTitle.textContent = display.title;
    el.verdictReason.textContent = reasonSentence(d, {
      dialed: value,
      prefixes,
      plus: config.plusIsInternational,
      home: config.homeRegion,
      blocked: config.blockNumberTypes,
      blocking,
      sharedCodes: config.sharedCodes,
    });
    el.input.dataset.tone = display.tone;
    // A compact copy of the verdict and its reason under the field, for small
    // screens where the verdict card is below the keypad (hidden from screen
    // readers: the card is live).
    el.dialStatus.dataset.tone = display.tone;
    el.dialStatus.textContent = display.title;
    el.dialReason.textContent = el.verdictReason.textContent;
    if (d.verdict === "malformed") el.input.setAttribute("aria-invalid", "true");
    else el.input.removeAttribute("aria-invalid");

    let note = "";
    if (d.reason === "domestic") {
      note = "dialguard doesn't judge this call: the PBX's outbound routes decide where it goes.";
    } else if (d.verdict === "not-international") {
      note = "dialguard doesn't judge this call: the PBX's outbound routes decide whether and where it goes.";
      const reach = d.reason === "no-international-prefix" ? policy.nationalReach(value) : undefined;
      if (reach?.regions?.length) {
        note =
          `Not checked, yet dialed like this it reaches ${regionsText(reach.regions, reach.callingCode)}: +${reach.callingCode} is shared with the home region, ${regionName(config.homeRegion)}. ` +
          "Turn on “Judge national-format calls across shared codes” in Settings to check such calls.";
      }
    } else if (d.verdict === "incomplete" && d.canBeAllowed !== false) {
      note = "Not decided yet: more digits will tell.";
    } else if (d.verdict === "allowed" && d.validity === "too-short") {
      note = "Calls to this destination are allowed; the number is not complete yet.";
    } else if (d.verdict === "allowed" && d.validity === "invalid") {
      note = "Calls to this destination are allowed, but no number of it is dialed like this: check the digits.";
    } else if (d.verdict === "malformed") {
      note = "Fail closed: anything that can't be read with certainty as a dial string is refused.";
    }
    say(el.verdictNote, note);

    // Allowed, and a number that can be called: not before it is complete.
    const complete = d.validity === undefined || d.validity === "valid" || d.validity === "valid-may-continue";
    const callable = (d.verdict === "allowed" && complete) || d.verdict === "not-international";
    el.call.disabled = !callable;

    // The canonical digits: what the softphone sends, exactly what was checked.
    el.dialBox.hidden = false;
    el.dialBox.dataset.empty = d.dialString === "" ? "true" : "false";
    el.dialString.replaceChildren(
      d.dialString === ""
        ? h("span", { class: "muted" }, "Nothing: a malformed dial is never sent.")
        : h("span", { class: "mono" }, d.dialString, d.postDial ? h("span", { class: "postdial" }, d.postDial) : null),
    );

    renderMirror(d, value);
    renderExplanation(d, blocking);
  }

  function renderMirror(d, value) {
    const hasInvisible = [...value].some((ch) => isInvisible(ch.codePointAt(0)));
    const position = d.verdict === "malformed" ? d.position : undefined;
    if (position === undefined && !hasInvisible) {
      el.mirrorBox.hidden = true;
      badRange = null;
      return;
    }
    const shown = value.length > 300 ? value.slice(0, 300) : value;
    const parts = [];
    let index = 0;
    badRange = null;
    for (const ch of shown) {
      const bad = position !== undefined && position >= index && position < index + ch.length;
      if (bad) badRange = [index, index + ch.length];
      parts.push(mirrorChar(ch, { bad, position: index }));
      index += ch.length;
    }
    if (value.length > shown.length) parts.push(h("span", { class: "muted" }, ` … ${formatCount(value.length - shown.length)} more`));
    if (position !== undefined && position >= value.length) {
      parts.push(h("mark", { class: "mchar offender offender-end", dataset: { position: String(position) }, title: "The end of the input" }, "⟵ end"));
    }
    el.mirror.replaceChildren(...parts);
    el.mirrorBox.hidden = false;
    el.mirrorBox.dataset.bad = position !== undefined ? "true" : "false";
    el.mirrorLabel.textContent =
      position === undefined
        ? "What was typed, with invisible characters shown:"
        : position >= value.length
          ? `The problem is at the end of the input (position ${position + 1}):`
          : `The problem is character ${position + 1} of ${value.length}:`;
    el.mirrorSelect.hidden = badRange === null;
  }

  function renderExplanation(d, blocking) {
    const config = state.saved.config;
    // Read in national format as a number of the home calling code, judged as a call to where it goes.
    const national = d.nationalFormat && d.callingCode !== undefined;
    const rows = [];
    const add = (term, ...detail) => rows.push(h("div", { class: "explain-row" }, h("dt", {}, term), h("dd", {}, ...detail)));
    if (national) {
      // A national-format dial judged: its prefix, if any, is the national (trunk) prefix.
      add("Dialed as", "National format", h("span", { class: "muted" }, ", without an international prefix"));
      if (d.prefix !== undefined) {
        add("National prefix", h("code", {}, d.prefix), h("span", { class: "muted" }, " read off before the number is judged"));
      }
    }
    if (d.reading) {
      const { what, then } = readingParts(d.reading);
      add("Read as", h("code", {}, d.reading.code), h("span", { class: "muted" }, ` ${what}${then}`));
    } else if (!national && d.prefix !== undefined) {
      add(
        "International prefix",
        h("code", {}, d.prefix),
        h("span", { class: "muted" }, d.prefix === "+" ? " a leading + (E.164)" : " dialed before the calling code"),
      );
    }
    if (d.callingCode !== undefined) {
      const all = d.regions ?? [];
      add(
        "Calling code",
        h("code", {}, `+${d.callingCode}`),
        national ? h("span", { class: "muted" }, ` shared with the home region, ${regionName(config.homeRegion)}`) : null,
      );
      add(
        all.length > 1 ? "Destination (one of)" : "Destination",
        all.length
          ? h(
              "span",
              { class: "explain-regions" },
              all.slice(0, 12).map((r) => h("span", { class: "region-tag", title: r }, `${regionName(r, d.callingCode)}${r === "001" ? "" : ` (${r})`}`)),
              all.length > 12 ? h("span", { class: "muted" }, ` and ${formatCount(all.length - 12)} more`) : null,
            )
          : h("span", { class: "muted" }, "No destination: these numbers are not assigned"),
      );
      add("National number", d.nationalNumber ? h("code", {}, d.nationalNumber) : h("span", { class: "muted" }, "none yet"));
    }
    if (d.numberType !== undefined) {
      add(
        "Number type",
        h("span", { class: blocking.length ? "text-bad" : "", dataset: { type: d.numberType } }, numberTypeName(d.numberType)),
        blocking.length ? h("span", { class: "muted" }, `, blocked by the number-type rule (${numberTypesText(blocking)} blocked)`) : null,
      );
    }
    if (d.validity !== undefined) add("Number", h("span", { dataset: { validity: d.validity } }, VALIDITY_WORDS[d.validity] ?? d.validity));
    if (d.postDial) add("Post-dial", h("code", {}, d.postDial), h("span", { class: "muted" }, ` ${postDialText(d.postDial)}: sent after the call connects, not judged`));
    if (d.rule) {
      add("Allowed by rule", h("code", {}, d.rule), /^[A-Z]{2}$/i.test(d.rule) ? h("span", { class: "muted" }, ` ${regionName(d.rule.toUpperCase())}`) : null);
    }
    if (d.verdict === "incomplete") {
      add("Can still be allowed", h("strong", { class: d.canBeAllowed === false ? "text-bad" : "text-ok" }, d.canBeAllowed === false ? "No" : "Yes"));
    }
    if (d.reason === "domestic") {
      add("Dialed as", "National format", h("span", { class: "muted" }, `, within the home region, ${regionName(config.homeRegion)}`));
    }
    if (d.position !== undefined) add("Position", `character ${d.position + 1} (UTF-16 index ${d.position})`);
    add("Reason code", h("code", {}, d.reason));
    el.explain.replaceChildren(...rows);
  }

  function renderSummary() {
    const c = state.saved.config;
    const prefixes = c.internationalPrefixes ?? state.prefixesOf(c.homeRegion);
    const shownPrefixes = [...(c.plusIsInternational ? ["+"] : []), ...prefixes.slice(0, 4)];
    const morePrefixes = prefixes.length > 4 ? ` +${formatCount(prefixes.length - 4)}` : "";
    const allowNames = c.allow.map(entryName);
    const parts = [
      h(
        "p",
        { class: "summary-line" },
        h("span", { class: c.enabled ? "pill pill-ok" : "pill pill-bad" }, c.enabled ? "Protection on" : "Protection off"),
        h("span", {}, c.homeRegion ? `${regionName(c.homeRegion)} PBX` : "No home region"),
        h("span", {}, "Prefixes ", h("code", {}, shownPrefixes.join(" ") + morePrefixes)),
        h("span", {}, c.sharedCodes === "by-region" ? "Shared codes by region" : "Shared codes together"),
        c.judgeNationalDialing ? h("span", {}, "National format judged") : null,
        c.blockNumberTypes.length ? h("span", {}, `Blocking ${numberTypesText(c.blockNumberTypes)}`) : null,
      ),
      h(
        "p",
        { class: "summary-allow" },
        "Allowed: ",
        allowNames.length ? h("strong", {}, listText(allowNames, 5)) : h("strong", {}, "nothing (every international call is blocked)"),
      ),
      state.dirty
        ? h(
            "p",
            { class: "summary-dirty" },
            icon("warn"),
            "Settings have unsaved changes; the dial pad uses the saved policy. ",
            h("a", { href: "#settings" }, "Review and save"),
          )
        : null,
    ];
    el.summary.replaceChildren(...parts.filter(Boolean));
  }

  let shownDirty = state.dirty;
  state.subscribe((changes) => {
    if (changes.saved) {
      update();
    }
    if (changes.saved || state.dirty !== shownDirty) {
      shownDirty = state.dirty;
      renderSummary();
    }
  });
  renderSummary();
  update();
}
