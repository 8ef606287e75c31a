/**
 * Plans' figures drawn on the server, with no script: a progress bar (the native element, named,
 * with its number in words beside it) and the chart of milestones on time and late per lead
 * department — stacked bars in an SVG that scales to a 360 px phone, followed by the same counts
 * in a table, which is the accessible alternative.
 */
import { Table } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { CHART_PUNCTUALITIES, type DepartmentPunctuality } from "../public-queries.js";

/** "50 %" with its bar; "Sin hitos" when nothing counts yet. */
export function ProgressBar({ ctx, percent, label }: { ctx: PageContext; percent: number | null; label: string }) {
  if (percent === null) return <p class="hint">{ctx.t("plansPublic:progress.none")}</p>;
  return (
    <p class="plan-progress" style="display:flex;align-items:center;gap:.5rem;margin:.25rem 0">
      <progress max={100} value={percent} aria-label={label} style="flex:1 1 auto;max-width:16rem;height:1rem" />
      <span>
        <strong>{`${percent} %`}</strong> {ctx.t("plansPublic:progress.done")}
      </span>
    </p>
  );
}

const WIDTH = 360;
const LEGEND = 40;
const ROW = 42;
const BAR = 16;
const INK = "#1f2933";
export const PUNCTUALITY_COLOURS: Record<(typeof CHART_PUNCTUALITIES)[number], string> = {
  a_tiempo: "#1a7f37",
  entregado_tarde: "#9a6700",
  vencido: "#b42318",
  en_plazo: "#0b4f8a",
};

const round = (n: number) => Math.round(n * 10) / 10;
const clip = (text: string, max = 52) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function PunctualityChart({ ctx, id, rows }: { ctx: PageContext; id: string; rows: DepartmentPunctuality[] }) {
  const { t } = ctx;
  const caption = t("plansPublic:chart.title");
  // The table's own name: the section around the chart already carries the chart's title as its landmark name.
  const tableCaption = t("plansPublic:chart.tableCaption");
  const name = (r: DepartmentPunctuality) => r.department?.name ?? t("plansPublic:chart.noDepartment");
  if (rows.length === 0) return <p class="empty">{t("plansPublic:chart.empty")}</p>;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const span = WIDTH - 40;
  const height = LEGEND + rows.length * ROW;
  const description = rows
    .map((r) => `${name(r)}: ${CHART_PUNCTUALITIES.map((p) => `${r.counts[p]} ${t(`plansPublic:punctuality.${p}`).toLowerCase()}`).join(", ")}`)
    .join(". ");
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style="max-width:40rem;height:auto;display:block" role="img" aria-labelledby={`${id}-titulo ${id}-desc`} font-family="system-ui, sans-serif" font-size="11">
        <title id={`${id}-titulo`}>{caption}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {CHART_PUNCTUALITIES.map((p, i) => {
          const x = (i % 2) * 180;
          const y = 4 + Math.floor(i / 2) * 16;
          return (
            <g>
              <rect x={x} y={y} width="11" height="11" fill={PUNCTUALITY_COLOURS[p]} />
              <text x={x + 16} y={y + 10} fill={INK}>
                {t(`plansPublic:punctuality.${p}`)}
              </text>
            </g>
          );
        })}
        {rows.map((r, i) => {
          const y = LEGEND + i * ROW;
          let x = 0;
          return (
            <g>
              <text x="0" y={y + 11} fill={INK} font-weight="bold">
                {clip(name(r))}
              </text>
              {CHART_PUNCTUALITIES.map((p) => {
                const w = round((r.counts[p] / max) * span);
                const rect = <rect x={x} y={y + 16} width={w} height={BAR} fill={PUNCTUALITY_COLOURS[p]} />;
                x += w;
                return rect;
              })}
              <text x={round(x + 4)} y={y + 16 + BAR - 4} fill={INK}>
                {String(r.total)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="hint">{t("plansPublic:chart.tableBelow")}</figcaption>
      <Table<DepartmentPunctuality>
        caption={tableCaption}
        rows={rows}
        empty={t("plansPublic:chart.empty")}
        columns={[
          { header: t("plansPublic:chart.department"), cell: name },
          ...CHART_PUNCTUALITIES.map((p) => ({ header: t(`plansPublic:punctuality.${p}`), cell: (r: DepartmentPunctuality) => r.counts[p], numeric: true })),
          { header: t("plansPublic:chart.total"), cell: (r) => r.total, numeric: true },
        ]}
      />
    </figure>
  );
}
