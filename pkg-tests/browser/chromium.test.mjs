// Loads the package's browser entry in headless Chromium and runs the
// smoke cases in the page: the check build (a softphone's init()), then
// the admin build (a settings page's init({ admin: true })), then the light
// entry (dialguard/check) against the check build.
import { test } from "node:test";
import { smokeInEngine } from "./engines.mjs";

test("the browser entry runs in Chromium, with each build, and the light entry", () => smokeInEngine("chromium"));
