// The dialguard check service (see ../README.md): one fetch handler shared
// by the Workers entry (worker.js) and the Deno entry (deno.js).
//
// It fails closed: a policy that does not compile, a profile that cannot be
// read, a setting that is not valid or any unexpected error is answered with
// an error status and never with a decision.
import { DialPolicy, dataVersion } from "dialguard";
import { JsonError, readJson } from "./json.js";
import { parseMediaType } from "./media-type.js";

const MAX_BODY_BYTES = 64 * 1024;
const MAX_DIALS = 1000;
/** Policies are kilobytes; a longer text is refused before it is parsed or cached. */
const MAX_POLICY_CHARS = 1 << 20;
/** How long KV keeps a value at the edge (its minimum) and, by default, how long an isolate reuses it. */
const KV_CACHE_TTL = 30;
const DEFAULT_PROFILE_SECONDS = 25;
/** A profile name: a KV key (not "." or "..") and a safe JSON / URL word. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

const ROUTES = {
  "/v1/check": "POST",
  "/v1/policy": "GET",
  "/healthz": "GET",
};

/** An error answered as `{ error: { code, message, path? } }` with its status. */
class HttpError extends Error {
  constructor(status, code, message, { path, headers } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.path = path;
    this.headers = headers;
  }
}

const unavailable = (code, message, path) => new HttpError(503, code, message, { path });

function respond(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
  });
}

function errorResponse(e) {
  const error = { code: e.code, message: e.message };
  if (e.path !== undefined) error.path = e.path;
  return respond(e.status, { error }, e.headers);
}

/** The header every check answer names its policy's fingerprint in. */
const POLICY_HEADER = "X-Dialguard-Policy";

/** What fromBytes refuses in stored bytes that their configuration can still judge: compiled again. */
const COMPILED_AGAIN = new Set(["data-version", "bytes-version"]);

/**
 * For GET /v1/policy: stored bytes judged by their configuration compiled
 * again, why (`compiledAgain`: the code fromBytes refused them with) and,
 * for bytes of other data, `storedDataVersion`. Nothing for what is enforced as stored.
 */
function storedBytes(compiledAgain) {
  if (!compiledAgain) return {};
  const { code, storedDataVersion } = compiledAgain;
  return { compiledAgain: code, ...(storedDataVersion !== dataVersion && { storedDataVersion }) };
}

/** What compiled policy bytes start with (DialPolicy.toBytes). */
const BYTES_LABEL = "dialguard-policy";

/** A byte string as a string of the same code units: a cache key. */
function latin1(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** A POLICY_STORE value: compiled bytes when they start with their label, else a policy's JSON text (UTF-8). */
function storedPolicy(buffer, profile) {
  const bytes = new Uint8Array(buffer);
  if (latin1(bytes.subarray(0, BYTES_LABEL.length)) === BYTES_LABEL) return { bytes };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    throw unavailable("invalid-value", `the value of profile "${profile}" in POLICY_STORE is neither compiled policy bytes nor UTF-8 text`, "POLICY_STORE");
  }
}

/**
 * Whether an Accept header asks for the compiled bytes: application/octet-stream
 * named, with a q above zero and above application/json's. Anything else gets JSON.
 */
function wantsBytes(accept) {
  if (accept === null) return false;
  const q = { "application/octet-stream": 0, "application/json": -1 };
  for (const range of accept.split(",")) {
    const media = parseMediaType(range);
    const name = media && `${media.type}/${media.subtype}`;
    if (media === null || !Object.hasOwn(q, name)) continue;
    const given = media.parameters.find(([p]) => p === "q")?.[1];
    const weight = given === undefined ? 1 : Number(given);
    if (Number.isFinite(weight)) q[name] = Math.max(q[name], weight);
  }
  return q["application/octet-stream"] > 0 && q["application/octet-stream"] > q["application/json"];
}

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2), or is "*". */
function matchesTag(header, etag) {
  if (header === null) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || (t.startsWith("W/") ? t.slice(2) : t) === etag;
  });
}

