/** Staff pages of action plans: the list with the create form, and one plan (team, commitments, drafts, data). */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { CommitmentDraftView } from "../../proposals/commitments.js";
import type { CommitmentSummary, PlanRow } from "../queries.js";
import type { Choice, ProcessChoice, StaffTeamMember } from "../staff-queries.js";
import { PLAN_STATUSES, TEAM_SECTORS } from "../tables.js";
import {
  Checkbox, commitmentAdminPath, formState, GeneralError, myMilestonesPath, period, planAdminPath, plansAdminBase, planStatusLabel, PlansCrumbs,
  ProgressBar, publicPlanPath, type FailedForm,
} from "./staff-parts.js";

export const PLAN_FIELDS = ["slug", "title", "description", "startsOn", "endsOn", "status", "processId", "sourceReference", "published"];
export const TEAM_FIELDS = ["sector", "organisation", "role", "personName", "namePublic"];

export function planValues(plan: PlanRow): Record<string, string> {
  return {
    slug: plan.slug, title: plan.title, description: plan.description, startsOn: plan.startsOn, endsOn: plan.endsOn, status: plan.status,
    processId: plan.processId === null ? "" : String(plan.processId), sourceReference: plan.sourceReference, published: plan.published ? "1" : "",
  };
}

function PlanFields({ ctx, values, errors, processes }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string>; processes: Choice[] }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("plans:fields.title")} value={values.title} error={errors?.title} required />
      <TextField ctx={ctx} name="slug" label={t("plans:fields.slug")} hint={t("plans:hints.slug")} value={values.slug} error={errors?.slug} required />
      <TextArea ctx={ctx} name="description" label={t("plans:fields.description")} value={values.description} error={errors?.description} rows={4} />
      <TextField ctx={ctx} name="startsOn" type="date" label={t("plans:fields.startsOn")} hint={t("plans:hints.date")} value={values.startsOn} error={errors?.startsOn} required />
      <TextField ctx={ctx} name="endsOn" type="date" label={t("plans:fields.endsOn")} value={values.endsOn} error={errors?.endsOn} required />
      <SelectField ctx={ctx} name="status" label={t("plans:fields.status")} value={values.status || "cocreacion"} error={errors?.status} options={PLAN_STATUSES.map((s) => ({ value: s, label: planStatusLabel(ctx, s) }))} required />
      <SelectField ctx={ctx} name="processId" label={t("plans:fields.process")} hint={t("plans:hints.process")} value={values.processId} error={errors?.processId} placeholder={t("plans:noProcess")} options={processes.map((p) => ({ value: String(p.id), label: p.name }))} />
      <TextField ctx={ctx} name="sourceReference" label={t("plans:fields.sourceReference")} hint={t("plans:hints.sourceReference")} value={values.sourceReference} error={errors?.sourceReference} />
      <Checkbox name="published" label={t("plans:fields.published")} checked={values.published === "1"} />
    </>
  );
}

