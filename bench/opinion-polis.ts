/**
 * Cabildo's analysis on the Polis open-data conversations copied in
 * src/modules/opinion/data/polis: `npx tsx bench/opinion-polis.ts`. For each conversation prints
 * participants, statements, votes, the full-recompute time (median of 5) and the adjusted Rand
 * index between Cabildo's groups and Polis' `group-id` over the participants Polis grouped.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analysePolisExport, readPolisExport } from "../src/modules/opinion/polis-export/index.js";

const RUNS = 5;
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../src/modules/opinion/data/polis");
const dirs = fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory()).sort();
console.log("conversation | participants | statements | votes | recompute ms | Cabildo groups | Polis groups | ARI | Polis-grouped not clustered");
for (const dir of dirs) {
  const data = readPolisExport(path.join(root, dir));
  const runs = Array.from({ length: RUNS }, () => analysePolisExport(data));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  const c = runs[0]!;
  const r = c.result;
  console.log(
    [dir, r.counts.participants, r.counts.statements, r.counts.votes, ms.toFixed(0), r.groups.map((g) => g.size).join("/"), c.polisGroupSizes.join("/"), c.ari?.toFixed(3) ?? "—", c.polisGroupedNotClustered].join(" | "),
  );
}