/** A Map used as a bounded cache: the least recently used entry goes first. */
class Lru {
  constructor(max, onEvict = () => {}) {
    this.max = max;
    this.onEvict = onEvict;
    this.map = new Map();
  }

  get(key) {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) {
      const [oldest, evicted] = this.map.entries().next().value;
      this.map.delete(oldest);
      this.onEvict(evicted);
    }
  }

  delete(key) {
    this.map.delete(key);
  }
}

const encoder = new TextEncoder();

/** Whether the bearer token equals the expected one, in time independent of where they differ or how long they are. */
async function sameToken(given, expected) {
  const [a, b] = await Promise.all(
    [given, expected].map(async (t) => new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(t)))),
  );
  // workerd has a constant-time comparison; elsewhere (Deno) compare every byte.
  if (typeof crypto.subtle.timingSafeEqual === "function") return crypto.subtle.timingSafeEqual(a, b);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

async function authorize(request, env) {
  const expected = env.CHECK_TOKEN;
  if (expected === undefined) return;
  if (typeof expected !== "string" || expected === "") {
    throw unavailable("invalid-value", "CHECK_TOKEN must be a non-empty string", "CHECK_TOKEN");
  }
  const match = /^Bearer +([^\s]+) *$/i.exec(request.headers.get("Authorization") ?? "");
  if (match === null) {
    throw new HttpError(401, "unauthorized", "a bearer token is required: Authorization: Bearer <CHECK_TOKEN>", {
      headers: { "WWW-Authenticate": 'Bearer realm="dialguard"' },
    });
  }
  if (!(await sameToken(match[1], expected))) {
    throw new HttpError(401, "unauthorized", "the bearer token is wrong", {
      headers: { "WWW-Authenticate": 'Bearer realm="dialguard", error="invalid_token"' },
    });
  }
}

/**
 * Refuses (415) a body whose Content-Type is not `application/json`, in any
 * valid spelling (media-type.js), with `charset=utf-8` or no charset:
 * RFC 8259 JSON is UTF-8, and a body said to be in another charset is
 * refused rather than read as what it is not. A `+json` type
 * (`application/problem+json`) is another format: refused too.
 */
function requireJson(request) {
  const refuse = (why) => new HttpError(415, "unsupported-media-type", `${why}: Content-Type: application/json`);
  const header = request.headers.get("Content-Type");
  if (header === null) throw refuse("the body must be JSON");
  const media = parseMediaType(header);
  if (media === null) throw refuse("the Content-Type is not a media type (RFC 9110)");
  if (media.type !== "application" || media.subtype !== "json") throw refuse("the body must be JSON");
  const charsets = media.parameters.filter(([name]) => name === "charset");
  if (charsets.length > 1) throw refuse("the charset is given twice");
  if (charsets.length === 1 && charsets[0][1].toLowerCase() !== "utf-8") throw refuse("the body must be UTF-8 (charset=utf-8 or none)");
}

/** The body as text, read no further than MAX_BODY_BYTES whatever Content-Length says. */
async function readBody(request) {
  requireJson(request);
  const tooLarge = new HttpError(413, "body-too-large", `the body is over ${MAX_BODY_BYTES} bytes`);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES) throw tooLarge;
  const chunks = [];
  let size = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        reader.cancel().catch(() => {});
        throw tooLarge;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "invalid-json", "the body is not UTF-8");
  }
}

const badRequest = (message, path) => new HttpError(400, "invalid-request", message, { path });

