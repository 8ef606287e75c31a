/** Staff pages of a commitment: the OGP Local form (new and edit), the commitment with its milestones, withdrawal. */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, SelectField, Table, TextArea, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { CommitmentSummary, MilestoneView, PlanRow } from "../queries.js";
import type { Choice, CommitmentDetail } from "../staff-queries.js";
import {
  Checkbox, commitmentAdminPath, formState, GeneralError, Lateness, longDate, milestoneAdminPath, milestonePlanPath, milestoneStatusLabel, period,
  planAdminPath, PlansCrumbs, ProgressBar, type FailedForm,
} from "./staff-parts.js";

/** Co-lead rows the form offers beyond the ones already set. */
const EMPTY_COLEAD_ROWS = 2;
const RELEVANCE = ["transparency", "accountability", "participation"] as const;

export interface CommitmentChoices {
  departments: Choice[];
  colonias: Choice[];
  observatories: Choice[];
}

/** The form's values as posted text; colonias comma-joined, co-leads as colead-N / coleadObservatory-N. */
export function commitmentValues(c: CommitmentDetail): Record<string, string> {
  return {
    title: c.title, problem: c.problem, statusQuo: c.statusQuo, description: c.description, howItSolves: c.howItSolves,
    transparency: c.relevance.transparency ? "1" : "", accountability: c.relevance.accountability ? "1" : "", participation: c.relevance.participation ? "1" : "",
    leadDepartmentId: c.leadDepartmentId === null ? "" : String(c.leadDepartmentId), leadOfficial: c.leadOfficial, startsOn: c.startsOn, endsOn: c.endsOn,
    scope: c.wholeMunicipality ? "municipio" : "colonias", colonias: c.colonias.map((x) => x.id).join(","),
    ...Object.fromEntries(c.coleads.flatMap((x, i) => [[`colead-${i}`, x.organisation], [`coleadObservatory-${i}`, x.observatoryId === null ? "" : String(x.observatoryId)]])),
  };
}

