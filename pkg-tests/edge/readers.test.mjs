// The check service's strict readers, in Node (fast-check, fixed seed):
// readJson (src/json.js), the one JSON reader of request bodies and policy
// texts, and parseMediaType (src/media-type.js), the Content-Type's.
// cases.mjs sends the same kinds of input through the service itself.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { JsonError, readJson } from "../../examples/edge/src/json.js";
import { parseMediaType } from "../../examples/edge/src/media-type.js";

const SEED = 20260515;
const run = (property, numRuns = 2000) => fc.assert(property, { seed: SEED, numRuns });

/** A generator of numbers in [0, 1) from a seed (mulberry32), for the spelling choices of a text. */
function randomFrom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (random, items) => items[Math.floor(random() * items.length)];

// Keys and strings made of what a naive scanner trips on: quotes,
// backslashes, brackets, dots, non-ASCII, surrogate pairs, U+2028.
const unit = fc.constantFrom("a", "b", "d", "\"", "\\", "{", "}", "[", "]", ":", ",", ".", " ", "é", "😀", "\u2028", "\u0000", "\n");
const text = fc.string({ unit, maxLength: 6 });
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("leaf"), tie("array"), tie("object")),
  leaf: fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)), fc.boolean(), fc.constant(null)),
  array: fc.array(tie("tree"), { maxLength: 4 }),
  object: fc
    .uniqueArray(fc.tuple(text, tie("tree")), { selector: ([key]) => key, maxLength: 4 })
    .map((entries) => ({ entries })),
}));

/** The JSON text of a tree, each key spelt with escapes at random, whitespace at random between tokens. */
function spell(value, random, plant) {
  const space = () => pick(random, ["", "", " ", "\t", "\n", "\r\n  "]);
  const key = (k) =>
    `"${k.split("").map((c) => (random() < 0.3 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : JSON.stringify(c).slice(1, -1))).join("")}"`;
  const steps = [];
  let objects = 0;
  const write = (v) => {
    if (Array.isArray(v)) {
      const items = v.map((item, i) => {
        steps.push(i);
        const written = write(item);
        steps.pop();
        return space() + written + space();
      });
      return `[${items.join(",") || space()}]`;
    }
    if (v !== null && typeof v === "object") {
      const here = v.entries.length > 0 ? objects++ : -1;
      const entries = v.entries.map(([k, item]) => {
        steps.push(k);
        const written = write(item);
        steps.pop();
        return `${space()}${key(k)}${space()}:${space()}${written}${space()}`;
      });
      if (plant && here === plant.object) {
        const [k] = v.entries[plant.entry % v.entries.length];
        plant.path = [...steps, k];
        entries.push(`${space()}${key(k)}${space()}:null`);
      }
      return `{${entries.join(",") || space()}}`;
    }
    return JSON.stringify(v);
  };
  return { text: space() + write(value) + space(), objects };
}

/** The value of a tree, as JSON.parse gives it. */
const valueOf = (v) =>
  Array.isArray(v) ? v.map(valueOf) : v !== null && typeof v === "object" ? Object.fromEntries(v.entries.map(([k, item]) => [k, valueOf(item)])) : v;

/** A path read back into its keys and indices: `a.b[2]["x.y"]` → ["a", "b", 2, "x.y"]. */
function stepsOf(path) {
  const steps = [];
  for (let rest = path; rest !== ""; ) {
    const match = /^(?:\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][\w$-]*))/.exec(rest);
    assert.ok(match, `a path that cannot be read: ${path}`);
    steps.push(match[1] !== undefined ? Number(match[1]) : match[2] !== undefined ? JSON.parse(match[2]) : match[3]);
    rest = rest.slice(match[0].length);
  }
  return steps;
}

/** What readJson makes of `text`: `{ value }` or `{ code, path, message }`; anything else it throws fails the test. */
function read(text) {
  try {
    return { value: readJson(text) };
  } catch (e) {
    assert.ok(e instanceof JsonError, `not a JsonError: ${e?.stack ?? e}`);
    return { code: e.code, path: e.path, message: e.message };
  }
}

