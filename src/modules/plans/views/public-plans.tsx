/** The public list of action plans and a plan's page. */
import type { ComponentChildren, VNode } from "preact";
import { Layout } from "../../../platform/views/layout.js";
import { Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicTeamMember } from "../presenters.js";
import type { DepartmentPunctuality, OverdueMilestone, PlanCard, PlanOrigin } from "../public-queries.js";
import { commitmentPath, planPath, processPath } from "../public-urls.js";
import type { CommitmentSummary, PlanRow } from "../queries.js";
import { TEAM_SECTORS } from "../tables.js";
import { ProgressBar, PunctualityChart } from "./charts.js";
import { longDate, Period, PlanDataLinks, planStatusLabel, PlansCrumbs, StageText, SubscribeForm, type SubscribeFormState } from "./public-parts.js";

/** Period, status in words and number of commitments (and, on the plan's page, its origin). */
function PlanFacts({ ctx, plan, commitments, children }: { ctx: PageContext; plan: PlanRow; commitments: number; children?: ComponentChildren }) {
  const { t } = ctx;
  return (
    <dl class="facts">
      <dt>{t("plansPublic:plan.period")}</dt>
      <dd>
        <Period ctx={ctx} startsOn={plan.startsOn} endsOn={plan.endsOn} />
      </dd>
      <dt>{t("plansPublic:plan.status")}</dt>
      <dd>{planStatusLabel(ctx, plan.status)}</dd>
      <dt>{t("plansPublic:plan.commitments")}</dt>
      <dd>{commitments}</dd>
      {children}
    </dl>
  );
}

