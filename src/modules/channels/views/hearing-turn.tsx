/**
 * Staff page of one turn: who came and what about (staff only), the petitions already recorded,
 * marking the turn by hand, and the two ways to record a petition: a citizen request (choose the
 * service first, then its questions) or a proposal to a process open for proposals.
 */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, SelectField, TextArea, TextField } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ServiceDefinition } from "../../requests/catalogue.js";
import { EMPTY_VALUES, type SubmitValues } from "../../requests/citizen-form.js";
import { AttributeFields } from "../../requests/views/submit-fields.js";
import { PROPOSAL_KINDS } from "../../proposals/tables.js";
import type { Choice, ProcessChoices } from "../hearing-choices.js";
import type { HearingView, StaffTurn } from "../hearing-queries.js";
import { adminHearingPath, adminHearingTurnPath } from "../urls.js";
import { Checkbox, dateTime, Folios, formState, GeneralError, RefusedMessages, StaffCrumbs, turnStatusLabel, viaLabel, type FailedForm } from "./hearing-parts.js";

export const REQUEST_PETITION_FIELDS = ["service_code", "description", "address", "colonia", "lat", "lon", "shareContact"];
export const PROPOSAL_PETITION_FIELDS = ["processId", "categoryId", "kind", "title", "body", "colonia"];

/** The marks a turn in each status can take (hearing-turns.ts checks them again). */
const MARKS: Record<string, ("atendido" | "ausente" | "en_espera")[]> = {
  en_espera: ["atendido", "ausente"],
  llamado: ["atendido", "ausente"],
  ausente: ["en_espera", "atendido"],
};

export interface TurnPageProps {
  ctx: PageContext;
  hearing: HearingView;
  timeZone: string;
  turn: StaffTurn;
  services: Choice[];
  /** The service chosen for the request form (step 2), with its questions. */
  service: ServiceDefinition | null;
  requestValues: SubmitValues;
  colonias: Choice[];
  processes: ProcessChoices;
  failed?: FailedForm;
}