describe("readJson: the one JSON reader of requests and policies", () => {
  test("a text without a repeated key: JSON.parse's value, however its keys are spelt", () => {
    run(
      fc.property(tree, fc.integer(), (value, seed) => {
        const { text } = spell(value, randomFrom(seed));
        assert.deepEqual(read(text), { value: JSON.parse(text) });
        assert.deepEqual(JSON.parse(text), valueOf(value));
      }),
    );
  });

  test("a key repeated in any object, spelt any way: refused, with its path", () => {
    run(
      fc.property(tree, fc.integer(), fc.nat(), fc.nat(), (value, seed, object, entry) => {
        const { objects } = spell(value, randomFrom(seed));
        fc.pre(objects > 0);
        const plant = { object: object % objects, entry };
        const { text } = spell(value, randomFrom(seed), plant);
        const got = read(text);
        assert.equal(got.code, "duplicate-key", text);
        assert.deepEqual(stepsOf(got.path), plant.path, text);
        assert.ok(got.message.startsWith(`repeated key ${JSON.stringify(plant.path.at(-1))}`), got.message);
      }),
    );
  });

  test("paths and messages", () => {
    for (const [text, path, message] of [
      ['{"dialed": "+52", "dialed": "+1"}', "dialed", 'repeated key "dialed"'],
      ['{"dialed": "+52", "dia\\u006ced": "+1"}', "dialed", 'repeated key "dialed"'],
      ['{"a": [0, {"b": {}, "c": [{"d": 1, "d": 2}]}]}', "a[1].c[0].d", 'repeated key "d" in a[1].c[0]'],
      ['[{}, {"x": 1, "x": 2}]', "[1].x", 'repeated key "x" in [1]'],
      ['{"mx.office": {"allow": [], "allow": []}}', '["mx.office"].allow', 'repeated key "allow" in ["mx.office"]'],
      ['{"tenant-a": {"": 1, "": 2}}', 'tenant-a[""]', 'repeated key "" in tenant-a'],
      ['{"😀": 1, "\\ud83d\\ude00": 2}', '["😀"]', 'repeated key "😀"'],
      ['{"__proto__": 1, "__proto__": 2}', "__proto__", 'repeated key "__proto__"'],
      ['{"a": "{\\"b\\": 1, \\"b\\": 2}", "b": {"a": 1}, "c": [{"a": 1}, {"a": 1}], "a": 0}', "a", 'repeated key "a"'],
    ]) {
      assert.deepEqual(read(text), { code: "duplicate-key", path, message }, text);
    }
    // No repeat: keys in strings, the same key in sibling or nested objects, keys that differ.
    for (const text of ['{"a": "\\"a\\": 1, \\"a\\": 2"}', '{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}', '{"é": 1, "e\\u0301": 2}', '{"a": 1, "A": 2}']) {
      assert.deepEqual(read(text), { value: JSON.parse(text) }, text);
    }
    assert.equal(Object.getPrototypeOf(readJson('{"__proto__": {"dialed": "+1"}}')), Object.prototype);
  });

  test("any text: JSON.parse's value or a JsonError, never another error", () => {
    const chars = fc.constantFrom(..."{}[]:,\"\\ u0123456789abcdefnrt-+.eE\t\n", "\u2028", "\ud800", "😀");
    run(fc.property(fc.oneof(fc.string({ unit: chars, maxLength: 60 }), fc.string({ unit: "binary", maxLength: 60 })), (text) => {
      const got = read(text);
      let parsed;
      try {
        parsed = { value: JSON.parse(text) };
      } catch {
        parsed = undefined;
      }
      if (parsed === undefined) assert.equal(got.code, "syntax-error");
      else if (got.code !== "duplicate-key") assert.deepEqual(got, parsed);
    }), 20000);
    // Valid texts cut or with a character changed.
    run(fc.property(tree, fc.integer(), fc.nat(), fc.nat(), fc.constantFrom("", "\"", "\\", "{", "}", "[", "]", ",", ":"), (value, seed, at, length, insert) => {
      const { text } = spell(value, randomFrom(seed));
      const cut = at % (text.length + 1);
      read(text.slice(0, cut) + insert + text.slice(cut + (length % 3)));
    }), 5000);
  });

  test("deep and long texts, to the service's limits, without recursion", () => {
    const depth = 1 << 16;
    assert.deepEqual(read("[".repeat(depth) + "]".repeat(depth)).value.length, 1);
    const deep = '{"a":'.repeat(depth) + '{"k": 1, "k": 2}' + "}".repeat(depth);
    assert.deepEqual(read(deep), { code: "duplicate-key", path: `${"a.".repeat(depth)}k`, message: `repeated key "k" in ${"a.".repeat(depth - 1)}a` });
    const wide = `{${Array.from({ length: 50000 }, (_, i) => `"k${i}": ${i}`).join(",")}, "k49999": 0}`;
    assert.equal(read(wide).path, "k49999");
    const long = JSON.stringify({ note: '\\"'.repeat(1 << 19), dialed: "+1" });
    assert.equal(read(long).value.dialed, "+1");
  });
});