export function PlansListPage({ ctx, cards, info }: { ctx: PageContext; cards: PlanCard[]; info: PageInfo }) {
  const { t } = ctx;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("plansPublic:list.title")}>
      <PlansCrumbs ctx={ctx} items={[]} />
      <h1>{t("plansPublic:list.title")}</h1>
      <p class="lead">{t("plansPublic:list.intro")}</p>
      {cards.length === 0 ? (
        <p class="empty">{t("plansPublic:list.none")}</p>
      ) : (
        <ul class="cards">
          {cards.map(({ plan, progress, commitments }) => (
            <li class="card">
              <h2>
                <a href={planPath(m, plan.slug)}>{plan.title}</a>
              </h2>
              <PlanFacts ctx={ctx} plan={plan} commitments={commitments} />
              <ProgressBar ctx={ctx} percent={progress} label={t("plansPublic:progress.planLabel", { title: plan.title })} />
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

export interface PlanPageProps {
  ctx: PageContext;
  plan: PlanRow;
  origin: PlanOrigin;
  progress: number | null;
  commitmentTotal: number;
  team: PublicTeamMember[];
  teamInfo: PageInfo;
  commitments: CommitmentSummary[];
  commitmentsInfo: PageInfo;
  chart: DepartmentPunctuality[];
  overdue: OverdueMilestone[];
  overdueInfo: PageInfo;
  sections: VNode[];
  subscribe?: SubscribeFormState;
}

function Team({ ctx, team, info }: { ctx: PageContext; team: PublicTeamMember[]; info: PageInfo }) {
  const { t } = ctx;
  if (team.length === 0) return <p class="empty">{t("plansPublic:team.none")}</p>;
  return (
    <>
      {TEAM_SECTORS.map((sector) => {
        const members = team.filter((m) => m.sector === sector);
        if (members.length === 0) return null;
        return (
          <>
            <h3>{t(`plansPublic:team.sector.${sector}`)}</h3>
            <ul>
              {members.map((m) => (
                <li>
                  <strong>{m.organisation}</strong>
                  {(m.role || m.personName) && ` — ${[m.personName, m.role].filter(Boolean).join(", ")}`}
                </li>
              ))}
            </ul>
          </>
        );
      })}
      {info.total > info.perPage && <Pagination ctx={ctx} info={info} param="equipo" label={t("plansPublic:team.pagination")} />}
    </>
  );
}

export function PlanPage(p: PlanPageProps) {
  const { ctx, plan, origin } = p;
  const { t } = ctx;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={plan.title}>
      <PlansCrumbs ctx={ctx} items={[{ label: plan.title }]} />
      <h1>{plan.title}</h1>
      {plan.description && <p class="description">{plan.description}</p>}
      <PlanFacts ctx={ctx} plan={plan} commitments={p.commitmentTotal}>
        {(origin.process || origin.reference) && (
          <>
            <dt>{t("plansPublic:plan.origin")}</dt>
            <dd>
              {origin.process && <a href={processPath(m, origin.process.slug)}>{origin.process.title}</a>}
              {origin.process && origin.reference && " · "}
              {origin.reference}
            </dd>
          </>
        )}
      </PlanFacts>
      <h2 id="avance">{t("plansPublic:plan.progress")}</h2>
      <ProgressBar ctx={ctx} percent={p.progress} label={t("plansPublic:progress.planLabel", { title: plan.title })} />
      <p class="hint">{t("plansPublic:plan.progressHint")}</p>

      <section aria-labelledby="equipo">
        <h2 id="equipo">{t("plansPublic:team.title")}</h2>
        <Team ctx={ctx} team={p.team} info={p.teamInfo} />
      </section>

      <section aria-labelledby="compromisos">
        <h2 id="compromisos">{t("plansPublic:plan.commitmentsTitle")}</h2>
        {p.commitments.length === 0 ? (
          <p class="empty">{t("plansPublic:plan.noCommitments")}</p>
        ) : (
          <ul class="cards">
            {p.commitments.map((c) => (
              <li class="card">
                <h3>
                  <a href={commitmentPath(m, plan.slug, c.number)}>{t("plansPublic:commitment.numbered", { number: c.number, title: c.title })}</a>
                </h3>
                <dl class="facts">
                  <dt>{t("plansPublic:commitment.lead")}</dt>
                  <dd>{c.leadDepartment?.name ?? t("plansPublic:commitment.noLead")}</dd>
                  <dt>{t("plansPublic:commitment.stage")}</dt>
                  <dd>
                    <StageText ctx={ctx} stage={c.stage} />
                  </dd>
                </dl>
                <ProgressBar ctx={ctx} percent={c.withdrawn ? null : c.progress.percent} label={t("plansPublic:progress.commitmentLabel", { number: c.number })} />
              </li>
            ))}
          </ul>
        )}
        <Pagination ctx={ctx} info={p.commitmentsInfo} param="compromisos" label={t("plansPublic:plan.commitmentsPagination")} />
      </section>

      <section aria-labelledby="puntualidad">
        <h2 id="puntualidad">{t("plansPublic:chart.title")}</h2>
        <PunctualityChart ctx={ctx} id="grafica-puntualidad" rows={p.chart} />
      </section>

      <section aria-labelledby="hitos-vencidos">
        <h2 id="hitos-vencidos">{t("plansPublic:overdue.title")}</h2>
        <Table<OverdueMilestone>
          caption={t("plansPublic:overdue.caption")}
          rows={p.overdue}
          empty={t("plansPublic:overdue.none")}
          columns={[
            { header: t("plansPublic:overdue.commitment"), cell: (o) => <a href={commitmentPath(m, plan.slug, o.commitmentNumber)}>{t("plansPublic:commitment.short", { number: o.commitmentNumber })}</a> },
            { header: t("plansPublic:overdue.milestone"), cell: (o) => o.deliverable },
            { header: t("plansPublic:overdue.department"), cell: (o) => o.department ?? t("plansPublic:commitment.noLead") },
            { header: t("plansPublic:overdue.dueOn"), cell: (o) => longDate(ctx, o.dueOn) },
            { header: t("plansPublic:overdue.late"), cell: (o) => <strong class="flag-overdue">{t("plansPublic:overdue.daysLate", { count: o.daysLate })}</strong> },
          ]}
        />
        {p.overdueInfo.total > p.overdueInfo.perPage && <Pagination ctx={ctx} info={p.overdueInfo} param="vencidos" label={t("plansPublic:overdue.pagination")} />}
      </section>

      {p.sections}

      <SubscribeForm ctx={ctx} action={`${planPath(m, plan.slug)}/suscripcion`} target={plan.title} state={p.subscribe} />
      <PlanDataLinks ctx={ctx} planSlug={plan.slug} />
    </Layout>
  );
}
