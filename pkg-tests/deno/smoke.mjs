// The smoke cases in Deno, through the package's "deno" entries: the main
// entry, and the light entry (dialguard/check) against it.
import * as api from "dialguard";
import * as light from "dialguard/check";
import { runSmoke } from "../smoke.mjs";
import { runLight } from "../light.mjs";

const failures = [...runSmoke(api), ...runLight(api, light).map((f) => `dialguard/check: ${f}`)];
await api.init();
await light.init();
if (failures.length > 0) {
  console.error(`Deno: ${failures.length} smoke failures:\n${failures.join("\n")}`);
  Deno.exit(1);
}
console.log("Deno: all smoke cases pass, in the main entry and the light entry");
