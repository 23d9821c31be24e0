// Cloudflare Workers entry: `wrangler deploy` (see ../wrangler.toml).
// The policy comes from the POLICY / POLICIES variables or the POLICY_STORE
// KV namespace, the token from CHECK_TOKEN (a secret): see ../README.md.
import { createHandler } from "./handler.js";

const handle = createHandler();

export default {
  fetch: (request, env) => handle(request, env),
};
