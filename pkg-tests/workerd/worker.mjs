// A Worker that imports the package by name (bundled by esbuild with the
// "workerd" condition, as wrangler does) and answers with the smoke results:
// the main entry's, and the light entry's (dialguard/check) against it.
import * as api from "dialguard";
import * as light from "dialguard/check";
import { runSmoke } from "../smoke.mjs";
import { runLight } from "../light.mjs";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/check") {
      const policy = new api.DialPolicy({ homeRegion: "US", allow: ["CA"], sharedCodes: "by-region" });
      const decision = policy.check(url.searchParams.get("dial") ?? "");
      policy.free();
      return Response.json(decision);
    }
    if (url.pathname === "/light") return Response.json({ failures: runLight(api, light) });
    return Response.json({ failures: runSmoke(api) });
  },
};
