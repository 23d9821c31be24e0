// A Worker that imports the package by name (bundled by esbuild with the
// "workerd" condition, as wrangler does) and answers with the smoke results.
import * as api from "dialguard";
import { runSmoke } from "../smoke.mjs";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/check") {
      const policy = new api.DialPolicy({ homeRegion: "US", allow: ["CA"], sharedCodes: "by-region" });
      const decision = policy.check(url.searchParams.get("dial") ?? "");
      policy.free();
      return Response.json(decision);
    }
    return Response.json({ failures: runSmoke(api) });
  },
};
