// Requests within a dialog through the SIP proxy of examples/kamailio/
// (docs/contract.md §9): real Kamailio with the example config, the real
// check service (examples/edge in workerd), and a caller and a trunk in raw
// SIP (rawsip.mjs). The proxy relays them only in a confirmed dialog of a
// call it checked: from the caller only to exactly the trunk's Contact,
// from the trunk only back to the caller. Each forged request is refused
// and nothing of it reaches the trunk, nor another host.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { startService } from "../edge/service.mjs";
import { answered, startCaller, startTrunk } from "./rawsip.mjs";
import { missingTools, startKamailio, PACKAGES } from "./sip.mjs";

const missing = missingTools();
if (missing) throw new Error(`the SIP tests need Debian's ${PACKAGES.join(" ")}: ${missing}`);

const POLICY = { internationalPrefixes: ["00"], allow: ["AR"] };
const ALLOWED = "0054-11-4321-5678"; // routed as sip:00541143215678@trunk
const BLOCKED = "0052-55-1234-5678";
const NO_DIALOG = "481 Call/Transaction Does Not Exist";
const NOT_CONFIRMED = "403 Forbidden (dialog not confirmed)";
const NOT_CONTACT = "403 Forbidden (not the trunk's Contact)";
const NOT_OUR_ROUTE = "403 Forbidden (a route this proxy did not issue)";
const NOT_ANSWERED = "403 Forbidden (Replaces: not a call of this proxy)";

