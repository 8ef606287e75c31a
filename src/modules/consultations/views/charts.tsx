/**
 * Server-rendered bar charts: an SVG (stacked bars, en línea + presencial) that scales to a
 * 360 px phone, followed by the same figures in a table, which is the accessible alternative.
 */
import type { PageContext } from "../../../platform/views/context.js";
import { Table } from "../../../platform/views/components.js";
import type { ChannelCounts } from "../results.js";

export interface BarRow {
  label: string;
  counts: ChannelCounts;
  /** Shown after the bar and in the table: a percentage, or Borda points. */
  figure: string;
}

const WIDTH = 640;
const BAR_MAX = 470;
const ROW = 46;
export const ONLINE_COLOUR = "#6b1d3a";
export const IN_PERSON_COLOUR = "#0b4f8a";

export function BarChart({ ctx, id, caption, rows, unit }: { ctx: PageContext; id: string; caption: string; rows: BarRow[]; unit: string }) {
  const { t } = ctx;
  const max = Math.max(1, ...rows.map((r) => r.counts.total));
  const height = 30 + rows.length * ROW;
  const scale = (n: number) => (n / max) * BAR_MAX;
  return (
    <figure class="consultation-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-titulo`} style="max-width:40rem;height:auto;display:block">
        <title id={`${id}-titulo`}>{t("consultations:chart.title", { caption })}</title>
        <rect x="0" y="4" width="14" height="14" fill={ONLINE_COLOUR} />
        <text x="20" y="16" font-size="14" fill="#1d1d1f">{t("consultations:channel.online")}</text>
        <rect x="140" y="4" width="14" height="14" fill={IN_PERSON_COLOUR} />
        <text x="160" y="16" font-size="14" fill="#1d1d1f">{t("consultations:channel.in_person")}</text>
        {rows.map((r, i) => {
          const y = 30 + i * ROW;
          const online = scale(r.counts.online);
          const inPerson = scale(r.counts.in_person);
          return (
            <g>
              <text x="0" y={y + 13} font-size="14" fill="#1d1d1f">{r.label.length > 80 ? `${r.label.slice(0, 79)}…` : r.label}</text>
              <rect x="0" y={y + 18} width={Math.max(online, 0)} height="20" fill={ONLINE_COLOUR} />
              <rect x={online} y={y + 18} width={Math.max(inPerson, 0)} height="20" fill={IN_PERSON_COLOUR} />
              <text x={online + inPerson + 6} y={y + 33} font-size="14" fill="#1d1d1f">{`${r.counts.total} · ${r.figure}`}</text>
            </g>
          );
        })}
      </svg>
      <figcaption class="hint">{t("consultations:chart.tableBelow")}</figcaption>
      <Table
        caption={caption}
        rows={rows}
        empty={t("consultations:results.noAnswers")}
        columns={[
          { header: t("consultations:chart.option"), cell: (r) => r.label },
          { header: t("consultations:channel.online"), cell: (r) => r.counts.online, numeric: true },
          { header: t("consultations:channel.in_person"), cell: (r) => r.counts.in_person, numeric: true },
          { header: t("consultations:chart.total"), cell: (r) => r.counts.total, numeric: true },
          { header: unit, cell: (r) => r.figure, numeric: true },
        ]}
      />
    </figure>
  );
}
