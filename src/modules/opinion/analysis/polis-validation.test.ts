/**
 * Cabildo's groups against Polis' own (`group-id` of participants-votes.csv) on the copied
 * open-data conversations. Three reach the goal (ARI ≥ 0.8); for the other three the tests
 * check the facts that explain why no fresh recomputation can reproduce Polis' groups.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analysePolisExport, readPolisExport, type PolisComparison, type PolisExport } from "../polis-export/index.js";
import { opinionAnalyzeCommand } from "./cli.js";
import { CliError } from "../../../cli/options.js";

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), "../data/polis");
const cache = new Map<string, { data: PolisExport; c: PolisComparison }>();
function load(name: string) {
  if (!cache.has(name)) {
    const data = readPolisExport(path.join(DATA, name));
    cache.set(name, { data, c: analysePolisExport(data) });
  }
  return cache.get(name)!;
}

/** Within-group sum of squared distances on Cabildo's map of the participants both grouped. */
function cost(c: PolisComparison, data: PolisExport, labelOf: (participant: number) => number | null): number {
  const points = new Map(c.result.participants.filter((p) => p.group !== null).map((p) => [p.participant, p]));
  const members = new Map<number, { x: number; y: number }[]>();
  for (const pv of data.participantsVotes!) {
    const p = points.get(pv.participant);
    const label = labelOf(pv.participant);
    if (!p || pv.group === null || label === null) continue;
    members.set(label, [...(members.get(label) ?? []), p]);
  }
  let total = 0;
  for (const list of members.values()) {
    const cx = list.reduce((s, p) => s + p.x, 0) / list.length;
    const cy = list.reduce((s, p) => s + p.y, 0) / list.length;
    for (const p of list) total += (p.x - cx) ** 2 + (p.y - cy) ** 2;
  }
  return total;
}

describe("agreement with Polis' groups", () => {
  for (const [name, minimum] of [["15-per-hour-seattle", 0.88], ["brexit-consensus", 0.8], ["canadian-electoral-reform", 0.96]] as const) {
    it(`${name}: ARI ≥ 0.8 over the participants Polis grouped`, () => {
      const { c } = load(name);
      assert.ok(c.ari! >= minimum, `ARI ${c.ari}`);
      assert.equal(c.result.k, new Set(load(name).data.participantsVotes!.filter((p) => p.group !== null).map((p) => p.group)).size);
    });
  }

  it("vtaiwan.uberx: Polis' split and Cabildo's are two almost equally good 2-means solutions", () => {
    const { data, c } = load("vtaiwan.uberx");
    assert.equal(c.result.k, 2);
    assert.ok(c.ari! > 0.7 && c.ari! < 0.8, `ARI ${c.ari}`);
    // On the same map, Polis' partition costs within 1 % of Cabildo's: the boundary is on a
    // flat stretch of the objective, where Polis' warm-started, history-dependent k-means and
    // Cabildo's fresh one settle in different places.
    const polis = new Map(data.participantsVotes!.map((p) => [p.participant, p.group]));
    const ours = new Map(c.result.participants.map((p) => [p.participant, p.group]));
    const polisCost = cost(c, data, (p) => polis.get(p) ?? null);
    const oursCost = cost(c, data, (p) => ours.get(p) ?? null);
    assert.ok(polisCost / oursCost < 1.01 && polisCost >= oursCost, `${polisCost} vs ${oursCost}`);
  });

  it("scoop-hivemind.freshwater: Polis' groups were not recomputed from the final votes", () => {
    const { data, c } = load("scoop-hivemind.freshwater");
    const votes = new Map(c.result.participants.map((p) => [p.participant, p.votes]));
    // Polis grouped every voter, 17 of them with fewer votes than its own min(7, comments)
    // rule admits today: the groups date from an earlier state of the conversation.
    const grouped = data.participantsVotes!.filter((p) => p.group !== null);
    assert.equal(grouped.length, 117);
    assert.equal(grouped.filter((p) => votes.get(p.participant)! < 7).length, 17);
    assert.equal(c.polisGroupedNotClustered, 17);
    // Its 9 / 108 split costs far more than Cabildo's 2 groups on the same map.
    const polis = new Map(data.participantsVotes!.map((p) => [p.participant, p.group]));
    const ours = new Map(c.result.participants.map((p) => [p.participant, p.group]));
    assert.deepEqual(c.polisGroupSizes, [9, 108]);
    assert.ok(cost(c, data, (p) => polis.get(p) ?? null) > 1.3 * cost(c, data, (p) => ours.get(p) ?? null));
    assert.ok(c.ari! < 0.1);
  });

  it("london.youth.policing: 26 participants, Polis groups of 3, demographic statements in the votes", () => {
    const { data, c } = load("london.youth.policing");
    assert.equal(c.result.counts.participants, 26);
    assert.deepEqual(c.polisGroupSizes, [3, 18, 3]);
    // Statements such as "I identify as male." are demographic questions Polis keeps out of its
    // math as meta statements; the export does not say which ones are.
    assert.ok(data.comments.some((x) => x.body === "I identify as male." && x.moderated === 1));
    assert.ok(c.ari! < 0.3);
  });

  it("recomputes every copied conversation fast", () => {
    for (const name of fs.readdirSync(DATA).filter((d) => fs.statSync(path.join(DATA, d)).isDirectory())) {
      const { c } = load(name);
      assert.ok(c.ms < 2000, `${name}: ${c.ms} ms`);
    }
  });
});

