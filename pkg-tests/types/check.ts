// The light entry's types, compiled with `tsc --noEmit --strict` beside
// consumer.ts: a softphone loading the compiled policy the check service
// serves.
import initLight, { DialPolicy, DialguardError, dataVersion, maxDialLength, type ConfigErrorKind, type Decision, type Verdict } from "dialguard/check";
import { DialPolicy as MainPolicy } from "dialguard";

await initLight();
await initLight({ wasm: new URL("dialguard_light_bg.wasm", import.meta.url) });
// @ts-expect-error the light entry has no admin build
await initLight({ admin: true });

const answer = await fetch("/v1/policy?profile=softphone", { headers: { Accept: "application/octet-stream" } });
const policy: DialPolicy = DialPolicy.fromBytes(await answer.arrayBuffer());
const same: DialPolicy = DialPolicy.fromBytes(new MainPolicy({ homeRegion: "MX", allow: ["AR"] }).toBytes());
const decision: Decision = policy.check("00 54 11 1234 5678");
const verdict: Verdict = same.verdict("+52 55 1234 5678");
const many: Decision[] = policy.checkMany(["0054", "0052"]);
const tag: boolean = policy.fingerprint === answer.headers.get("X-Dialguard-Policy");
const limits: [string, number] = [dataVersion, maxDialLength];
// @ts-expect-error the light entry compiles no configuration
new DialPolicy({ homeRegion: "MX" });
// @ts-expect-error nor gives one back
policy.toJSON();
try {
  DialPolicy.fromBytes(new Uint8Array(4));
} catch (e) {
  if (e instanceof DialguardError) {
    const code: ConfigErrorKind = e.code;
    console.log(code, e.path);
  }
}
policy.free();
{
  using disposed = DialPolicy.fromBytes(new Uint8Array(0));
  disposed.verdict("0054");
}
console.log(decision, verdict, many, tag, limits);
