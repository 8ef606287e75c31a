/**
 * The state view: the published plans of a state's municipalities compared (chart and table), and
 * the inter-municipal commitments that concern the state with each partner's progress.
 */
import { Breadcrumbs, Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import type { PartnerProgress, SharedCommitmentView } from "../shared-queries.js";
import type { StateRef } from "../state-names.js";
import type { StatePlanRow } from "../state-view.js";
import { PartnersTable, percentText, ProgressChart, sharedHref } from "./shared-parts.js";

function monthYear(ctx: PageContext, date: string): string {
  return new Intl.DateTimeFormat(ctx.locale === "en" ? "en" : "es-MX", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

export interface StateSharedBlock {
  shared: SharedCommitmentView;
  partners: PartnerProgress[];
}

export interface StatePlansProps {
  ctx: PageContext;
  state: StateRef;
  rows: StatePlanRow[];
  info: PageInfo;
  shared: StateSharedBlock[];
  sharedInfo: PageInfo;
}

export function StatePlansPage({ ctx, state, rows, info, shared, sharedInfo }: StatePlansProps) {
  const { t } = ctx;
  // A municipality with two published plans appears twice: the chart says which period.
  const repeated = new Set(rows.filter((r, i) => rows.findIndex((o) => o.municipality.id === r.municipality.id) !== i).map((r) => r.municipality.id));
  const label = (r: StatePlanRow) => (repeated.has(r.municipality.id) ? `${r.municipality.name} ${r.plan.startsOn.slice(0, 4)}` : r.municipality.name);
  return (
    <Layout ctx={ctx} title={t("plansShared:stateTitle", { state: state.name })}>
      <Breadcrumbs items={[{ href: "/", label: t("plansShared:home") }, { href: "/municipios", label: t("plansShared:municipalities") }, { label: t("plansShared:stateTitle", { state: state.name }) }]} />
      <h1>{t("plansShared:stateTitle", { state: state.name })}</h1>
      <p>{t("plansShared:stateIntro", { state: state.name })}</p>
      <p>
        <a href={`/estados/${state.slug}/planes.csv`}>{t("plansShared:csvLink")}</a>
      </p>
      <section aria-labelledby="comparacion">
        <h2 id="comparacion">{t("plansShared:comparisonTitle")}</h2>
        {rows.length === 0 ? (
          <p class="empty">{t("plansShared:stateNone", { state: state.name })}</p>
        ) : (
          <>
            <ProgressChart ctx={ctx} id="grafica-estado" title={t("plansShared:stateChartTitle", { state: state.name })} bars={rows.map((r) => ({ label: label(r), percent: r.progress }))} />
            <Table<StatePlanRow>
              caption={t("plansShared:stateTableCaption", { state: state.name })}
              empty={t("plansShared:stateNone", { state: state.name })}
              rows={rows}
              columns={[
                { header: t("plansShared:municipality"), cell: (r) => <a href={`/${r.municipality.slug}`}>{r.municipality.name}</a> },
                { header: t("plansShared:plan"), cell: (r) => <a href={`/${r.municipality.slug}/planes/${r.plan.slug}`}>{r.plan.title}</a> },
                { header: t("plansShared:period"), cell: (r) => `${monthYear(ctx, r.plan.startsOn)} – ${monthYear(ctx, r.plan.endsOn)}` },
                { header: t("plansShared:commitments"), cell: (r) => r.commitments, numeric: true },
                { header: t("plansShared:meanProgress"), cell: (r) => percentText(ctx, r.progress), numeric: true },
                { header: t("plansShared:overdueMilestones"), cell: (r) => (r.overdueMilestones > 0 ? <strong class="flag-overdue">{r.overdueMilestones}</strong> : 0), numeric: true },
                { header: t("plansShared:starred"), cell: (r) => r.starred, numeric: true },
              ]}
            />
            <Pagination ctx={ctx} info={info} label={t("plansShared:plansPagination")} />
          </>
        )}
      </section>
      <section aria-labelledby="intermunicipales">
        <h2 id="intermunicipales">{t("plansShared:stateSharedTitle")}</h2>
        {shared.length === 0 ? (
          <p class="empty">{t("plansShared:stateSharedNone")}</p>
        ) : (
          <>
            {shared.map((b) => (
              <article>
                <h3>
                  <a href={sharedHref(b.shared.slug)}>{b.shared.title}</a>
                </h3>
                <PartnersTable ctx={ctx} caption={t("plansShared:partnersCaption", { title: b.shared.title })} partners={b.partners} />
              </article>
            ))}
            <Pagination ctx={ctx} info={sharedInfo} param="intermunicipales" label={t("plansShared:sharedPagination")} />
          </>
        )}
      </section>
    </Layout>
  );
}