describe("cabildo opinion analyze", () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-analyze-"));
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  async function capture(run: () => Promise<unknown>): Promise<string> {
    const lines: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => lines.push(args.join(" "));
    try {
      await run();
    } finally {
      console.log = original;
    }
    return lines.join("\n");
  }

  it("prints the analysis and the ARI, and writes participants-votes.csv with Cabildo's groups", async () => {
    const out = path.join(temp, "salida", "participants-votes.csv");
    const text = await capture(() => opinionAnalyzeCommand.run([path.join(DATA, "canadian-electoral-reform"), "--out", out]));
    assert.match(text, /^Conversación: Canadian Electoral Reform$/m);
    assert.match(text, /^Participantes: 448 \(agrupados: 281\)$/m);
    assert.match(text, /^Comentarios: 174 \(moderados fuera: 22\)$/m);
    assert.match(text, /^Votos: 11950 /m);
    assert.match(text, /^Grupos: 2 — grupo 0: 264, grupo 1: 17$/m);
    assert.match(text, /^Tiempo de cálculo completo: \d+ ms$/m);
    assert.match(text, /^Concordancia con los grupos de Polis \(ARI, sobre 281 participantes que Polis agrupó; grupos de Polis: 16\/265\): 0\.96\d$/m);
    // The file is a Polis export layout: the reader takes it back, with Cabildo's groups.
    fs.copyFileSync(path.join(DATA, "canadian-electoral-reform", "comments.csv"), path.join(temp, "salida", "comments.csv"));
    fs.copyFileSync(path.join(DATA, "canadian-electoral-reform", "votes.csv"), path.join(temp, "salida", "votes.csv"));
    const back = readPolisExport(path.join(temp, "salida"));
    const sizes = new Map<number, number>();
    for (const p of back.participantsVotes!) if (p.group !== null) sizes.set(p.group, (sizes.get(p.group) ?? 0) + 1);
    assert.deepEqual([...sizes].sort(), [[0, 264], [1, 17]]);
    assert.equal(back.participantsVotes!.length, 448);
  });

  it("gives a Spanish error for a missing folder or a broken export", async () => {
    await assert.rejects(opinionAnalyzeCommand.run([]), (e: unknown) => e instanceof CliError && /Indique la carpeta/.test(e.message));
    await assert.rejects(opinionAnalyzeCommand.run([path.join(temp, "nada")]), (e: unknown) => e instanceof CliError && /^No existe la carpeta /.test(e.message));
    const broken = path.join(temp, "rota");
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, "comments.csv"), "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,1,1,0,0,1,\"sin cerrar\n");
    await assert.rejects(opinionAnalyzeCommand.run([broken]), (e: unknown) => e instanceof CliError && /^comments\.csv, línea 2: comillas sin cerrar/.test(e.message));
  });
});
