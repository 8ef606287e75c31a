/** Staff pages of one session (edit, attendance, minutes, files) and one agreement (status, edit, proposal). */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, SelectField, TextArea, TextField } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { AgreementEventView, AgreementView, SessionDetail, SessionSummary, StaffMember } from "../presenters.js";
import type { RoundtableDetail } from "../queries.js";
import { AGREEMENT_STATUSES } from "../tables.js";
import { adminBase, publicBase } from "../urls.js";
import { AgreementFields, SessionFields } from "./admin.js";
import { AgreementStatusText, AgreementTimeline, bytes, Checkbox, formState, instantDate, sectorLabel, statusLabel, type FailedForm } from "./parts.js";
import type { ProcessInfo } from "./public.js";

function crumbs(ctx: PageContext, process: ProcessInfo, roundtable: RoundtableDetail, label: string) {
  const m = ctx.municipality!.slug;
  const base = adminBase(m, process.slug);
  return <Breadcrumbs items={[{ href: `/${m}/admin/participa/${process.slug}`, label: process.title }, { href: base, label: ctx.t("roundtables:title") }, { href: `${base}/${roundtable.ref.id}`, label: roundtable.name }, { label }]} />;
}

const localParts = (d: Date, timeZone: string) => {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(d).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
};

export function AdminSessionPage({ ctx, process, timeZone, roundtable, session, members, failed }: { ctx: PageContext; process: ProcessInfo; timeZone: string; roundtable: RoundtableDetail; session: SessionDetail; members: StaffMember[]; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = `${adminBase(m, process.slug)}/${roundtable.ref.id}/sesiones/${session.id}`;
  const title = session.title || t("roundtables:sessionOf", { date: instantDate(ctx, session.startsAt, timeZone) });
  const start = localParts(session.startsAt, timeZone);
  const edit =
    failed?.form === "edit"
      ? failed
      : {
          values: { title: session.title, date: start.date, startTime: start.time, endTime: localParts(session.endsAt, timeZone).time, place: session.place, onlineUrl: session.onlineUrl ?? "", agenda: session.agenda.join("\n"), cancelled: session.cancelled ? "1" : "" },
          errors: undefined,
        };
  const minutes = failed?.form === "minutes" ? failed : { values: { minutes: session.minutes ?? "", publish: session.minutesPublishedAt ? "1" : "" }, errors: undefined };
  const file = formState(failed, "file");
  const attendance = formState(failed, "attendance");
  return (
    <Layout ctx={ctx} title={`${title} · ${roundtable.name}`}>
      {crumbs(ctx, process, roundtable, title)}
      <h1>{title}</h1>
      <p>
        <a href={`${publicBase(m, process.slug)}/${roundtable.ref.id}/sesiones/${session.id}`}>{t("roundtables:publicPage")}</a>
      </p>
      <section aria-labelledby="acta">
        <h2 id="acta">{t("roundtables:minutes")}</h2>
        <p>{session.minutesPublishedAt ? t("roundtables:minutesPublishedOn", { date: instantDate(ctx, session.minutesPublishedAt, timeZone) }) : t("roundtables:minutesDraftNote")}</p>
        <Form ctx={ctx} action={`${here}/acta`} errors={minutes.errors}>
          <TextArea ctx={ctx} name="minutes" label={t("roundtables:minutesText")} value={minutes.values.minutes} error={minutes.errors?.minutes} rows={12} />
          <Checkbox name="publish" label={t("roundtables:publishMinutes")} checked={minutes.values.publish === "1"} />
          <Button>{t("roundtables:saveMinutes")}</Button>
        </Form>
      </section>
      <section aria-labelledby="asistencia">
        <h2 id="asistencia">{t("roundtables:attendance")}</h2>
        {members.length === 0 ? (
          <p class="empty">{t("roundtables:noMembers")}</p>
        ) : (
          <Form ctx={ctx} action={`${here}/asistencia`} errors={attendance.errors}>
            <fieldset>
              <legend>{t("roundtables:attendanceLegend")}</legend>
              {members.map((x) => (
                <Checkbox id={`asistio-${x.id}`} name="present" value={String(x.id)} label={`${x.organisation} (${sectorLabel(ctx, x.sector)})`} checked={session.attendance.includes(x.id)} />
              ))}
            </fieldset>
            <Button kind="secondary">{t("roundtables:saveAttendance")}</Button>
          </Form>
        )}
      </section>
      <section aria-labelledby="archivos">
        <h2 id="archivos">{t("roundtables:files")}</h2>
        {session.files.length === 0 ? (
          <p class="empty">{t("roundtables:noFiles")}</p>
        ) : (
          <ul>
            {session.files.map((f) => (
              <li>
                <a href={`${publicBase(m, process.slug)}/${roundtable.ref.id}/sesiones/${session.id}/archivos/${f.id}`}>{f.title}</a> ({f.fileType.toUpperCase()}, {bytes(f.bytes)}){" "}
                <form method="post" action={`${here}/archivos/${f.id}/eliminar`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="link-button">
                    {t("roundtables:removeFile", { title: f.title })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <h3>{t("roundtables:addFile")}</h3>
        <Form ctx={ctx} action={`${here}/archivos`} errors={file.errors} multipart>
          <TextField ctx={ctx} name="title" label={t("roundtables:fileTitle")} hint={t("roundtables:fileTitleHint")} value={file.values.title} error={file.errors?.title} required />
          <div class={file.errors?.file ? "field field-error" : "field"}>
            <label for="campo-file">{t("roundtables:file")}</label>
            <p class="hint" id="ayuda-file">
              {t("roundtables:fileHint")}
            </p>
            {file.errors?.file && (
              <p class="error-message" id="error-file">
                {file.errors.file}
              </p>
            )}
            <input id="campo-file" name="file" type="file" accept=".pdf,.docx,.odt,.xlsx,.csv,.jpg,.jpeg,.png" aria-describedby={file.errors?.file ? "ayuda-file error-file" : "ayuda-file"} />
          </div>
          <Button kind="secondary">{t("roundtables:upload")}</Button>
        </Form>
      </section>
      <section aria-labelledby="datos-sesion">
        <h2 id="datos-sesion">{t("roundtables:editSession")}</h2>
        <Form ctx={ctx} action={here} errors={edit.errors}>
          <SessionFields ctx={ctx} values={edit.values} errors={edit.errors} withCancel />
          <Button kind="secondary">{t("roundtables:save")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export interface AdminAgreementProps {
  ctx: PageContext;
  process: ProcessInfo;
  timeZone: string;
  roundtable: RoundtableDetail;
  agreement: AgreementView;
  events: AgreementEventView[];
  members: StaffMember[];
  sessions: SessionSummary[];
  /** Whether the proposals module can receive it (and the agreement has not become one yet). */
  canBecomeProposal: boolean;
  proposalUrl: string | null;
  failed?: FailedForm;
}

export function AdminAgreementPage({ ctx, process, timeZone, roundtable, agreement, events, members, sessions, canBecomeProposal, proposalUrl, failed }: AdminAgreementProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = `${adminBase(m, process.slug)}/${roundtable.ref.id}/acuerdos/${agreement.id}`;
  const label = t("roundtables:agreementNumber", { number: agreement.number });
  const status = failed?.form === "status" ? failed : { values: { status: "", reason: "" }, errors: undefined };
  const edit =
    failed?.form === "edit"
      ? failed
      : { values: { text: agreement.text, responsibleMemberId: agreement.responsible ? String(agreement.responsible.id) : "", dueOn: agreement.dueOn ?? "", sessionId: agreement.sessionId ? String(agreement.sessionId) : "" }, errors: undefined };
  const proposal = formState(failed, "proposal");
  return (
    <Layout ctx={ctx} title={`${label} · ${roundtable.name}`}>
      {crumbs(ctx, process, roundtable, label)}
      <h1>{label}</h1>
      <p class="description">{agreement.text}</p>
      <p>
        <AgreementStatusText ctx={ctx} agreement={agreement} />
      </p>
      <p>
        <a href={`${publicBase(m, process.slug)}/${roundtable.ref.id}/acuerdos/${agreement.id}`}>{t("roundtables:publicPage")}</a>
      </p>
      <section aria-labelledby="estado">
        <h2 id="estado">{t("roundtables:changeStatus")}</h2>
        <Form ctx={ctx} action={`${here}/estado`} errors={status.errors}>
          <SelectField
            ctx={ctx}
            name="status"
            label={t("roundtables:newStatus")}
            value={status.values.status}
            error={status.errors?.status}
            placeholder={t("roundtables:choose")}
            options={AGREEMENT_STATUSES.filter((s) => s !== agreement.status).map((s) => ({ value: s, label: statusLabel(ctx, s) }))}
            required
          />
          <TextArea ctx={ctx} name="reason" label={t("roundtables:reason")} hint={t("roundtables:reasonHint")} value={status.values.reason} error={status.errors?.reason} rows={3} />
          <Button>{t("roundtables:saveStatus")}</Button>
        </Form>
      </section>
      <section aria-labelledby="propuesta">
        <h2 id="propuesta">{t("roundtables:toProposal")}</h2>
        {proposalUrl ? (
          <p>
            <a href={proposalUrl}>{t("roundtables:seeProposal")}</a>
          </p>
        ) : canBecomeProposal ? (
          <Form ctx={ctx} action={`${here}/propuesta`} errors={proposal.errors}>
            <p>{t("roundtables:toProposalIntro")}</p>
            <TextField ctx={ctx} name="proposalTitle" label={t("roundtables:proposalTitle")} value={proposal.values.proposalTitle ?? agreement.text.slice(0, 150)} error={proposal.errors?.proposalTitle} required />
            <Button kind="secondary">{t("roundtables:toProposalButton")}</Button>
          </Form>
        ) : (
          <p class="empty">{t("roundtables:proposalsUnavailable")}</p>
        )}
      </section>
      <section aria-labelledby="editar">
        <h2 id="editar">{t("roundtables:editAgreement")}</h2>
        <Form ctx={ctx} action={here} errors={edit.errors}>
          <AgreementFields ctx={ctx} values={edit.values} errors={edit.errors} members={members} sessions={sessions} timeZone={timeZone} />
          <Button kind="secondary">{t("roundtables:save")}</Button>
        </Form>
      </section>
      <section aria-labelledby="historial">
        <h2 id="historial">{t("roundtables:history")}</h2>
        <AgreementTimeline ctx={ctx} events={events} timeZone={timeZone} />
      </section>
    </Layout>
  );
}
