import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** "a.b_one" → "a.b": the keys of a locale file, plural forms folded. */
function keys(file: string): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, prefix: string) => {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === "object") walk(v, key);
      else out.add(key.replace(/_(one|other)$/, ""));
    }
  };
  walk(JSON.parse(fs.readFileSync(path.join(here, "locales", file, "offices.json"), "utf8")), "");
  return out;
}

describe("the offices texts", () => {
  it("has the same keys in Spanish and English, and every key the code asks for exists", () => {
    const es = keys("es-MX");
    const en = keys("en");
    assert.deepEqual([...es].filter((k) => !en.has(k)), [], "missing in English");
    assert.deepEqual([...en].filter((k) => !es.has(k)), [], "missing in Spanish");
    const sources = [...fs.readdirSync(here).filter((f) => /^(office|procedure|opendata-offices).*\.tsx?$/.test(f) && !f.endsWith(".test.ts")), ...fs.readdirSync(path.join(here, "views")).filter((f) => /^(office|procedure)-/.test(f)).map((f) => `views/${f}`)];
    const used = new Set<string>();
    const prefixes = new Set<string>();
    for (const f of sources) {
      const text = fs.readFileSync(path.join(here, f), "utf8");
      for (const m of text.matchAll(/["`]offices:([A-Za-z.]+)(\$\{)?/g)) (m[2] ? prefixes : used).add(m[1]!.replace(/\.$/, ""));
    }
    assert.ok(used.size > 100, `${used.size} keys found in the code`);
    assert.deepEqual([...used].filter((k) => !es.has(k)), [], "keys the code uses that the Spanish file lacks");
    for (const p of prefixes) assert.ok([...es].some((k) => k.startsWith(`${p}.`)), `no texts below offices:${p}`);
  });
});