describe("kamailio: requests within a dialog", () => {
  let service, trunk, elsewhere, proxy, caller;
  // A number no check allowed, on the trunk.
  const unchecked = (number = "+882123456792") => `sip:${number}@${trunk.host}`;

  before(async () => {
    service = await startService("workerd", { POLICY: JSON.stringify(POLICY) });
    trunk = await startTrunk();
    // Another host: the trunk's port on 127.0.0.2, recording what reaches it.
    elsewhere = await startTrunk({ host: "127.0.0.2", port: trunk.port });
    proxy = await startKamailio({ CHECK_URL: `${service.url}/v1/check`, TRUNK: trunk.uri });
    caller = await startCaller(proxy);
  });
  after(async () => {
    await Promise.all([service?.stop(), proxy?.stop(), trunk?.close(), elsewhere?.close(), caller?.close()]);
  });

  /** Waits until the trunk has received `count` requests in all (2 s at most). */
  async function trunkReceived(count) {
    for (let waited = 0; trunk.requests.length < count && waited < 2000; waited += 20) await delay(20);
  }
  /** Sends `method` and asserts its final response's status line is `expected`. */
  async function assertAnswer(method, call, fields, expected) {
    const response = await caller.send(method, call, fields);
    assert.equal(response?.line ?? null, expected, `${method} ${JSON.stringify(fields)}:\n${proxy.log().slice(-2000)}`);
  }
  /** Runs `send` (forged requests) and asserts that nothing reached the trunk or the other host. */
  async function nothingReaches(send) {
    const [mark, elsewhereMark] = [trunk.requests.length, elsewhere.requests.length];
    await send();
    await delay(150); // an ACK has no answer to wait for
    assert.deepEqual(trunk.requests.slice(mark), [], "the trunk received these");
    assert.deepEqual(elsewhere.requests.slice(elsewhereMark), [], "the other host received these");
  }
  /** A call to `user` that the trunk answered, and ACKed (unless `ack` is false): the caller's dialog. */
  async function answeredCall(user = ALLOWED, { ack = true, ...options } = {}) {
    trunk.mode = "answer";
    const call = caller.call(user, options);
    const ok = await caller.send("INVITE", call);
    assert.equal(ok?.line, "200 OK", proxy.log().slice(-2000));
    const dialog = answered(call, ok);
    if (ack) {
      const count = trunk.requests.length + 1;
      await caller.send("ACK", dialog);
      await trunkReceived(count);
    }
    return dialog;
  }
  /** A call that rings: the trunk sent 100 (and 180 with `mode` "ring180"); resolves to `{ call, final, early }`. */
  async function ringingCall(mode) {
    trunk.mode = mode;
    const count = trunk.requests.length + 1;
    const call = caller.call(ALLOWED);
    const final = caller.send("INVITE", call, {}, 10000);
    await trunkReceived(count);
    const ringing = mode === "ring180" ? await caller.next((m) => m.status === 180 && m.header("call-id") === call.callId) : null;
    return { call, final, early: ringing && answered(call, ringing) };
  }

  test("a call: its ACK, a re-INVITE to the trunk's Contact and its ACK, and the caller's BYE reach the trunk", async () => {
    const mark = trunk.requests.length;
    const dialog = await answeredCall();
    assert.equal(dialog.uri, trunk.contact);
    await assertAnswer("INVITE", dialog, {}, "200 OK");
    await caller.send("ACK", dialog);
    await trunkReceived(mark + 4);
    await assertAnswer("BYE", dialog, {}, "200 OK");
    assert.deepEqual(trunk.requests.slice(mark), [
      `INVITE sip:00541143215678@${trunk.host}`,
      `ACK ${trunk.contact}`,
      `INVITE ${trunk.contact}`,
      `ACK ${trunk.contact}`,
      `BYE ${trunk.contact}`,
    ]);
  });

  test("the trunk's BYE reaches the caller", async () => {
    const dialog = await answeredCall();
    const seen = caller.requests.length;
    assert.equal((await trunk.bye(dialog.callId))?.line, "200 OK");
    assert.deepEqual(caller.requests.slice(seen).map((r) => `${r.method} ${r.uri}`), [`BYE ${dialog.contact}`]);
  });

  test("CANCEL of a ringing call reaches the trunk, which ends the call with 487", async () => {
    const mark = trunk.requests.length;
    const { call, final } = await ringingCall("ring");
    await assertAnswer("CANCEL", call, {}, "200 canceling");
    assert.equal((await final)?.line, "487 Request Terminated");
    await trunkReceived(mark + 3); // with the proxy's ACK of the 487
    const checked = `sip:00541143215678@${trunk.host}`;
    assert.deepEqual(trunk.requests.slice(mark), [`INVITE ${checked}`, `CANCEL ${checked}`, `ACK ${checked}`]);
  });

  test("the ACK of a refused call reaches nothing", async () => {
    await nothingReaches(() => assertAnswer("INVITE", caller.call(BLOCKED), {}, "403 Forbidden (blocked: not-allowed)"));
  });

  test("an INVITE with a To tag while the call rings is refused: without a did, with the did of the 180, any To tag", async () => {
    const ringing = await ringingCall("ring");
    await nothingReaches(() =>
      assertAnswer("INVITE", ringing.call, { toTag: "forged", route: [`<sip:127.0.0.1:${proxy.port};lr>`], uri: unchecked() }, NO_DIALOG),
    );
    const early = await ringingCall("ring180");
    await nothingReaches(async () => {
      for (const toTag of [early.early.toTag, "forged"]) {
        await assertAnswer("INVITE", early.early, { toTag, uri: unchecked() }, NOT_CONFIRMED);
        await assertAnswer("INVITE", early.early, { toTag }, NOT_CONFIRMED);
      }
      await caller.send("ACK", early.early, { uri: unchecked() });
    });
    for (const { call, final } of [ringing, early]) {
      await assertAnswer("CANCEL", call, {}, "200 canceling");
      assert.equal((await final)?.line, "487 Request Terminated");
    }
  });

  test("a To tag that the trunk did not give is refused in a confirmed dialog", async () => {
    const dialog = await answeredCall();
    await nothingReaches(async () => {
      await assertAnswer("INVITE", dialog, { toTag: "forged", uri: unchecked() }, NO_DIALOG);
      await assertAnswer("INVITE", dialog, { toTag: "forged" }, NO_DIALOG);
      await assertAnswer("BYE", dialog, { toTag: "forged" }, NO_DIALOG);
    });
  });

  test("a caller using the trunk's side of the dialog (the tags swapped) is refused", async () => {
    const dialog = await answeredCall();
    await nothingReaches(async () => {
      await assertAnswer("INVITE", dialog, { fromTag: dialog.toTag, toTag: dialog.fromTag, uri: unchecked() }, NO_DIALOG);
      await assertAnswer("INVITE", dialog, { fromTag: dialog.toTag, toTag: dialog.fromTag }, NO_DIALOG);
    });
  });

  test("an in-dialog request to another number than the trunk's Contact is refused", async () => {
    const dialog = await answeredCall();
    const other = unchecked("+882123456789");
    await nothingReaches(async () => {
      await assertAnswer("INVITE", dialog, { uri: other }, NOT_CONTACT);
      await assertAnswer("OPTIONS", dialog, { uri: other }, NOT_CONTACT);
      await caller.send("ACK", dialog, { uri: other });
      await assertAnswer("BYE", dialog, { uri: other }, NOT_CONTACT);
    });
  });

  test("an in-dialog request to another host than the trunk's Contact is refused", async () => {
    const dialog = await answeredCall();
    const other = `sip:trunk@${elsewhere.host}`;
    await nothingReaches(async () => {
      await assertAnswer("INVITE", dialog, { uri: other }, NOT_CONTACT);
      await caller.send("ACK", dialog, { uri: other });
      await assertAnswer("BYE", dialog, { uri: other }, NOT_CONTACT);
    });
  });

  test("a Route this proxy did not issue is refused: none, no did, a wrong did, another host's, one more", async () => {
    const dialog = await answeredCall(ALLOWED, { ack: false });
    const own = dialog.route[0];
    assert.match(own, /;did=/);
    await nothingReaches(async () => {
      // The ACK of the 200, without a Route: not relayed as the transaction's.
      await caller.send("ACK", dialog, { route: [], uri: unchecked() });
      await assertAnswer("INVITE", dialog, { route: [] }, NO_DIALOG);
      await assertAnswer("INVITE", dialog, { route: [`<sip:127.0.0.1:${proxy.port};lr>`] }, NO_DIALOG);
      await assertAnswer("INVITE", dialog, { route: [`<sip:127.0.0.1:${proxy.port};lr>`], uri: unchecked() }, NO_DIALOG);
      await assertAnswer("INVITE", dialog, { route: [own.replace(/;did=[^;>]*/, ";did=fff.fff")] }, NO_DIALOG);
      await assertAnswer("INVITE", dialog, { route: [`<sip:${elsewhere.host};lr>`] }, NO_DIALOG);
      await assertAnswer("INVITE", dialog, { route: [own, `<sip:${elsewhere.host};lr>`] }, NOT_OUR_ROUTE);
      await assertAnswer("INVITE", dialog, { route: [`${own}, <sip:${elsewhere.host};lr>`] }, NOT_OUR_ROUTE);
    });
  });

  test("REFER is refused", async () => {
    const dialog = await answeredCall();
    await nothingReaches(() => assertAnswer("REFER", dialog, { headers: [["Refer-To", `<${unchecked()}>`]] }, "403 Forbidden (REFER not allowed)"));
  });

  test("an initial INVITE with Replaces (or Join) for a call this proxy did not answer is refused, not checked", async () => {
    const dialog = await answeredCall();
    const { call: ringing, final } = await ringingCall("ring");
    trunk.mode = "answer";
    const replaces = (value) => ({ headers: [["Replaces", value]] });
    await nothingReaches(async () => {
      for (const value of [
        "unknown@127.0.0.1;to-tag=a;from-tag=b",
        `${dialog.callId};to-tag=${dialog.fromTag};from-tag=${dialog.toTag}`, // tags swapped
        `${dialog.callId};to-tag=forged;from-tag=${dialog.fromTag}`,
        `${ringing.callId};to-tag=forged;from-tag=${ringing.fromTag}`, // not answered
        `${dialog.callId};to-tag=${dialog.toTag};from-tag=${dialog.fromTag};to-tag=forged`,
        `${dialog.callId}`,
      ]) {
        await assertAnswer("INVITE", caller.call(ALLOWED, replaces(value)), {}, NOT_ANSWERED);
      }
      const twice = `${dialog.callId};to-tag=${dialog.toTag};from-tag=${dialog.fromTag}`;
      await assertAnswer("INVITE", caller.call(ALLOWED, { headers: [["Replaces", twice], ["Replaces", "unknown@127.0.0.1;to-tag=a;from-tag=b"]] }), {}, NOT_ANSWERED);
      await assertAnswer("INVITE", caller.call(ALLOWED, { headers: [["Join", twice]] }), {}, "403 Forbidden (Join not allowed)");
    });
    await assertAnswer("CANCEL", ringing, {}, "200 canceling");
    assert.equal((await final)?.line, "487 Request Terminated");
  });

  test("an initial INVITE with Replaces for a call this proxy answered is checked as any call", async () => {
    const dialog = await answeredCall();
    const headers = [["Replaces", `${dialog.callId};to-tag=${dialog.toTag};from-tag=${dialog.fromTag}`]];
    await nothingReaches(() => assertAnswer("INVITE", caller.call(BLOCKED, { headers }), {}, "403 Forbidden (blocked: not-allowed)"));
    const mark = trunk.requests.length;
    await answeredCall(ALLOWED, { headers });
    assert.equal(trunk.requests[mark], `INVITE sip:00541143215678@${trunk.host}`);
  });

  test("a caller whose Contact and Record-Route name the trunk: the trunk's BYE goes to the caller, not back to the trunk", async () => {
    const dialog = await answeredCall(ALLOWED, { ack: false, contact: unchecked(), headers: [["Record-Route", `<sip:${trunk.host};lr>`]] });
    const own = dialog.route.at(-1);
    assert.match(own, /;did=/);
    await caller.send("ACK", dialog, { route: [own] });
    await trunkReceived(trunk.requests.length + 1);
    const seen = caller.requests.length;
    await nothingReaches(async () => assert.equal((await trunk.bye(dialog.callId))?.line, "200 OK"));
    assert.deepEqual(caller.requests.slice(seen).map((r) => `${r.method} ${r.uri}`), [`BYE ${unchecked()}`]);
  });
});
