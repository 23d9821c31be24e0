// The check service of examples/edge/ finding the destination with
// libphonenumber-js instead of dialguard, for scripts/bench-edge.mjs only:
// the same handler (routes, body limits, caches), with `compile` giving a
// policy that parses each dial with parsePhoneNumberFromString (max
// metadata) and looks its region up in the allow list.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { createHandler } from "../../examples/edge/src/handler.js";

class LibphonenumberPolicy {
  constructor(config) {
    this.config = config;
    this.home = config.homeRegion;
    this.allow = new Set(config.allow.map((region) => region.toUpperCase()));
  }

  check(dialed) {
    const number = parsePhoneNumberFromString(dialed, this.home);
    if (number === undefined) return { verdict: "malformed", reason: "not-a-number", dialString: "" };
    const decision = { dialString: number.number, callingCode: number.countryCallingCode, regions: number.country ? [number.country] : [] };
    if (number.country === this.home) return { verdict: "not-international", reason: "domestic", ...decision };
    return this.allow.has(number.country)
      ? { verdict: "allowed", reason: "region-allowed", ...decision, rule: number.country }
      : { verdict: "blocked", reason: "not-allowed", ...decision };
  }

  checkMany(dialed) {
    return dialed.map((d) => this.check(d));
  }

  toJSON() {
    return this.config;
  }

  lint() {
    return [];
  }

  free() {}
}

const handle = createHandler({ compile: (text) => new LibphonenumberPolicy(JSON.parse(text)) });

export default {
  fetch: (request, env) => handle(request, env),
};
