/** The public semáforo of transparency obligations and the history page of one obligation. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Table } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ComplianceReport, DepartmentIndex, ObligationState, Thresholds } from "../compliance.js";
import type { ObligationDetail, HistoryRow } from "../obligations-queries.js";
import { days, LightBadge, obligationName, StatusText } from "./obligations-parts.js";

export function SemaforoPage({ ctx, report, thresholds }: { ctx: PageContext; report: ComplianceReport; thresholds: Thresholds }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const deptName = (d: { departmentName: string | null }) => d.departmentName ?? t("trObligations:noDepartment");
  const official = (o: ObligationState) => (o.officialName ? `${o.officialName}${o.officialTitle ? `, ${o.officialTitle}` : ""}` : t("trObligations:noOfficial"));
  const link = (o: ObligationState) => <a href={`/${slug}/transparencia/obligaciones/${o.id}`}>{obligationName(o)}</a>;
  return (
    <Layout ctx={ctx} title={t("trObligations:publicTitle")}>
      <h1>{t("trObligations:publicTitle")}</h1>
      <p>{t("trObligations:publicIntro", { date: report.on })}</p>
      <section aria-labelledby="indice-municipal">
        <h2 id="indice-municipal">{t("trObligations:municipalityIndex")}</h2>
        <p class="semaforo-total">
          <strong>{t("trObligations:indexValue", { index: report.index })}</strong> <LightBadge ctx={ctx} light={report.light} />
        </p>
        <p class="hint">{t("trObligations:thresholds", { green: thresholds.green, yellow: thresholds.yellow })}</p>
      </section>
      <section>
        <h2 id="por-area">{t("trObligations:byDepartment")}</h2>
        <Table<DepartmentIndex>
          caption={t("trObligations:byDepartment")}
          empty={t("trObligations:noObligations")}
          rows={report.departments}
          columns={[
            { header: t("trObligations:department"), cell: deptName },
            { header: t("trObligations:index"), cell: (d) => t("trObligations:indexValue", { index: d.index }), numeric: true },
            { header: t("trObligations:light"), cell: (d) => <LightBadge ctx={ctx} light={d.light} /> },
            { header: t("trObligations:upToDate"), cell: (d) => `${d.upToDate} / ${d.obligations}`, numeric: true },
          ]}
        />
      </section>
      <section>
        <h2 id="vencidas">{t("trObligations:overdueTitle")}</h2>
        <Table<ObligationState>
          caption={t("trObligations:overdueTitle")}
          empty={t("trObligations:overdueEmpty")}
          rows={report.overdue}
          columns={[
            { header: t("trObligations:obligation"), cell: link },
            { header: t("trObligations:department"), cell: deptName },
            { header: t("trObligations:official"), cell: official },
            { header: t("trObligations:period"), cell: (o) => o.period },
            { header: t("trObligations:due"), cell: (o) => o.due },
            { header: t("trObligations:daysOverdue"), cell: (o) => days(ctx, o.daysLate), numeric: true },
          ]}
        />
      </section>
      <section>
        <h2 id="todas">{t("trObligations:allObligations")}</h2>
        <Table<ObligationState>
          caption={t("trObligations:allObligations")}
          empty={t("trObligations:noObligations")}
          rows={report.states}
          columns={[
            { header: t("trObligations:obligation"), cell: link },
            { header: t("trObligations:department"), cell: deptName },
            { header: t("trObligations:period"), cell: (o) => o.period },
            { header: t("trObligations:currentStatus"), cell: (o) => <StatusText ctx={ctx} status={o.status} /> },
          ]}
        />
      </section>
    </Layout>
  );
}

export function HistoryTable({ ctx, caption, rows, downloadBase, showPublisher }: { ctx: PageContext; caption: string; rows: HistoryRow[]; downloadBase: string; showPublisher: boolean }) {
  const t = ctx.t;
  return (
    <Table<HistoryRow>
      caption={caption}
      empty={t("trObligations:noObligations")}
      rows={rows}
      columns={[
        { header: t("trObligations:period"), cell: (r) => r.period },
        { header: t("trObligations:due"), cell: (r) => r.due },
        { header: t("trObligations:publishedOn"), cell: (r) => r.publishedOn ?? "—" },
        ...(showPublisher ? [{ header: t("trObligations:publishedBy"), cell: (r: HistoryRow) => r.publishedBy ?? "—" }] : []),
        { header: t("trObligations:currentStatus"), cell: (r) => <StatusText ctx={ctx} status={r.status} /> },
        { header: t("trObligations:lateBy"), cell: (r) => (r.daysLate > 0 ? days(ctx, r.daysLate) : "—"), numeric: true },
        {
          header: t("trObligations:document"),
          cell: (r) => (
            <>
              {r.fileType && <a href={`${downloadBase}/${encodeURIComponent(r.period)}`}>{t("trObligations:download", { type: r.fileType.toUpperCase() })}</a>}
              {r.link && (
                <>
                  {r.fileType ? " · " : ""}
                  <a href={r.link} rel="nofollow noopener">
                    {t("trObligations:openLink")}
                  </a>
                </>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

export function ObligationHistoryPage({ ctx, obligation, history }: { ctx: PageContext; obligation: ObligationDetail; history: HistoryRow[] }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const name = obligationName(obligation);
  return (
    <Layout ctx={ctx} title={name}>
      <Breadcrumbs items={[{ href: `/${slug}/transparencia`, label: t("trObligations:publicTitle") }, { label: name }]} />
      <h1>{name}</h1>
      <dl>
        <dt>{t("trObligations:legalReference")}</dt>
        <dd>{obligation.legalReference}</dd>
        <dt>{t("trObligations:department")}</dt>
        <dd>{obligation.departmentName ?? t("trObligations:noDepartment")}</dd>
        <dt>{t("trObligations:official")}</dt>
        <dd>{obligation.officialName ? `${obligation.officialName}${obligation.officialTitle ? `, ${obligation.officialTitle}` : ""}` : t("trObligations:noOfficial")}</dd>
        <dt>{t("trObligations:updatePeriod")}</dt>
        <dd>
          {t(`trObligations:period_${obligation.updatePeriod}`)} — {t("trObligations:dueRule", { days: obligation.dueDays })}
        </dd>
      </dl>
      <h2>{t("trObligations:historyTitle", { name: `fracc. ${obligation.fraction}` })}</h2>
      <HistoryTable ctx={ctx} caption={t("trObligations:historyTitle", { name: `fracc. ${obligation.fraction}` })} rows={history} downloadBase={`/${slug}/transparencia/obligaciones/${obligation.id}/periodos`} showPublisher={false} />
    </Layout>
  );
}
