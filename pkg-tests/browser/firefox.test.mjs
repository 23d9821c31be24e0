// The smoke cases of chromium.test.mjs in Firefox (SpiderMonkey), each build;
// the demo's scenarios (demo-engines.mjs), in one Firefox; a German Firefox.
import { test } from "node:test";
import { smokeInEngine } from "./engines.mjs";

test("the browser entry runs in Firefox, with each build, and the light entry", () => smokeInEngine("firefox"));

test("the demo's scenarios run in Firefox", async (t) => {
  const { demoInEngine } = await import("./demo-engines.mjs");
  await demoInEngine("firefox", t);
});

test("a German Firefox sees one language: the page's English (and search finds German names)", async () => {
  const { germanScreen } = await import("./demo-engines.mjs");
  await germanScreen("firefox");
});
