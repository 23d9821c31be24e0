// The API cases of the check service (docs/contract.md §8), written once and run
// against every runtime by edge.test.mjs. Expected decisions, policies and
// errors come from the package itself (its Node entry, in this process):
// the service must answer exactly what the library says.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { DialPolicy, dataVersion } from "dialguard";

export const TOKEN = "s3cret-Token_for-tests";

export const POLICIES = {
  default: { homeRegion: "US", allow: ["CA"], sharedCodes: "by-region" },
  mx: { homeRegion: "MX", allow: ["AR"] },
  broken: { homeRegion: "US", allow: ["CA", "XX"] },
};

/** A policy text with a DialguardError of its own (not JSON at all). */
const UNPARSABLE = '{ "homeRegion": "US", "allow": [';

/** A policy with a key given twice, the second spelt with an escape: JSON.parse would keep the second. */
const REPEATED_POLICY = '{ "homeRegion": "US", "allow": ["CA"], "al\\u006cow": ["CA", "JM"] }';
/** POLICIES with a key given twice in the policy of a profile whose name has a dot. */
const REPEATED_POLICIES = '{ "default": { "homeRegion": "US", "allow": ["CA"] }, "mx.office": { "homeRegion": "MX", "allow": ["AR"], "allow": ["AR", "US"] } }';

/** The settings of each service the cases run against. */
export const SETUPS = {
  fleet: { POLICIES: JSON.stringify(POLICIES), CHECK_TOKEN: TOKEN },
  single: { POLICY: JSON.stringify(POLICIES.mx) },
  both: { POLICIES: JSON.stringify({ default: POLICIES.mx }), POLICY: JSON.stringify(POLICIES.default) },
  brokenPolicy: { POLICY: JSON.stringify(POLICIES.broken) },
  unparsablePolicy: { POLICY: UNPARSABLE },
  badPolicies: { POLICIES: '{ "default": { "allow": ["CA"] }, ' },
  repeatedPolicy: { POLICY: REPEATED_POLICY },
  repeatedPolicies: { POLICIES: REPEATED_POLICIES },
  none: {},
};

const decide = (config, dialed) => {
  const policy = new DialPolicy(config);
  try {
    return Array.isArray(dialed) ? policy.checkMany(dialed) : policy.check(dialed);
  } finally {
    policy.free();
  }
};

function describePolicy(profile, source, config) {
  const policy = new DialPolicy(config);
  try {
    return { profile, source, fingerprint: policy.fingerprint, policy: policy.toJSON(), dataVersion, warnings: policy.lint() };
  } finally {
    policy.free();
  }
}

/** The compiled policy's bytes and fingerprint, as the library makes them. */
export function compiled(config) {
  const policy = new DialPolicy(config);
  try {
    return { bytes: policy.toBytes(), fingerprint: policy.fingerprint };
  } finally {
    policy.free();
  }
}

/** The headers of an answer from the policy `config`: it names the policy's fingerprint. */
const from = (config) => ({ "X-Dialguard-Policy": compiled(config).fingerprint });
/** The headers of GET /v1/policy: the fingerprint, and the ETag the bytes are fetched again by. */
const tagged = (config) => ({ ...from(config), ETag: `"${compiled(config).fingerprint}"` });
const BYTES = "application/octet-stream";

/** The 503 body for a policy the library refuses: its DialguardError's code, path and message. */
export function refusal(config) {
  try {
    new DialPolicy(config).free();
  } catch (e) {
    assert.equal(e.name, "DialguardError");
    return { error: { code: e.code, message: e.message, path: e.path } };
  }
  throw new Error("the policy compiles");
}

