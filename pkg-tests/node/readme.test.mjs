// The README's examples, run against the package: each `expression; //
// value` line of its JavaScript blocks must give the value shown, and its
// example policy must compile. In a shown value, `...` stands for elements
// or keys left out. A block that imports the light entry (dialguard/check)
// runs against it, with `await` and a `fetch` that answers as the check
// service does (the compiled policy of its example profile).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as api from "dialguard";
import * as light from "dialguard/check";

const readme = readFileSync(new URL("README.md", import.meta.resolve("dialguard")), "utf8");
const blocks = (lang) => [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);

const REST = Symbol("...");
/** A shown string that ends in "...": any string that starts with `start`. */
class Prefix {
  constructor(start) {
    this.start = start;
  }
}

/**
 * Reads the value shown at the start of `text`: JSON-like strings,
 * numbers, booleans, arrays and objects (keys bare or quoted), where
 * `...` is an element or key left out. Returns `{ value }`, or null when
 * `text` does not start with one.
 */
function readShown(text) {
  let at = 0;
  const space = () => {
    while (/\s/.test(text[at] ?? "")) at++;
  };
  const eat = (token) => (text.startsWith(token, at) ? ((at += token.length), space(), true) : false);
  const fail = () => {
    throw new SyntaxError(`cannot read the shown value ${JSON.stringify(text)} at ${at}`);
  };
  function value() {
    if (eat("[")) {
      const items = [];
      while (!eat("]")) {
        items.push(eat("...") ? REST : value());
        eat(",");
      }
      return items;
    }
    if (eat("{")) {
      const object = {};
      while (!eat("}")) {
        if (eat("...")) object[REST] = true;
        else {
          let key;
          if (text[at] === '"') key = value();
          else {
            key = text.slice(at).match(/^\w+/)?.[0] ?? fail();
            at += key.length;
            space();
          }
          if (!eat(":")) fail();
          object[key] = value();
        }
        eat(",");
      }
      return object;
    }
    const m = text.slice(at).match(/^("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)/) ?? fail();
    at += m[0].length;
    space();
    const v = JSON.parse(m[0]);
    return typeof v === "string" && v.endsWith("...") ? new Prefix(v.slice(0, -3)) : v;
  }
  if (!/^["[{]/.test(text)) return null;
  try {
    return { value: value() };
  } catch {
    return null;
  }
}

/** Whether `actual` is `expected`, where REST stands for anything left out. */
function matches(actual, expected) {
  if (expected instanceof Prefix) return typeof actual === "string" && actual.startsWith(expected.start);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    if (!expected.includes(REST)) return actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
    let at = 0; // the shown elements, in order, with anything between
    for (const e of expected) {
      if (e === REST) continue;
      while (at < actual.length && !matches(actual[at], e)) at++;
      if (at++ >= actual.length) return false;
    }
    return true;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return false;
    const keys = Object.keys(expected);
    if (!expected[REST] && keys.length !== Object.keys(actual).length) return false;
    return keys.every((k) => matches(actual[k], expected[k]));
  }
  return Object.is(actual, expected);
}

/** The check service's GET /v1/policy as a softphone asks for it (examples/edge), serving one policy. */
function checkService(config) {
  const policy = new api.DialPolicy(config);
  return async (url, { headers = {} } = {}) => {
    assert.equal(new URL(url).pathname, "/v1/policy");
    assert.equal(headers.Accept, "application/octet-stream", "the compiled policy is asked for by its type");
    return new Response(policy.toBytes(), {
      headers: { "Content-Type": "application/octet-stream", ETag: `"${policy.fingerprint}"`, "X-Dialguard-Policy": policy.fingerprint },
    });
  };
}

test("the README's JavaScript examples give the values they show", async () => {
  let checked = 0;
  let lightBlocks = 0;
  for (const block of blocks("js")) {
    const isLight = /^import .* from "dialguard\/check";$/m.test(block);
    const lines = block.split("\n");
    const body = [];
    const expectations = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (/^import .* from "dialguard(\/check)?";/.test(line)) continue;
      // `expression; // value`, or the value in the comment lines below.
      const m = line.match(/^(\S.*?);\s*(?:\/\/\s*(.*))?$/);
      const commentLine = /^\s*\/\/\s*/;
      if (!m) {
        body.push(line);
        continue;
      }
      let comment = m[2] ?? (commentLine.test(lines[i + 1] ?? "") ? lines[++i].replace(commentLine, "") : "");
      while (/^["[{]/.test(comment) && readShown(comment) === null && commentLine.test(lines[i + 1] ?? "")) {
        comment += " " + lines[++i].replace(commentLine, "");
      }
      const shown = readShown(comment);
      if (shown === null) {
        body.push(`${m[1]};`);
        continue;
      }
      expectations.push({ expression: m[1].trim(), value: shown.value });
      body.push(`__check(${expectations.length - 1}, ${m[1]});`);
    }
    const results = [];
    const entry = isLight ? light : api;
    const names = Object.keys(entry).filter((name) => name !== "default").join(", ");
    const AsyncFunction = (async () => {}).constructor;
    const run = AsyncFunction("api", "__check", "fetch", "token", `const { ${names} } = api;\n${body.join("\n")}`);
    await run(entry, (index, actual) => (results[index] = actual), checkService({ homeRegion: "MX", allow: ["AR"] }), "t0ken");
    if (isLight) lightBlocks++;
    expectations.forEach(({ expression, value }, i) => {
      assert.ok(matches(results[i], value), `${expression}\n  gives ${JSON.stringify(results[i])}`);
      checked++;
    });
  }
  assert.ok(checked >= 12, `only ${checked} README examples were checked: has the parsing broken?`);
  assert.ok(lightBlocks >= 1, "no README example of the light entry was run");
  console.log(`# ${checked} README examples give the values they show`);
});

test("the README's example policy compiles", () => {
  const [policy] = blocks("jsonc");
  const config = JSON.parse(policy.replace(/\/\/.*$/gm, ""));
  assert.deepEqual(new api.DialPolicy(config).toJSON().allow, config.allow);
});
