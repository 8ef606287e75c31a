/** Minimal XML reading for the Open311 tests: the root element and the texts of an element. */
import assert from "node:assert/strict";

export function xmlRoot(body: string): string {
  assert.ok(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), "XML declaration with UTF-8 first");
  const m = /^<\?xml[^>]*\?>\s*<([A-Za-z_][\w.-]*)[\s/>]/.exec(body);
  assert.ok(m, "a root element");
  return m[1]!;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** Texts of every <tag>…</tag> (empty string for <tag/>), in document order. */
export function xmlTexts(body: string, tag: string): string[] {
  const re = new RegExp(`<${tag}(?:/>|>([^<]*)</${tag}>)`, "g");
  return [...body.matchAll(re)].map((m) => unescape(m[1] ?? ""));
}

/** The inner XML of each <tag>…</tag> (for records that contain children). */
export function xmlElements(body: string, tag: string): string[] {
  const re = new RegExp(`<${tag}>(.*?)</${tag}>`, "gs");
  return [...body.matchAll(re)].map((m) => m[1]!);
}