/** Dials of every kind (allowed, blocked, national, malformed, URIs, Unicode), each different, in a fixed order. */
export function dialMix(count) {
  const kinds = [
    (i) => `+1 416 555 ${String(i).padStart(4, "0")}`,
    (i) => `+1 876 555 ${String(i).padStart(4, "0")}`,
    (i) => `011 44 20 7946 ${String(i).padStart(4, "0")}`,
    (i) => `tel:+1-613-555-${String(i).padStart(4, "0")}`,
    (i) => `555 ${String(i).padStart(4, "0")}`,
    (i) => `+1 809${i}`,
    (i) => `\u202E+1 416 555 ${i}`,
    (i) => `+\uFF11 \uFF14\uFF11\uFF16 ${i}`,
    (i) => `0${i}`,
    (i) => `${i}abc`,
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length](i));
}

const check = (json, extra = {}) => ({ method: "POST", path: "/v1/check", token: true, json, ...extra });
const JSON_HEADERS = { "Cache-Control": "no-store", "Content-Type": "application/json" };
const unauthorized = (error) => ({ status: 401, error: "unauthorized", headers: { "WWW-Authenticate": /^Bearer realm="dialguard"/ }, ...error });

/** A check request with the raw body `text`. */
const raw = (text, extra) => check(undefined, { body: text, ...extra });
/** A dial the default profile blocks and one it allows. */
const BLOCKED = "+52 55 1234 5678";
const ALLOWED = "+1 416 555 0123";

/**
 * Content-Type spellings of JSON in UTF-8 (RFC 9110 §8.3.1): each is
 * accepted (200). A quoted-string value may hold ";" or "charset=…".
 */
const JSON_TYPES = [
  "application/json",
  "APPLICATION/JSON",
  "Application/Json; Charset=UTF-8",
  'application/json; charset="utf-8"',
  'application/json;charset="UTF-8"',
  'application/json; charset="utf\\-8"',
  "application/json ; charset=utf-8",
  "application/json\t;\tcharset=utf-8",
  "application/json;charset=utf-8;",
  "application/json; ; charset=utf-8",
  "application/json; version=1",
  'application/json; note="a;charset=iso-8859-1"',
  'application/json; note="a \\"quoted\\" word; and more"',
  'application/json; charset=utf-8; note=""',
];

/** Content-Type values that are not JSON in UTF-8, or not a media type at all: each is refused (415). */
const NOT_JSON_TYPES = [
  "text/plain",
  "text/json",
  "application/jsonp",
  "application/dialguard+json",
  "application/problem+json",
  "application/*",
  "*/*",
  "application/json; charset=iso-8859-1",
  'application/json; charset="iso-8859-1"',
  "application/json; charset=utf-16",
  "application/json; charset=utf8",
  "application/json; charset=utf-8; charset=iso-8859-1",
  "application/json; charset=utf-8; charset=utf-8",
  "application/json; charset",
  "application/json; charset=",
  'application/json; charset=""',
  "application/json; charset = utf-8",
  "application/json; charset= utf-8",
  'application/json; charset="utf-8',
  'application/json; charset="utf-8"x',
  "application/json; charset=utf-8 x",
  "application/json; =utf-8",
  "application/json; ch@rset=iso-8859-1",
  "application/json; note=a;b",
  "application /json",
  "application/ json",
  "application/json, text/plain",
  "application/json utf-8",
  "application",
  "/json",
  '"application/json"',
  "",
];

/** A valid check body padded with spaces to exactly `size` bytes. */
function paddedBody(size) {
  const body = JSON.stringify({ dialed: "+1 416 555 0123" });
  return body.slice(0, -1) + " ".repeat(size - body.length) + "}";
}

/**
 * Each case: the setup it runs against, a request (`json` body or raw
 * `body`, `stream` for the start of a body that never ends, `contentType`
 * (default application/json, null for none), `token: true` for the right
 * bearer token or a string for the whole Authorization header), and the expected status with its exact `body` or its error
 * `code` (and `path`, `message`), plus headers.
 */
