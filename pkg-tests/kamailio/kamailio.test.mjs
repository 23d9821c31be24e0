// The SIP proxy of examples/kamailio/: real Kamailio with the example
// config, SIPp as the caller and as the trunk, and
//  - the real check service (examples/edge in workerd, from the packed
//    package): each verdict ends as docs/contract.md §9\'s table says, and the
//    trunk sees exactly the checked dialString; with the service stopped,
//    503 and nothing reaches the trunk;
//  - a faulty check service (a local HTTP server answering what a broken or
//    hostile service could): every answer but a well-formed allowed or
//    not-international is refused, and the request the proxy sends is the
//    Request-URI byte for byte, JSON-encoded, with its token and profile.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createSocket } from "node:dgram";
import { DialPolicy } from "dialguard";
import { startService } from "../edge/service.mjs";
import { call, missingTools, startKamailio, startTrunk, PACKAGES } from "./sip.mjs";

const missing = missingTools();
if (missing) throw new Error(`the SIP tests need Debian's ${PACKAGES.join(" ")}: ${missing}`);

const POLICY = { internationalPrefixes: ["00"], allow: ["AR"] };

/** The status line docs/contract.md §9 asks for, given the service's decision. */
function expectedStatus(decision) {
  switch (decision.verdict) {
    case "allowed":
    case "not-international":
      return "200 OK";
    case "blocked":
    case "malformed":
      return `403 Forbidden (${decision.verdict}: ${decision.reason})`;
    case "incomplete":
      return "484 Address Incomplete";
  }
  throw new Error(`unknown verdict ${decision.verdict}`);
}
const UNAVAILABLE = "503 Service Unavailable (dialguard check failed)";