export function CommitmentFields({ ctx, plan, values, errors, choices }: { ctx: PageContext; plan: PlanRow; values: Record<string, string>; errors?: FieldErrors; choices: CommitmentChoices }) {
  const t = ctx.t;
  const selected = new Set((values.colonias ?? "").split(",").filter(Boolean));
  const filled = Object.keys(values).filter((k) => /^colead-\d+$/.test(k)).length;
  const coleadRows = Array.from({ length: filled + EMPTY_COLEAD_ROWS }, (_, i) => i);
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("plans:commitment.title")} value={values.title} error={errors?.title} required />
      <TextArea ctx={ctx} name="problem" label={t("plans:commitment.problem")} hint={t("plans:commitment.problemHint")} value={values.problem} error={errors?.problem} rows={5} />
      <TextArea ctx={ctx} name="statusQuo" label={t("plans:commitment.statusQuo")} hint={t("plans:commitment.statusQuoHint")} value={values.statusQuo} error={errors?.statusQuo} rows={4} />
      <TextArea ctx={ctx} name="description" label={t("plans:commitment.description")} hint={t("plans:commitment.descriptionHint")} value={values.description} error={errors?.description} rows={6} />
      <TextArea ctx={ctx} name="howItSolves" label={t("plans:commitment.howItSolves")} hint={t("plans:commitment.howItSolvesHint")} value={values.howItSolves} error={errors?.howItSolves} rows={4} />
      <fieldset class={errors?.relevance ? "form-section field-error" : "form-section"}>
        <legend>
          {t("plans:commitment.relevance")} <span class="required">({t("form.required")})</span>
        </legend>
        {errors?.relevance && <p class="error-message" id="error-relevance">{errors.relevance}</p>}
        {RELEVANCE.map((k, i) => (
          <Checkbox name={k} id={i === 0 ? "campo-relevance" : `campo-${k}`} label={t(`plans:relevance.${k}`)} checked={values[k] === "1"} describedBy={errors?.relevance ? "error-relevance" : undefined} />
        ))}
      </fieldset>
      <SelectField ctx={ctx} name="leadDepartmentId" label={t("plans:commitment.leadDepartment")} hint={t("plans:commitment.leadDepartmentHint")} value={values.leadDepartmentId} error={errors?.leadDepartmentId}
        placeholder={t("plans:commitment.noDepartment")} options={choices.departments.map((d) => ({ value: String(d.id), label: d.name }))} />
      <TextField ctx={ctx} name="leadOfficial" label={t("plans:commitment.leadOfficial")} hint={t("plans:commitment.leadOfficialHint")} value={values.leadOfficial} error={errors?.leadOfficial} />
      <TextField ctx={ctx} name="startsOn" type="date" label={t("plans:commitment.startsOn")} hint={t("plans:commitment.datesHint", { period: period(ctx, plan.startsOn, plan.endsOn) })} value={values.startsOn} error={errors?.startsOn} required />
      <TextField ctx={ctx} name="endsOn" type="date" label={t("plans:commitment.endsOn")} value={values.endsOn} error={errors?.endsOn} required />
      <fieldset class={errors?.colonias ? "form-section field-error" : "form-section"}>
        <legend>{t("plans:commitment.scope")}</legend>
        {errors?.colonias && <p class="error-message" id="error-colonias">{errors.colonias}</p>}
        <div class="checkbox">
          <input type="radio" id="campo-scope" name="scope" value="municipio" checked={values.scope !== "colonias"} />
          <label for="campo-scope">{t("plans:commitment.wholeMunicipality")}</label>
        </div>
        <div class="checkbox">
          <input type="radio" id="campo-scope-colonias" name="scope" value="colonias" checked={values.scope === "colonias"} />
          <label for="campo-scope-colonias">{t("plans:commitment.someColonias")}</label>
        </div>
        {choices.colonias.length > 0 && (
          <div class="field">
            <label for="campo-colonias">{t("plans:commitment.colonias")}</label>
            <p class="hint" id="ayuda-colonias">{t("plans:commitment.coloniasHint")}</p>
            <select id="campo-colonias" name="colonias" multiple size={8} aria-describedby={errors?.colonias ? "ayuda-colonias error-colonias" : "ayuda-colonias"}>
              {choices.colonias.map((c) => <option value={String(c.id)} selected={selected.has(String(c.id))}>{c.name}</option>)}
            </select>
          </div>
        )}
      </fieldset>
      <fieldset class={errors?.coleads ? "form-section field-error" : "form-section"} id="campo-coleads">
        <legend>{t("plans:commitment.coleads")}</legend>
        <p class="hint">{t("plans:commitment.coleadsHint")}</p>
        {errors?.coleads && <p class="error-message">{errors.coleads}</p>}
        {coleadRows.map((i) => (
          <div class="form-section">
            <TextField ctx={ctx} name={`colead-${i}`} label={t("plans:commitment.coleadOrganisation", { n: i + 1 })} value={values[`colead-${i}`]} error={errors?.[`colead-${i}`]} />
            <SelectField ctx={ctx} name={`coleadObservatory-${i}`} label={t("plans:commitment.coleadObservatory", { n: i + 1 })} value={values[`coleadObservatory-${i}`]}
              placeholder={t("plans:commitment.noObservatory")} options={choices.observatories.map((o) => ({ value: String(o.id), label: o.name }))} />
          </div>
        ))}
      </fieldset>
    </>
  );
}