function RequestPetition(p: TurnPageProps & { action: string }) {
  const { ctx, turn, service } = p;
  const t = ctx.t;
  const form = formState(p.failed, "request", { shareContact: "" });
  const errors = form.errors ?? {};
  const v = p.failed?.form === "request" ? p.requestValues : { ...EMPTY_VALUES, service: service?.code ?? "" };
  const hasContact = Boolean(turn.name || turn.email || turn.phone);
  return (
    <section aria-labelledby="como-solicitud">
      <h2 id="como-solicitud">{t("hearings:petition.requestTitle")}</h2>
      <form method="get" action={ctx.path} class="search-form">
        <div class="field">
          <label for="campo-servicio">{t("hearings:petition.service")}</label>
          <select id="campo-servicio" name="servicio">
            <option value="">{t("hearings:petition.chooseService")}</option>
            {p.services.map((s) => (
              <option value={s.value} selected={s.value === service?.code}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {t("hearings:petition.chooseButton")}
        </button>
      </form>
      {service && (
        <Form ctx={ctx} action={p.action} errors={form.errors}>
          <GeneralError errors={form.errors} />
          <input type="hidden" name="service_code" value={service.code} />
          <p id="campo-service_code">
            {t("hearings:petition.serviceChosen")} <strong>{service.name}</strong>
            {errors.service_code && <span class="error-message"> {errors.service_code}</span>}
          </p>
          <TextArea ctx={ctx} name="description" label={t("hearings:petition.description")} value={v.description} error={errors.description} rows={4} required />
          <TextField ctx={ctx} name="address" label={t("hearings:petition.address")} value={v.address} error={errors.address} />
          <SelectField ctx={ctx} name="colonia" label={t("hearings:petition.colonia")} value={v.colonia} error={errors.colonia} placeholder={t("hearings:petition.noColonia")} options={p.colonias} />
          <fieldset class="form-section" id="campo-location" aria-describedby={errors.location ? "error-location" : undefined}>
            <legend>
              {t("hearings:petition.location")}
              {service.locationRequired && <span class="required"> ({ctx.t("form.required")})</span>}
            </legend>
            <p class="hint">{t("hearings:petition.locationHint")}</p>
            {errors.location && (
              <p class="error-message" id="error-location">
                {errors.location}
              </p>
            )}
            <TextField ctx={ctx} name="lat" inputmode="decimal" label={t("hearings:petition.lat")} value={v.lat} />
            <TextField ctx={ctx} name="lon" inputmode="decimal" label={t("hearings:petition.lon")} value={v.lon} />
          </fieldset>
          <AttributeFields ctx={ctx} attributes={service.attributes} values={v} errors={errors} />
          {hasContact && <Checkbox name="shareContact" label={t("hearings:petition.shareContact")} checked={form.values.shareContact === "1"} />}
          <Button>{t("hearings:petition.requestButton")}</Button>
        </Form>
      )}
    </section>
  );
}

function ProposalPetition(p: TurnPageProps & { action: string }) {
  const { ctx } = p;
  const t = ctx.t;
  const form = formState(p.failed, "proposal", { kind: "propuesta" });
  const e = form.errors;
  return (
    <section aria-labelledby="como-propuesta">
      <h2 id="como-propuesta">{t("hearings:petition.proposalTitle")}</h2>
      {p.processes.processes.length === 0 ? (
        <p>{t("hearings:petition.noProcesses")}</p>
      ) : (
        <Form ctx={ctx} action={p.action} errors={e}>
          <GeneralError errors={e} />
          <SelectField ctx={ctx} name="processId" label={t("hearings:petition.process")} value={form.values.processId ?? p.processes.processes[0]!.value} error={e?.processId} options={p.processes.processes} required />
          {p.processes.categories.length > 0 && (
            <SelectField ctx={ctx} name="categoryId" label={t("hearings:petition.category")} value={form.values.categoryId} error={e?.categoryId ?? e?.category} placeholder={t("hearings:petition.noCategory")} options={p.processes.categories} />
          )}
          <SelectField ctx={ctx} name="kind" label={t("hearings:petition.kind")} value={form.values.kind} error={e?.kind} options={PROPOSAL_KINDS.map((k) => ({ value: k, label: t(`hearings:kind.${k}`) }))} required />
          <TextField ctx={ctx} name="title" label={t("hearings:petition.proposalTitleField")} value={form.values.title} error={e?.title} required />
          <TextArea ctx={ctx} name="body" label={t("hearings:petition.body")} value={form.values.body} error={e?.body} rows={5} required />
          <SelectField ctx={ctx} name="colonia" label={t("hearings:petition.colonia")} value={form.values.colonia} error={e?.colonia} placeholder={t("hearings:petition.noColonia")} options={p.colonias} />
          <Button>{t("hearings:petition.proposalButton")}</Button>
        </Form>
      )}
    </section>
  );
}

export function StaffTurnPage(p: TurnPageProps) {
  const { ctx, hearing: h, turn, timeZone } = p;
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = adminHearingTurnPath(m, h.slug, turn.number);
  const marks = formState(p.failed, "mark");
  const takesPetitions = (h.status === "en_curso" || h.status === "concluida") && turn.status !== "cancelado";
  // A petition refused because the hearing is not taking them (the forms are not shown): its message on top.
  const refused = p.failed && p.failed.form !== "mark" && !takesPetitions ? Object.values(p.failed.errors) : [];
  return (
    <Layout ctx={ctx} title={t("hearings:petition.pageTitle", { number: turn.number, title: h.title })}>
      <StaffCrumbs ctx={ctx} items={[{ href: adminHearingPath(m, h.slug), label: h.title }, { label: t("hearings:room.turnLink", { number: turn.number }) }]} />
      <h1>{t("hearings:petition.pageTitle", { number: turn.number, title: h.title })}</h1>
      <GeneralError errors={marks.errors} />
      <RefusedMessages messages={refused} />
      <dl class="facts">
        <dt>{t("hearings:fields.status")}</dt>
        <dd>{turnStatusLabel(ctx, turn.status)}</dd>
        <dt>{t("hearings:room.via")}</dt>
        <dd>{`${viaLabel(ctx, turn.registeredVia)} · ${dateTime(ctx, turn.createdAt, timeZone)}`}</dd>
        <dt>{t("hearings:room.topic")}</dt>
        <dd>{turn.topic || "—"}</dd>
        <dt>{t("hearings:room.name")}</dt>
        <dd>{turn.name ?? "—"}</dd>
        <dt>{t("hearings:room.phone")}</dt>
        <dd>{turn.phone ?? "—"}</dd>
        <dt>{t("hearings:room.email")}</dt>
        <dd>{turn.email ?? "—"}</dd>
        <dt>{t("hearings:room.petitions")}</dt>
        <dd>
          <Folios slug={m} petitions={turn.petitions} />
        </dd>
      </dl>
      {h.status !== "cancelada" && (MARKS[turn.status] ?? []).length > 0 && (
        <div class="hearing-actions">
          {(MARKS[turn.status] ?? []).map((to) => (
            <Form ctx={ctx} action={`${here}/marcar`} class="inline-form">
              <input type="hidden" name="estado" value={to} />
              <Button kind="secondary">{t(`hearings:petition.mark.${to}`)}</Button>{" "}
            </Form>
          ))}
        </div>
      )}
      {takesPetitions ? (
        <>
          <RequestPetition {...p} action={`${here}/solicitud`} />
          <ProposalPetition {...p} action={`${here}/propuesta`} />
        </>
      ) : (
        <p>{t(h.status === "programada" ? "hearings:petition.notOpenYet" : "hearings:petition.closed")}</p>
      )}
    </Layout>
  );
}
