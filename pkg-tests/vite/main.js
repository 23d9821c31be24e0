// A Vite app, as a softphone (/) or a settings page (/?admin) would be
// built: the smoke cases against the build its init() loads; and a
// softphone on the light entry (/?light): dialguard/check's own build,
// deciding as the main entry does from its bytes.
import init, * as api from "dialguard";
import initLight, * as light from "dialguard/check";
import { runSmoke } from "../smoke.mjs";
import { runLight } from "../light.mjs";

const query = new URLSearchParams(location.search);
const admin = query.has("admin");
let failures;
try {
  if (query.has("light")) {
    await initLight();
    await init();
    failures = runLight(api, light);
  } else {
    await init({ admin });
    failures = runSmoke(api, { admin });
  }
} catch (e) {
  failures = [`threw: ${e && e.stack}`];
}
window.smokeFailures = failures;
document.body.textContent = failures.length ? failures.join("\n") : "all smoke cases pass";
