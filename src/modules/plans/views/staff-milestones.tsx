/** Staff pages of milestones: the milestone plan form, one milestone (status, evidence, history), a department's milestones. */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { evidenceDownloadPath } from "../evidence.js";
import type { MilestoneView, PlanRow } from "../queries.js";
import type { Choice, DepartmentMilestone, EvidenceView, MilestoneEventView } from "../staff-queries.js";
import { MILESTONE_STATUSES } from "../tables.js";
import {
  bytes, Checkbox, commitmentAdminPath, dateTime, formState, GeneralError, Lateness, longDate, milestoneAdminPath, milestonePlanPath, milestoneStatusLabel,
  myMilestonesPath, period, planAdminPath, PlansCrumbs, type FailedForm,
} from "./staff-parts.js";

export interface CommitmentRef {
  number: number;
  title: string;
  startsOn: string;
  endsOn: string;
  withdrawn: boolean;
}

/** The stored milestones as the form's values: `id-0`, `deliverable-0`, `dueOn-0`, … one set per row. */
export function milestonePlanValues(milestones: MilestoneView[]): Record<string, string> {
  return Object.fromEntries(
    milestones.flatMap((x, i) => [
      [`id-${i}`, String(x.id)], [`deliverable-${i}`, x.deliverable], [`description-${i}`, x.description], [`dueOn-${i}`, x.dueOn],
      [`weight-${i}`, String(x.weight)], [`responsible-${i}`, x.responsible], [`status-${i}`, x.status],
    ]),
  );
}

export const rowCount = (values: Record<string, string>) => Object.keys(values).filter((k) => /^deliverable-\d+$/.test(k)).length;

export function MilestonePlanPage({ ctx, plan, commitment, values, errors }: { ctx: PageContext; plan: PlanRow; commitment: CommitmentRef; values: Record<string, string>; errors?: Record<string, string> }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const count = rowCount(values);
  // Rows marked for removal do not count, as they will not when the plan is saved.
  const sum = Array.from({ length: count }, (_, i) => (values[`remove-${i}`] === "1" ? 0 : Number(values[`weight-${i}`] || 0))).reduce((s, w) => s + (Number.isFinite(w) ? w : 0), 0);
  const title = t("plans:milestones.planTitle", { number: commitment.number });
  return (
    <Layout ctx={ctx} title={title}>
      <PlansCrumbs ctx={ctx} items={[
        { href: planAdminPath(m, plan.slug), label: plan.title },
        { href: commitmentAdminPath(m, plan.slug, commitment.number), label: t("plans:commitment.crumb", { number: commitment.number }) },
        { label: t("plans:milestones.planCrumb") },
      ]} />
      <h1>{title}</h1>
      <p class="lead">{commitment.title}</p>
      <p class="hint">{t("plans:milestones.planHint", { period: period(ctx, commitment.startsOn, commitment.endsOn) })}</p>
      <Form ctx={ctx} action={milestonePlanPath(m, plan.slug, commitment.number)} errors={errors}>
        <GeneralError errors={errors} />
        {errors?.rows && <p class="error-message" id="campo-rows">{errors.rows}</p>}
        <p id="campo-weights" class={errors?.weights ? "error-message" : undefined}>
          <strong>{t("plans:milestones.sum", { sum })}</strong> {errors?.weights ?? t("plans:milestones.sumHint")}
        </p>
        {Array.from({ length: count + 1 }, (_, i) => {
          const isNew = i === count;
          const v = (name: string) => values[`${name}-${i}`] ?? "";
          const status = v("status");
          return (
            <fieldset class="form-section">
              <legend>{isNew ? t("plans:milestones.newRow") : t("plans:milestones.row", { n: i + 1 })}</legend>
              {status && <p class="hint">{t("plans:milestones.currentStatus", { status: milestoneStatusLabel(ctx, status as MilestoneView["status"]) })}</p>}
              <input type="hidden" name={`id-${i}`} value={v("id")} />
              <input type="hidden" name={`status-${i}`} value={status} />
              <TextField ctx={ctx} name={`deliverable-${i}`} label={t("plans:milestones.deliverable")} value={v("deliverable")} error={errors?.[`deliverable-${i}`]} required={!isNew} />
              <TextArea ctx={ctx} name={`description-${i}`} label={t("plans:milestones.description")} value={v("description")} error={errors?.[`description-${i}`]} rows={2} />
              <TextField ctx={ctx} name={`dueOn-${i}`} type="date" label={t("plans:milestones.dueOn")} hint={t("plans:hints.date")} value={v("dueOn")} error={errors?.[`dueOn-${i}`]} required={!isNew} />
              <TextField ctx={ctx} name={`weight-${i}`} type="number" inputmode="numeric" label={t("plans:milestones.weight")} hint={t("plans:milestones.weightHint")} value={v("weight")} error={errors?.[`weight-${i}`]} required={!isNew} />
              <TextField ctx={ctx} name={`responsible-${i}`} label={t("plans:milestones.responsible")} hint={t("plans:milestones.responsibleHint")} value={v("responsible")} error={errors?.[`responsible-${i}`]} />
              {v("id") && <Checkbox name={`remove-${i}`} label={t("plans:milestones.remove")} checked={v("remove") === "1"} />}
            </fieldset>
          );
        })}
        <Button>{t("plans:milestones.savePlan")}</Button>
      </Form>
    </Layout>
  );
}

