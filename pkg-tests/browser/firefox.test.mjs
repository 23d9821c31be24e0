// The smoke cases of chromium.test.mjs in Firefox (SpiderMonkey), each build.
import { test } from "node:test";
import { smokeInEngine } from "./engines.mjs";

test("the browser entry runs in Firefox, with each build", () => smokeInEngine("firefox"));
