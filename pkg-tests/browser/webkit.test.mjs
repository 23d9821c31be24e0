// The smoke cases of chromium.test.mjs in WebKit (JavaScriptCore, Safari's
// engine), each build; the demo's scenarios (demo-engines.mjs), in one
// WebKit; a German WebKit (its language is the C library's locale: see
// pages.mjs).
import { test } from "node:test";
import { smokeInEngine } from "./engines.mjs";

test("the browser entry runs in WebKit, with each build, and the light entry", () => smokeInEngine("webkit"));

test("the demo's scenarios run in WebKit", async (t) => {
  const { demoInEngine } = await import("./demo-engines.mjs");
  await demoInEngine("webkit", t);
});

test("a German WebKit sees one language: the page's English (and search finds German names)", async () => {
  const { germanScreen } = await import("./demo-engines.mjs");
  await germanScreen("webkit");
});
