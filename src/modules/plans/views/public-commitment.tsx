/** A commitment's public page: every OGP Local field, progress, the milestone timeline and history, sections, comments, avisos. */
import type { VNode } from "preact";
import { Layout } from "../../../platform/views/layout.js";
import { Pagination, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicEvidence, PublicMilestoneEvent } from "../presenters.js";
import { describeMilestoneEvent } from "../public-event-text.js";
import type { CommitmentDetail } from "../public-queries.js";
import { coloniaPath, commitmentPath, evidencePath, observatoryPath, planPath, proposalPath } from "../public-urls.js";
import type { CommitmentSummary, MilestoneView, PlanRow } from "../queries.js";
import { ProgressBar } from "./charts.js";
import { CommentsSection, type CommentsProps } from "./public-comments.js";
import { instantDate, longDate, milestoneStatusLabel, Period, PlansCrumbs, StageText, SubscribeForm, type SubscribeFormState } from "./public-parts.js";

export interface CommitmentPageProps {
  ctx: PageContext;
  plan: PlanRow;
  summary: CommitmentSummary;
  detail: CommitmentDetail;
  timeZone: string;
  evidence: Map<number, PublicEvidence[]>;
  history: PublicMilestoneEvent[];
  historyInfo: PageInfo;
  sections: VNode[];
  comments: Omit<CommentsProps, "ctx" | "base" | "timeZone">;
  subscribe?: SubscribeFormState;
}

function Text({ ctx, id, title, text }: { ctx: PageContext; id: string; title: string; text: string }) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      {text ? <p class="description">{text}</p> : <p class="empty">{ctx.t("plansPublic:commitment.notStated")}</p>}
    </>
  );
}

