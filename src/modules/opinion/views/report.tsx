/**
 * The printable report for a town council session: its own document without navigation, A4
 * print styles, the map with its table, every group's representative statements, consensus and
 * the statements by group.
 */
import type { PageContext } from "../../../platform/views/context.js";
import type { AnalysisResult } from "../analysis/index.js";
import type { ConversationView } from "../conversations.js";
import { MapLegend, OpinionMap } from "./map.js";
import { formatDateTime } from "./public.js";
import { ConsensusSection, GroupsSection, GroupsTable, StatementsTable, type StatementTexts } from "./results-parts.js";

const PRINT_CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #9ca3af}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #9ca3af;padding:.3rem .4rem;text-align:left;vertical-align:top}
.num{text-align:right}.hint{color:#374151;font-size:.9rem}.opinion-legend{list-style:none;padding:0}.opinion-map{max-width:40rem}
.no-print a{color:#1d4ed8}
@page{size:A4;margin:16mm}
@media print{.no-print{display:none}body{margin:0;max-width:none}h2{break-after:avoid}section,tr,li{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

export function ReportPage({ ctx, conversation: c, result, computedAt, texts, timeZone, municipalityName }: {
  ctx: PageContext; conversation: ConversationView; result: AnalysisResult | null; computedAt: Date | null; texts: StatementTexts; timeZone: string; municipalityName: string;
}) {
  const t = ctx.t;
  const base = `/${ctx.municipality!.slug}/opinion/${c.id}`;
  return (
    <html lang={ctx.locale === "en" ? "en" : "es-MX"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t("opinion:report.title", { topic: c.topic })} · {municipalityName}</title>
        <style>{PRINT_CSS}</style>
      </head>
      <body>
        <main>
          <p class="no-print">
            <a href={`${base}/resultados`}>{t("opinion:report.back")}</a> · {t("opinion:report.printHint")}
          </p>
          <p class="hint">{municipalityName}</p>
          <h1>{t("opinion:report.title", { topic: c.topic })}</h1>
          {c.description && <p>{c.description}</p>}
          {result && computedAt ? (
            <>
              <p>{t("opinion:report.facts", { participants: result.counts.participants, clustered: result.counts.clustered, statements: result.counts.statements, votes: result.counts.votes, groups: result.groups.length, when: formatDateTime(ctx, computedAt, timeZone) })}</p>
              <h2>{t("opinion:results.mapTitle")}</h2>
              <figure>
                <OpinionMap ctx={ctx} result={result} idPrefix="informe-mapa" />
                <figcaption>
                  <MapLegend ctx={ctx} result={result} />
                </figcaption>
              </figure>
              <GroupsTable ctx={ctx} result={result} />
              <h2>{t("opinion:results.consensusTitle")}</h2>
              <ConsensusSection ctx={ctx} result={result} texts={texts} limit={10} />
              <h2>{t("opinion:results.groupsTitle")}</h2>
              <GroupsSection ctx={ctx} result={result} texts={texts} limit={10} />
              <h2>{t("opinion:results.statementsTitle")}</h2>
              <StatementsTable ctx={ctx} result={result} rows={result.statements} texts={texts} />
              <p class="hint">{t("opinion:report.method")}</p>
            </>
          ) : (
            <p>{t("opinion:results.pending")}</p>
          )}
        </main>
      </body>
    </html>
  );
}
