// The one JSON reader of the check service, for request bodies and policy
// texts (POLICY, POLICIES, POLICY_STORE values) alike. JSON.parse keeps the
// last of a key given twice in an object, so `{"dialed": "+52 …", "dialed":
// "+1 416 …"}` would judge the second while another reader (a log, a proxy,
// a person) sees the first. Which one was meant cannot be known: this
// reader refuses the text, naming the key's path.

/** Why a text was refused: `code` is "syntax-error" or "duplicate-key"; `path` the repeated key's (`""` for the whole text). */
export class JsonError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = "JsonError";
    this.code = code;
    this.path = path;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * The value of the JSON text `text` (RFC 8259, as JSON.parse reads it), or
 * a JsonError: "syntax-error" when it is not JSON, "duplicate-key" when an
 * object has a key twice, at any depth, however it is spelt (`"dia\u006ced"`
 * is `"dialed"`). Linear in the text's length, without recursion.
 */
export function readJson(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new JsonError("syntax-error", "", e.message);
  }
  const repeated = repeatedKey(text);
  if (repeated !== undefined) {
    const { key, within } = repeated;
    const where = within.length > 0 ? ` in ${pathOf(within)}` : "";
    throw new JsonError("duplicate-key", pathOf([...within, key]), `repeated key ${JSON.stringify(key)}${where}`);
  }
  return value;
}

/**
 * The first key given twice in one object of `text`, a text JSON.parse has
 * accepted, as `{ key, within }` (`within`: the keys and array indices
 * leading to that object), or undefined. In valid JSON, a string is a key
 * exactly when it comes first in an object or just after an object's
 * comma; the scan never looks inside strings but for their end.
 */
function repeatedKey(text) {
  // One entry per open object or array: an object's keys so far and the
  // last one (where its current value is), or an array's current index.
  const open = [];
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) {
        if (text.charCodeAt(i) === BACKSLASH) {
          escaped = true;
          i++;
        }
      }
      if (!keyNext) continue;
      keyNext = false;
      const key = escaped ? JSON.parse(text.slice(start, i + 1)) : text.slice(start + 1, i);
      const object = open[open.length - 1];
      if (object.keys.has(key)) return { key, within: open.slice(0, -1).map((o) => o.at) };
      object.keys.add(key);
      object.at = key;
    } else if (c === OPEN_OBJECT) {
      open.push({ keys: new Set(), at: undefined });
      keyNext = true;
    } else if (c === OPEN_ARRAY) {
      open.push({ keys: null, at: 0 });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      open.pop();
      keyNext = false;
    } else if (c === COMMA) {
      const container = open[open.length - 1];
      if (container.keys === null) container.at++;
      else keyNext = true;
    }
  }
  return undefined;
}

const NAME = /^[A-Za-z_$][\w$-]*$/;

/** Keys and indices as a path the way the engine writes one: `allow[1]`, `profile.x`, `["mx.office"].allow`. */
function pathOf(steps) {
  let path = "";
  for (const step of steps) {
    if (typeof step === "number") path += `[${step}]`;
    else if (NAME.test(step)) path += path === "" ? step : `.${step}`;
    else path += `[${JSON.stringify(step)}]`;
  }
  return path;
}