export interface StaffMilestoneProps {
  ctx: PageContext;
  plan: PlanRow;
  commitment: CommitmentRef;
  milestone: MilestoneView;
  evidence: EvidenceView[];
  evidenceInfo: PageInfo;
  events: MilestoneEventView[];
  eventsInfo: PageInfo;
  canUpdate: boolean;
  timeZone: string;
  failed?: FailedForm;
}

function eventText(ctx: PageContext, e: MilestoneEventView): string {
  const t = ctx.t;
  const status = (s: string | null) => (s && (MILESTONE_STATUSES as readonly string[]).includes(s) ? milestoneStatusLabel(ctx, s as MilestoneView["status"]) : s ?? "");
  const date = (d: string | null) => (d ? longDate(ctx, d) : "");
  switch (e.kind) {
    case "creado": return t("plans:events.creado", { due: date(e.to) });
    case "estado": return t("plans:events.estado", { from: status(e.from), to: status(e.to) });
    case "fecha": return t("plans:events.fecha", { from: date(e.from), to: date(e.to) });
    case "evidencia": return t("plans:events.evidencia", { title: e.to ?? "" });
    default: return t("plans:events.editado");
  }
}

export function StaffMilestonePage({ ctx, plan, commitment, milestone, evidence, evidenceInfo, events, eventsInfo, canUpdate, timeZone, failed }: StaffMilestoneProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = milestoneAdminPath(m, plan.slug, commitment.number, milestone.id);
  const status = formState(failed, "status", { status: milestone.status });
  const link = formState(failed, "link");
  const file = formState(failed, "file");
  const open = canUpdate && !commitment.withdrawn;
  return (
    <Layout ctx={ctx} title={milestone.deliverable}>
      <PlansCrumbs ctx={ctx} items={[
        { href: planAdminPath(m, plan.slug), label: plan.title },
        { href: commitmentAdminPath(m, plan.slug, commitment.number), label: t("plans:commitment.crumb", { number: commitment.number }) },
        { label: milestone.deliverable },
      ]} />
      <h1>{milestone.deliverable}</h1>
      <p class="lead">{t("plans:commitment.heading", { number: commitment.number, title: commitment.title })}</p>
      <dl class="facts">
        <dt>{t("plans:milestones.status")}</dt>
        <dd>{milestoneStatusLabel(ctx, milestone.status)} <Lateness ctx={ctx} daysLate={milestone.daysLate} /></dd>
        <dt>{t("plans:milestones.dueOn")}</dt>
        <dd>{longDate(ctx, milestone.dueOn)}</dd>
        {milestone.completedOn && (
          <>
            <dt>{t("plans:milestones.completedOn")}</dt>
            <dd>{longDate(ctx, milestone.completedOn)}</dd>
          </>
        )}
        <dt>{t("plans:milestones.weight")}</dt>
        <dd>{milestone.weight}</dd>
        <dt>{t("plans:milestones.responsible")}</dt>
        <dd>{milestone.responsible || "—"}</dd>
      </dl>
      {milestone.description && <p class="description">{milestone.description}</p>}
      {!canUpdate && <p class="hint">{t("plans:milestones.readOnly")}</p>}

      {open && (
        <section aria-labelledby="estado">
          <h2 id="estado">{t("plans:milestones.changeStatus")}</h2>
          <Form ctx={ctx} action={`${here}/estado`} errors={status.errors}>
            <GeneralError errors={status.errors} />
            <SelectField ctx={ctx} name="status" label={t("plans:milestones.status")} hint={t("plans:milestones.statusHint")} value={status.values.status} error={status.errors?.status}
              options={MILESTONE_STATUSES.map((s) => ({ value: s, label: milestoneStatusLabel(ctx, s) }))} required />
            <TextField ctx={ctx} name="completedOn" type="date" label={t("plans:milestones.completedOn")} hint={t("plans:milestones.completedOnHint")} value={status.values.completedOn} error={status.errors?.completedOn} />
            <TextArea ctx={ctx} name="note" label={t("plans:milestones.note")} hint={t("plans:milestones.noteHint")} value={status.values.note} error={status.errors?.note} rows={3} />
            <Button>{t("plans:milestones.saveStatus")}</Button>
          </Form>
        </section>
      )}

      <section aria-labelledby="evidencias">
        <h2 id="evidencias">{t("plans:evidence.title")}</h2>
        <Table<EvidenceView>
          caption={t("plans:evidence.caption", { deliverable: milestone.deliverable })}
          empty={t("plans:evidence.none")}
          rows={evidence}
          columns={[
            { header: t("plans:evidence.name"), cell: (e) => (e.url ? <a href={e.url} rel="noopener noreferrer nofollow">{e.title}</a> : <a href={evidenceDownloadPath(m, plan.slug, e.id)}>{e.title}</a>) },
            { header: t("plans:evidence.kind"), cell: (e) => (e.url ? t("plans:evidence.link") : `${(e.fileType ?? "").toUpperCase()}, ${bytes(e.fileBytes ?? 0)}`) },
            { header: t("plans:evidence.added"), cell: (e) => dateTime(ctx, e.addedAt, timeZone) },
          ]}
        />
        <Pagination ctx={ctx} info={evidenceInfo} param="evidencias" label={t("plans:evidence.title")} />
        {open && (
          <>
            <h3>{t("plans:evidence.addFile")}</h3>
            <Form ctx={ctx} action={`${here}/evidencias/archivo`} errors={file.errors} multipart>
              <GeneralError errors={file.errors} />
              <TextField ctx={ctx} name="title" label={t("plans:evidence.fileTitle")} value={file.values.title} error={file.errors?.title} required />
              <div class={file.errors?.file ? "field field-error" : "field"}>
                <label for="campo-file">{t("plans:evidence.file")} <span class="required">({t("form.required")})</span></label>
                <p class="hint" id="ayuda-file">{t("plans:evidence.fileHint")}</p>
                {file.errors?.file && <p class="error-message" id="error-file">{file.errors.file}</p>}
                <input type="file" id="campo-file" name="file" aria-describedby={file.errors?.file ? "ayuda-file error-file" : "ayuda-file"} />
              </div>
              <Button kind="secondary">{t("plans:evidence.upload")}</Button>
            </Form>
            <h3>{t("plans:evidence.addLink")}</h3>
            <Form ctx={ctx} action={`${here}/evidencias/enlace`} errors={link.errors}>
              <GeneralError errors={link.errors} />
              <TextField ctx={ctx} name="title" label={t("plans:evidence.linkTitle")} value={link.values.title} error={link.errors?.title} required />
              <TextField ctx={ctx} name="url" type="url" label={t("plans:evidence.url")} hint={t("plans:evidence.urlHint")} value={link.values.url} error={link.errors?.url} required />
              <Button kind="secondary">{t("plans:evidence.addLinkButton")}</Button>
            </Form>
          </>
        )}
      </section>

      <section aria-labelledby="historial">
        <h2 id="historial">{t("plans:events.title")}</h2>
        <ol class="timeline">
          {events.map((e) => (
            <li>
              <time dateTime={e.at.toISOString()}>{dateTime(ctx, e.at, timeZone)}</time>
              <p>
                {eventText(ctx, e)}
                {e.note && ` — ${e.note}`}
              </p>
            </li>
          ))}
        </ol>
        <Pagination ctx={ctx} info={eventsInfo} param="historial" label={t("plans:events.title")} />
      </section>
    </Layout>
  );
}

