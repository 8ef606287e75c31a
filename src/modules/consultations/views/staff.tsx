/** Staff pages: consultations of a process, one consultation and its questions, paper answers, sessions. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, SelectField, Table, TextArea, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import type { ProcessView } from "../../participation/processes.js";
import type { RawAnswers, Question } from "../questions.js";
import type { ConsultationState, ConsultationView, SessionPhoto, SessionView } from "../queries.js";
import type { SessionForm } from "../sessions.js";
import { ATTENDANCE_SECTORS, ATTENDANCE_SEXES, QUESTION_KINDS } from "../tables.js";
import { QuestionFields } from "./question-fields.js";
import { SessionList, StateBadge, consultationPath, processBase, sessionPath } from "./public.js";

export const adminBase = (m: { slug: string }, p: { slug: string }) => `/${m.slug}/admin/participa/${p.slug}`;
export const adminConsultation = (m: { slug: string }, p: { slug: string }, id: number) => `${adminBase(m, p)}/consultas/${id}`;

interface Base {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  process: ProcessView;
}

function crumbs(ctx: PageContext, m: ActiveMunicipality, p: ProcessView, extra: { href?: string; label: string }[]) {
  return (
    <Breadcrumbs
      items={[
        { href: `/${m.slug}/admin`, label: ctx.t("consultations:crumbs.admin") },
        { href: adminBase(m, p), label: p.title },
        ...extra,
      ]}
    />
  );
}

function Checkbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="checkbox">
      <input type="checkbox" id={`campo-${name}`} name={name} value="1" checked={checked} />
      <label for={`campo-${name}`}>{label}</label>
    </div>
  );
}

export interface ConsultationFormValues {
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  resultsLive: boolean;
}

function ConsultationFields({ ctx, values, errors }: { ctx: PageContext; values: ConsultationFormValues; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("consultations:staff.titleLabel")} value={values.title} error={errors.title} required />
      <TextArea ctx={ctx} name="description" label={t("consultations:staff.description")} value={values.description} error={errors.description} />
      <TextField ctx={ctx} name="opensOn" type="date" label={t("consultations:staff.opensOn")} hint={t("consultations:staff.datesHint")} value={values.opensOn} error={errors.opensOn} required />
      <TextField ctx={ctx} name="closesOn" type="date" label={t("consultations:staff.closesOn")} value={values.closesOn} error={errors.closesOn} required />
      <Checkbox name="resultsLive" label={t("consultations:staff.resultsLive")} checked={values.resultsLive} />
    </>
  );
}

export function StaffConsultationsPage({ ctx, municipality: m, process: p, consultations, sessions, values, errors }: Base & { consultations: { c: ConsultationView; state: ConsultationState }[]; sessions: SessionView[]; values: ConsultationFormValues; errors: FieldErrors }) {
  const { t } = ctx;
  const base = adminBase(m, p);
  return (
    <Layout ctx={ctx} title={t("consultations:staff.title", { process: p.title })}>
      {crumbs(ctx, m, p, [{ label: t("consultations:staff.crumb") }])}
      <h1>{t("consultations:staff.title", { process: p.title })}</h1>
      <p>
        <a href={`${processBase(m, p)}/consultas`}>{t("consultations:staff.publicPage")}</a>
      </p>
      <Table
        caption={t("consultations:staff.listCaption")}
        rows={consultations}
        empty={t("consultations:list.none")}
        columns={[
          { header: t("consultations:staff.titleLabel"), cell: ({ c }) => <a href={adminConsultation(m, p, c.id)}>{c.title}</a> },
          { header: t("consultations:staff.state"), cell: ({ c, state }) => <StateBadge ctx={ctx} state={state} c={c} /> },
          { header: t("consultations:page.responses"), cell: ({ c }) => c.responses, numeric: true },
          { header: t("consultations:staff.paper"), cell: ({ c, state }) => (c.status === "published" && state !== "upcoming" ? <a href={`${adminConsultation(m, p, c.id)}/presencial`}>{t("consultations:staff.enterPaper")}</a> : "—") },
        ]}
      />
      <h2>{t("consultations:staff.newTitle")}</h2>
      <Form ctx={ctx} action={`${base}/consultas`} errors={errors}>
        <ConsultationFields ctx={ctx} values={values} errors={errors} />
        <Button>{t("consultations:staff.create")}</Button>
      </Form>
      <h2>{t("consultations:list.sessions")}</h2>
      <p>
        <a href={`${base}/sesiones/nueva`}>{t("consultations:staff.newSession")}</a>
      </p>
      <SessionList ctx={ctx} municipality={m} process={p} sessions={sessions} />
      {sessions.length > 0 && (
        <ul>
          {sessions.map((s) => (
            <li>
              <a href={`${base}/sesiones/${s.id}`}>{t("consultations:staff.editSession", { title: s.title })}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface QuestionFormValues {
  kind: string;
  prompt: string;
  help: string;
  required: boolean;
  options: string;
  maxChoices: string;
  scaleMin: string;
  scaleMax: string;
  scaleMinLabel: string;
  scaleMaxLabel: string;
  maxLength: string;
}

export const EMPTY_QUESTION: QuestionFormValues = { kind: "single", prompt: "", help: "", required: true, options: "", maxChoices: "", scaleMin: "1", scaleMax: "5", scaleMinLabel: "", scaleMaxLabel: "", maxLength: "" };

export function questionFormValues(q: Question): QuestionFormValues {
  return {
    kind: q.kind, prompt: q.prompt, help: q.help, required: q.required, options: q.options.join("\n"), maxChoices: q.maxChoices === null ? "" : String(q.maxChoices),
    scaleMin: q.scaleMin === null ? "1" : String(q.scaleMin), scaleMax: q.scaleMax === null ? "5" : String(q.scaleMax), scaleMinLabel: q.scaleMinLabel, scaleMaxLabel: q.scaleMaxLabel, maxLength: q.maxLength === null ? "" : String(q.maxLength),
  };
}

function QuestionDefinitionFields({ ctx, values, errors }: { ctx: PageContext; values: QuestionFormValues; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <>
      <SelectField ctx={ctx} name="kind" label={t("consultations:staff.kind")} value={values.kind} error={errors.kind} required options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`consultations:kind.${k}`) }))} />
      <TextField ctx={ctx} name="prompt" label={t("consultations:staff.prompt")} value={values.prompt} error={errors.prompt} required />
      <TextField ctx={ctx} name="help" label={t("consultations:staff.help")} value={values.help} error={errors.help} />
      <Checkbox name="required" label={t("consultations:staff.required")} checked={values.required} />
      <TextArea ctx={ctx} name="options" label={t("consultations:staff.options")} hint={t("consultations:staff.optionsHint")} value={values.options} error={errors.options} rows={5} />
      <TextField ctx={ctx} name="maxChoices" label={t("consultations:staff.maxChoices")} hint={t("consultations:staff.maxChoicesHint")} value={values.maxChoices} error={errors.maxChoices} inputmode="numeric" />
      <fieldset class="form-section">
        <legend>{t("consultations:staff.scale")}</legend>
        <TextField ctx={ctx} name="scaleMin" label={t("consultations:staff.scaleMin")} value={values.scaleMin} error={errors.scaleMin} inputmode="numeric" />
        <TextField ctx={ctx} name="scaleMax" label={t("consultations:staff.scaleMax")} value={values.scaleMax} inputmode="numeric" />
        <TextField ctx={ctx} name="scaleMinLabel" label={t("consultations:staff.scaleMinLabel")} value={values.scaleMinLabel} error={errors.scaleMinLabel} />
        <TextField ctx={ctx} name="scaleMaxLabel" label={t("consultations:staff.scaleMaxLabel")} value={values.scaleMaxLabel} />
      </fieldset>
      <TextField ctx={ctx} name="maxLength" label={t("consultations:staff.maxLength")} hint={t("consultations:staff.maxLengthHint")} value={values.maxLength} error={errors.maxLength} inputmode="numeric" />
    </>
  );
}

function describeQuestion(ctx: PageContext, q: Question): string {
  const { t } = ctx;
  const kind = t(`consultations:kind.${q.kind}`);
  if (q.kind === "scale") return `${kind}: ${q.scaleMin}–${q.scaleMax}`;
  if (q.kind === "text") return `${kind}: ${t("consultations:staff.upTo", { n: q.maxLength })}`;
  return `${kind}: ${q.options.join(" · ")}`;
}

export function StaffConsultationPage({
  ctx, municipality: m, process: p, consultation: c, state, values, errors, question, questionErrors,
}: Base & { consultation: ConsultationView; state: ConsultationState; values: ConsultationFormValues; errors: FieldErrors; question: QuestionFormValues; questionErrors: FieldErrors }) {
  const { t } = ctx;
  const path = adminConsultation(m, p, c.id);
  const frozen = c.responses > 0;
  return (
    <Layout ctx={ctx} title={c.title}>
      {crumbs(ctx, m, p, [{ href: `${adminBase(m, p)}/consultas`, label: t("consultations:staff.crumb") }, { label: c.title }])}
      <h1>{c.title}</h1>
      <p>
        <StateBadge ctx={ctx} state={state} c={c} /> · {t("consultations:list.responses", { count: c.responses })} ·{" "}
        <a href={consultationPath(m, p, c.id)}>{t("consultations:staff.publicPage")}</a> · <a href={`${consultationPath(m, p, c.id)}/resultados`}>{t("consultations:page.seeResults")}</a>
      </p>
      {c.status === "draft" && (
        <Form ctx={ctx} action={`${path}/publicar`} class="inline-form">
          <p class="hint">{t("consultations:staff.publishHint")}</p>
          <Button>{t("consultations:staff.publish")}</Button>
        </Form>
      )}
      {c.status === "published" && state !== "upcoming" && (
        <p>
          <a class="button button-secondary" href={`${path}/presencial`}>{t("consultations:staff.enterPaper")}</a>
        </p>
      )}
      <h2>{t("consultations:staff.questions")}</h2>
      {frozen && <p class="flash flash-info">{t("consultations:staff.frozen", { count: c.responses })}</p>}
      {c.questions.length === 0 ? (
        <p class="empty">{t("consultations:staff.noQuestions")}</p>
      ) : (
        <ol>
          {c.questions.map((q, i) => (
            <li>
              <strong>{q.prompt}</strong> ({q.required ? t("form.required") : t("consultations:form.optional")})
              <br />
              <span class="hint">{describeQuestion(ctx, q)}</span>
              {!frozen && (
                <div style="display:flex;flex-wrap:wrap;gap:.5rem;margin:.25rem 0 .75rem">
                  <a href={`${path}/preguntas/${q.id}`}>{t("consultations:staff.editQuestion")}</a>
                  {i > 0 && (
                    <form method="post" action={`${path}/preguntas/${q.id}/mover`} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <input type="hidden" name="direction" value="up" />
                      <button type="submit" class="link-button" aria-label={t("consultations:staff.moveUpLabel", { n: q.position })}>{t("consultations:staff.moveUp")}</button>
                    </form>
                  )}
                  {i < c.questions.length - 1 && (
                    <form method="post" action={`${path}/preguntas/${q.id}/mover`} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <input type="hidden" name="direction" value="down" />
                      <button type="submit" class="link-button" aria-label={t("consultations:staff.moveDownLabel", { n: q.position })}>{t("consultations:staff.moveDown")}</button>
                    </form>
                  )}
                  <form method="post" action={`${path}/preguntas/${q.id}/eliminar`} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link-button" aria-label={t("consultations:staff.deleteLabel", { n: q.position })}>{t("consultations:staff.delete")}</button>
                  </form>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {!frozen && (
        <>
          <h2>{t("consultations:staff.addQuestion")}</h2>
          <Form ctx={ctx} action={`${path}/preguntas`} errors={questionErrors}>
            <QuestionDefinitionFields ctx={ctx} values={question} errors={questionErrors} />
            <Button>{t("consultations:staff.addQuestionButton")}</Button>
          </Form>
        </>
      )}
      <h2>{t("consultations:staff.details")}</h2>
      <Form ctx={ctx} action={path} errors={errors}>
        <ConsultationFields ctx={ctx} values={values} errors={errors} />
        <Button>{t("consultations:staff.save")}</Button>
      </Form>
    </Layout>
  );
}

export function QuestionEditPage({ ctx, municipality: m, process: p, consultation: c, questionId, values, errors }: Base & { consultation: ConsultationView; questionId: number; values: QuestionFormValues; errors: FieldErrors }) {
  const { t } = ctx;
  const path = adminConsultation(m, p, c.id);
  return (
    <Layout ctx={ctx} title={t("consultations:staff.editQuestion")}>
      {crumbs(ctx, m, p, [{ href: `${adminBase(m, p)}/consultas`, label: t("consultations:staff.crumb") }, { href: path, label: c.title }, { label: t("consultations:staff.editQuestion") }])}
      <h1>{t("consultations:staff.editQuestion")}</h1>
      <Form ctx={ctx} action={`${path}/preguntas/${questionId}`} errors={errors}>
        <QuestionDefinitionFields ctx={ctx} values={values} errors={errors} />
        <Button>{t("consultations:staff.save")}</Button>
      </Form>
    </Layout>
  );
}

export interface PaperFormValues {
  session: string;
  curp: string;
  colonia: string;
  raw: RawAnswers;
}

export function PaperEntryPage({
  ctx, municipality: m, process: p, consultation: c, sessions, colonias, values, errors, entered,
}: Base & { consultation: ConsultationView; sessions: SessionView[]; colonias: { slug: string; name: string }[]; values: PaperFormValues; errors: FieldErrors; entered: number }) {
  const { t } = ctx;
  const path = adminConsultation(m, p, c.id);
  return (
    <Layout ctx={ctx} title={t("consultations:paper.title", { title: c.title })}>
      {crumbs(ctx, m, p, [{ href: `${adminBase(m, p)}/consultas`, label: t("consultations:staff.crumb") }, { href: path, label: c.title }, { label: t("consultations:paper.crumb") }])}
      <h1>{t("consultations:paper.title", { title: c.title })}</h1>
      <p>{t("consultations:paper.intro", { count: entered })}</p>
      {sessions.length === 0 ? (
        <p class="flash flash-warning">
          {t("consultations:paper.noSessions", { opens: c.opensOn, closes: c.closesOn })} <a href={`${adminBase(m, p)}/sesiones/nueva`}>{t("consultations:staff.newSession")}</a>
        </p>
      ) : (
        <Form ctx={ctx} action={`${path}/presencial`} errors={errors}>
          <SelectField ctx={ctx} name="session" label={t("consultations:paper.session")} value={values.session} error={errors.session} required options={sessions.map((s) => ({ value: String(s.id), label: `${s.heldOn} · ${s.title}` }))} />
          <TextField ctx={ctx} name="curp" label={t("consultations:paper.curp")} hint={t("consultations:paper.curpHint")} value={values.curp} error={errors.curp} autocomplete="off" />
          {c.questions.map((q) => (
            <QuestionFields ctx={ctx} q={q} raw={values.raw[q.id]} error={errors[`q${q.id}`]} />
          ))}
          <SelectField ctx={ctx} name="colonia" label={t("consultations:page.colonia")} value={values.colonia} error={errors.colonia} placeholder={t("consultations:page.coloniaNone")} options={colonias.map((col) => ({ value: col.slug, label: col.name }))} />
          <Button>{t("consultations:paper.submit")}</Button>
        </Form>
      )}
    </Layout>
  );
}

export function SessionFormPage({
  ctx, municipality: m, process: p, session, values, errors, colonias, photos, photoErrors,
}: Base & { session: SessionView | null; values: SessionForm; errors: FieldErrors; colonias: { slug: string; name: string }[]; photos: SessionPhoto[]; photoErrors: FieldErrors }) {
  const { t } = ctx;
  const base = adminBase(m, p);
  const title = session ? t("consultations:sessionForm.editTitle", { title: session.title }) : t("consultations:sessionForm.newTitle");
  const action = session ? `${base}/sesiones/${session.id}` : `${base}/sesiones`;
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, m, p, [{ href: `${base}/consultas`, label: t("consultations:staff.crumb") }, { label: title }])}
      <h1>{title}</h1>
      {session && (
        <p>
          <a href={sessionPath(m, p, session.id)}>{t("consultations:staff.publicPage")}</a>
        </p>
      )}
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="title" label={t("consultations:session.title")} value={values.title} error={errors.title} required />
        <TextField ctx={ctx} name="place" label={t("consultations:session.place")} value={values.place} error={errors.place} required />
        <TextField ctx={ctx} name="heldOn" type="date" label={t("consultations:session.heldOn")} value={values.heldOn} error={errors.heldOn} required />
        <SelectField ctx={ctx} name="colonia" label={t("consultations:session.colonia")} value={values.colonia} error={errors.colonia} placeholder={t("consultations:page.coloniaNone")} options={colonias.map((col) => ({ value: col.slug, label: col.name }))} />
        <fieldset class="form-section">
          <legend>{t("consultations:session.bySector")}</legend>
          {ATTENDANCE_SECTORS.map((k) => (
            <TextField ctx={ctx} name={`attendance_${k}`} label={t(`consultations:sector.${k}`)} value={values.attendance[k]} error={errors[`attendance_${k}`]} inputmode="numeric" />
          ))}
        </fieldset>
        <fieldset class="form-section">
          <legend>{t("consultations:session.bySexOptional")}</legend>
          {ATTENDANCE_SEXES.map((k) => (
            <TextField ctx={ctx} name={`attendance_${k}`} label={t(`consultations:sex.${k}`)} value={values.attendance[k]} error={errors[`attendance_${k}`]} inputmode="numeric" />
          ))}
        </fieldset>
        <TextArea ctx={ctx} name="minutes" label={t("consultations:session.minutes")} hint={t("consultations:sessionForm.minutesHint")} value={values.minutes} error={errors.minutes} rows={10} />
        <Button>{t("consultations:staff.save")}</Button>
      </Form>
      {session && (
        <>
          <h2>{t("consultations:session.photos")}</h2>
          {photos.length > 0 && (
            <ul class="photos">
              {photos.map((ph) => (
                <li>
                  <img src={`${sessionPath(m, p, session.id)}/fotos/${ph.id}-min.jpg`} alt={ph.description} />
                </li>
              ))}
            </ul>
          )}
          <Form ctx={ctx} action={`${base}/sesiones/${session.id}/fotos`} errors={photoErrors} multipart>
            <div class={photoErrors.photo ? "field field-error" : "field"}>
              <label for="campo-photo">{t("consultations:sessionForm.photo")}</label>
              {photoErrors.photo && <p class="error-message" id="error-photo">{photoErrors.photo}</p>}
              <input type="file" id="campo-photo" name="photo" accept="image/jpeg,image/png,image/webp,image/heic" aria-describedby={photoErrors.photo ? "error-photo" : undefined} />
            </div>
            <TextField ctx={ctx} name="description" label={t("consultations:sessionForm.photoDescription")} hint={t("consultations:sessionForm.photoDescriptionHint")} error={photoErrors.description} required />
            <Button>{t("consultations:sessionForm.addPhoto")}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}