describe("parseMediaType: a Content-Type as RFC 9110 §8.3.1 writes it", () => {
  test("spellings", () => {
    const type = (parameters = []) => ({ type: "application", subtype: "json", parameters });
    for (const [value, expected] of [
      ["application/json", type()],
      ["Application/JSON", type()],
      [" application/json\t", type()],
      ["application/json;", type()],
      ["application/json ;; ; ", type()],
      ["application/json; Charset=UTF-8", type([["charset", "UTF-8"]])],
      ['application/json\t;\tcharset="utf\\-8";x=1', type([["charset", "utf-8"], ["x", "1"]])],
      ['application/json; a="; b=c"; a=d', type([["a", "; b=c"], ["a", "d"]])],
      ['application/json; q="\t \\\t\\\\\\"\x80\xff"', type([["q", '\t \t\\"\x80\xff']])],
      ['application/json; q="\\\x80é"', type([["q", "\x80é"]])],
      ['application/json; q=""', type([["q", ""]])],
      ["application/json; q=!#$%&'*+-.^_`|~09AZaz", type([["q", "!#$%&'*+-.^_`|~09AZaz"]])],
      ["*/*", { type: "*", subtype: "*", parameters: [] }],
      ["application/problem+json", { type: "application", subtype: "problem+json", parameters: [] }],
    ]) {
      assert.deepEqual(parseMediaType(value), expected, JSON.stringify(value));
    }
    for (const value of [
      "", " ", "application", "application/", "/json", "application//json", "application/json/x", "application /json", "application/ json",
      "application/json x", "application/json,", "application/json, application/json", '"application/json"', "application/jsön",
      "application/json; q", "application/json; q=", "application/json; =1", "application/json; q =1", "application/json; q= 1",
      "application/json; q=1 2", "application/json; q=a/b", 'application/json; q="1', 'application/json; q="1\\', 'application/json; q="1"2',
      'application/json; q="\x7f"', 'application/json; q="\\\x7f"', 'application/json; q="\x00"', 'application/json; q="\u0100"',
      'application/json; q="\\\u0100"', "application/json; q=\x80", "application/json\n", "application/json; q=1\r",
    ]) {
      assert.equal(parseMediaType(value), null, JSON.stringify(value));
    }
  });

  test("any media type written with tokens, quoted-strings and OWS reads back; any text never throws", () => {
    const tchar = fc.constantFrom(..."!#$%&'*+-.^_`|~09AZaz");
    const token = fc.string({ unit: tchar, minLength: 1, maxLength: 8 });
    const quotable = fc.constantFrom("\t", " ", "a", "\"", "\\", ";", "=", ",", "\x80", "\xff", "~");
    const parameter = fc.tuple(token, fc.oneof(token, fc.string({ unit: quotable, maxLength: 6 })), fc.boolean());
    const ows = fc.constantFrom("", " ", "\t", " \t ");
    run(fc.property(token, token, fc.array(fc.tuple(ows, parameter, ows)), ows, (type, subtype, parameters, end) => {
      const quote = (v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
      let value = `${type}/${subtype}`;
      for (const [before, [name, v, quoted], after] of parameters) {
        const isToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(v);
        value += `${before};${after}${name}=${quoted || !isToken ? quote(v) : v}`;
      }
      assert.deepEqual(parseMediaType(value + end), {
        type: type.toLowerCase(),
        subtype: subtype.toLowerCase(),
        parameters: parameters.map(([, [name, v]]) => [name.toLowerCase(), v]),
      });
    }));
    run(fc.property(fc.string({ unit: fc.constantFrom(..."aj/;=\" \t\\,\x80é"), maxLength: 30 }), (value) => {
      const got = parseMediaType(value);
      assert.ok(got === null || (typeof got.type === "string" && Array.isArray(got.parameters)));
    }), 20000);
  });
});
