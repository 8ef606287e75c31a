/**
 * Staff pages of open hearings: the list with the form to schedule (one or weekly), the editing
 * page, and the room (status, arrivals, calling turns, the turns with their contact, the closing
 * summary). Contacts and topics appear here only: these pages need CHANNELS.attendHearing.
 */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { OfficeChoice } from "../hearing-choices.js";
import type { HearingView, StaffTurn, TurnCounts } from "../hearing-queries.js";
import { adminHearingEditPath, adminHearingPath, adminHearingsPath, adminHearingTurnPath, hearingPath, hearingScreenPath } from "../urls.js";
import {
  clock, dateTime, Folios, formState, GeneralError, HearingBasics, RefusedMessages, hearingWhen, StaffCrumbs, statusLabel, turnStatusLabel, viaLabel, type FailedForm,
} from "./hearing-parts.js";

export const HEARING_FIELDS = ["title", "slug", "description", "date", "startTime", "endTime", "officeId", "place", "officials", "capacity", "onlineCapacity", "repeatWeeks"];
export const ARRIVAL_FIELDS = ["topic", "name", "phone", "email"];
export const CLOSE_FIELDS = ["summary", "commitments"];

function HearingFields({ ctx, values, errors, offices, creating }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string>; offices: OfficeChoice[]; creating: boolean }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("hearings:fields.title")} value={values.title} error={errors?.title} required />
      <TextField ctx={ctx} name="slug" label={t("hearings:fields.slug")} hint={t(creating ? "hearings:hints.slugRepeat" : "hearings:hints.slug")} value={values.slug} error={errors?.slug} required />
      <TextArea ctx={ctx} name="description" label={t("hearings:fields.description")} value={values.description} error={errors?.description} rows={3} />
      <TextField ctx={ctx} name="date" type="date" label={t("hearings:fields.date")} hint={t("hearings:hints.date")} value={values.date} error={errors?.date} required />
      <TextField ctx={ctx} name="startTime" label={t("hearings:fields.startTime")} hint={t("hearings:hints.time")} value={values.startTime} error={errors?.startTime} required />
      <TextField ctx={ctx} name="endTime" label={t("hearings:fields.endTime")} hint={t("hearings:hints.time")} value={values.endTime} error={errors?.endTime} required />
      <SelectField ctx={ctx} name="officeId" label={t("hearings:fields.office")} hint={t("hearings:hints.office")} value={values.officeId} error={errors?.officeId} placeholder={t("hearings:noOffice")} options={offices.map((o) => ({ value: String(o.id), label: o.name }))} />
      <TextField ctx={ctx} name="place" label={t("hearings:fields.place")} hint={t("hearings:hints.place")} value={values.place} error={errors?.place} />
      <TextArea ctx={ctx} name="officials" label={t("hearings:fields.officials")} hint={t("hearings:hints.officials")} value={values.officials} error={errors?.officials} rows={3} />
      <TextField ctx={ctx} name="capacity" inputmode="numeric" label={t("hearings:fields.capacity")} value={values.capacity} error={errors?.capacity} required />
      <TextField ctx={ctx} name="onlineCapacity" inputmode="numeric" label={t("hearings:fields.onlineCapacity")} hint={t("hearings:hints.onlineCapacity")} value={values.onlineCapacity} error={errors?.onlineCapacity} required />
      {creating && <TextField ctx={ctx} name="repeatWeeks" inputmode="numeric" label={t("hearings:fields.repeatWeeks")} hint={t("hearings:hints.repeatWeeks")} value={values.repeatWeeks} error={errors?.repeatWeeks} />}
    </>
  );
}

