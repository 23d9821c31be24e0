//# allFunctionsCalledOnLoad
// The Preview before save card: what saving the draft would change (the
// engine's diff: destinations gained and lost, shared-code side effects, the
// settings changed), the call-log replay; and the action bar: Save, Discard
// and what saving would do.
import { $, h, icon, setProp, setText } from "./dom.js";
import { NUMBER_TYPES, SETTING_LABELS, entryName, formatCount, listText, numberTypeName, numberTypesText, plural, regionInfo, regionName, sortedTypes, verdictDisplay } from "./text.js";

const DIGITS_SHOWN = 8; // leading-digit ranges shown before "and N more"

export function setupPreview({ state, announce }) {
  const el = {
    diff: $("diff"),
    diffLive: $("diff-live"),
    dirtyPill: $("dirty-pill"),
    callLog: $("f-calllog"),
    callLogResult: $("calllog-result"),
    save: $("btn-save"),
    revert: $("btn-revert"),
    bar: $("action-bar"),
    barSummary: $("action-summary"),
  };
  let liveSummary = "";

  el.callLog.value = state.callLog;
  el.callLog.addEventListener("input", () => state.setCallLog(el.callLog.value));

  el.save.addEventListener("click", () => {
    if (!state.save()) return;
    const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    announce(`Saved at ${time}. The dial pad now enforces this policy.`);
  });
  el.revert.addEventListener("click", () => {
    state.revert();
    announce("Discarded the changes: the saved policy is shown again.");
  });
  // The draft is kept in this browser, but a change not saved is not
  // enforced: say so before the page is left.
  addEventListener("beforeunload", (e) => {
    if (state.dirty) e.preventDefault();
  });

  function render() {
    if (el.callLog.value !== state.callLog) el.callLog.value = state.callLog;
    const { dirty } = state;
    const { config: savedConfig } = state.saved;
    const { config: draftConfig } = state.compiled;
    setText(el.dirtyPill, dirty ? "Unsaved changes" : "Saved");
    setProp(el.dirtyPill.dataset, "state", dirty ? "dirty" : "clean");
    setProp(el.save, "disabled", !dirty || !draftConfig);
    setProp(el.revert, "disabled", !dirty);
    setProp(el.bar.dataset, "state", dirty ? "dirty" : "clean");
    if (!dirty) setText(el.barSummary, "No unsaved changes.");
    else if (!draftConfig) setText(el.barSummary, "Unsaved changes: fix the settings marked above to save them.");
    if (!draftConfig) {
      el.diff.replaceChildren(h("p", { class: "muted" }, "The preview appears once the settings are valid."));
      el.callLogResult.replaceChildren();
      return;
    }
    const diff = state.diff();
    renderCallLog(diff.callLog);
    const first = state.lastEntry;
    const said = summarize(diff, first);
    const summary = !dirty ? "No unsaved changes." : `Preview: ${said.text}`;
    if (dirty) setText(el.barSummary, `Unsaved changes: ${said.short}`);
    if (summary !== liveSummary) {
      liveSummary = summary;
      el.diffLive.textContent = summary;
    }
    if (!dirty) {
      el.diff.replaceChildren(
        h("p", { class: "muted" }, "No unsaved changes. Switch a country on or off, or change a setting: the preview shows what it would change before you save."),
      );
      return;
    }
    const settingChanges = describeSettingChanges(savedConfig, draftConfig);
    const national = nationalChange(savedConfig, draftConfig);
    const parts = [h("p", { class: "diff-summary" }, said.text)];
    if (said.unchecked) parts.push(h("p", { class: "diff-unchecked", id: "diff-unchecked" }, icon("warn"), h("span", {}, said.unchecked)));
    if (national) parts.push(h("p", { class: "diff-national", id: "diff-national" }, icon("info"), h("span", {}, national)));
    const gained = firstOf(diff.gained, first);
    const lost = firstOf(diff.lost, first);
    if (gained.length) {
      parts.push(
        h("h3", { class: "diff-title diff-title-gained" }, icon("plus"), "Gained: calls that become allowed"),
        h("ul", { class: "dest-list", id: "diff-gained" }, gained.map((d) => destinationItem(d, "gained"))),
      );
    }
    if (lost.length) {
      parts.push(
        h("h3", { class: "diff-title diff-title-lost" }, icon("minus"), "Lost: calls that become blocked"),
        h("ul", { class: "dest-list", id: "diff-lost" }, lost.map((d) => destinationItem(d, "lost"))),
      );
    }
    const typesLost = typeTiers(diff.changes, true);
    const typesGained = typeTiers(diff.changes, false);
    if (typesLost.length) {
      parts.push(
        h("h3", { class: "diff-title diff-title-lost" }, icon("minus"), "Number types blocked: calls that become blocked"),
        h("ul", { class: "dest-list", id: "diff-types-lost" }, typesLost.map((c) => typeItem(c, "lost"))),
      );
    }
    if (typesGained.length) {
      parts.push(
        h("h3", { class: "diff-title diff-title-gained" }, icon("plus"), "Number types unblocked: calls that become allowed"),
        h("ul", { class: "dest-list", id: "diff-types-gained" }, typesGained.map((c) => typeItem(c, "gained"))),
      );
    }
    const readings = diff.changes.filter((c) => c.kind !== "destination");
    if (readings.length) {
      parts.push(
        h("h3", { class: "diff-title diff-title-side" }, icon("warn"), "Dials read differently"),
        h("ul", { class: "reading-list", id: "diff-readings" }, readings.map(readingItem)),
      );
    }
    if (diff.sideEffects.length) {
      parts.push(
        h("h3", { class: "diff-title diff-title-side" }, icon("warn"), "Side effects of shared codes"),
        h(
          "ul",
          { class: "side-list", id: "diff-side" },
          diff.sideEffects.map((s) => {
            const names = s.alsoAllows.map((r) => regionName(r, s.callingCode));
            return h(
              "li",
              { dataset: { region: s.region } },
              `Allowing ${regionName(s.region, s.callingCode)} also allows ${plural(names.length, "other +" + s.callingCode + " destination")}: `,
              expandable(names, 6),
            );
          }),
        ),
      );
    }
    if (settingChanges.length) {
      parts.push(
        h("h3", { class: "diff-title" }, "Settings changed"),
        h(
          "ul",
          { class: "setting-list", id: "diff-settings" },
          settingChanges.map(([label, before, after]) =>
            h(
              "li",
              {},
              h("span", { class: "setting-label" }, label),
              h("span", { class: "setting-change" }, before === null ? null : [h("s", {}, before), " → "], h("strong", {}, after)),
            ),
          ),
        ),
      );
    }
    el.diff.replaceChildren(...parts);
  }

  function renderCallLog(callLog) {
    if (!callLog) {
      el.callLogResult.replaceChildren(h("p", { class: "muted" }, "Add past dials to see how the edited policy would judge them."));
      return;
    }
    const { total, changed, items } = callLog;
    const head = h(
      "p",
      { class: changed ? "calllog-head calllog-changed" : "calllog-head" },
      changed
        ? `${formatCount(changed)} of ${plural(total, "past dial")} would be judged differently:`
        : `None of the ${plural(total, "past dial")} would be judged differently.`,
    );
    if (!changed) return el.callLogResult.replaceChildren(head);
    el.callLogResult.replaceChildren(
      head,
      h(
        "table",
        { class: "calllog-table" },
        h("caption", { class: "visually-hidden" }, "Past dials whose verdict would change"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Dialed"), h("th", { scope: "col" }, "Now"), h("th", { scope: "col" }, "After saving"))),
        h(
          "tbody",
          {},
          items.map((item) =>
            h("tr", {}, h("td", { class: "mono" }, item.dialed), h("td", {}, verdictPill(item.before)), h("td", {}, verdictPill(item.after))),
          ),
        ),
      ),
    );
  }

  state.subscribe(render);
  render();
}

function destinationItem(dest, kind) {
  const names = dest.regions.map((r) => regionName(r, dest.callingCode));
  const title = names.length ? names.join(", ") : "Unassigned numbers";
  const digits = dest.leadingDigits ?? [];
  return h(
    "li",
    { class: `dest dest-${kind}`, dataset: { code: dest.callingCode, regions: dest.regions.join(" ") } },
    h("span", { class: "dest-code" }, `+${dest.callingCode}`),
    h(
      "span",
      { class: "dest-body" },
      names.length > 6
        ? h("span", { class: "dest-names" }, expandable(names, 5))
        : h("span", { class: names.length ? "dest-names" : "dest-names muted" }, title),
      h(
        "span",
        { class: "dest-digits" },
        digits.length === 0
          ? names.length
            ? "every number"
            : ""
          : ["numbers starting ", expandable(digits.map((d) => `+${dest.callingCode} ${d}`), DIGITS_SHOWN)],
      ),
    ),
  );
}

/** The allow entry switched last first: the destinations that hold it lead. */
function firstOf(dests, entry) {
  if (!entry) return dests;
  const holds = (d) => d.regions.includes(entry) || `+${d.callingCode}` === entry;
  return [...dests.filter(holds), ...dests.filter((d) => !holds(d))];
}

/** The changes a number-type block makes, by type in the card's order: `[{ numberType, tiers: [{ callingCode, regions }] }]`. */
function typeTiers(changes, blocked) {
  const typed = changes.filter((c) => c.kind === "destination" && c.numberTypes && (c.after.verdict === "blocked") === blocked);
  return sortedTypes(new Set(typed.flatMap((c) => c.numberTypes))).map((numberType) => {
    const tiers = [];
    for (const c of typed.filter((c) => c.numberTypes.includes(numberType))) {
      const key = `${c.callingCode}|${c.regions.join(" ")}`;
      if (!tiers.some((t) => t.key === key)) tiers.push({ key, callingCode: c.callingCode, regions: c.regions ?? [] });
    }
    return { numberType, tiers };
  });
}

/** Where dials of a reading change begin, in the page's words. */
const READING_KINDS = {
  "national-number": "National numbers",
  "international-prefix": "International dialing code",
  plus: "“+” (numbers saved in E.164)",
  "access-code": "Access code",
  "feature-code": "Feature code",
  "dialing-procedure": "Dialing procedure of the home region",
  "national-format": "Dials in national format",
  "keypad-letters": "Letters on the keypad",
  "emergency-number": "Emergency number",
};

const VERDICT_WORDS = { allowed: "allowed", blocked: "blocked", incomplete: "waiting for digits", "not-international": "not checked", malformed: "refused" };

function readingItem(change) {
  const where = change.dialed ? `${READING_KINDS[change.kind] ?? change.kind} ${change.dialed}` : READING_KINDS[change.kind] ?? change.kind;
  const bypass = change.after.verdict === "not-international" && change.before.verdict !== "not-international" && change.before.verdict !== "malformed";
  return h(
    "li",
    { class: bypass ? "reading reading-bypass" : "reading", dataset: { kind: change.kind, dialed: change.dialed } },
    h("span", { class: "reading-where" }, where),
    h("span", { class: "reading-change" }, `${VERDICT_WORDS[change.before.verdict]} → `, h("strong", {}, VERDICT_WORDS[change.after.verdict])),
    h("span", { class: "reading-example" }, "e.g. ", h("span", { class: "mono" }, change.example)),
  );
}

/**
 * The preview in one sentence, from the diff's counts: `{ text, short, unchecked }`. `first`: the allow
 * entry switched last, named first. Never "no change" while any dial changes.
 */
function summarize(diff, first) {
  const { summary: s, changes } = diff;
  const lead = (regions) => (first && regions.includes(first) ? [first, ...regions.filter((r) => r !== first)] : regions);
  const phrase = (regions, dests) => {
    regions = lead(regions);
    if (regions.length === 1) return regionName(regions[0]);
    const whole = dests.filter((d) => !d.leadingDigits?.length && d.regions.length > 1 && d.regions.every((r) => regions.includes(r)));
    const covered = new Set(whole.flatMap((d) => d.regions));
    const items = [...whole.map((d) => `all of +${d.callingCode}`), ...regions.filter((r) => !covered.has(r)).map((r) => regionName(r))];
    return `${plural(regions.length, "destination")}: ${listText(items, 3)}`;
  };
  const typeParts = (blocked) => {
    const tiers = typeTiers(changes, blocked);
    if (!tiers.length) return "";
    const places = new Set(tiers.flatMap((t) => t.tiers.map((x) => x.key)));
    return `${blocked ? "block" : "unblock"} ${numberTypesText(tiers.map((t) => t.numberType))} in ${plural(places.size, "destination")}`;
  };
  const parts = [
    s.opened.length ? `allow ${phrase(s.opened, diff.gained)}` : "",
    s.partlyOpened.length ? `allow more numbers of ${phrase(s.partlyOpened, diff.gained)}` : "",
    s.closed.length ? `block ${phrase(s.closed, diff.lost)}` : "",
    s.partlyClosed.length ? `block some numbers of ${phrase(s.partlyClosed, diff.lost)}` : "",
    typeParts(true),
    typeParts(false),
  ].filter(Boolean);
  const counted = new Set([...s.unchecked, ...s.newlyChecked]);
  const others = changes.filter((c) => c.kind !== "destination" && !counted.has(c.dialed)).length;
  const quote = (list) => listText(list.map((d) => (d === "" ? "a national number" : d)), 3, "or");
  const unchecked = s.unchecked.length
    ? `Dials starting ${quote(s.unchecked)} would no longer be checked: calls through them would not be judged by this policy.`
    : "";
  const checked = s.newlyChecked.length ? `Dials starting ${quote(s.newlyChecked)} would be checked.` : "";
  if (!changes.length) return { text: "Saving changes no call: every dial is judged as it is now.", short: "saving changes no call.", unchecked: "" };
  const main = parts.length ? `Saving would ${listText(parts, 4)}.` : "";
  const rest = others && !parts.length && !unchecked && !checked ? `Saving would change how ${plural(others, "kind of dial", "kinds of dial")} ${others === 1 ? "is" : "are"} read: see below.` : "";
  const text = [main, unchecked, checked, rest].filter(Boolean).join(" ");
  return { text, short: text.replace(/^Saving would/, "saving would"), unchecked };
}

function typeItem({ numberType, tiers }, kind) {
  const places = tiers.map((t) => `${t.regions.length ? listText(t.regions.map((r) => regionName(r, t.callingCode)), 3) : "unassigned numbers"} (+${t.callingCode})`);
  return h(
    "li",
    { class: `dest dest-${kind}`, dataset: { type: numberType } },
    h("span", { class: "dest-code dest-type" }, numberTypeName(numberType)),
    h("span", { class: "dest-body" }, h("span", { class: "dest-names" }, expandable(places, 4))),
  );
}

/** "a, b, c and 12 more" where "12 more" opens the full list. */
function expandable(items, shown) {
  if (items.length <= shown) return h("span", {}, listText(items, shown));
  return h(
    "details",
    { class: "more" },
    h("summary", {}, `${items.slice(0, shown).join(", ")} and ${formatCount(items.length - shown)} more`),
    h("span", { class: "more-all" }, items.join(", ")),
  );
}

/** What switching judgeNationalDialing changes, in words ("" when it changes nothing). */
function nationalChange(before, after) {
  if (before.judgeNationalDialing === after.judgeNationalDialing || !after.homeRegion) return "";
  const info = regionInfo(after.homeRegion);
  if (!info || info.sharedWith.length === 0) return "";
  const others = listText(info.sharedWith.map((r) => regionName(r)), 3);
  return after.judgeNationalDialing
    ? `Calls dialed in national format that reach another region of +${info.callingCode} (${others}) will be judged: blocked unless allowed. The call log check below shows which past dials this changes.`
    : `Calls dialed in national format that reach another region of +${info.callingCode} (${others}) will no longer be checked.`;
}

/** A setting's value in words. */
function settingText(key, config) {
  const v = config[key];
  switch (key) {
    case "enabled":
      return v ? "on" : "off";
    case "homeRegion":
      return v ? `${regionName(v)} (${v})` : "none";
    case "internationalPrefixes":
      if (!v) return config.homeRegion ? `all of ${regionName(config.homeRegion)}'s` : "none";
      return v.length > 6 ? `${v.slice(0, 5).join(", ")} and ${formatCount(v.length - 5)} more` : v.join(", ");
    case "sharedCodes":
      return v === "by-region" ? "by region" : "together";
    case "judgeNationalDialing":
      return v ? "judged" : "not judged";
    case "accessCodes":
    case "featureCodes":
      return v.length ? v.join(", ") : "none";
    case "plusIsInternational":
    case "keypadLetters":
      return v ? "yes" : "no";
    case "blockNumberTypes": {
      const text = numberTypesText(sortedTypes(v), { max: NUMBER_TYPES.length });
      return text ? text.charAt(0).toUpperCase() + text.slice(1) : "none";
    }
    default:
      // A setting this page has no field for yet (kept from an imported file): its JSON.
      return v === undefined ? "not set" : JSON.stringify(v);
  }
}

/** [label, before | null, after] for every setting that differs between two normalized configs. */
function describeSettingChanges(before, after) {
  const changes = [];
  const keys = new Set([...Object.keys(SETTING_LABELS), ...Object.keys(before), ...Object.keys(after)]);
  keys.delete("allow");
  for (const key of keys) {
    const value = (config) => (key === "blockNumberTypes" ? sortedTypes(config[key]) : config[key]) ?? null;
    if (JSON.stringify(value(before)) !== JSON.stringify(value(after))) {
      changes.push([SETTING_LABELS[key] ?? key, settingText(key, before), settingText(key, after)]);
    }
  }
  const was = new Set(before.allow);
  const now = new Set(after.allow);
  const added = after.allow.filter((e) => !was.has(e));
  const removed = before.allow.filter((e) => !now.has(e));
  if (added.length || removed.length) {
    changes.push([
      "Allow list",
      null,
      [added.length ? `added ${listText(added.map(entryName), 4)}` : "", removed.length ? `removed ${listText(removed.map(entryName), 4)}` : ""]
        .filter(Boolean)
        .join("; "),
    ]);
  }
  return changes;
}

function verdictPill(verdict) {
  const { tone } = verdictDisplay({ verdict, canBeAllowed: true });
  return h("span", { class: `pill pill-${tone}` }, verdict.replace("-", " "));
}
