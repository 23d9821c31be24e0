// A Vite app, as a softphone (/) or a settings page (/?admin) would be
// built: the smoke cases against the build its init() loads.
import init, * as api from "dialguard";
import { runSmoke } from "../smoke.mjs";

const admin = new URLSearchParams(location.search).has("admin");
let failures;
try {
  await init({ admin });
  failures = runSmoke(api, { admin });
} catch (e) {
  failures = [`threw: ${e && e.stack}`];
}
window.smokeFailures = failures;
document.body.textContent = failures.length ? failures.join("\n") : "all smoke cases pass";
