// Kamailio with examples/kamailio/kamailio.cfg, and SIPp as the caller and
// as the trunk, on free loopback ports: for the tests here and for the SIP
// load bench (scripts/bench-sip.mjs).
//
//   const trunk = await startTrunk(["00541143215678"]);
//   const proxy = await startKamailio({ CHECK_URL: `${service.url}/v1/check`, TRUNK: trunk.uri });
//   const result = await call(proxy, "0054-11-4321-5678", "200 OK");   // result.ok
//   await proxy.stop(); const seen = await trunk.done();
import { spawn, spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
export const CFG = path.resolve(here, "..", "..", "examples", "kamailio", "kamailio.cfg");
const UAC = path.join(here, "uac.xml");
const UAS = path.join(here, "uas.xml");

/** The Debian packages that the SIP tests need (scripts/test.mjs installs them). */
export const PACKAGES = ["kamailio", "kamailio-utils-modules", "kamailio-json-modules", "kamailio-extra-modules", "sip-tester"];

/** Null when Kamailio accepts the config (its modules are installed) and SIPp runs; else why not. */
export function missingTools() {
  const sipp = spawnSync("sipp", ["-v"], { encoding: "utf8" });
  if (sipp.error) return `sipp: ${sipp.error.message}`;
  const check = spawnSync("kamailio", ["-c", "-f", CFG], { encoding: "utf8" });
  if (check.error) return `kamailio: ${check.error.message}`;
  if (check.status !== 0) return `kamailio -c -f ${CFG} failed:\n${check.stderr}`;
  return null;
}

let work = null;
let files = 0;
/** A fresh path in this process's temporary folder (removed at exit). */
function file(name) {
  if (!work) {
    const dir = mkdtempSync(path.join(tmpdir(), "dialguard-sip-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    work = dir;
  }
  return path.join(work, `${++files}-${name}`);
}

/** A free UDP port on 127.0.0.1 (bound to port 0, then released). */
export async function freePort() {
  const socket = createSocket("udp4");
  await new Promise((resolve, reject) => socket.once("error", reject).bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise((resolve) => socket.close(resolve));
  return port;
}

/** A cfg string literal for a -A define: "…" with \ and " escaped. */
function cfgString(value) {
  if (/[\0-\x1f]/.test(value)) throw new Error(`control character in a Kamailio setting: ${JSON.stringify(value)}`);
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode);
    else child.once("exit", (code, signal) => resolve(code ?? signal));
  });
}

/** Sends OPTIONS to the proxy until it answers 200 (its keepalive), for `ms`. */
async function waitForSip(port, child, log, ms = 10000) {
  const socket = createSocket("udp4");
  await new Promise((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const local = socket.address().port;
  const options = (n) =>
    [
      `OPTIONS sip:127.0.0.1:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-ready-${n}`,
      `From: <sip:probe@127.0.0.1:${local}>;tag=ready`,
      `To: <sip:127.0.0.1:${port}>`,
      `Call-ID: ready-${local}@127.0.0.1`,
      `CSeq: ${n} OPTIONS`,
      "Max-Forwards: 70",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n");
  try {
    const answered = new Promise((resolve) => socket.on("message", (m) => m.toString().startsWith("SIP/2.0 200") && resolve()));
    const deadline = Date.now() + ms;
    for (let n = 1; Date.now() < deadline; n++) {
      if (child.exitCode !== null) throw new Error(`kamailio exited (${child.exitCode}):\n${log()}`);
      socket.send(options(n), port, "127.0.0.1");
      const done = await Promise.race([answered.then(() => true), new Promise((r) => setTimeout(r, 100, false))]);
      if (done) return;
    }
    throw new Error(`kamailio did not answer OPTIONS on port ${port} within ${ms} ms:\n${log()}`);
  } finally {
    socket.close();
  }
}

/**
 * Starts Kamailio with the example config in the foreground, listening on a
 * free UDP port. `settings` are its -A defines: a string is passed as a cfg
 * string literal, a number as is, `true` as a bare define (WITH_PROFILE_HEADER).
 * `shm` is its shared memory in MB (transactions and dialogs live there).
 * Resolves to `{ port, log(), stop() }` once it answers OPTIONS.
 */
export async function startKamailio(settings = {}, { shm = 64 } = {}) {
  // The free port can be taken again before Kamailio binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startKamailioOnce(settings, shm);
    } catch (error) {
      if (attempt === 3 || !/Address already in use/.test(error.message)) throw error;
    }
  }
}

async function startKamailioOnce(settings, shm) {
  const port = await freePort();
  const args = ["-f", CFG, "-DD", "-E", "-m", String(shm), "-A", `LISTEN=udp:127.0.0.1:${port}`];
  for (const [name, value] of Object.entries(settings)) {
    if (value === true) args.push("-A", name);
    else if (typeof value === "number") args.push("-A", `${name}=${value}`);
    else args.push("-A", `${name}=${cfgString(value)}`);
  }
  const child = spawn("kamailio", args, { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => (output += chunk));
  const log = () => output;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited(child);
  };
  try {
    await waitForSip(port, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, log, stop };
}

/**
 * Starts SIPp as the trunk (uas.xml) on a free port: it expects exactly
 * `calls` calls (`users.length` unless given), call n with `users[n]` as
 * its Request-URI user (cycling), and answers each with 200. `trace`
 * logs the messages (off for load). `done()` waits for it to exit and resolves to
 * `{ code, invites, errors }`: SIPp's exit code (0: every call as expected),
 * the INVITE request lines it received, its error log.
 */
export async function startTrunk(users, { calls = users.length, trace = true, sipp = [] } = {}) {
  const port = await freePort();
  const inf = file("trunk.csv");
  writeFileSync(inf, ["SEQUENTIAL", ...users.map((u) => `${u};`)].join("\n") + "\n");
  const messages = file("trunk-messages.log");
  const errors = file("trunk-errors.log");
  const args = ["-sf", UAS, "-inf", inf, "-i", "127.0.0.1", "-p", String(port), "-m", String(calls), "-nostdin"];
  if (trace) args.push("-trace_msg", "-message_file", messages);
  args.push("-trace_err", "-error_file", errors, ...sipp);
  const child = spawn("sipp", args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const read = (name) => {
    try {
      return readFileSync(name, "latin1");
    } catch {
      return "";
    }
  };
  const report = (code) => ({
    code,
    invites: read(messages).match(/^INVITE [^\r\n]*/gm) ?? [],
    errors: `${stderr}${read(errors)}`,
  });
  return {
    uri: `sip:127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    /** Waits up to `ms` for the trunk to exit by itself (all calls done), else stops it. */
    async done(ms = 5000) {
      const timer = setTimeout(() => child.kill("SIGTERM"), ms);
      const code = await exited(child);
      clearTimeout(timer);
      return report(code);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return report(await exited(child));
    },
  };
}

/**
 * One call with SIPp (uac.xml) to `user`@proxy: resolves to `{ ok, code,
 * errors }`, ok when SIPp exited 0, i.e. the final response's status line
 * was exactly `expected` ("403 Forbidden (blocked: not-allowed)") and an
 * answered call ended cleanly. `header` is one [name, value] sent with the
 * INVITE.
 */
export async function call(proxy, user, expected, { header = ["X-Test", "1"], sipp = [] } = {}) {
  const port = await freePort();
  const errors = file("uac-errors.log");
  const args = [`127.0.0.1:${proxy.port}`, "-sf", UAC, "-s", user, "-key", "expected", expected];
  args.push("-key", "hname", header[0], "-key", "hvalue", header[1]);
  args.push("-i", "127.0.0.1", "-p", String(port), "-m", "1", "-d", "20", "-nostdin", "-timeout", "15s", "-timeout_error");
  args.push("-trace_err", "-error_file", errors, ...sipp);
  const child = spawn("sipp", args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const code = await exited(child);
  let log = "";
  try {
    log = readFileSync(errors, "utf8");
  } catch {}
  return { ok: code === 0, code, errors: `${stderr}${log}` };
}

/**
 * Calls at a fixed rate, for the bench: `calls` calls to `user` at `rate`
 * calls/s, each one expected to be answered (200 OK, then BYE after
 * `length` ms). Resolves
 * to SIPp's own figures: `{ successful, failed, reached, rtts, errors }`:
 * `reached` the answered INVITEs per second while calls were placed, `rtts`
 * the INVITE-to-final-response times in ms (rtd 1 of uac.xml).
 */
export async function load(proxy, user, { rate, calls, length = 1000 }) {
  const dir = file("load");
  mkdirSync(dir);
  const port = await freePort();
  const args = [`127.0.0.1:${proxy.port}`, "-sf", UAC, "-s", user, "-key", "expected", "200 OK", "-key", "hname", "X-Test", "-key", "hvalue", "1"];
  args.push("-i", "127.0.0.1", "-p", String(port), "-r", String(rate), "-m", String(calls), "-d", String(length), "-nostdin");
  args.push("-timeout", `${Math.ceil(calls / rate) * 3 + 10}s`, "-trace_rtt", "-rtt_freq", "1", "-trace_stat", "-stf", "stat.csv", "-fd", "1");
  args.push("-trace_err", "-error_file", "errors.log");
  const child = spawn("sipp", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const code = await exited(child);
  const csv = (name) => readFileSync(path.join(dir, name), "utf8").trim().split("\n").map((line) => line.split(";"));
  let stat, rtt;
  try {
    stat = csv("stat.csv");
    rtt = csv(readdirSync(dir).find((f) => f.endsWith("_rtt.csv")));
  } catch (error) {
    throw new Error(`SIPp exited ${code} without its statistics (${error.message}):\n${stderr}`);
  }
  const [header, last] = [stat[0], stat.at(-1)];
  const counter = (name) => Number(last[header.indexOf(name)]);
  let errors = "";
  try {
    errors = readFileSync(path.join(dir, "errors.log"), "utf8");
  } catch {}
  const answered = rtt.slice(1).map(([date, ms]) => ({ date: Number(date), ms: Number(ms) }));
  const span = (answered.at(-1)?.date ?? 0) - (answered[0]?.date ?? 0);
  return {
    errors,
    successful: counter("SuccessfulCall(C)"),
    failed: counter("FailedCall(C)"),
    reached: span > 0 ? ((answered.length - 1) * 1000) / span : 0,
    rtts: answered.map((a) => a.ms),
  };
}
