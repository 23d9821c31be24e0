//# allFunctionsCalledOnLoad
// Words for the demo: region names from the catalog, number types, the
// sentence for every reason code of js/types.d.ts, and descriptions of odd
// characters. The page speaks English only, so every name it shows is the
// catalog's English one (one language per screen); names in the browser's
// languages are kept for search alone.

import { maxDialLength } from "/pkg/web.js";

let byRegion = new Map(); // "AR" -> RegionInfo (geographic regions)
let byCode = new Map(); // "54" -> RegionInfo[] (every entry of the calling code)
let searchNames = new Map(); // "DE" -> "Deutschland": names in the browser's languages, where they differ
const collator = new Intl.Collator("en");

/**
 * Indexes the catalog from regions(), and the names of the regions in the
 * browser's `locales` (Intl.DisplayNames) for search: an admin may type
 * "Kanada".
 */
export function setCatalog(catalog, locales = []) {
  byRegion = new Map();
  byCode = new Map();
  searchNames = new Map();
  for (const info of catalog) {
    if (info.kind === "geographic") byRegion.set(info.region, info);
    const list = byCode.get(info.callingCode) ?? [];
    list.push(info);
    byCode.set(info.callingCode, list);
  }
  let display = null;
  try {
    display = new Intl.DisplayNames(locales, { type: "region", fallback: "none" });
  } catch {
    // No such locale, or no Intl.DisplayNames: English names only.
  }
  if (!display || /^en\b/i.test(display.resolvedOptions().locale)) return;
  for (const info of byRegion.values()) {
    let name;
    try {
      name = display.of(info.region);
    } catch {
      name = undefined;
    }
    if (name && name !== info.name) searchNames.set(info.region, name);
  }
}

export function regionInfo(region) {
  return byRegion.get(region);
}

export function codeInfos(callingCode) {
  return byCode.get(callingCode) ?? [];
}

/** "Argentina"; for "001" the name of the non-geographic code ("Inmarsat"). */
export function regionName(region, callingCode) {
  if (region === "001") return codeInfos(callingCode)[0]?.name ?? `+${callingCode}`;
  return byRegion.get(region)?.name ?? region;
}

/** The region's name in the browser's language ("Deutschland"), for search; undefined when it has none of its own. */
export function searchName(region) {
  return searchNames.get(region);
}

/** The allow entry of a catalog row: its region ("AR"), or its calling code for a non-geographic one ("+881"). */
export const allowEntry = (info) => (info.kind === "geographic" ? info.region : `+${info.callingCode}`);

/** An allow entry for a list of changes: "Argentina", "Inmarsat (+870)", "+1876". */
export function entryName(entry) {
  if (/^[A-Z]{2}$/.test(entry)) return regionName(entry);
  const nonGeographic = codeInfos(entry.slice(1)).find((info) => info.kind !== "geographic");
  return nonGeographic ? `${nonGeographic.name} (${entry})` : entry;
}

/** Compares names in the language they are shown in. */
export const compareNames = (a, b) => collator.compare(a, b);