/** `{ dialed, profile? }` from the body; anything else is a 400 (or 413 for too many dials). */
function readCheckRequest(text) {
  let body;
  try {
    body = readJson(text);
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    if (e.code === "duplicate-key") throw new HttpError(400, "duplicate-key", e.message, { path: e.path });
    throw new HttpError(400, "invalid-json", `the body is not JSON: ${e.message}`);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest('the body must be an object: { "dialed": "…" } or { "dialed": ["…", …] }', "");
  }
  for (const key of Object.keys(body)) {
    if (key !== "dialed" && key !== "profile" && key !== "policyFingerprint") throw badRequest(`unknown field "${key}"`, key);
  }
  const { dialed, profile, policyFingerprint = false } = body;
  if (typeof policyFingerprint !== "boolean") throw badRequest('"policyFingerprint" must be true or false', "policyFingerprint");
  if (policyFingerprint && Array.isArray(dialed)) {
    throw badRequest('"policyFingerprint" is for one dial: a batch\'s answer names its policy in the X-Dialguard-Policy header', "policyFingerprint");
  }
  if (Array.isArray(dialed)) {
    if (dialed.length > MAX_DIALS) {
      throw new HttpError(413, "too-many-dials", `at most ${MAX_DIALS} dials in one request, not ${dialed.length}`);
    }
    const at = dialed.findIndex((d) => typeof d !== "string");
    if (at >= 0) throw badRequest("every dial must be a string", `dialed[${at}]`);
  } else if (typeof dialed !== "string") {
    throw badRequest('"dialed" must be a string or an array of strings', "dialed");
  }
  return { dialed, profile: profileName(profile, "profile"), policyFingerprint };
}

/**
 * The query's parameters as an object: each one of `names` and given at
 * most once (however percent-encoded), else a 400. `?profile=mx` on
 * /v1/check is refused rather than ignored for the default profile.
 */
function readQuery(request, names) {
  const query = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    if (!names.includes(name)) {
      const takes = names.length > 0 ? names.map((n) => `"${n}"`).join(", ") : "none: the request is the body";
      throw badRequest(`unknown query parameter ${JSON.stringify(name)} (query parameters: ${takes})`, name);
    }
    if (Object.hasOwn(query, name)) throw new HttpError(400, "duplicate-key", `repeated query parameter "${name}"`, { path: name });
    query[name] = value;
  }
  return query;
}

/** The profile asked for: "default" when none is given. */
function profileName(profile, path) {
  if (profile === undefined) return "default";
  if (typeof profile !== "string") throw badRequest(`"${path}" must be a string`, path);
  if (!PROFILE_NAME.test(profile)) {
    throw badRequest(`"${path}" must be 1 to 128 letters, digits and . _ : @ -, starting with a letter or digit`, path);
  }
  return profile;
}

/**
 * POLICIES' object read by readJson, or the 503 HttpError saying why not,
 * with readJson's code ("syntax-error", "duplicate-key"): path "POLICIES",
 * the key's path in the message. (A policy's own text is read by the
 * engine: DialPolicy.fromJSON.)
 */
function readPolicies(text) {
  try {
    return readJson(text);
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    return unavailable(e.code, e.code === "syntax-error" ? `POLICIES is not JSON: ${e.message}` : `POLICIES: ${e.message}`, "POLICIES");
  }
}

/** POLICIES as a Map of profile → policy text, or the 503 HttpError saying why it cannot be read. */
function parsePolicies(text) {
  if (typeof text !== "string") return unavailable("wrong-type", "POLICIES must be a JSON text", "POLICIES");
  const parsed = readPolicies(text);
  if (parsed instanceof HttpError) return parsed;
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return unavailable("wrong-type", "POLICIES must be a JSON object of profile name → policy", "POLICIES");
  }
  return new Map(Object.entries(parsed).map(([name, config]) => [name, JSON.stringify(config)]));
}

/**
 * Makes a fetch handler `(request, env) => Promise<Response>`. It keeps its
 * caches (compiled policies by their text, KV reads by profile) for the
 * isolate's life. `compile` turns a policy's JSON text into an object with
 * the methods of DialPolicy that the routes use, throwing a DialguardError
 * for a bad one; the default is DialPolicy.fromJSON, which refuses a key
 * given twice.
 */
