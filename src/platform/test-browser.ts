/**
 * Debian's Chromium for browser tests and benches (playwright-core): where it is and the flags
 * this workplace needs to run it headless, as root, on a machine with no outside network.
 * Imported only by tests and bench scripts (playwright-core is a development dependency).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  assert.ok(fs.existsSync(CHROMIUM), `Chromium no está instalado en ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