export function MyMilestonesPage({ ctx, rows, info, departments, department, scopeNote }: {
  ctx: PageContext; rows: DepartmentMilestone[]; info: PageInfo; departments: Choice[] | null; department: string; scopeNote: string;
}) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("plans:myMilestones.title")}>
      <PlansCrumbs ctx={ctx} items={[{ label: t("plans:myMilestones.title") }]} />
      <h1>{t("plans:myMilestones.title")}</h1>
      <p class="lead">{scopeNote}</p>
      {departments && (
        <form method="get" action={myMilestonesPath(m)} class="stack-form filters">
          <SelectField ctx={ctx} name="dependencia" label={t("plans:myMilestones.department")} value={department} placeholder={t("plans:myMilestones.allDepartments")}
            options={departments.map((d) => ({ value: String(d.id), label: d.name }))} />
          <button type="submit" class="button button-secondary">{t("plans:myMilestones.filter")}</button>
        </form>
      )}
      <Table<DepartmentMilestone>
        caption={t("plans:myMilestones.caption")}
        empty={t("plans:myMilestones.none")}
        rows={rows}
        columns={[
          { header: t("plans:milestones.deliverable"), cell: (x) => <a href={milestoneAdminPath(m, x.plan.slug, x.commitment.number, x.id)}>{x.deliverable}</a> },
          { header: t("plans:fields.commitment"), cell: (x) => `${x.plan.title} · ${t("plans:commitment.crumb", { number: x.commitment.number })}: ${x.commitment.title}` },
          { header: t("plans:fields.leadDepartment"), cell: (x) => x.department },
          { header: t("plans:milestones.dueOn"), cell: (x) => longDate(ctx, x.dueOn) },
          { header: t("plans:milestones.status"), cell: (x) => <>{milestoneStatusLabel(ctx, x.status)} <Lateness ctx={ctx} daysLate={x.daysLate} /></> },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}