/** A name or query for matching: lower case, accents off, every run of other characters one space. */
export function foldName(text) {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const numberFormat = new Intl.NumberFormat("en");
export const formatCount = (n) => numberFormat.format(n);

/** "A", "A and B", "A, B and C", "A, B, C and 21 more". */
export function listText(items, max = 4, conjunction = "and") {
  if (items.length === 0) return "";
  if (items.length === 1) return items[0];
  if (items.length <= max) return `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
  return `${items.slice(0, max - 1).join(", ")} and ${formatCount(items.length - (max - 1))} more`;
}

/** Names of a decision's regions: "Canada", "United States, Canada or Jamaica". */
export function regionsText(regions, callingCode, { conjunction = "or", max = 4 } = {}) {
  if (!regions || regions.length === 0) return "";
  return listText(
    regions.map((r) => regionName(r, callingCode)),
    max,
    conjunction,
  );
}

/** An allow entry in words: "Argentina", "+44 (every number)", "+1 876…". */
export function ruleText(rule) {
  if (!rule) return "";
  if (/^[A-Z]{2}$/i.test(rule)) return `${regionName(rule.toUpperCase())} (${rule.toUpperCase()})`;
  return rule;
}

export function plural(n, one, many = `${one}s`) {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

// ──────────────────────────── Number types ────────────────────────────

/**
 * Every type `blockNumberTypes` takes (js/types.d.ts), in the order the
 * Number types card lists them, riskiest first: its name, the words for a
 * list ("Allowed, except premium rate") and for its numbers, and what it is
 * and why it matters for toll fraud.
 */
export const NUMBER_TYPES = [
  {
    type: "premium-rate",
    name: "Premium rate",
    short: "premium rate",
    numbers: "premium-rate numbers",
    about:
      "Numbers that cost the caller far more than a normal call, with part of the charge paid out to whoever owns the number. Revenue-share fraud lives here: a hijacked phone system dials them for hours and the fraudster is paid per minute.",
  },
  {
    type: "shared-cost",
    name: "Shared cost",
    short: "shared cost",
    numbers: "shared-cost numbers",
    about:
      "Numbers whose cost is split between caller and owner, often above a normal call and with a share paid out to the owner. Fraudsters rent them like premium-rate numbers.",
  },
  {
    type: "personal-number",
    name: "Personal numbers",
    short: "personal numbers",
    numbers: "personal numbers",
    about:
      "Follow-me numbers that forward to wherever their owner chooses, at a rate the owner can profit from. They hide where a call really ends up and are a known route for revenue-share fraud.",
  },
  {
    type: "voip",
    name: "VoIP",
    short: "VoIP",
    numbers: "VoIP numbers",
    about:
      "Numbers of internet telephony services. Mostly ordinary, but cheap and easy to get anonymously, so fraud traffic is often routed to them.",
  },
  {
    type: "uan",
    name: "Universal access numbers",
    short: "universal access numbers",
    numbers: "universal access numbers",
    about: "One number for all of a company's sites, routed to the nearest. Often charged above a normal call.",
  },
  {
    type: "pager",
    name: "Pagers",
    short: "pagers",
    numbers: "pager numbers",
    about: "Paging services: nearly obsolete, rarely called on purpose, and sometimes charged like premium rate.",
  },
  {
    type: "voicemail",
    name: "Voicemail",
    short: "voicemail",
    numbers: "voicemail numbers",
    about: "Numbers that go straight to a mailbox. Rarely dialed on purpose; a call to one can run up charges without anyone answering.",
  },
  {
    type: "toll-free",
    name: "Toll-free",
    short: "toll-free",
    numbers: "toll-free numbers",
    about:
      "Free for callers inside their own country. Dialed from abroad they are often charged or unreachable; block them only if your users never call foreign help lines.",
  },
  {
    type: "mobile",
    name: "Mobile",
    short: "mobile",
    numbers: "mobile numbers",
    about: "Mobile phones. Calls to them usually cost more than to fixed lines; blocking them blocks most personal calls to the destination.",
  },
  {
    type: "fixed-line",
    name: "Fixed line",
    short: "fixed line",
    numbers: "fixed-line numbers",
    about: "Landlines of homes and businesses. Blocking them blocks most business calls to the destination.",
  },
  {
    type: "unknown",
    name: "Unknown ranges",
    short: "unknown ranges",
    numbers: "numbers in unknown ranges",
    about:
      "Numbers that start like no number of their region: unassigned ranges, or ranges newer than the numbering data. Blocking them fails closed, but may also block a range opened since.",
  },
];

const TYPE_BY_NAME = new Map(NUMBER_TYPES.map((t) => [t.type, t]));
const TYPE_ORDER = new Map(NUMBER_TYPES.map((t, i) => [t.type, i]));

/** Number types (any iterable, such as a blockNumberTypes list) in the Number types card's order. */
export function sortedTypes(types = []) {
  return [...types].sort((a, b) => (TYPE_ORDER.get(a) ?? NUMBER_TYPES.length) - (TYPE_ORDER.get(b) ?? NUMBER_TYPES.length));
}

/** "Premium rate"; "Fixed line or mobile" for the numbers the data does not tell apart. */
export function numberTypeName(type) {
  if (type === "fixed-line-or-mobile") return "Fixed line or mobile";
  return TYPE_BY_NAME.get(type)?.name ?? type;
}

/** "premium rate and shared cost"; with `numbers`, "premium-rate and personal numbers". */
export function numberTypesText(types, { max = 4, numbers = false } = {}) {
  const words = types.map((t) => TYPE_BY_NAME.get(t)?.[numbers ? "numbers" : "short"] ?? t);
  // "premium-rate numbers and shared-cost numbers" reads "premium-rate and shared-cost numbers".
  if (numbers && words.length > 1) words.splice(0, words.length - 1, ...words.slice(0, -1).map((w) => w.replace(/ numbers$/, "")));
  return listText(words, max);
}

/** What blocks a number of `type`, and what to switch off to allow such numbers again. */
function typeRule(type, blocking) {
  const rules = blocking.length ? blocking : [type];
  return {
    numbers: numberTypesText(rules, { numbers: true }),
    switches: `${listText(rules.map((t) => `“${numberTypeName(t)}”`), 2)} under Settings › Number types`,
  };
}

// ───────────────────────────── Characters ─────────────────────────────

const CHAR_NAMES = {
  0x00: "NULL",
  0x09: "TAB",
  0x0a: "LINE FEED",
  0x0d: "CARRIAGE RETURN",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
  0x00a0: "NO-BREAK SPACE",
  0x00ad: "SOFT HYPHEN",
  0x061c: "ARABIC LETTER MARK",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
  0xfffd: "REPLACEMENT CHARACTER",
};

/** "U+202E". */
export function codePointLabel(cp) {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** True for characters that show nothing (or reorder text) on screen. */
export function isInvisible(cp) {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0xa0) ||
    cp === 0xad ||
    cp === 0x061c ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0xfeff ||
    cp === 0xfffd ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

/** “$” or U+202E RIGHT-TO-LEFT OVERRIDE (an invisible character). */
export function describeChar(ch) {
  const cp = ch.codePointAt(0);
  const name = CHAR_NAMES[cp];
  if (isInvisible(cp)) {
    const kind = cp >= 0x202a && cp <= 0x202e || cp >= 0x2066 && cp <= 0x2069 || cp === 0x200e || cp === 0x200f || cp === 0x061c
      ? "an invisible bidirectional control that can reorder what is displayed"
      : cp >= 0xd800 && cp <= 0xdfff
        ? "half of a broken surrogate pair"
        : "an invisible character";
    return `${codePointLabel(cp)}${name ? ` ${name}` : ""}, ${kind}`;
  }
  return `“${ch}” (${codePointLabel(cp)}${name ? ` ${name}` : ""})`;
}

/** The character that starts at UTF-16 index `position` (a whole surrogate pair when there is one). */
export function charAt(text, position) {
  if (position === undefined || position < 0 || position >= text.length) return "";
  const cp = text.codePointAt(position);
  return String.fromCodePoint(cp);
}

// ───────────────────────────── Decisions ─────────────────────────────

/** Title and tone of a verdict, for the status banner. */
export function verdictDisplay(decision) {
  switch (decision.verdict) {
    case "allowed":
      // The destination is allowed; Call waits for a number that can be called.
      if (decision.validity === "too-short") return { tone: "wait", title: "Allowed destination: keep dialing", icon: "wait" };
      if (decision.validity === "invalid") return { tone: "wait", title: "Allowed destination, but not a valid number", icon: "info" };
      return decision.reason === "protection-disabled"
        ? { tone: "ok", title: "Allowed: protection is off", icon: "ok" }
        : { tone: "ok", title: "Allowed", icon: "ok" };
    case "blocked":
      return { tone: "bad", title: "Blocked", icon: "bad" };
    case "malformed":
      return { tone: "bad", title: "Malformed: refused", icon: "bad" };
    case "not-international":
      return { tone: "neutral", title: "Not an international call", icon: "info" };
    case "incomplete":
      return decision.canBeAllowed === false
        ? { tone: "bad", title: "Can't be allowed", icon: "bad" }
        : { tone: "wait", title: "Keep dialing…", icon: "wait" };
    default:
      return { tone: "neutral", title: decision.verdict, icon: "info" };
  }
}

/**
 * The plain-words sentence for a decision's reason. `context` gives the
 * dialed text and the saved policy's normalized config (its prefixes, home
 * region, blocked number types and shared-code mode) and `blocking`, the
 * blocked types that block the decision's number type (policy.typesBlocking).
 */
/** What each kind of reading (Decision.reading.kind) is, for "Read as …". */
const READING_KINDS = {
  "star-code": "a star code that carries a number",
  "carrier-code": "a carrier selection code",
  "international-prefix": "an operator-assisted or carrier international prefix",
  "national-prefix": "an operator-assisted national prefix",
  "cross-border": "a national code that dials across a border",
};

/** The deciding reading in words: what it read, and what it judged after it. */
export function readingParts(reading) {
  const what = READING_KINDS[reading.kind] ?? reading.kind;
  const then = reading.dialString.startsWith("+") ? `, which dials ${reading.dialString}` : reading.dialString ? `, then ${reading.dialString}` : "";
  return { what, then };
}

/** "Read as a star code that carries a number (*72), then 011442079460000". */
export function readingText(reading) {
  const { what, then } = readingParts(reading);
  return `Read as ${what} (${reading.code})${then}`;
}

export function reasonSentence(d, { dialed = "", prefixes = [], plus = true, home = "", blocked = [], blocking = [], sharedCodes = "together" } = {}) {
  const said = reasonOnly(d, { dialed, prefixes, plus, home, blocked, blocking, sharedCodes });
  const sentence = d.reading ? `${readingText(d.reading)}. ${said}` : said;
  if (!d.nationalFormat || d.callingCode === undefined) return sentence;
  const cc = d.callingCode;
  const where = regionsText(d.regions, cc);
  const shared = home ? `+${cc} is shared with the home region, ${regionName(home)}` : `+${cc} is the home region's calling code`;
  if (d.verdict === "allowed" || d.verdict === "blocked") {
    const target = where ? `a call to ${where}` : `an international call on +${cc}`;
    return `Judged as ${target} although it was dialed without an international prefix: ${shared}. ${sentence}`;
  }
  return `Dialed in national format, judged like an international call (${shared}). ${sentence}`;
}

function reasonOnly(d, { dialed, prefixes, plus, home, blocked, blocking, sharedCodes }) {
  const cc = d.callingCode;
  const where = regionsText(d.regions, cc);
  const whereAll = regionsText(d.regions, cc, { conjunction: "and" });
  switch (d.reason) {
    case "region-allowed":
      return `Calls to ${where || `+${cc}`} are allowed by the rule ${ruleText(d.rule)}.`;
    case "shared-code-allowed":
      return `${where || "This number"} shares the calling code +${cc} with ${ruleText(d.rule)}, which is allowed. With “together” shared codes, allowing one region allows the whole code.`;
    case "code-allowed":
      return `Every number of +${cc}${where ? ` (${where})` : ""} is allowed by the rule ${d.rule}.`;
    case "range-allowed":
      return `Numbers starting ${d.rule} are allowed${where ? `, and this one reaches ${where}` : ""}.`;
    case "protection-disabled":
      return `Protection is off, so every international call is allowed${where ? `, including this one to ${where}` : ""}.`;
    case "not-allowed":
      return d.regions && d.regions.length > 1 && (d.nationalNumber ?? "") === ""
        ? `None of the destinations of +${cc} (${whereAll}) is allowed.`
        : `${where || `+${cc}`} (+${cc}) is not on the allowed list.`;
    case "unassigned-code":
      return "No country, region or network uses a calling code that starts with these digits: nothing can be reached there.";
    case "unassigned-range":
      return `No destination of +${cc} has numbers starting ${d.nationalNumber || "with these digits"}: nothing can be reached there.`;
    case "number-type-blocked": {
      const type = d.numberType ?? "unknown";
      const rule = typeRule(type, blocking);
      const allowed =
        cc === undefined
          ? `A national call within the home region${home ? ` (${regionName(home)})` : ""} is not judged, but the policy blocks ${rule.numbers} everywhere`
          : `Calls to +${cc}${where ? ` (${where})` : ""} are allowed, but the policy blocks ${rule.numbers} there`;
      const apart = type === "fixed-line-or-mobile" ? " Fixed-line and mobile numbers are not told apart here, so blocking either blocks both." : "";
      return `${numberTypeName(type)}: blocked by the number-type rule. ${allowed}.${apart} To allow them, switch off ${rule.switches}.`;
    }
    case "no-international-prefix": {
      const list = [...(plus ? ["+"] : []), ...prefixes.slice(0, 4)];
      const more = prefixes.length > 4 ? ` and ${formatCount(prefixes.length - 4)} more` : "";
      return `It doesn't start with an international dialing code (${list.join(", ")}${more}), so this rule doesn't judge it.`;
    }
    case "feature-code":
      return "It starts with * or #: a feature code for the PBX, and no number it may carry is an international call.";
    case "domestic":
      return `A national-format call within the home region${home ? ` (${regionName(home)})` : ""}: not an international call, so this rule doesn't judge it.`;
    case "incomplete-prefix":
      return d.canBeAllowed === false
        ? "These digits are the start of an international dialing code, but this policy allows no international destination."
        : "Keep dialing: these digits are the start of an international dialing code.";
    case "incomplete-code":
      return d.canBeAllowed === false
        ? "No allowed calling code starts with these digits: the call will be blocked whatever comes next."
        : "Keep dialing: the calling code isn't complete yet.";
    case "incomplete-number": {
      const typeBlocked = blocking.length > 0;
      if (d.canBeAllowed === false) {
        if (!typeBlocked) return `+${cc} is shared by ${where}, and none of those that these digits can still reach is allowed.`;
        const rule = typeRule(d.numberType, blocking);
        return `${numberTypeName(d.numberType)}: blocked by the number-type rule where +${cc} is allowed, and no other destination these digits can reach is allowed. To allow ${rule.numbers}, switch off ${rule.switches}.`;
      }
      // With number types blocked, the next digits may decide the type rather than the region.
      const blocks = `of a type the number-type rule blocks: ${numberTypesText(blocked)}`;
      if (blocked.length && ((d.regions ?? []).length <= 1 || sharedCodes === "together")) {
        return `Keep dialing: the next digits decide whether the number is ${blocks}.`;
      }
      return blocked.length
        ? `+${cc} is shared by ${where}: the next digits decide which one, whether it is allowed and whether the number is ${blocks}.`
        : `+${cc} is shared by ${where}: the next digits decide which one, and whether it is allowed.`;
    }
    case "too-long":
      return dialed.length > maxDialLength || (d.position ?? 0) >= maxDialLength
        ? `Far too long to be a dial string (more than ${maxDialLength} characters): refused.`
        : "Too many digits: an international number has at most 15 digits after the prefix.";
    case "invalid-character": {
      const ch = charAt(dialed, d.position);
      return ch
        ? `${describeChar(ch)} at position ${d.position + 1} can't be read with certainty as part of a phone number, so the dial is refused.`
        : "A character here can't be read with certainty as part of a phone number, so the dial is refused.";
    }
    case "misplaced-plus":
      return "A + is an international prefix only at the very start; anywhere else it makes the dial unreadable.";
    case "misplaced-symbol":
      return "* and # belong only at the start (a feature code) or at the very end (the send key).";
    case "misplaced-post-dial":
      return "A pause, wait or extension marker must come after the number, not before it.";
    case "invalid-uri":
      return "This tel: or sip: address has no number in it that can be read with certainty.";
    case "internal-error":
      return "The rule engine's answer could not be read with certainty, so the dial is refused (fail closed). This should never happen: please report it.";
    default:
      return `Reason: ${d.reason}.`;
  }
}

/** "x12" -> "extension 12"; ",123" -> "pause, then 123". */
export function postDialText(postDial) {
  const parts = [];
  for (const m of postDial.matchAll(/([,;x])([^,;x]*)/g)) {
    const [, mark, digits] = m;
    const what = mark === "x" ? "extension" : mark === "," ? "pause" : "wait for the user";
    parts.push(digits ? `${what} ${digits}` : what);
  }
  return parts.length ? parts.join(", then ") : postDial;
}

/** The settings, by configuration key, in the page's words. */
export const SETTING_LABELS = {
  enabled: "Protection",
  homeRegion: "Home region",
  internationalPrefixes: "International dialing codes",
  plusIsInternational: "+ is international",
  accessCodes: "Access codes",
  featureCodes: "Feature codes",
  keypadLetters: "Letters as keypad digits",
  allow: "Allowed destinations",
  sharedCodes: "Shared calling codes",
  judgeNationalDialing: "National-format calls across shared codes",
  blockNumberTypes: "Number types blocked",
};

/** One item of a list setting, in the page's words ("International dialing code 2"). */
const ITEM_LABELS = {
  internationalPrefixes: "International dialing code",
  accessCodes: "Access code",
  featureCodes: "Feature code",
  allow: "Allowed entry",
  blockNumberTypes: "Number type",
};

/** What is wrong, in the page's words, for the errors whose detail names other settings by their keys. */
const ERROR_DETAILS = {
  "missing-prefixes": () => "list at least one, or choose a home region to use its codes",
  "missing-home-region": () => "choose a home region first: national format is the home region's",
  "unknown-key": (error) => `“${error.path}” is not a setting`,
  "invalid-value": (error, item) =>
    error.path.startsWith("internationalPrefixes") && item?.startsWith("+") ? "digits only: “+” has its own switch, “+ is an international prefix”" : undefined,
};

/**
 * A DialguardError in the page's words: the setting (or the item of a list) it is about, then what is wrong,
 * never a configuration key. `item` is the value at the error's path, where the page has it.
 */
export function configErrorText(error, item) {
  const [, key, index] = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(error.path) ?? [];
  const detail = ERROR_DETAILS[error.code]?.(error, item) ?? error.detail ?? error.message;
  if (key === undefined || error.code === "unknown-key") return detail.charAt(0).toUpperCase() + detail.slice(1);
  const field = index === undefined ? (SETTING_LABELS[key] ?? key) : `${ITEM_LABELS[key] ?? key} ${Number(index) + 1}`;
  return `${field}: ${detail}`;
}

/** How far the national number has come (a Decision's validity), in words. */
export const VALIDITY_WORDS = {
  "too-short": "Too short: keep dialing",
  valid: "A complete, valid number",
  "valid-may-continue": "A complete, valid number (longer numbers start with it too)",
  invalid: "Not a valid number of the destination",
};
