// Deno entry: `deno serve --allow-env=POLICY,POLICIES,CHECK_TOKEN src/deno.js`
// (see ../README.md). The settings are read from the environment once, at
// start; Deno has no POLICY_STORE (KV is for Workers).
import { createHandler } from "./handler.js";

const env = {};
for (const name of ["POLICY", "POLICIES", "CHECK_TOKEN"]) {
  const value = Deno.env.get(name);
  if (value !== undefined) env[name] = value;
}
const handle = createHandler();

export default {
  fetch: (request) => handle(request, env),
};
