/**
 * The demo served on a real port with Debian's Chromium driving it (playwright-core): shared by
 * the accessibility and journey tests. The demo staff passwords come from the seed's own log.
 */
import assert from "node:assert/strict";
import { type Browser } from "playwright-core";
import { launchChromium } from "../../src/platform/test-browser.js";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext, listenOnLoopback } from "../../src/platform/testing.js";
import { seedDemoIfEmpty } from "../../src/demo/seed.js";


export interface DemoInBrowser {
  t: TestContext;
  app: FastifyInstance;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  base: string;
  /** The password the seed generated (and printed) for a demo account. */
  passwordOf(email: string): string;
  close(): Promise<void>;
}

export async function startDemoInBrowser(): Promise<DemoInBrowser> {
  const t = await createTestContext();
  const seedLog: string[] = [];
  await seedDemoIfEmpty(t.services, (line) => seedLog.push(line));
  const app = await t.app();
  const base = await listenOnLoopback(app);
  const browser = await launchChromium();
  return {
    t,
    app,
    browser,
    base,
    passwordOf(email) {
      const line = seedLog.find((l) => l.includes(email));
      assert.ok(line, `the demo seed printed ${email}`);
      return line.trim().split(/\s+/)[1]!;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
