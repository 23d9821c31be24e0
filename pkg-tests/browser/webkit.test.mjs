// The smoke cases of chromium.test.mjs in WebKit (JavaScriptCore, Safari's
// engine), each build.
import { test } from "node:test";
import { smokeInEngine } from "./engines.mjs";

test("the browser entry runs in WebKit, with each build", () => smokeInEngine("webkit"));

test("the demo's scenarios run in WebKit", async (t) => {
  const { demoInEngine } = await import("./demo-engines.mjs");
  await demoInEngine("webkit", (line) => t.diagnostic(line));
});