export function createHandler({ compile = (text) => DialPolicy.fromJSON(text), maxPolicies = 100, maxProfiles = 1000 } = {}) {
  // Policy text → { policy } or { error }: each text is compiled once.
  const compiled = new Lru(maxPolicies, (entry) => entry.policy?.free());
  // Profile → { text: string | null, expires } or { pending } for KV reads.
  const kvReads = new Lru(maxProfiles);
  let policiesMemo = { text: undefined, profiles: null };

  /**
   * `{ policy, fingerprint }` (and `compiledAgain` for stored bytes of
   * another data version or an earlier format), or `{ error }` when the
   * source is not a policy (the same source fails alike).
   */
  function compileEntry({ text, bytes }) {
    try {
      if (bytes !== undefined) return loadBytes(bytes);
      const policy = compile(text);
      return { policy, fingerprint: policy.fingerprint };
    } catch (e) {
      if (e?.name !== "DialguardError") throw e;
      return { error: unavailable(e.code, e.message, e.path) };
    }
  }

  /**
   * Compiled bytes from POLICY_STORE, loaded as they are. Bytes compiled
   * with other numbering data or written in an earlier format (stored
   * before this package was upgraded), whole and unchanged, are judged by
   * their configuration with this package's data and format, as that
   * configuration's JSON would be: an upgrade does not take a tenant's
   * calls down. Anything else fromBytes refuses (a format compiledFrom
   * cannot read either, changed or cut bytes) is 503.
   */
  function loadBytes(bytes) {
    let refused;
    try {
      const policy = DialPolicy.fromBytes(bytes);
      return { policy, fingerprint: policy.fingerprint };
    } catch (e) {
      if (e?.name !== "DialguardError" || !COMPILED_AGAIN.has(e.code)) throw e;
      refused = e.code;
    }
    const { config, dataVersion: storedDataVersion } = DialPolicy.compiledFrom(bytes);
    const policy = new DialPolicy(config);
    return { policy, fingerprint: policy.fingerprint, compiledAgain: { code: refused, storedDataVersion } };
  }

  /** The compiled policy of a source (a JSON text, or compiled bytes from POLICY_STORE), and its fingerprint. */
  function compileSource(source) {
    const size = source.text?.length ?? source.bytes.length;
    if (size > MAX_POLICY_CHARS) {
      const unit = source.text === undefined ? "bytes" : "characters";
      throw unavailable("too-large", `a policy is at most ${MAX_POLICY_CHARS} ${unit}, not ${size}`, "");
    }
    // Bytes are keyed apart from any text: a NUL starts no JSON policy.
    const key = source.text ?? `\0${latin1(source.bytes)}`;
    let entry = compiled.get(key);
    if (entry === undefined) {
      entry = compileEntry(source);
      compiled.set(key, entry);
    }
    if (entry.error) throw entry.error;
    return entry;
  }

  /** POLICIES as a Map of profile → policy text, parsed once per distinct text. */
  function namedPolicies(text) {
    if (policiesMemo.text !== text) policiesMemo = { text, profiles: parsePolicies(text) };
    if (policiesMemo.profiles instanceof HttpError) throw policiesMemo.profiles;
    return policiesMemo.profiles;
  }

  function profileSeconds(env) {
    const setting = env.POLICY_CACHE_SECONDS;
    if (setting === undefined) return DEFAULT_PROFILE_SECONDS;
    const seconds = Number(setting);
    if (typeof setting === "boolean" || String(setting).trim() === "" || !Number.isInteger(seconds) || seconds < 0 || seconds > KV_CACHE_TTL) {
      const message = `POLICY_CACHE_SECONDS must be a whole number of seconds from 0 to ${KV_CACHE_TTL}`;
      throw unavailable("invalid-value", message, "POLICY_CACHE_SECONDS");
    }
    return seconds;
  }

  /**
   * The profile's value from KV (`{ text }` or `{ bytes }`, null when there is none), reused for
   * POLICY_CACHE_SECONDS; concurrent reads of a profile share one.
   */
  async function kvSource(store, profile, seconds) {
    if (typeof store?.get !== "function") {
      throw unavailable("wrong-type", "POLICY_STORE must be a KV namespace binding", "POLICY_STORE");
    }
    const cached = kvReads.get(profile);
    if (cached !== undefined && (cached.pending || Date.now() < cached.expires)) return cached.pending ?? cached.source;
    const pending = store.get(profile, { type: "arrayBuffer", cacheTtl: KV_CACHE_TTL }).then(
      (value) => {
        const source = value === null ? null : storedPolicy(value, profile);
        kvReads.set(profile, { source, expires: Date.now() + seconds * 1000 });
        return source;
      },
      (e) => {
        kvReads.delete(profile);
        if (e instanceof HttpError) throw e;
        throw unavailable("store-unavailable", `the profile could not be read from POLICY_STORE: ${e?.message ?? e}`, "POLICY_STORE");
      },
    );
    kvReads.set(profile, { pending });
    return pending;
  }

  /** The profile's policy (`{ text }` or `{ bytes }`) from the first source configured: POLICY_STORE, POLICIES, POLICY. */
  async function policySource(env, profile) {
    const unknown = () => new HttpError(404, "unknown-profile", `no policy for profile "${profile}"`);
    if (env.POLICY_STORE !== undefined) {
      const value = await kvSource(env.POLICY_STORE, profile, profileSeconds(env));
      if (value === null) throw unknown();
      return { ...value, source: "POLICY_STORE" };
    }
    if (env.POLICIES !== undefined) {
      const text = namedPolicies(env.POLICIES).get(profile);
      if (text === undefined) throw unknown();
      return { text, source: "POLICIES" };
    }
    if (env.POLICY !== undefined) {
      if (typeof env.POLICY !== "string") {
        throw unavailable("wrong-type", "POLICY must be a JSON text", "POLICY");
      }
      if (profile !== "default") throw unknown();
      return { text: env.POLICY, source: "POLICY" };
    }
    throw unavailable("no-policy", "no policy is configured: set POLICY or POLICIES, or bind POLICY_STORE", "");
  }

  async function check(request, env) {
    readQuery(request, []);
    const { dialed, profile, policyFingerprint } = readCheckRequest(await readBody(request));
    const source = await policySource(env, profile);
    // No await from here on: an evicted policy is freed only between requests.
    const { policy, fingerprint } = compileSource(source);
    const headers = { [POLICY_HEADER]: fingerprint };
    if (Array.isArray(dialed)) return respond(200, policy.checkMany(dialed), headers);
    // In the body too when asked, for clients that read no response header (Kamailio 5.6's http_client).
    const decision = policy.check(dialed);
    return respond(200, policyFingerprint ? { ...decision, policyFingerprint: fingerprint } : decision, headers);
  }

  async function describe(request, env) {
    const profile = profileName(readQuery(request, ["profile"]).profile, "profile");
    const { source, ...value } = await policySource(env, profile);
    const { policy, fingerprint, compiledAgain } = compileSource(value);
    const etag = `"${fingerprint}"`;
    const headers = { [POLICY_HEADER]: fingerprint, ETag: etag };
    if (!wantsBytes(request.headers.get("Accept"))) {
      const described = { profile, source, fingerprint, policy: policy.toJSON(), dataVersion, ...storedBytes(compiledAgain) };
      return respond(200, { ...described, warnings: policy.lint() }, headers);
    }
    // What softphones load (DialPolicy.fromBytes), unchanged while the fingerprint is.
    if (matchesTag(request.headers.get("If-None-Match"), etag)) {
      return new Response(null, { status: 304, headers: { "Cache-Control": "no-store", ...headers } });
    }
    return new Response(policy.toBytes(), {
      status: 200,
      headers: { "Content-Type": "application/octet-stream", "Cache-Control": "no-store", ...headers },
    });
  }

  async function route(request, env) {
    const { pathname } = new URL(request.url);
    const method = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : undefined;
    if (method === undefined) throw new HttpError(404, "not-found", `no route ${pathname}`);
    if (request.method !== method) {
      throw new HttpError(405, "method-not-allowed", `${pathname} takes ${method}`, { headers: { Allow: method } });
    }
    if (pathname === "/healthz") return respond(200, { status: "ok", dataVersion });
    await authorize(request, env);
    return pathname === "/v1/check" ? check(request, env) : describe(request, env);
  }

  return async function handle(request, env = {}) {
    try {
      return await route(request, env);
    } catch (e) {
      if (e instanceof HttpError) return errorResponse(e);
      return errorResponse(new HttpError(500, "internal-error", `unexpected error: ${e?.message ?? e}`));
    }
  };
}
