/**
 * `cabildo opinion analyze DIR [--out FILE]`: reads a Polis open-data export folder, runs
 * Cabildo's analysis without server or database, prints what it found (and its agreement with
 * Polis' groups when the export has them) and can write participants-votes.csv in Polis'
 * layout with Cabildo's group ids.
 */
import fs from "node:fs";
import path from "node:path";
import { CliError, optionalOption, parseOptions } from "../../../cli/options.js";
import type { StandaloneCliCommand } from "../../../platform/module.js";
import { analysePolisExport } from "../polis-export/compare.js";
import { PolisExportError, readPolisExport } from "../polis-export/index.js";

export const opinionAnalyzeCommand: StandaloneCliCommand = {
  name: "opinion analyze",
  usage: "opinion analyze CARPETA [--out ARCHIVO]",
  description:
    "Analiza una exportación de Polis (comments.csv, votes.csv…) sin servidor ni base de datos: grupos de opinión, tiempo de cálculo y concordancia con los grupos de Polis (ARI); --out escribe participants-votes.csv con los grupos de Cabildo.",
  needsDatabase: false,
  async run(args) {
    const options = parseOptions(args);
    const [dir, ...extra] = options._;
    if (!dir) throw new CliError("Indique la carpeta de la exportación de Polis: cabildo opinion analyze CARPETA [--out ARCHIVO].");
    if (extra.length > 0) throw new CliError(`Argumentos de más: ${extra.join(" ")}.`);
    const out = optionalOption(options, "out");
    let data;
    try {
      data = readPolisExport(dir);
    } catch (error) {
      if (error instanceof PolisExportError) throw new CliError(error.message);
      throw error;
    }
    const c = analysePolisExport(data);
    const r = c.result;
    const lines = [
      `Conversación: ${data.summary?.topic ?? path.basename(path.resolve(dir))}`,
      `Participantes: ${r.counts.participants} (agrupados: ${r.counts.clustered})`,
      `Comentarios: ${r.counts.statements} (moderados fuera: ${data.comments.filter((x) => x.moderated === -1).length})`,
      `Votos: ${r.counts.votes} (último voto de cada participante en cada comentario; ${data.votes.length} filas en votes.csv)`,
      `Grupos: ${r.k}${r.groups.length > 0 ? ` — ${r.groups.map((g) => `grupo ${g.id}: ${g.size}`).join(", ")}` : ""}`,
      `Tiempo de cálculo completo: ${c.ms.toFixed(0)} ms`,
    ];
    if (c.ari !== null) {
      lines.push(
        `Concordancia con los grupos de Polis (ARI, sobre ${c.polisGrouped} participantes que Polis agrupó; grupos de Polis: ${c.polisGroupSizes.join("/")}): ${c.ari.toFixed(3)}`,
      );
      if (c.polisGroupedNotClustered > 0) lines.push(`  de ellos, ${c.polisGroupedNotClustered} con muy pocos votos para que Cabildo los agrupe`);
    } else lines.push("La exportación no trae grupos de Polis (participants-votes.csv con group-id): no hay con qué comparar.");
    if (out) {
      try {
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(out, c.participantsVotesCsv());
      } catch (error) {
        throw new CliError(`No se pudo escribir ${out}: ${(error as Error).message}`);
      }
      lines.push(`Escrito ${out} (formato participants-votes.csv de Polis, con los grupos de Cabildo).`);
    }
    console.log(lines.join("\n"));
  },
};