export function StaffPlansPage({ ctx, plans, info, canManage, processes, failed }: { ctx: PageContext; plans: PlanRow[]; info: PageInfo; canManage: boolean; processes: ProcessChoice[]; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const create = formState(failed, "create", { status: "cocreacion" });
  return (
    <Layout ctx={ctx} title={t("plans:title")}>
      <PlansCrumbs ctx={ctx} items={[]} />
      <h1>{t("plans:title")}</h1>
      <p class="lead">{t("plans:lead")}</p>
      <p>
        <a href={myMilestonesPath(m)}>{t("plans:myMilestones.link")}</a>
      </p>
      <Table<PlanRow>
        caption={t("plans:listCaption")}
        empty={t("plans:none")}
        rows={plans}
        columns={[
          { header: t("plans:fields.title"), cell: (p) => <a href={planAdminPath(m, p.slug)}>{p.title}</a> },
          { header: t("plans:fields.period"), cell: (p) => period(ctx, p.startsOn, p.endsOn) },
          { header: t("plans:fields.status"), cell: (p) => planStatusLabel(ctx, p.status) },
          { header: t("plans:fields.visibility"), cell: (p) => (p.published ? t("plans:published") : t("plans:unpublished")) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      {canManage && (
        <section aria-labelledby="nuevo-plan">
          <h2 id="nuevo-plan">{t("plans:create")}</h2>
          <Form ctx={ctx} action={plansAdminBase(m)} errors={create.errors}>
            <GeneralError errors={create.errors} />
            <PlanFields ctx={ctx} values={create.values} errors={create.errors} processes={processes} />
            <Button>{t("plans:createButton")}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export interface StaffPlanProps {
  ctx: PageContext;
  plan: PlanRow;
  canManage: boolean;
  overall: number | null;
  commitments: CommitmentSummary[];
  commitmentsInfo: PageInfo;
  team: StaffTeamMember[];
  teamInfo: PageInfo;
  drafts: CommitmentDraftView[] | null;
  draftsInfo: PageInfo;
  processes: ProcessChoice[];
  failed?: FailedForm;
}

export function StaffPlanPage(p: StaffPlanProps) {
  const { ctx, plan, canManage, failed } = p;
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = planAdminPath(m, plan.slug);
  const edit = formState(failed, "edit", planValues(plan));
  const member = formState(failed, "member", { sector: "gobierno" });
  const adopt = formState(failed, "adopt");
  const process = p.processes.find((x) => x.id === plan.processId);
  return (
    <Layout ctx={ctx} title={plan.title}>
      <PlansCrumbs ctx={ctx} items={[{ label: plan.title }]} />
      <h1>{plan.title}</h1>
      <dl class="facts">
        <dt>{t("plans:fields.status")}</dt>
        <dd>{planStatusLabel(ctx, plan.status)}</dd>
        <dt>{t("plans:fields.period")}</dt>
        <dd>{period(ctx, plan.startsOn, plan.endsOn)}</dd>
        <dt>{t("plans:fields.visibility")}</dt>
        <dd>{plan.published ? <a href={publicPlanPath(m, plan.slug)}>{t("plans:publishedLink")}</a> : t("plans:unpublishedNote")}</dd>
        <dt>{t("plans:fields.process")}</dt>
        <dd>{process ? <a href={`/${m}/admin/participa/${process.slug}`}>{process.name}</a> : t("plans:noProcess")}</dd>
        {plan.sourceReference && (
          <>
            <dt>{t("plans:fields.sourceReference")}</dt>
            <dd>{plan.sourceReference}</dd>
          </>
        )}
        <dt>{t("plans:overallProgress")}</dt>
        <dd>{p.overall === null ? t("plans:noMilestones") : t("plans:percent", { percent: p.overall })}</dd>
      </dl>
      {plan.description && <p class="description">{plan.description}</p>}
      <p>
        <a href={`/${m}/admin/planes/${plan.slug}/revision`}>{t("plans:reviewLink")}</a>
      </p>

      <section aria-labelledby="compromisos">
        <h2 id="compromisos">{t("plans:commitments")}</h2>
        <Table<CommitmentSummary>
          caption={t("plans:commitmentsCaption", { plan: plan.title })}
          empty={t("plans:noCommitments")}
          rows={p.commitments}
          columns={[
            { header: t("plans:fields.number"), cell: (c) => c.number, numeric: true },
            { header: t("plans:fields.commitment"), cell: (c) => <a href={commitmentAdminPath(m, plan.slug, c.number)}>{c.title}</a> },
            { header: t("plans:fields.leadDepartment"), cell: (c) => c.leadDepartment?.name ?? "—" },
            { header: t("plans:fields.progress"), cell: (c) => <ProgressBar ctx={ctx} progress={c.progress} label={t("plans:progressOf", { number: c.number })} /> },
            { header: t("plans:fields.stage"), cell: (c) => t(`plans:stage.${c.stage}`) },
          ]}
        />
        <Pagination ctx={ctx} info={p.commitmentsInfo} param="compromisos" label={t("plans:commitments")} />
        {canManage && (
          <p>
            <a class="button button-secondary" href={`${here}/compromisos/nuevo`}>{t("plans:newCommitment")}</a>
          </p>
        )}
      </section>

      {canManage && p.drafts !== null && (
        <section aria-labelledby="borradores">
          <h2 id="borradores">{t("plans:drafts.title")}</h2>
          <p class="hint">{t("plans:drafts.lead")}</p>
          {adopt.errors && (
            <p class="error-message" role="alert">
              {Object.values(adopt.errors).join(" ")}
            </p>
          )}
          <Table<CommitmentDraftView>
            caption={t("plans:drafts.caption")}
            empty={t("plans:drafts.none")}
            rows={p.drafts}
            columns={[
              { header: t("plans:fields.commitment"), cell: (d) => d.title },
              { header: t("plans:drafts.sources"), cell: (d) => d.sourceProposals.map((s) => s.folio).join(", ") || "—" },
              { header: t("plans:fields.leadDepartment"), cell: (d) => d.leadDepartment?.name ?? "—" },
              {
                header: t("plans:drafts.action"),
                cell: (d) => (
                  <form method="post" action={`${here}/borradores/${d.id}/adoptar`} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="button button-secondary" aria-label={t("plans:drafts.adoptNamed", { title: d.title })}>{t("plans:drafts.adopt")}</button>
                  </form>
                ),
              },
            ]}
          />
          <Pagination ctx={ctx} info={p.draftsInfo} param="borradores" label={t("plans:drafts.title")} />
        </section>
      )}

      <section aria-labelledby="equipo">
        <h2 id="equipo">{t("plans:team.title")}</h2>
        <Table<StaffTeamMember>
          caption={t("plans:team.caption")}
          empty={t("plans:team.none")}
          rows={p.team}
          columns={[
            { header: t("plans:team.sector"), cell: (x) => t(`plans:sector.${x.sector}`) },
            { header: t("plans:team.organisation"), cell: (x) => x.organisation },
            { header: t("plans:team.role"), cell: (x) => x.role || "—" },
            { header: t("plans:team.person"), cell: (x) => (x.personName ? `${x.personName} (${x.namePublic ? t("plans:team.namePublicShort") : t("plans:team.namePrivateShort")})` : "—") },
            ...(canManage
              ? [{
                  header: t("plans:team.action"),
                  cell: (x: StaffTeamMember) => (
                    <form method="post" action={`${here}/equipo/${x.id}/eliminar`} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="button button-danger" aria-label={t("plans:team.removeNamed", { organisation: x.organisation })}>{t("plans:team.remove")}</button>
                    </form>
                  ),
                }]
              : []),
          ]}
        />
        <Pagination ctx={ctx} info={p.teamInfo} param="equipo" label={t("plans:team.title")} />
        {canManage && (
          <>
            <h3>{t("plans:team.add")}</h3>
            <Form ctx={ctx} action={`${here}/equipo`} errors={member.errors}>
              <SelectField ctx={ctx} name="sector" label={t("plans:team.sector")} value={member.values.sector} error={member.errors?.sector} options={TEAM_SECTORS.map((s) => ({ value: s, label: t(`plans:sector.${s}`) }))} required />
              <TextField ctx={ctx} name="organisation" label={t("plans:team.organisation")} value={member.values.organisation} error={member.errors?.organisation} required />
              <TextField ctx={ctx} name="role" label={t("plans:team.role")} hint={t("plans:team.roleHint")} value={member.values.role} error={member.errors?.role} />
              <TextField ctx={ctx} name="personName" label={t("plans:team.person")} hint={t("plans:team.personHint")} value={member.values.personName} error={member.errors?.personName} />
              <Checkbox name="namePublic" label={t("plans:team.namePublic")} checked={member.values.namePublic === "1"} />
              <Button kind="secondary">{t("plans:team.addButton")}</Button>
            </Form>
          </>
        )}
      </section>

      {canManage && (
        <section aria-labelledby="datos-plan">
          <h2 id="datos-plan">{t("plans:editPlan")}</h2>
          <Form ctx={ctx} action={here} errors={edit.errors}>
            <GeneralError errors={edit.errors} />
            <PlanFields ctx={ctx} values={edit.values} errors={edit.errors} processes={p.processes} />
            <Button>{t("plans:save")}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