/** A dialString as a SIP user part: what the trunk must see. */
const asUser = (dialString) => dialString.replace(/#/g, "%23").replace(/;/g, "%3B");

/** Asserts one SIPp call ended with `expected`; SIPp's error log otherwise. */
async function assertCall(proxy, user, expected, options) {
  const result = await call(proxy, user, expected, options);
  assert.ok(result.ok, `${JSON.stringify(user)}: SIPp exited ${result.code}, expected "${expected}":\n${result.errors}\n--- kamailio:\n${proxy.log().slice(-3000)}`);
}

/** Sends `request(localPort)`, raw SIP bytes; resolves to the first final response's status line (null after `ms`). */
async function sendRaw(proxy, request, ms = 5000) {
  const socket = createSocket("udp4");
  await new Promise((resolve) => socket.bind(0, "127.0.0.1", resolve));
  try {
    const local = socket.address().port;
    const final = new Promise((resolve) =>
      socket.on("message", (m) => {
        const line = m.toString("latin1").split("\r\n")[0];
        if (!/^SIP\/2\.0 1/.test(line)) resolve(line.slice("SIP/2.0 ".length));
      }),
    );
    socket.send(request(local), proxy.port, "127.0.0.1");
    return await Promise.race([final, new Promise((r) => setTimeout(r, ms, null))]);
  } finally {
    socket.close();
  }
}

/**
 * A request as bytes for `sendRaw`: `user` (a Buffer) is the Request-URI
 * user, `host` its host (the proxy unless given); `toTag` makes it look
 * in-dialog; `headers` are extra lines.
 */
function request(method, proxy, user, { host = `127.0.0.1:${proxy.port}`, toTag, headers = [] } = {}) {
  return (local) =>
    Buffer.concat([
      Buffer.from(`${method} sip:`),
      user,
      Buffer.from(
        [
          `@${host} SIP/2.0`,
          `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-raw-${local}`,
          `From: <sip:caller@127.0.0.1:${local}>;tag=raw${local}`,
          `To: <sip:callee@127.0.0.1:${proxy.port}>${toTag ? `;tag=${toTag}` : ""}`,
          `Call-ID: raw-${local}@127.0.0.1`,
          `CSeq: 1 ${method}`,
          `Contact: <sip:caller@127.0.0.1:${local}>`,
          "Max-Forwards: 70",
          ...headers,
          "Content-Length: 0",
          "",
          "",
        ].join("\r\n"),
      ),
    ]);
}

describe("kamailio + the check service (workerd)", () => {
  const policy = new DialPolicy(POLICY);
  // Dials as SIP user parts, with the verdict docs/contract.md §1 gives them; the
  // reason and dialString come from the package, which the service runs.
  const ROUTED = [
    ["0054-11-4321-5678", "allowed"],
    ["%2B54%2011%204321%205678", "allowed"], // "+54 11 4321 5678", percent-encoded: the service decodes it
    ["5551234", "not-international"],
    ["*72-0054-11-4321-5678", "allowed"], // a star code carrying an allowed number
  ];
  const REFUSED = [
    ["0052-55-1234-5678", "blocked"],
    ["*72-0052-55-1234-5678", "blocked"], // call forwarding to a blocked destination: the number it carries is judged
    ["%2B442079460000", "blocked"],
    ["005", "incomplete"],
    ["0054%ZZ1143215678", "malformed"], // a % that does not percent-decode
    ["0054\u202E1143215678", "malformed"], // RIGHT-TO-LEFT OVERRIDE
    ['0054"11\\43', "malformed"],
  ];
  let service, trunk, proxy;
  const dialed = (user) => `sip:${user}@127.0.0.1:${proxy.port}`;
  const decide = (user, verdict) => {
    const decision = policy.check(dialed(user));
    assert.equal(decision.verdict, verdict, `the package's verdict for ${JSON.stringify(user)}`);
    return decision;
  };

  before(async () => {
    service = await startService("workerd", { POLICY: JSON.stringify(POLICY) });
    // The trunk's Request-URI users do not depend on the proxy's port.
    trunk = await startTrunk(ROUTED.map(([user]) => asUser(policy.check(`sip:${user}@h`).dialString)));
    proxy = await startKamailio({ CHECK_URL: `${service.url}/v1/check`, TRUNK: trunk.uri });
  });
  after(async () => {
    await Promise.all([service?.stop(), proxy?.stop(), trunk?.stop()]);
    policy.free();
  });

  for (const [user, verdict] of ROUTED) {
    test(`${verdict}: ${JSON.stringify(user)} is routed as its dialString`, async () => {
      const decision = decide(user, verdict);
      assert.match(decision.dialString, /^[0-9+*]+$/);
      await assertCall(proxy, user, "200 OK");
    });
  }
  test("each decision is logged with the fingerprint of the policy that made it", () => {
    // The calls above: the first was routed.
    const line = `dialguard: routed (allowed: region-allowed, policy ${policy.fingerprint}) as 00541143215678`;
    assert.ok(proxy.log().includes(line), `no "${line}" in:\n${proxy.log().slice(-2000)}`);
  });
  for (const [user, verdict] of REFUSED) {
    test(`${verdict}: ${JSON.stringify(user)} is refused`, async () => {
      await assertCall(proxy, user, expectedStatus(decide(user, verdict)));
    });
  }
  test("an in-dialog INVITE for a dialog the proxy never set up is refused (481), not relayed", async () => {
    const forged = request("INVITE", proxy, Buffer.from("00521234"), {
      host: trunk.host,
      toTag: "forged",
      headers: [`Route: <sip:127.0.0.1:${proxy.port};lr>`],
    });
    assert.equal(await sendRaw(proxy, forged), "481 Call/Transaction Does Not Exist");
  });
  test("a Request-URI user that is not UTF-8 is refused (403)", async () => {
    assert.equal(await sendRaw(proxy, request("INVITE", proxy, Buffer.from([0x30, 0x30, 0x35, 0x34, 0xff, 0x31]))), "403 Forbidden (malformed: not UTF-8)");
  });
  test("a request other than INVITE outside a dialog (a MESSAGE) is refused (405), not relayed", async () => {
    assert.equal(await sendRaw(proxy, request("MESSAGE", proxy, Buffer.from("00541143215678"))), "405 Method Not Allowed");
  });
  test("check service stopped: 503, never routed", async () => {
    await service.stop();
    await assertCall(proxy, "00541143215678", UNAVAILABLE);
  });
  test("the trunk saw exactly the routed calls, each as its dialString", async () => {
    const seen = await trunk.done();
    assert.equal(seen.code, 0, `the trunk's SIPp exited ${seen.code}:\n${seen.errors}`);
    assert.deepEqual(
      seen.invites,
      ROUTED.map(([user]) => `INVITE sip:${asUser(policy.check(dialed(user)).dialString)}@${trunk.host} SIP/2.0`),
    );
  });
});

describe("kamailio + a faulty check service: everything but a well-formed allow is refused", () => {
  const TOKEN = "t0ken-for-the-sip-tests";
  const ANSWERS = {
    blocked: [200, { verdict: "blocked", reason: "not-allowed", dialString: "" }],
    escaped: [200, { verdict: "not-international", reason: "feature-code", dialString: "*67#,;1" }],
    hang: null,
    "status-500": [500, { error: { code: "internal", message: "x" } }],
    "status-401": [401, { error: { code: "unauthorized", message: "x" } }],
    "status-404": [404, { error: { code: "unknown-profile", message: "x" } }],
    "not-json": [200, "allowed"],
    "truncated-json": [200, '{"verdict":"allowed","dialString":"0054114'],
    "no-verdict": [200, { reason: "region-allowed", dialString: "00541143215678" }],
    "unknown-verdict": [200, { verdict: "Allowed", reason: "region-allowed", dialString: "00541143215678" }],
    "verdict-number": [200, { verdict: 1, dialString: "00541143215678" }],
    "verdict-null": [200, { verdict: null, dialString: "00541143215678" }],
    "verdict-array": [200, { verdict: ["allowed"], dialString: "00541143215678" }],
    "duplicate-verdict": [200, '{"verdict":"blocked","verdict":"allowed","dialString":"00541143215678"}'],
    batch: [200, [{ verdict: "allowed", reason: "region-allowed", dialString: "00541143215678" }]],
    "no-dial-string": [200, { verdict: "allowed", reason: "region-allowed" }],
    "empty-dial-string": [200, { verdict: "allowed", reason: "region-allowed", dialString: "" }],
    "dial-string-number": [200, { verdict: "allowed", reason: "region-allowed", dialString: 541143215678 }],
    "dial-string-host": [200, { verdict: "allowed", reason: "region-allowed", dialString: "0054@10.0.0.1" }],
    "dial-string-space": [200, { verdict: "allowed", reason: "region-allowed", dialString: "0054 1143215678" }],
    "reason-injection": [200, { verdict: "blocked", reason: "x\r\nX-Injected: 1", dialString: "" }],
  };
  const received = [];
  let server, trunk, proxy;

  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        let profile;
        try {
          profile = JSON.parse(body).profile;
        } catch {}
        const answer = ANSWERS[profile];
        if (answer === null) return; // hang: never answered
        const [status, payload] = answer ?? [400, { error: { code: "bad-request", message: "unknown test profile" } }];
        res.writeHead(status, { "content-type": "application/json" });
        res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
      });
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    trunk = await startTrunk([asUser(ANSWERS.escaped[1].dialString)]);
    proxy = await startKamailio({
      CHECK_URL: `http://127.0.0.1:${server.address().port}/v1/check`,
      TRUNK: trunk.uri,
      CHECK_TOKEN: TOKEN,
      CHECK_TIMEOUT: 1,
      WITH_PROFILE_HEADER: true,
    });
  });
  after(async () => {
    server?.closeAllConnections();
    await Promise.all([proxy?.stop(), trunk?.stop(), new Promise((resolve) => (server ? server.close(resolve) : resolve()))]);
  });

  const asked = (profile) => ({ header: ["X-Dialguard-Profile", profile] });
  // Quotes, a backslash, a percent escape, a bidi control and a non-ASCII
  // letter: the service must get them exactly as the caller sent them.
  const TRICKY = '0054"\\%41\u202E\u00e9';

  test("blocked: 403 naming the reason, and the check request is exact", async () => {
    const before = received.length;
    await assertCall(proxy, TRICKY, "403 Forbidden (blocked: not-allowed)", asked("blocked"));
    assert.equal(received.length, before + 1);
    const request = received.at(-1);
    assert.equal(request.method, "POST");
    assert.equal(request.url, "/v1/check");
    assert.equal(request.headers["content-type"], "application/json");
    assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(JSON.parse(request.body), { dialed: `sip:${TRICKY}@127.0.0.1:${proxy.port}`, profile: "blocked", policyFingerprint: true });
  });
  test("not-international with # and ; in its dialString: routed, escaped in the user part", async () => {
    await assertCall(proxy, "*67", "200 OK", asked("escaped"));
  });
  test("a reason that is not a kebab-case code stays out of the reply", async () => {
    await assertCall(proxy, "0052", "403 Forbidden (blocked)", asked("reason-injection"));
  });
  for (const profile of Object.keys(ANSWERS).filter((p) => !["blocked", "escaped", "reason-injection"].includes(p))) {
    test(`${profile}: 503`, async () => {
      await assertCall(proxy, "00541143215678", UNAVAILABLE, asked(profile));
    });
  }
  test("no X-Dialguard-Profile header: 403 without asking the service", async () => {
    const before = received.length;
    await assertCall(proxy, "00541143215678", "403 Forbidden (no dialguard profile)");
    assert.equal(received.length, before);
  });
  test("every request carried the token and the profile header's value; only the escaped call reached the trunk", async () => {
    for (const request of received) {
      assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
      assert.ok(JSON.parse(request.body).profile in ANSWERS);
    }
    const seen = await trunk.done();
    assert.equal(seen.code, 0, `the trunk's SIPp exited ${seen.code}:\n${seen.errors}`);
    assert.deepEqual(seen.invites, [`INVITE sip:*67%23,%3B1@${trunk.host} SIP/2.0`]);
  });
});
