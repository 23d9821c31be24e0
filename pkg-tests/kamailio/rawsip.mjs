// Raw SIP over UDP from node's dgram, for the in-dialog tests
// (dialogs.test.mjs): a caller that writes every part of its requests as a
// test asks (Call-ID, tags, Route, Request-URI, Contact), and a trunk that
// records every request reaching it and answers as a trunk would.
//
//   const trunk = await startTrunk();                 // trunk.uri for the proxy's TRUNK
//   const caller = await startCaller(proxy);
//   const call = caller.call("0054-11-4321-5678");
//   const ok = await caller.send("INVITE", call);     // the final response
//   const dialog = answered(call, ok);                // the trunk's tag, the route set, its Contact
//   await caller.send("BYE", dialog, { uri: "sip:+882123456789@…" });
//   trunk.requests                                    // ["INVITE sip:…", "BYE sip:…", …]
import { createSocket } from "node:dgram";

/**
 * A SIP message: `line` (a response's status code and reason phrase, or a
 * request's first line), `status` or `method` and `uri`, `header(name)` its
 * first value of a header and `headers(name)` all of them, `from` the
 * address it came from.
 */
function parse(buffer, from) {
  const [first, ...lines] = buffer.toString("latin1").split("\r\n\r\n")[0].split("\r\n");
  const fields = lines.map((line) => [line.slice(0, line.indexOf(":")).trim().toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]);
  const headers = (name) => fields.filter(([field]) => field === name.toLowerCase()).map(([, value]) => value);
  const status = /^SIP\/2\.0 (\d{3}) /.exec(first);
  const request = /^(\S+) (\S+) SIP\/2\.0$/.exec(first);
  return {
    line: status ? first.slice("SIP/2.0 ".length) : first,
    status: status ? Number(status[1]) : undefined,
    method: request?.[1],
    uri: request?.[2],
    headers,
    header: (name) => headers(name)[0],
    from,
  };
}

/** The tag parameter of a From or To value. */
const tagOf = (value) => /;\s*tag=([^;>\s]+)/i.exec(value ?? "")?.[1];
/** The URI of a name-addr (a Contact, a Route). */
const uriOf = (value) => /<([^>]*)>/.exec(value)?.[1] ?? value.split(";")[0];

/** A message without a body: its first line and [name, value] header fields. */
function format(line, fields) {
  return [line, ...fields.map(([name, value]) => `${name}: ${value}`), "Content-Length: 0", "", ""].join("\r\n");
}

/**
 * A UDP socket on `host`:`port` (a free port unless given). A request goes to
 * `onRequest`; other messages wait for `next()`.
 */
async function endpoint({ host = "127.0.0.1", port = 0, onRequest }) {
  const socket = createSocket("udp4");
  await new Promise((resolve, reject) => socket.once("error", reject).bind(port, host, resolve));
  const inbox = [];
  const waiting = new Set();
  socket.on("message", (buffer, from) => {
    const message = parse(buffer, from);
    if (message.method) return onRequest(message);
    for (const waiter of waiting) {
      if (waiter.match(message)) return waiter.resolve(message);
    }
    inbox.push(message);
  });
  return {
    host,
    port: socket.address().port,
    send: (text, to) => socket.send(text, to.port, to.address),
    /** The first message that `match` accepts, received or within `ms`; null after that. */
    next(match, ms = 3000) {
      const index = inbox.findIndex(match);
      if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0]);
      return new Promise((resolve) => {
        const waiter = {
          match,
          resolve: (message) => {
            waiting.delete(waiter);
            clearTimeout(timer);
            resolve(message);
          },
        };
        const timer = setTimeout(waiter.resolve, ms, null);
        waiting.add(waiter);
      });
    },
    close: () => new Promise((resolve) => socket.close(resolve)),
  };
}

/** Answers `request` from `socket` to where it came from; `toTag` is added to a To without one, `fields` are more header fields. */
function reply(socket, request, line, { toTag, fields = [] } = {}) {
  const to = request.header("to");
  socket.send(
    format(`SIP/2.0 ${line}`, [
      ...request.headers("via").map((via) => ["Via", via]),
      ["From", request.header("from")],
      ["To", toTag && !tagOf(to) ? `${to};tag=${toTag}` : to],
      ["Call-ID", request.header("call-id")],
      ["CSeq", request.header("cseq")],
      ...fields,
    ]),
    request.from,
  );
}

let branches = 0;
const branch = () => `z9hG4bK-raw-${process.pid}-${++branches}`;
/** The final response to the `method` request sent with `id` as its Via branch. */
const finalFor = (id, method) => (message) =>
  message.status >= 200 && message.header("via").includes(`branch=${id}`) && message.header("cseq").endsWith(` ${method}`);

/**
 * The trunk on a free port of `host` (or `port`): `requests` lists every
 * request that reached it ("METHOD Request-URI"). It answers an INVITE with
 * 100 and then as `mode` says: "answer" 200, "ring180" 180, "ring" nothing
 * more; a dialog-forming answer carries the INVITE's Record-Route and its
 * Contact `contact`. CANCEL: 200, and 487 for the INVITE. ACK: nothing;
 * anything else: 200 (a re-INVITE's with its Contact). `bye(callId)` sends
 * the trunk's BYE for a call along its route set.
 */