export function StaffNewCommitmentPage({ ctx, plan, choices, failed }: { ctx: PageContext; plan: PlanRow; choices: CommitmentChoices; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const form = formState(failed, "create", { startsOn: plan.startsOn, endsOn: plan.endsOn, scope: "municipio" });
  return (
    <Layout ctx={ctx} title={t("plans:newCommitment")}>
      <PlansCrumbs ctx={ctx} items={[{ href: planAdminPath(m, plan.slug), label: plan.title }, { label: t("plans:newCommitment") }]} />
      <h1>{t("plans:newCommitment")}</h1>
      <p class="lead">{t("plans:commitment.newLead", { plan: plan.title })}</p>
      <Form ctx={ctx} action={`${planAdminPath(m, plan.slug)}/compromisos`} errors={form.errors}>
        <GeneralError errors={form.errors} />
        <CommitmentFields ctx={ctx} plan={plan} values={form.values} errors={form.errors} choices={choices} />
        <Button>{t("plans:commitment.create")}</Button>
      </Form>
    </Layout>
  );
}

export interface StaffCommitmentProps {
  ctx: PageContext;
  plan: PlanRow;
  detail: CommitmentDetail;
  summary: CommitmentSummary;
  choices: CommitmentChoices;
  canManage: boolean;
  failed?: FailedForm;
}

export function StaffCommitmentPage({ ctx, plan, detail, summary, choices, canManage, failed }: StaffCommitmentProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = commitmentAdminPath(m, plan.slug, detail.number);
  const edit = formState(failed, "edit", commitmentValues(detail));
  const withdraw = formState(failed, "withdraw");
  const heading = t("plans:commitment.heading", { number: detail.number, title: detail.title });
  const relevance = RELEVANCE.filter((k) => detail.relevance[k]).map((k) => t(`plans:relevance.${k}`));
  const department = choices.departments.find((d) => d.id === detail.leadDepartmentId)?.name ?? summary.leadDepartment?.name;
  return (
    <Layout ctx={ctx} title={heading}>
      <PlansCrumbs ctx={ctx} items={[{ href: planAdminPath(m, plan.slug), label: plan.title }, { label: t("plans:commitment.crumb", { number: detail.number }) }]} />
      <h1>{heading}</h1>
      {detail.withdrawnAt && <p class="flash flash-warning">{t("plans:commitment.withdrawnNote", { reason: detail.withdrawnReason })}</p>}
      {detail.withdrawnAt && failed && (
        <p class="error-message" role="alert">
          {Object.values(failed.errors).join(" ")}
        </p>
      )}
      <dl class="facts">
        <dt>{t("plans:fields.stage")}</dt>
        <dd>{t(`plans:stage.${summary.stage}`)}</dd>
        <dt>{t("plans:fields.progress")}</dt>
        <dd><ProgressBar ctx={ctx} progress={summary.progress} label={t("plans:progressOf", { number: detail.number })} /></dd>
        <dt>{t("plans:commitment.leadDepartment")}</dt>
        <dd>{department ?? t("plans:commitment.noDepartment")}</dd>
        <dt>{t("plans:commitment.leadOfficial")}</dt>
        <dd>{detail.leadOfficial || "—"}</dd>
        <dt>{t("plans:fields.period")}</dt>
        <dd>{period(ctx, detail.startsOn, detail.endsOn)}</dd>
        <dt>{t("plans:commitment.relevance")}</dt>
        <dd>{relevance.join(", ")}</dd>
        <dt>{t("plans:commitment.scope")}</dt>
        <dd>{detail.wholeMunicipality ? t("plans:commitment.wholeMunicipality") : detail.colonias.map((c) => c.name).join(", ")}</dd>
        <dt>{t("plans:commitment.coleads")}</dt>
        <dd>{detail.coleads.map((x) => x.organisation).join(", ") || "—"}</dd>
        {detail.sourceDraftId !== null && (
          <>
            <dt>{t("plans:commitment.origin")}</dt>
            <dd>{t("plans:commitment.fromDraft", { count: detail.proposalIds.length })}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="hitos">
        <h2 id="hitos">{t("plans:milestones.title")}</h2>
        <Table<MilestoneView>
          caption={t("plans:milestones.caption", { number: detail.number })}
          empty={t("plans:milestones.none")}
          rows={summary.milestones}
          columns={[
            { header: t("plans:milestones.deliverable"), cell: (x) => <a href={milestoneAdminPath(m, plan.slug, detail.number, x.id)}>{x.deliverable}</a> },
            { header: t("plans:milestones.dueOn"), cell: (x) => longDate(ctx, x.dueOn) },
            { header: t("plans:milestones.weight"), cell: (x) => x.weight, numeric: true },
            { header: t("plans:milestones.status"), cell: (x) => <>{milestoneStatusLabel(ctx, x.status)} <Lateness ctx={ctx} daysLate={x.daysLate} /></> },
            { header: t("plans:milestones.evidence"), cell: (x) => x.evidenceCount, numeric: true },
          ]}
        />
        {canManage && !detail.withdrawnAt && (
          <p>
            <a class="button button-secondary" href={milestonePlanPath(m, plan.slug, detail.number)}>{t("plans:milestones.editPlan")}</a>
          </p>
        )}
      </section>

      {canManage && !detail.withdrawnAt && (
        <>
          <section aria-labelledby="datos-compromiso">
            <h2 id="datos-compromiso">{t("plans:commitment.edit")}</h2>
            <Form ctx={ctx} action={here} errors={edit.errors}>
              <GeneralError errors={edit.errors} />
              <CommitmentFields ctx={ctx} plan={plan} values={edit.values} errors={edit.errors} choices={choices} />
              <Button>{t("plans:save")}</Button>
            </Form>
          </section>
          <section aria-labelledby="retirar">
            <h2 id="retirar">{t("plans:commitment.withdraw")}</h2>
            <p class="hint">{t("plans:commitment.withdrawHint")}</p>
            <Form ctx={ctx} action={`${here}/retirar`} errors={withdraw.errors}>
              <TextArea ctx={ctx} name="reason" label={t("plans:commitment.withdrawReason")} value={withdraw.values.reason} error={withdraw.errors?.reason} rows={3} required />
              <Button kind="danger">{t("plans:commitment.withdrawButton")}</Button>
            </Form>
          </section>
        </>
      )}
    </Layout>
  );
}
