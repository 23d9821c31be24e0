// The smoke cases in Deno, through the package's "deno" entry.
import * as api from "dialguard";
import { runSmoke } from "../smoke.mjs";

const failures = runSmoke(api);
await api.init();
if (failures.length > 0) {
  console.error(`Deno: ${failures.length} smoke failures:\n${failures.join("\n")}`);
  Deno.exit(1);
}
console.log("Deno: all smoke cases pass");
