/**
 * A small same-site crawler for app.inject(): every GET route Fastify registered, expanded with
 * real parameter values, then every same-site link, redirect and JSON path found, each response
 * handed to a scanner (test/personal-data.test.ts looks for personal-data markers).
 */
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { Browser } from "../../src/platform/testing.js";

/** Every route path the app registered for GET, read from Fastify's route tree. */
export function getRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const depth = at / 4;
    const m = /^(.*?)(?: \(([^)]*)\))?$/.exec(line.slice(at + 4))!;
    const full = (depth > 0 ? stack[depth - 1]! : "") + m[1]!;
    stack[depth] = full;
    stack.length = depth + 1;
    if ((m[2] ?? "").split(", ").includes("GET")) out.push(full);
  }
  return out;
}

/** Concrete URLs for a route pattern: each :param gets every known value. */
export function expand(pattern: string, values: Record<string, string[]>): string[] {
  let urls = [""];
  for (const part of pattern.split(/(:[A-Za-z_]+)/)) {
    if (!part.startsWith(":")) {
      urls = urls.map((u) => u + part);
      continue;
    }
    const name = part.slice(1);
    const options = values[name];
    assert.ok(options && options.length, `no test value for the route parameter :${name} in ${pattern}: add one to the crawl`);
    urls = urls.flatMap((u) => options.map((v) => u + encodeURIComponent(v)));
  }
  return urls;
}

export interface CrawlResult {
  visited: { url: string; status: number }[];
  failures: string[];
}

export async function crawl(
  browser: Browser,
  seeds: string[],
  options: { publicUrl: string; follow: (path: string) => boolean; scan: (body: string) => string[]; max: number },
): Promise<CrawlResult> {
  const queue = [...seeds];
  const seen = new Set<string>();
  const variants = new Map<string, number>();
  const result: CrawlResult = { visited: [], failures: [] };
  const enqueue = (href: string, from: string) => {
    let target = href.replace(/&amp;/g, "&").trim();
    if (target.startsWith(options.publicUrl)) target = target.slice(options.publicUrl.length) || "/";
    let url: URL;
    try {
      url = new URL(target, `http://crawl.invalid${from}`);
    } catch {
      return;
    }
    if (url.origin !== "http://crawl.invalid") return;
    const path = url.pathname + url.search;
    if (seen.has(path) || !options.follow(url.pathname)) return;
    const n = variants.get(url.pathname) ?? 0;
    if (url.search && n >= 6) return; // calendars and pagination: a few variants of a page are enough
    variants.set(url.pathname, n + 1);
    queue.push(path);
  };
  while (queue.length && result.visited.length < options.max) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await browser.get(url);
    result.visited.push({ url, status: res.statusCode });
    if (res.statusCode >= 500) result.failures.push(`${url} → HTTP ${res.statusCode}: ${res.body.slice(0, 300)}`);
    const type = String(res.headers["content-type"] ?? "");
    const textual = /html|xml|json|text|csv|javascript|yaml/.test(type);
    // Images and other bytes are read as latin1: byte-exact, so ASCII markers in EXIF are found too.
    const scanned = textual ? res.body : res.rawPayload.toString("latin1");
    for (const leak of options.scan(scanned)) result.failures.push(`${url} (HTTP ${res.statusCode}) muestra ${leak}`);
    const location = res.headers.location;
    if (typeof location === "string") enqueue(location, url);
    // A "not found" page carries only the layout's links, already found on the pages that exist.
    if (textual && res.statusCode !== 404) {
      const body = res.body;
      for (const m of body.matchAll(/(?:href|src)="([^"]+)"/g)) enqueue(m[1]!, url);
      // Commas end a URL: CSV fields sit side by side ("…/obligaciones/3,,http://…").
      for (const m of body.matchAll(/https?:\/\/[^\s"'<>,]+/g)) if (m[0].startsWith(options.publicUrl)) enqueue(m[0], url);
      if (type.includes("json")) for (const m of body.matchAll(/"(\/[^"\s]*)"/g)) enqueue(m[1]!, url);
    }
  }
  return result;
}