export const CASES = [
  // 200: one dial, a batch in order, profiles, the policy, health.
  { setup: "fleet", name: "one dial, default profile", request: check({ dialed: "+1 876 555 0123" }), status: 200, body: decide(POLICIES.default, "+1 876 555 0123"), headers: from(POLICIES.default) },
  { setup: "fleet", name: "one dial with policyFingerprint: the fingerprint in the body too", request: check({ dialed: "+1 876 555 0123", policyFingerprint: true }), status: 200, body: { ...decide(POLICIES.default, "+1 876 555 0123"), policyFingerprint: compiled(POLICIES.default).fingerprint }, headers: from(POLICIES.default) },
  { setup: "fleet", name: "one dial, named profile", request: check({ dialed: "00 54 11 1234 5678", profile: "mx" }), status: 200, body: decide(POLICIES.mx, "00 54 11 1234 5678"), headers: from(POLICIES.mx) },
  { setup: "fleet", name: "a batch of 1000 dials, answered in order", request: check({ dialed: dialMix(1000) }), status: 200, body: decide(POLICIES.default, dialMix(1000)), headers: from(POLICIES.default) },
  { setup: "fleet", name: "an empty batch", request: check({ dialed: [] }), status: 200, body: [] },
  { setup: "fleet", name: "a body of exactly 64 KiB", request: check(undefined, { body: paddedBody(65536) }), status: 200, body: decide(POLICIES.default, "+1 416 555 0123") },
  ...JSON_TYPES.map((type) => (
    { setup: "fleet", name: `Content-Type: ${type}`, request: check({ dialed: ALLOWED }, { headers: { "Content-Type": type } }), status: 200, body: decide(POLICIES.default, ALLOWED) }
  )),
  { setup: "fleet", name: "the bearer scheme in any case", request: check({ dialed: "+1 416 555 0123" }, { token: `bearer ${TOKEN}` }), status: 200, body: decide(POLICIES.default, "+1 416 555 0123") },
  { setup: "fleet", name: "GET /v1/policy, default profile", request: { path: "/v1/policy", token: true }, status: 200, body: describePolicy("default", "POLICIES", POLICIES.default), headers: tagged(POLICIES.default) },
  { setup: "fleet", name: "GET /v1/policy?profile=mx", request: { path: "/v1/policy?profile=mx", token: true }, status: 200, body: describePolicy("mx", "POLICIES", POLICIES.mx), headers: tagged(POLICIES.mx) },

  // The compiled policy, for softphones to judge with what is enforced: bytes, an ETag, 304 while unchanged.
  { setup: "fleet", name: "GET /v1/policy as application/octet-stream: the compiled bytes", request: { path: "/v1/policy?profile=mx", token: true, headers: { Accept: BYTES } }, status: 200, bytes: compiled(POLICIES.mx).bytes, headers: { ...tagged(POLICIES.mx), "Content-Type": BYTES } },
  { setup: "fleet", name: "Accept preferring the bytes", request: { path: "/v1/policy", token: true, headers: { Accept: "application/json;q=0.5, application/octet-stream" } }, status: 200, bytes: compiled(POLICIES.default).bytes, headers: { ...tagged(POLICIES.default), "Content-Type": BYTES } },
  { setup: "fleet", name: "Accept preferring JSON gets JSON", request: { path: "/v1/policy", token: true, headers: { Accept: "application/json, application/octet-stream;q=0.9" } }, status: 200, body: describePolicy("default", "POLICIES", POLICIES.default), headers: tagged(POLICIES.default) },
  { setup: "fleet", name: "If-None-Match with the fingerprint: 304, no body", request: { path: "/v1/policy?profile=mx", token: true, headers: { Accept: BYTES, "If-None-Match": `"${compiled(POLICIES.mx).fingerprint}"` } }, status: 304, empty: true, headers: { ...tagged(POLICIES.mx), "Content-Type": null } },
  { setup: "fleet", name: "If-None-Match with another policy's: the bytes", request: { path: "/v1/policy?profile=mx", token: true, headers: { Accept: BYTES, "If-None-Match": `W/"${compiled(POLICIES.default).fingerprint}"` } }, status: 200, bytes: compiled(POLICIES.mx).bytes, headers: { ...tagged(POLICIES.mx), "Content-Type": BYTES } },
  { setup: "fleet", name: "GET /healthz needs no token", request: { path: "/healthz" }, status: 200, body: { status: "ok", dataVersion } },
  { setup: "single", name: "POLICY is profile default; no CHECK_TOKEN, no token needed", request: check({ dialed: "00 54 11 1234 5678" }, { token: undefined }), status: 200, body: decide(POLICIES.mx, "00 54 11 1234 5678") },
  { setup: "single", name: "GET /v1/policy from POLICY", request: { path: "/v1/policy" }, status: 200, body: describePolicy("default", "POLICY", POLICIES.mx) },
  { setup: "both", name: "POLICIES takes precedence over POLICY", request: { path: "/v1/policy" }, status: 200, body: describePolicy("default", "POLICIES", POLICIES.mx) },

  // 400: not JSON, wrong shapes and types.
  { setup: "fleet", name: "invalid JSON", request: check(undefined, { body: '{"dialed": "+1 416' }), status: 400, error: "invalid-json" },
  { setup: "fleet", name: "a body that is not UTF-8", request: check(undefined, { body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) }), status: 400, error: "invalid-json" },
  { setup: "fleet", name: "an empty body", request: check(undefined, { body: "" }), status: 400, error: "invalid-json" },
  { setup: "fleet", name: "a body that is an array", request: check(["+1 416 555 0123"]), status: 400, error: "invalid-request", path: "" },
  { setup: "fleet", name: "no dialed", request: check({ profile: "default" }), status: 400, error: "invalid-request", path: "dialed" },
  { setup: "fleet", name: "dialed a number", request: check({ dialed: 14165550123 }), status: 400, error: "invalid-request", path: "dialed" },
  { setup: "fleet", name: "a batch with a number in it", request: check({ dialed: ["+1 416 555 0123", 5] }), status: 400, error: "invalid-request", path: "dialed[1]" },
  { setup: "fleet", name: "policyFingerprint not a boolean", request: check({ dialed: "+1 416 555 0123", policyFingerprint: "yes" }), status: 400, error: "invalid-request", path: "policyFingerprint" },
  { setup: "fleet", name: "policyFingerprint with a batch (the header names it)", request: check({ dialed: ["+1 416 555 0123"], policyFingerprint: true }), status: 400, error: "invalid-request", path: "policyFingerprint" },
  { setup: "fleet", name: "profile a number", request: check({ dialed: "+1 416 555 0123", profile: 7 }), status: 400, error: "invalid-request", path: "profile" },
  { setup: "fleet", name: "profile null", request: check({ dialed: "+1 416 555 0123", profile: null }), status: 400, error: "invalid-request", path: "profile" },
  { setup: "fleet", name: "a profile name that is not a key", request: check({ dialed: "+1 416 555 0123", profile: "../mx" }), status: 400, error: "invalid-request", path: "profile" },
  { setup: "fleet", name: "an unknown field (a misspelt profile is not the default)", request: check({ dialed: "+1 416 555 0123", Profile: "mx" }), status: 400, error: "invalid-request", path: "Profile" },
  { setup: "fleet", name: "GET /v1/policy?profile= (empty)", request: { path: "/v1/policy?profile=", token: true }, status: 400, error: "invalid-request", path: "profile" },
  { setup: "fleet", name: "a profile in the query of /v1/check is refused, not ignored for the default", request: check({ dialed: BLOCKED }, { path: "/v1/check?profile=mx" }), status: 400, error: "invalid-request", path: "profile" },
  { setup: "fleet", name: "GET /v1/policy?Profile=mx: an unknown query parameter", request: { path: "/v1/policy?Profile=mx", token: true }, status: 400, error: "invalid-request", path: "Profile" },

  // 400: a key given twice, at any depth, however spelt: refused, never the last one judged.
  { setup: "fleet", name: "a repeated dialed", request: raw(`{"dialed": "${BLOCKED}", "dialed": "${ALLOWED}"}`), status: 400, error: "duplicate-key", path: "dialed", message: 'repeated key "dialed"' },
  { setup: "fleet", name: "a repeated dialed, spelt with an escape", request: raw(`{"dialed": "${BLOCKED}", "dia\\u006ced": "${ALLOWED}"}`), status: 400, error: "duplicate-key", path: "dialed" },
  { setup: "fleet", name: "a repeated dialed, the first spelt all in escapes", request: raw(`{"\\u0064\\u0069\\u0061\\u006C\\u0065\\u0064": "${BLOCKED}", "dialed": "${ALLOWED}"}`), status: 400, error: "duplicate-key", path: "dialed" },
  { setup: "fleet", name: "a repeated dialed, whitespace around the keys", request: raw(`{ "dialed" :\t"${BLOCKED}" ,\r\n  "dialed"\n: "${ALLOWED}" }`), status: 400, error: "duplicate-key", path: "dialed" },
  { setup: "fleet", name: "a repeated batch", request: raw(`{"dialed": ["${BLOCKED}"], "dialed": ["${ALLOWED}"]}`), status: 400, error: "duplicate-key", path: "dialed" },
  { setup: "fleet", name: "a repeated profile", request: raw(`{"dialed": "${ALLOWED}", "profile": "mx", "profile": "default"}`), status: 400, error: "duplicate-key", path: "profile", message: 'repeated key "profile"' },
  { setup: "fleet", name: "a key repeated in an object in profile", request: raw(`{"dialed": "${ALLOWED}", "profile": {"name": "mx", "name": "default"}}`), status: 400, error: "duplicate-key", path: "profile.name", message: 'repeated key "name" in profile' },
  { setup: "fleet", name: "a key repeated deep in a batch", request: raw(`{"dialed": ["${ALLOWED}", {"a": [[], {"b": 1, "b": 2}]}]}`), status: 400, error: "duplicate-key", path: "dialed[1].a[1].b" },
  { setup: "fleet", name: "keys inside a string are not keys", request: raw(`{"dialed": "\\"dialed\\": \\"${BLOCKED}\\", \\"dialed\\": {\\"dialed\\": 1}"}`), status: 200, body: decide(POLICIES.default, `"dialed": "${BLOCKED}", "dialed": {"dialed": 1}`) },
  { setup: "fleet", name: "the same key in two objects is no repeat", request: raw('{"dialed": [{"x": 1}, {"x": 2}]}'), status: 400, error: "invalid-request", path: "dialed[0]" },
  { setup: "fleet", name: "GET /v1/policy?profile=mx&profile=default: a repeated query parameter", request: { path: "/v1/policy?profile=mx&profile=default", token: true }, status: 400, error: "duplicate-key", path: "profile" },
  { setup: "fleet", name: "a repeated query parameter, percent-encoded", request: { path: "/v1/policy?profile=default&pro%66ile=mx", token: true }, status: 400, error: "duplicate-key", path: "profile" },

  // 401: the bearer token.
  { setup: "fleet", name: "no token", request: check({ dialed: "+1 416 555 0123" }, { token: undefined }), ...unauthorized() },
  { setup: "fleet", name: "a wrong token", request: check({ dialed: "+1 416 555 0123" }, { token: "Bearer s3cret-token" }), ...unauthorized() },
  { setup: "fleet", name: "the token with a character more", request: check({ dialed: "+1 416 555 0123" }, { token: `Bearer ${TOKEN}x` }), ...unauthorized() },
  { setup: "fleet", name: "the token as Basic credentials", request: check({ dialed: "+1 416 555 0123" }, { token: `Basic ${TOKEN}` }), ...unauthorized() },
  { setup: "fleet", name: "GET /v1/policy without a token", request: { path: "/v1/policy" }, ...unauthorized() },

  // 404: paths and profiles.
  { setup: "fleet", name: "an unknown path", request: { method: "POST", path: "/v1/checks", token: true }, status: 404, error: "not-found" },
  { setup: "fleet", name: "the root", request: { path: "/" }, status: 404, error: "not-found" },
  { setup: "fleet", name: "an unknown profile", request: check({ dialed: "+1 416 555 0123", profile: "tenant-z" }), status: 404, error: "unknown-profile" },
  { setup: "fleet", name: "an inherited property is no profile", request: check({ dialed: "+1 416 555 0123", profile: "constructor" }), status: 404, error: "unknown-profile" },
  { setup: "fleet", name: "GET /v1/policy of an unknown profile", request: { path: "/v1/policy?profile=tenant-z", token: true }, status: 404, error: "unknown-profile" },
  { setup: "single", name: "POLICY has only the default profile", request: check({ dialed: "+1 416 555 0123", profile: "mx" }), status: 404, error: "unknown-profile" },

  // 405: methods, with Allow.
  { setup: "fleet", name: "GET /v1/check", request: { path: "/v1/check", token: true }, status: 405, error: "method-not-allowed", headers: { Allow: "POST" } },
  { setup: "fleet", name: "POST /v1/policy", request: check({ dialed: "+1" }, { path: "/v1/policy" }), status: 405, error: "method-not-allowed", headers: { Allow: "GET" } },
  { setup: "fleet", name: "DELETE /healthz", request: { method: "DELETE", path: "/healthz" }, status: 405, error: "method-not-allowed", headers: { Allow: "GET" } },

  // 413: the body's size (whether or not Content-Length tells it) and the number of dials.
  { setup: "fleet", name: "a body of 64 KiB and a byte", request: check(undefined, { body: paddedBody(65537) }), status: 413, error: "body-too-large" },
  { setup: "fleet", name: "a body over 64 KiB without Content-Length, still being sent", request: check(undefined, { stream: paddedBody(70_000) }), status: 413, error: "body-too-large" },
  { setup: "fleet", name: "1001 dials", request: check({ dialed: dialMix(1001) }), status: 413, error: "too-many-dials" },

  // 415: not JSON.
  { setup: "fleet", name: "no Content-Type", request: check(undefined, { body: new TextEncoder().encode('{"dialed":"+1"}'), contentType: null }), status: 415, error: "unsupported-media-type" },
  ...NOT_JSON_TYPES.map((type) => (
    { setup: "fleet", name: `Content-Type: ${JSON.stringify(type)}`, request: check({ dialed: ALLOWED }, { headers: { "Content-Type": type } }), status: 415, error: "unsupported-media-type" }
  )),

  // 503: fail closed, with the DialguardError.
  { setup: "fleet", name: "a profile whose policy does not compile", request: check({ dialed: "+1 416 555 0123", profile: "broken" }), status: 503, body: refusal(POLICIES.broken) },
  { setup: "fleet", name: "its policy, the same", request: { path: "/v1/policy?profile=broken", token: true }, status: 503, body: refusal(POLICIES.broken) },
  { setup: "brokenPolicy", name: "a POLICY that does not compile", request: check({ dialed: "+1 416 555 0123" }), status: 503, body: refusal(POLICIES.broken) },
  { setup: "brokenPolicy", name: "a batch under it", request: check({ dialed: ["+1 416 555 0123", "+1 876 555 0123"] }), status: 503, body: refusal(POLICIES.broken) },
  { setup: "brokenPolicy", name: "health is not the policy's", request: { path: "/healthz" }, status: 200, body: { status: "ok", dataVersion } },
  { setup: "unparsablePolicy", name: "a POLICY that is not JSON", request: check({ dialed: "+1 416 555 0123" }), status: 503, error: "syntax-error", path: "" },
  { setup: "badPolicies", name: "POLICIES that is not JSON", request: check({ dialed: "+1 416 555 0123" }), status: 503, error: "syntax-error", path: "POLICIES" },
  { setup: "badPolicies", name: "its policies, the same", request: { path: "/v1/policy" }, status: 503, error: "syntax-error", path: "POLICIES" },
  { setup: "repeatedPolicy", name: "a POLICY with a key given twice (spelt with an escape)", request: check({ dialed: ALLOWED }), status: 503, body: { error: { code: "duplicate-key", message: "allow: given twice", path: "allow" } } },
  { setup: "repeatedPolicy", name: "its policy, the same", request: { path: "/v1/policy" }, status: 503, body: { error: { code: "duplicate-key", message: "allow: given twice", path: "allow" } } },
  ...["mx.office", "default"].map((profile) => ({
    setup: "repeatedPolicies",
    name: `POLICIES with a key given twice in one policy: profile ${profile} too`,
    request: check({ dialed: ALLOWED, profile }),
    status: 503,
    body: { error: { code: "duplicate-key", message: 'POLICIES: repeated key "allow" in ["mx.office"]', path: "POLICIES" } },
  })),
  { setup: "none", name: "no policy configured", request: check({ dialed: "+1 416 555 0123" }), status: 503, error: "no-policy" },

  // After all of these, the same service still answers.
  { setup: "fleet", name: "still serving", request: check({ dialed: "+1 416 555 0123" }), status: 200, body: decide(POLICIES.default, "+1 416 555 0123") },
];