export async function startTrunk({ host, port } = {}) {
  const calls = new Map();
  const trunk = { requests: [], mode: "answer" };
  const socket = await endpoint({
    host,
    port,
    onRequest(request) {
      trunk.requests.push(`${request.method} ${request.uri}`);
      const dialog = { fields: [...request.headers("record-route").map((rr) => ["Record-Route", rr]), ["Contact", `<${trunk.contact}>`]] };
      if (request.method === "INVITE" && !tagOf(request.header("to"))) {
        const call = { invite: request, tag: `trunk${calls.size + 1}` };
        calls.set(request.header("call-id"), call);
        reply(socket, request, "100 Trying");
        if (trunk.mode === "answer") reply(socket, request, "200 OK", { toTag: call.tag, ...dialog });
        if (trunk.mode === "ring180") reply(socket, request, "180 Ringing", { toTag: call.tag, ...dialog });
      } else if (request.method === "CANCEL") {
        reply(socket, request, "200 OK");
        const call = calls.get(request.header("call-id"));
        if (call) reply(socket, call.invite, "487 Request Terminated", { toTag: call.tag });
      } else if (request.method !== "ACK") {
        reply(socket, request, "200 OK", request.method === "INVITE" ? dialog : {});
      }
    },
  });
  Object.assign(trunk, {
    port: socket.port,
    host: `${socket.host}:${socket.port}`,
    uri: `sip:${socket.host}:${socket.port}`,
    contact: `sip:trunk@${socket.host}:${socket.port}`,
    /** Sends the trunk's BYE for the call `callId`; resolves to its final response. */
    bye(callId) {
      const { invite, tag } = calls.get(callId);
      const id = branch();
      const fields = [
        ["Via", `SIP/2.0/UDP ${trunk.host};branch=${id}`],
        ...invite.headers("record-route").map((rr) => ["Route", rr]),
        ["From", `${invite.header("to")};tag=${tag}`],
        ["To", invite.header("from")],
        ["Call-ID", callId],
        ["CSeq", "1 BYE"],
        ["Max-Forwards", "70"],
      ];
      socket.send(format(`BYE ${uriOf(invite.header("contact"))} SIP/2.0`, fields), invite.from);
      return socket.next(finalFor(id, "BYE"));
    },
    close: socket.close,
  });
  return trunk;
}

/** `call` as its caller knows it after `response` (its INVITE's 18x or 2xx): the trunk's tag, the route set, the trunk's Contact. */
export function answered(call, response) {
  return { ...call, toTag: tagOf(response.header("to")), route: response.headers("record-route").reverse(), uri: uriOf(response.header("contact")) };
}

/**
 * The caller, on a free port, sending to `proxy`. It answers each request
 * that reaches it with 200 and keeps it in `requests`.
 */
export async function startCaller(proxy) {
  const requests = [];
  const socket = await endpoint({
    onRequest(request) {
      requests.push(request);
      if (request.method !== "ACK") reply(socket, request, "200 OK");
    },
  });
  const sent = new Map(); // Call-ID -> { cseq, invite, initial }: the last CSeq, the last INVITE, the first
  let calls = 0;
  return {
    requests,
    /** A new call to `user`@proxy, for `send()`; `headers` go into its requests. */
    call(user, { contact = `sip:caller@127.0.0.1:${socket.port}`, headers = [] } = {}) {
      calls++;
      return { uri: `sip:${user}@127.0.0.1:${proxy.port}`, callId: `call-${calls}-${socket.port}@127.0.0.1`, fromTag: `caller${calls}`, contact, headers, route: [] };
    },
    /**
     * Sends `method` within `call`, any of whose fields `fields` overrides
     * (uri, callId, fromTag, toTag, route, contact, headers). An ACK goes
     * with the last INVITE's CSeq, a CANCEL with the first INVITE's CSeq,
     * branch and Request-URI. Resolves to the final response (null after
     * `ms`), an ACK to nothing. A final response other than 2xx to an
     * INVITE is ACKed.
     */
    async send(method, call, fields = {}, ms) {
      const request = { ...call, ...fields };
      const state = sent.get(request.callId) ?? { cseq: 0 };
      sent.set(request.callId, state);
      let [cseq, id] = [state.cseq + 1, branch()];
      if (method === "ACK") cseq = state.invite.cseq;
      else if (method === "CANCEL") ({ cseq, branch: id } = state.initial);
      else state.cseq = cseq;
      const build = (line, toTag, cseqMethod) =>
        format(`${line} SIP/2.0`, [
          ["Via", `SIP/2.0/UDP 127.0.0.1:${socket.port};branch=${id}`],
          ...request.route.map((route) => ["Route", route]),
          ["From", `<sip:caller@127.0.0.1:${socket.port}>;tag=${request.fromTag}`],
          ["To", `<sip:callee@127.0.0.1:${proxy.port}>${toTag ? `;tag=${toTag}` : ""}`],
          ["Call-ID", request.callId],
          ["CSeq", `${cseq} ${cseqMethod}`],
          ["Contact", `<${request.contact}>`],
          ["Max-Forwards", "70"],
          ...request.headers,
        ]);
      const to = { port: proxy.port, address: "127.0.0.1" };
      const cancel = method === "CANCEL";
      socket.send(build(`${method} ${cancel ? state.initial.uri : request.uri}`, cancel ? undefined : request.toTag, method), to);
      if (method === "ACK") return;
      if (method === "INVITE") state.invite = { cseq, branch: id, uri: request.uri };
      if (method === "INVITE" && !request.toTag) state.initial ??= state.invite;
      const response = await socket.next(finalFor(id, method), ms);
      if (method === "INVITE" && response?.status >= 300) socket.send(build(`ACK ${request.uri}`, tagOf(response.header("to")), "ACK"), to);
      return response;
    },
    /** The next response that `match` accepts (a provisional one), null after `ms`. */
    next: (match, ms) => socket.next(match, ms),
    close: socket.close,
  };
}
