/**
 * Pieces the inter-municipal and state pages share: progress in words, the partners' table and a
 * progress chart drawn on the server (SVG, no script) whose figures a table on the same page
 * repeats for screen readers.
 */
import { Table } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { CommitmentStage } from "../progress.js";
import type { PartnerProgress } from "../shared-queries.js";

export const percentText = (ctx: PageContext, percent: number | null) => (percent === null ? ctx.t("plansShared:noMilestones") : `${percent} %`);
export const stageText = (ctx: PageContext, stage: CommitmentStage) => ctx.t(`plansShared:stage.${stage}`);

export const commitmentHref = (municipalitySlug: string, planSlug: string, number: number) => `/${municipalitySlug}/planes/${planSlug}/compromisos/${number}`;
export const sharedHref = (slug: string) => `/compromisos-intermunicipales/${slug}`;

/** Each partner's own commitment: lead, progress, stage, milestones on time and late. */
export function PartnersTable({ ctx, caption, partners }: { ctx: PageContext; caption: string; partners: PartnerProgress[] }) {
  const { t } = ctx;
  return (
    <Table<PartnerProgress>
      caption={caption}
      empty={t("plansShared:noPartners")}
      rows={partners}
      columns={[
        {
          header: t("plansShared:municipality"),
          cell: (p) => (
            <>
              <a href={`/${p.municipality.slug}`}>{p.municipality.name}</a>
              {p.convener && <> ({t("plansShared:convenes")})</>}
            </>
          ),
        },
        {
          header: t("plansShared:ownCommitment"),
          cell: (p) =>
            p.commitment ? (
              <>
                <a href={commitmentHref(p.municipality.slug, p.commitment.planSlug, p.commitment.number)}>{t("plansShared:commitmentNumber", { number: p.commitment.number, title: p.commitment.title })}</a>
                {!p.commitment.planPublished && <> ({t("plansShared:planNotPublished")})</>}
              </>
            ) : (
              t("plansShared:notLinkedYet")
            ),
        },
        { header: t("plansShared:lead"), cell: (p) => p.commitment?.leadDepartment ?? "—" },
        { header: t("plansShared:progress"), cell: (p) => (p.commitment ? percentText(ctx, p.commitment.progress.percent) : "—"), numeric: true },
        { header: t("plansShared:stageHeader"), cell: (p) => (p.commitment ? stageText(ctx, p.commitment.stage) : "—") },
        { header: t("plansShared:onTime"), cell: (p) => (p.commitment ? p.commitment.punctuality.onTime : "—"), numeric: true },
        {
          header: t("plansShared:late"),
          cell: (p) =>
            p.commitment ? (
              p.commitment.punctuality.overdue > 0 ? (
                <strong class="flag-overdue">{t("plansShared:lateWithOverdue", { late: p.commitment.punctuality.late, count: p.commitment.punctuality.overdue })}</strong>
              ) : (
                p.commitment.punctuality.late
              )
            ) : (
              "—"
            ),
          numeric: true,
        },
      ]}
    />
  );
}

const WIDTH = 360;
const LABEL = 130;
const ROW = 26;
const BAR = 16;
const INK = "#1f2933";
const BRAND = "#0b4f8a";
const TRACK = "#e5e7eb";

const clip = (text: string, max = 22) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface ProgressBar {
  label: string;
  percent: number | null;
}

/** Horizontal bars on a 0–100 % axis; the page shows the same figures in a table. */
export function ProgressChart({ ctx, id, title, bars }: { ctx: PageContext; id: string; title: string; bars: ProgressBar[] }) {
  if (bars.length === 0) return null;
  const top = 6;
  const height = top + bars.length * ROW + 4;
  const span = WIDTH - LABEL - 44;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style="max-width:40rem;height:auto;display:block"
        role="img"
        aria-labelledby={`${id}-titulo ${id}-desc`}
        font-family="system-ui, sans-serif"
        font-size="11"
      >
        <title id={`${id}-titulo`}>{title}</title>
        <desc id={`${id}-desc`}>{bars.map((b) => `${b.label}: ${percentText(ctx, b.percent)}`).join("; ")}</desc>
        {bars.map((b, i) => {
          const y = top + i * ROW;
          const w = ((b.percent ?? 0) / 100) * span;
          return (
            <g>
              <text x={LABEL - 6} y={y + BAR - 4} text-anchor="end" fill={INK}>
                {clip(b.label)}
              </text>
              <rect x={LABEL} y={y} width={span} height={BAR} fill={TRACK} />
              <rect x={LABEL} y={y} width={Math.max(w, b.percent ? 1.5 : 0)} height={BAR} fill={BRAND} />
              <text x={LABEL + span + 4} y={y + BAR - 4} fill={INK}>
                {b.percent === null ? "—" : `${b.percent} %`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="hint">{ctx.t("plansShared:chartTableBelow")}</figcaption>
    </figure>
  );
}