export function StaffHearingsPage(p: { ctx: PageContext; hearings: HearingView[]; info: PageInfo; timeZone: string; canManage: boolean; offices: OfficeChoice[]; failed?: FailedForm }) {
  const { ctx, timeZone } = p;
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const form = formState(p.failed, "schedule", { startTime: "10:00", endTime: "13:00", capacity: "40", onlineCapacity: "20", repeatWeeks: "1" });
  return (
    <Layout ctx={ctx} title={t("hearings:title")}>
      <StaffCrumbs ctx={ctx} items={[]} />
      <h1>{t("hearings:title")}</h1>
      <p class="lead">{t("hearings:staffLead")}</p>
      <Table<HearingView>
        caption={t("hearings:listCaption")}
        empty={t("hearings:none")}
        rows={p.hearings}
        columns={[
          { header: t("hearings:fields.title"), cell: (h) => <a href={adminHearingPath(m, h.slug)}>{h.title}</a> },
          { header: t("hearings:fields.when"), cell: (h) => hearingWhen(ctx, h, timeZone) },
          { header: t("hearings:fields.place"), cell: (h) => h.place },
          { header: t("hearings:fields.status"), cell: (h) => statusLabel(ctx, h.status) },
        ]}
      />
      <Pagination ctx={ctx} info={p.info} />
      {p.canManage && (
        <section aria-labelledby="programar">
          <h2 id="programar">{t("hearings:schedule.title")}</h2>
          <Form ctx={ctx} action={adminHearingsPath(m)} errors={form.errors}>
            <GeneralError errors={form.errors} />
            <HearingFields ctx={ctx} values={form.values} errors={form.errors} offices={p.offices} creating />
            <Button>{t("hearings:schedule.button")}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function hearingValues(h: HearingView, timeZone: string): Record<string, string> {
  const date = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(h.startsAt);
  const hm = (d: Date) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(d);
  return {
    title: h.title, slug: h.slug, description: h.description, date, startTime: hm(h.startsAt), endTime: hm(h.endsAt), officeId: h.office ? String(h.office.id) : "",
    place: h.place, officials: h.officials.join("\n"), capacity: String(h.capacity), onlineCapacity: String(h.onlineCapacity),
  };
}

export function HearingEditPage(p: { ctx: PageContext; hearing: HearingView; timeZone: string; offices: OfficeChoice[]; failed?: FailedForm }) {
  const { ctx, hearing: h } = p;
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const form = formState(p.failed, "edit", hearingValues(h, p.timeZone));
  return (
    <Layout ctx={ctx} title={t("hearings:edit.title", { title: h.title })}>
      <StaffCrumbs ctx={ctx} items={[{ href: adminHearingPath(m, h.slug), label: h.title }, { label: t("hearings:edit.crumb") }]} />
      <h1>{t("hearings:edit.title", { title: h.title })}</h1>
      <Form ctx={ctx} action={adminHearingEditPath(m, h.slug)} errors={form.errors}>
        <GeneralError errors={form.errors} />
        <HearingFields ctx={ctx} values={form.values} errors={form.errors} offices={p.offices} creating={false} />
        <Button>{t("hearings:edit.button")}</Button>
      </Form>
    </Layout>
  );
}

export interface RoomProps {
  ctx: PageContext;
  hearing: HearingView;
  timeZone: string;
  counts: TurnCounts;
  turns: StaffTurn[];
  turnsInfo: PageInfo;
  called: number[];
  canManage: boolean;
  failed?: FailedForm;
}

function StatusActions({ ctx, hearing: h, canManage }: { ctx: PageContext; hearing: HearingView; canManage: boolean }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  if (!canManage || h.status === "concluida" || h.status === "cancelada") return null;
  return (
    <div class="hearing-actions">
      {h.status === "programada" && (
        <Form ctx={ctx} action={`${adminHearingPath(m, h.slug)}/estado`} class="inline-form">
          <input type="hidden" name="accion" value="abrir" />
          <Button>{t("hearings:room.open")}</Button>
        </Form>
      )}{" "}
      <Form ctx={ctx} action={`${adminHearingPath(m, h.slug)}/estado`} class="inline-form">
        <input type="hidden" name="accion" value="cancelar" />
        <Button kind="danger">{t("hearings:room.cancel")}</Button>
      </Form>
    </div>
  );
}

function CallNext({ ctx, hearing: h, called, failed }: { ctx: PageContext; hearing: HearingView; called: number[]; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const form = formState(failed, "call");
  if (h.status !== "en_curso") return null;
  return (
    <section aria-labelledby="llamar">
      <h2 id="llamar">{t("hearings:room.callTitle")}</h2>
      <p class="screen-inline" aria-live="polite">
        {t("hearings:fields.currentTurn")}: <strong>{h.currentTurn > 0 ? h.currentTurn : t("hearings:screen.noneYet")}</strong>
      </p>
      <Form ctx={ctx} action={`${adminHearingPath(m, h.slug)}/llamar`} errors={form.errors}>
        <GeneralError errors={form.errors} />
        {called.length > 0 && (
          <fieldset class="form-section">
            <legend>{t("hearings:room.previous", { numbers: called.join(", ") })}</legend>
            <div class="checkbox">
              <input type="radio" id="campo-anterior-atendido" name="anterior" value="atendido" checked />
              <label for="campo-anterior-atendido">{t("hearings:room.previousAttended")}</label>
            </div>
            <div class="checkbox">
              <input type="radio" id="campo-anterior-ausente" name="anterior" value="ausente" />
              <label for="campo-anterior-ausente">{t("hearings:room.previousAbsent")}</label>
            </div>
          </fieldset>
        )}
        <Button>{t("hearings:room.callButton")}</Button>
      </Form>
    </section>
  );
}

function Arrival({ ctx, hearing: h, failed }: { ctx: PageContext; hearing: HearingView; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const form = formState(failed, "arrival");
  if (h.status !== "programada" && h.status !== "en_curso") return null;
  return (
    <section aria-labelledby="llegada">
      <h2 id="llegada">{t("hearings:room.arrivalTitle")}</h2>
      <p>{t("hearings:room.arrivalIntro")}</p>
      <Form ctx={ctx} action={`${adminHearingPath(m, h.slug)}/llegadas`} errors={form.errors}>
        <GeneralError errors={form.errors} />
        <TextArea ctx={ctx} name="topic" label={t("hearings:room.topic")} value={form.values.topic} error={form.errors?.topic} rows={2} required />
        <TextField ctx={ctx} name="name" autocomplete="off" label={t("hearings:room.name")} value={form.values.name} error={form.errors?.name} />
        <TextField ctx={ctx} name="phone" type="tel" autocomplete="off" inputmode="tel" label={t("hearings:room.phone")} value={form.values.phone} error={form.errors?.phone} />
        <TextField ctx={ctx} name="email" type="email" autocomplete="off" inputmode="email" label={t("hearings:room.email")} hint={t("hearings:room.emailHint")} value={form.values.email} error={form.errors?.email} />
        <Button>{t("hearings:room.arrivalButton")}</Button>
      </Form>
    </section>
  );
}

function CloseForm({ ctx, hearing: h, failed }: { ctx: PageContext; hearing: HearingView; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  if (h.status !== "en_curso" && h.status !== "concluida") return null;
  const form = formState(failed, "close", { summary: h.summary, commitments: h.commitments.join("\n") });
  const closed = h.status === "concluida";
  return (
    <section aria-labelledby="concluir">
      <h2 id="concluir">{t(closed ? "hearings:room.summaryTitle" : "hearings:room.closeTitle")}</h2>
      <p>{t("hearings:room.closeIntro")}</p>
      <Form ctx={ctx} action={`${adminHearingPath(m, h.slug)}/concluir`} errors={form.errors}>
        <GeneralError errors={form.errors} />
        <TextArea ctx={ctx} name="summary" label={t("hearings:room.summary")} value={form.values.summary} error={form.errors?.summary} rows={6} required />
        <TextArea ctx={ctx} name="commitments" label={t("hearings:room.commitments")} hint={t("hearings:room.commitmentsHint")} value={form.values.commitments} error={form.errors?.commitments} rows={5} />
        <Button>{t(closed ? "hearings:room.saveSummary" : "hearings:room.closeButton")}</Button>
      </Form>
    </section>
  );
}

/** Whether the room shows the form (so its messages appear beside its fields). */
function formShown(form: string, h: HearingView, canManage: boolean): boolean {
  if (form === "arrival") return h.status === "programada" || h.status === "en_curso";
  if (form === "call") return h.status === "en_curso";
  if (form === "close") return canManage && (h.status === "en_curso" || h.status === "concluida");
  return false;
}

export function HearingRoomPage(p: RoomProps) {
  const { ctx, hearing: h, timeZone, counts } = p;
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  // A refused change whose form the room no longer shows (the hearing moved on): its message on top.
  const orphan = p.failed && !formShown(p.failed.form, h, p.canManage) ? Object.values(p.failed.errors) : [];
  return (
    <Layout ctx={ctx} title={h.title}>
      <StaffCrumbs ctx={ctx} items={[{ label: h.title }]} />
      <h1>{h.title}</h1>
      <RefusedMessages messages={orphan} />
      <dl class="facts">
        <dt>{t("hearings:fields.status")}</dt>
        <dd>{statusLabel(ctx, h.status)}</dd>
        <HearingBasics ctx={ctx} hearing={h} timeZone={timeZone} />
        <dt>{t("hearings:room.turnsGiven")}</dt>
        <dd>{t("hearings:room.turnsGivenText", { taken: counts.taken, capacity: h.capacity, online: counts.online, onlineCapacity: h.onlineCapacity })}</dd>
        <dt>{t("hearings:room.waiting")}</dt>
        <dd>{counts.waiting}</dd>
        <dt>{t("hearings:summary.attended")}</dt>
        <dd>{counts.attended}</dd>
      </dl>
      <ul>
        <li>
          <a href={hearingPath(m, h.slug)}>{t("hearings:room.publicPage")}</a>
        </li>
        <li>
          <a href={hearingScreenPath(m, h.slug)}>{t("hearings:screenLink")}</a>
        </li>
        {p.canManage && h.status !== "concluida" && h.status !== "cancelada" && (
          <li>
            <a href={adminHearingEditPath(m, h.slug)}>{t("hearings:edit.link")}</a>
          </li>
        )}
      </ul>
      <StatusActions ctx={ctx} hearing={h} canManage={p.canManage} />
      <CallNext ctx={ctx} hearing={h} called={p.called} failed={p.failed} />
      <Arrival ctx={ctx} hearing={h} failed={p.failed} />
      <section aria-labelledby="turnos">
        <h2 id="turnos">{t("hearings:room.turnsTitle")}</h2>
        <Table<StaffTurn>
          caption={t("hearings:room.turnsCaption", { title: h.title })}
          empty={t("hearings:room.noTurns")}
          rows={p.turns}
          columns={[
            { header: t("hearings:room.number"), cell: (r) => <a href={adminHearingTurnPath(m, h.slug, r.number)}>{t("hearings:room.turnLink", { number: r.number })}</a> },
            { header: t("hearings:room.via"), cell: (r) => `${viaLabel(ctx, r.registeredVia)} · ${clock(ctx, r.createdAt, timeZone)}` },
            { header: t("hearings:fields.status"), cell: (r) => turnStatusLabel(ctx, r.status) },
            { header: t("hearings:room.topic"), cell: (r) => r.topic },
            { header: t("hearings:room.contact"), cell: (r) => [r.name, r.phone, r.email].filter(Boolean).join(" · ") || "—" },
            { header: t("hearings:room.petitions"), cell: (r) => <Folios slug={m} petitions={r.petitions} /> },
          ]}
        />
        <Pagination ctx={ctx} info={p.turnsInfo} label={t("hearings:room.turnsPages")} />
      </section>
      {p.canManage && <CloseForm ctx={ctx} hearing={h} failed={p.failed} />}
      {h.closedAt && <p>{t("hearings:room.closedAt", { at: dateTime(ctx, h.closedAt, timeZone) })}</p>}
    </Layout>
  );
}