/** Sends a case's request to the service at `url`; resolves to `{ status, headers, body }`. */
export async function send(url, { method = "GET", path, token, headers = {}, contentType = "application/json", json, body, stream }) {
  const init = { method, headers: { ...headers } };
  if (token === true) init.headers.Authorization = `Bearer ${TOKEN}`;
  else if (typeof token === "string") init.headers.Authorization = token;
  if (json !== undefined) init.body = JSON.stringify(json);
  if (body !== undefined) init.body = body;
  if ((init.body ?? stream) !== undefined && contentType !== null) init.headers["Content-Type"] ??= contentType;
  if (stream !== undefined) return sendUnfinished(url + path, init, stream);
  const response = await fetch(url + path, init);
  if (response.status === 304) return { status: 304, headers: response.headers, body: await response.text() };
  if (response.headers.get("Content-Type") === "application/octet-stream") {
    return { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) };
  }
  return { status: response.status, headers: response.headers, body: parseJson(method, path, await response.text()) };
}

/**
 * Sends `text` as the start of a chunked body that never ends: only a
 * service that judges the size while it reads can answer (fetch cannot
 * read an answer that comes before the body is sent).
 */
function sendUnfinished(url, { method, headers }, text) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers: { ...headers, "Transfer-Encoding": "chunked" } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => {
        request.destroy();
        const { pathname } = new URL(url);
        resolve({ status: response.statusCode, headers: new Headers(response.headers), body: parseJson(method, pathname, body) });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error("no answer before the body ended")));
    request.write(text);
  });
}