function MilestoneItem({ ctx, base, m, evidence }: { ctx: PageContext; base: (id: number) => string; m: MilestoneView; evidence: PublicEvidence[] }) {
  const { t } = ctx;
  return (
    <li>
      <h3>{m.deliverable}</h3>
      <p>
        {t("plansPublic:milestone.due")} <time dateTime={m.dueOn}>{longDate(ctx, m.dueOn)}</time> · {t("plansPublic:milestone.weight", { count: m.weight })}
        {m.responsible && <> · {t("plansPublic:milestone.responsible", { responsible: m.responsible })}</>}
      </p>
      <p>
        {t("plansPublic:milestone.status")} {milestoneStatusLabel(ctx, m.status)}
        {m.completedOn && <> · {t("plansPublic:milestone.completedOn", { date: longDate(ctx, m.completedOn) })}</>}
        {m.punctuality === "entregado_tarde" && <> · {t("plansPublic:punctuality.entregado_tarde")}</>}
        {m.overdue && (
          <>
            {" · "}
            <strong class="flag-overdue">{t("plansPublic:milestone.overdue", { count: m.daysLate })}</strong>
          </>
        )}
      </p>
      {m.description && <p class="description">{m.description}</p>}
      {evidence.length > 0 && (
        <>
          <p>{t("plansPublic:milestone.evidence")}</p>
          <ul>
            {evidence.map((e) => (
              <li>
                {e.url ? <a href={e.url} rel="noopener noreferrer nofollow">{e.title}</a> : <a href={base(e.id)}>{e.title}</a>} ({t(`plansPublic:evidenceKind.${e.kind}`)})
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}


export function CommitmentPage(p: CommitmentPageProps) {
  const { ctx, plan, summary: c, detail: d } = p;
  const { t } = ctx;
  const m = ctx.municipality!.slug;
  const here = commitmentPath(m, plan.slug, c.number);
  const values = (["transparency", "accountability", "participation"] as const).filter((v) => c.relevance[v]).map((v) => t(`plansPublic:values.${v}`));
  const title = t("plansPublic:commitment.numbered", { number: c.number, title: c.title });
  return (
    <Layout ctx={ctx} title={title}>
      <PlansCrumbs ctx={ctx} items={[{ href: planPath(m, plan.slug), label: plan.title }, { label: t("plansPublic:commitment.short", { number: c.number }) }]} />
      <h1>{title}</h1>
      {d.withdrawnAt && (
        <p class="flash flash-warning" role="note">
          {t("plansPublic:commitment.withdrawn", { date: instantDate(ctx, d.withdrawnAt, p.timeZone) })} {d.withdrawnReason}
        </p>
      )}
      {!c.withdrawn && (
        <>
          <ProgressBar ctx={ctx} percent={c.progress.percent} label={t("plansPublic:progress.commitmentLabel", { number: c.number })} />
          <p>{t("plansPublic:commitment.weightDone", { done: c.progress.completedWeight, total: c.progress.totalWeight })}</p>
        </>
      )}
      <dl class="facts">
        <dt>{t("plansPublic:commitment.stage")}</dt>
        <dd>
          <StageText ctx={ctx} stage={c.stage} />
        </dd>
        <dt>{t("plansPublic:commitment.lead")}</dt>
        <dd>{c.leadDepartment?.name ?? t("plansPublic:commitment.noLead")}</dd>
        {c.leadOfficial && (
          <>
            <dt>{t("plansPublic:commitment.official")}</dt>
            <dd>{c.leadOfficial}</dd>
          </>
        )}
        <dt>{t("plansPublic:commitment.coleads")}</dt>
        <dd>
          {d.coleads.length === 0
            ? t("plansPublic:commitment.noColeads")
            : d.coleads.map((co, i) => (
                <>
                  {i > 0 && ", "}
                  {co.observatory ? <a href={observatoryPath(m, co.observatory.slug)}>{co.organisation}</a> : co.organisation}
                </>
              ))}
        </dd>
        <dt>{t("plansPublic:commitment.dates")}</dt>
        <dd>
          <Period ctx={ctx} startsOn={c.startsOn} endsOn={c.endsOn} />
        </dd>
        <dt>{t("plansPublic:commitment.where")}</dt>
        <dd>
          {d.wholeMunicipality || d.colonias.length === 0
            ? t("plansPublic:commitment.wholeMunicipality")
            : d.colonias.map((col, i) => (
                <>
                  {i > 0 && ", "}
                  <a href={coloniaPath(m, col.slug)}>{col.name}</a>
                </>
              ))}
        </dd>
        {(d.sourceProposals.length > 0 || d.sourceProposalCount > 0) && (
          <>
            <dt>{t("plansPublic:commitment.proposals")}</dt>
            <dd>
              {d.sourceProposals.length > 0
                ? d.sourceProposals.map((sp, i) => (
                    <>
                      {i > 0 && ", "}
                      <a href={proposalPath(m, sp.processSlug, sp.number)}>{sp.title ? `${sp.folio} «${sp.title}»` : sp.folio}</a>
                    </>
                  ))
                : t("plansPublic:commitment.proposalCount", { count: d.sourceProposalCount })}
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="plantilla">
        <h2 id="plantilla">{t("plansPublic:commitment.template")}</h2>
        <Text ctx={ctx} id="problema" title={t("plansPublic:commitment.problem")} text={d.problem} />
        <Text ctx={ctx} id="situacion" title={t("plansPublic:commitment.statusQuo")} text={d.statusQuo} />
        <Text ctx={ctx} id="que-hace" title={t("plansPublic:commitment.description")} text={d.description} />
        <Text ctx={ctx} id="como-resuelve" title={t("plansPublic:commitment.howItSolves")} text={d.howItSolves} />
        <h3 id="relevancia">{t("plansPublic:commitment.relevance")}</h3>
        <p>{values.length > 0 ? values.join(" · ") : t("plansPublic:commitment.noValues")}</p>
      </section>

      <section aria-labelledby="hitos">
        <h2 id="hitos">{t("plansPublic:milestone.title")}</h2>
        {c.milestones.length === 0 ? (
          <p class="empty">{t("plansPublic:milestone.none")}</p>
        ) : (
          <ol class="timeline">
            {c.milestones.map((ms) => (
              <MilestoneItem ctx={ctx} base={(id) => evidencePath(m, plan.slug, id)} m={ms} evidence={p.evidence.get(ms.id) ?? []} />
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="historial">
        <h2 id="historial">{t("plansPublic:history.title")}</h2>
        {p.history.length === 0 ? (
          <p class="empty">{t("plansPublic:history.none")}</p>
        ) : (
          <ol class="timeline">
            {p.history.map((e) => (
              <li>
                <time dateTime={e.at.toISOString()}>{instantDate(ctx, e.at, p.timeZone)}</time>
                <p>
                  <strong>{e.deliverable}</strong>: {describeMilestoneEvent((key, options) => ctx.t(key, options), ctx.locale, e)}
                  {e.note && ` — ${e.note}`}
                </p>
              </li>
            ))}
          </ol>
        )}
        {p.historyInfo.total > p.historyInfo.perPage && <Pagination ctx={ctx} info={p.historyInfo} param="historial" label={t("plansPublic:history.pagination")} />}
      </section>

      {p.sections}

      <CommentsSection ctx={ctx} base={here} timeZone={p.timeZone} {...p.comments} />
      <SubscribeForm ctx={ctx} action={`${planPath(m, plan.slug)}/suscripcion?compromiso=${c.number}`} target={title} state={p.subscribe} />
    </Layout>
  );
}