function parseJson(method, path, text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    assert.fail(`${method} ${path}: the response is not JSON: ${text.slice(0, 200)}`);
  }
  return parsed;
}

/** Runs a case against the service at `url` and checks the answer. */
export async function runCase(url, c) {
  const { status, headers, body } = await send(url, c.request);
  assert.equal(status, c.status, `status (body: ${JSON.stringify(body).slice(0, 300)})`);
  for (const [name, value] of Object.entries({ ...JSON_HEADERS, ...c.headers })) {
    const got = headers.get(name);
    if (value instanceof RegExp) assert.match(got ?? "", value, name);
    else assert.equal(got, value, name);
  }
  // Only an answer from a policy names one.
  if (status !== 200 && status !== 304) assert.equal(headers.get("X-Dialguard-Policy"), null);
  if (c.body !== undefined) assert.deepEqual(body, c.body);
  if (c.bytes !== undefined) assert.deepEqual(body, c.bytes);
  if (c.empty) assert.equal(body, "");
  if (c.error !== undefined) {
    assert.equal(body.error?.code, c.error, JSON.stringify(body));
    assert.equal(typeof body.error.message, "string");
    if (c.path !== undefined) assert.equal(body.error.path, c.path);
    if (c.message !== undefined) assert.equal(body.error.message, c.message);
  }
  // Fail closed: no error carries a decision.
  if (status !== 200 && status !== 304) assert.deepEqual(Object.keys(body), ["error"]);
}
