/**
 * The legal workflow of an access-to-information or ARCO request: one transaction per step,
 * audited, with a history row carrying the step's legal date. A step the law does not allow
 * throws InfoRequestError (a Spanish message; the routes answer 422) and changes nothing.
 */
import { sql, type Updateable } from "kysely";
import type { Db, Trx } from "../../platform/db/database.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/policy.js";
import { isLocalDate, type LocalDate } from "../../platform/calendar/dates.js";
import { DeadlineInputError, deadlinesFor, type DeadlineInput } from "./deadlines.js";
import { findLegalProfile } from "./profiles.js";
import { InfoRequestError } from "./info-service.js";
import { loadRequestRow, type RequestRow } from "./info-queries.js";
import type { Storage } from "../../platform/storage.js";
import { storeAttachments, withStoredFiles, type CheckedUpload } from "./info-attachments.js";
import { ANSWERED_STATUSES, OPEN_STATUSES, RECURSO_OUTCOMES, type InfoStatus, type InformationRequestTable, type RecursoOutcome } from "./info-tables.js";

export type InfoStep =
  | { step: "turn"; departmentIds: number[]; on: string }
  | { step: "prevent"; on: string; note: string }
  | { step: "clarify"; on: string }
  | { step: "extend"; resolutionNumber: string; resolutionDate: string; on: string }
  | { step: "verifyIdentity"; method: string }
  | { step: "answer"; partial: boolean; text: string; on: string }
  | { step: "inexistent"; text: string; resolutionNumber: string; resolutionDate: string; on: string }
  | { step: "classify"; classification: string; legalBasis: string; years: string; text: string; resolutionNumber: string; resolutionDate: string; on: string }
  | { step: "incompetent"; competentBody: string; on: string }
  | { step: "notFiled"; on: string }
  | { step: "recurso"; on: string }
  | { step: "recursoOutcome"; outcome: string; on: string };

const fail = (message: string, field?: string): never => {
  throw new InfoRequestError(message, field);
};

function date(value: string, field = "on"): LocalDate {
  if (!isLocalDate(value)) fail("La fecha debe tener el formato AAAA-MM-DD.", field);
  return value as LocalDate;
}

function notBeforeReceipt(r: RequestRow, d: LocalDate, field = "on"): void {
  if (d < r.received_on) fail(`La fecha no puede ser anterior a la recepción de la solicitud (${r.received_on}).`, field);
}

function required(value: string, message: string, field: string, max = 10000): string {
  const v = value.trim();
  if (v.length === 0) fail(message, field);
  if (v.length > max) fail(`El texto no puede exceder ${max} caracteres.`, field);
  return v;
}

/** A Comité de Transparencia resolution: number and date, the date not before the receipt. */
function resolution(r: RequestRow, number: string, resolutionDate: string, what: string): { number: string; date: LocalDate } {
  const n = number.trim();
  if (!n) fail(`${what} requiere la resolución del Comité de Transparencia (número y fecha).`, "resolutionNumber");
  if (n.length > 80) fail("El número de resolución no puede exceder 80 caracteres.", "resolutionNumber");
  if (!resolutionDate.trim()) fail(`${what} requiere la fecha de la resolución del Comité de Transparencia.`, "resolutionDate");
  const d = date(resolutionDate.trim(), "resolutionDate");
  if (d < r.received_on) fail(`La resolución del Comité no puede ser anterior a la recepción de la solicitud (${r.received_on}).`, "resolutionDate");
  return { number: n, date: d };
}

function mustBeOpen(r: RequestRow): void {
  if (r.status === "prevenida") fail("La solicitud está prevenida: registre primero la aclaración o téngala por no presentada.");
  if (!OPEN_STATUSES.includes(r.status)) fail("La solicitud ya fue concluida; este paso no procede.");
}

async function engine(trx: Trx, r: RequestRow, input: Omit<DeadlineInput, "receivedAt">) {
  const profile = await findLegalProfile(trx, r.profile_id);
  if (!profile) throw new Error(`Falta el perfil legal "${r.profile_id}"`);
  try {
    return { profile, deadlines: await deadlinesFor(trx, r.municipality_id, profile, { receivedAt: r.received_at, ...input }) };
  } catch (error) {
    if (error instanceof DeadlineInputError) fail(error.message, "on");
    throw error;
  }
}

const known = (r: RequestRow): Omit<DeadlineInput, "receivedAt"> => ({
  preventionNotifiedOn: r.prevention_notified_on ?? undefined,
  clarifiedOn: r.clarified_on ?? undefined,
});

interface Change {
  set: Updateable<InformationRequestTable>;
  status: InfoStatus;
  legalDate: LocalDate;
  note?: string | null;
  isPublic?: boolean;
  details?: Record<string, unknown>;
}

async function plan(trx: Trx, r: RequestRow, s: InfoStep, actor: Actor): Promise<Change> {
  switch (s.step) {
    case "turn": {
      if (!["recibida", "turnada", "desahogada"].includes(r.status)) fail("Solo se turnan solicitudes en trámite.");
      const ids = [...new Set(s.departmentIds)];
      if (ids.length === 0) fail("Elija al menos un área a la cual turnar la solicitud.", "departments");
      const found = await trx.selectFrom("departments").select("id").where("municipality_id", "=", r.municipality_id).where("id", "in", ids).execute();
      if (found.length !== ids.length) fail("Una de las áreas no existe en este municipio.", "departments");
      const on = date(s.on);
      notBeforeReceipt(r, on);
      await trx
        .insertInto("information_request_turns")
        .values(ids.map((department_id) => ({ municipality_id: r.municipality_id, request_id: r.id, department_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      return { set: {}, status: r.status === "desahogada" ? "desahogada" : "turnada", legalDate: on, details: { departments: ids } };
    }
    case "prevent": {
      if (r.prevention_notified_on !== null) fail("La prevención solo puede hacerse una vez.", "on");
      mustBeOpen(r);
      const on = date(s.on);
      notBeforeReceipt(r, on);
      if (on > r.prevention_by) fail(`La prevención debía notificarse a más tardar el ${r.prevention_by}; ya no procede.`, "on");
      const note = required(s.note, "Escriba qué debe aclarar o completar el solicitante.", "note", 5000);
      const { deadlines } = await engine(trx, r, { preventionNotifiedOn: on });
      return { set: { prevention_notified_on: on, clarify_by: deadlines.clarifyBy }, status: "prevenida", legalDate: on, note };
    }
    case "clarify": {
      if (r.status !== "prevenida") fail("Solo se registra la aclaración de una solicitud prevenida.");
      const on = date(s.on);
      const { deadlines } = await engine(trx, r, { ...known(r), clarifiedOn: on });
      return { set: { clarified_on: on, due_on: deadlines.due }, status: "desahogada", legalDate: on, details: { due: deadlines.due } };
    }
    case "extend": {
      if (r.extended_due_on !== null) fail("La ampliación del plazo solo puede hacerse una vez.", "resolutionNumber");
      mustBeOpen(r);
      const res = resolution(r, s.resolutionNumber, s.resolutionDate, "La ampliación del plazo");
      const on = date(s.on);
      notBeforeReceipt(r, on);
      if (on > r.due_on) fail(`La ampliación debía notificarse antes del vencimiento (${r.due_on}).`, "on");
      const { deadlines } = await engine(trx, r, known(r));
      return {
        set: { extended_due_on: deadlines.extendedDue, extension_resolution_number: res.number, extension_resolution_date: res.date },
        status: r.status, legalDate: on, note: `Resolución ${res.number} del ${res.date}`, details: { extendedDue: deadlines.extendedDue },
      };
    }
    case "verifyIdentity": {
      if (r.kind !== "arco") fail("La verificación de identidad solo aplica a solicitudes ARCO.");
      if (r.identity_verified_at !== null) fail("La identidad ya fue verificada.");
      const method = required(s.method, "Indique cómo se verificó la identidad del titular.", "method", 500);
      return {
        set: { identity_method: method, identity_verified_by: actor.kind === "user" ? actor.userId : null, identity_verified_at: new Date() },
        status: r.status, legalDate: (await sql<{ d: string }>`select current_date::text as d`.execute(trx)).rows[0]!.d, isPublic: false,
      };
    }
    case "answer":
    case "inexistent":
    case "classify": {
      mustBeOpen(r);
      if (r.kind === "arco" && r.identity_verified_at === null) fail("Una solicitud ARCO no puede responderse antes de verificar la identidad del titular.");
      const on = date(s.on);
      notBeforeReceipt(r, on);
      if (s.step === "answer") {
        const text = required(s.text, "Escriba la respuesta.", "text");
        return { set: { answer_text: text, answered_on: on }, status: s.partial ? "respondida_parcial" : "respondida", legalDate: on };
      }
      if (s.step === "inexistent") {
        const res = resolution(r, s.resolutionNumber, s.resolutionDate, "La declaración de inexistencia");
        return { set: { answer_text: s.text.trim() || null, answered_on: on, comite_resolution_number: res.number, comite_resolution_date: res.date }, status: "inexistente", legalDate: on };
      }
      const res = resolution(r, s.resolutionNumber, s.resolutionDate, "La clasificación de la información");
      if (s.classification !== "reservada" && s.classification !== "confidencial") fail("Indique si la información es reservada o confidencial.", "classification");
      const basis = required(s.legalBasis, "La clasificación requiere su fundamento legal.", "legalBasis", 2000);
      let years: number | null = null;
      if (s.classification === "reservada") {
        years = /^\d{1,2}$/.test(s.years.trim()) ? Number(s.years.trim()) : NaN;
        if (!(years >= 1 && years <= 5)) fail("La información reservada requiere el periodo de reserva (de 1 a 5 años).", "years");
      }
      return {
        set: {
          answer_text: s.text.trim() || null, answered_on: on, classification: s.classification as "reservada" | "confidencial", legal_basis: basis, reservation_years: years,
          comite_resolution_number: res.number, comite_resolution_date: res.date,
        },
        status: "clasificada", legalDate: on,
      };
    }
    case "incompetent": {
      mustBeOpen(r);
      const body = required(s.competentBody, "Indique el sujeto obligado competente.", "competentBody", 300);
      const on = date(s.on);
      notBeforeReceipt(r, on);
      if (on > r.incompetence_by) fail(`La notificación de incompetencia debía hacerse a más tardar el ${r.incompetence_by}.`, "on");
      return { set: { competent_body: body, answered_on: on }, status: "incompetente", legalDate: on };
    }
    case "notFiled": {
      if (r.status !== "prevenida" || r.clarify_by === null) fail("Solo una solicitud prevenida sin aclaración puede tenerse por no presentada.");
      const on = date(s.on);
      if (on <= r.clarify_by!) fail(`El plazo para aclarar vence el ${r.clarify_by}; aún no puede tenerse por no presentada.`, "on");
      return { set: {}, status: "no_presentada", legalDate: on };
    }
    case "recurso": {
      if (!ANSWERED_STATUSES.includes(r.status) || r.answered_on === null) fail("El recurso de revisión se registra sobre una solicitud ya respondida.");
      if (r.recurso_filed_on !== null) fail("El recurso de revisión ya fue registrado.");
      const on = date(s.on);
      const { deadlines } = await engine(trx, r, { ...known(r), answerNotifiedOn: r.answered_on! });
      if (on < r.answered_on!) fail(`El recurso no puede ser anterior a la respuesta (${r.answered_on}).`, "on");
      if (on > deadlines.recursoBy!) fail(`El plazo para interponer el recurso de revisión venció el ${deadlines.recursoBy}.`, "on");
      return { set: { recurso_filed_on: on }, status: r.status, legalDate: on };
    }
    case "recursoOutcome": {
      if (r.recurso_filed_on === null) fail("No hay recurso de revisión registrado.");
      if (r.recurso_outcome !== null) fail("El resultado del recurso ya fue registrado.");
      if (!RECURSO_OUTCOMES.includes(s.outcome as RecursoOutcome)) fail("Elija el sentido de la resolución del recurso.", "outcome");
      const on = date(s.on);
      if (on < r.recurso_filed_on!) fail(`La resolución no puede ser anterior al recurso (${r.recurso_filed_on}).`, "on");
      return { set: { recurso_outcome: s.outcome as RecursoOutcome, recurso_outcome_on: on }, status: r.status, legalDate: on };
    }
  }
}

/** Files that go with a step (the answer and the other outcomes), checked beforehand with checkUploads. */
export interface StepAttachments {
  storage: Storage;
  files: CheckedUpload[];
  /** The unit confirms the files are versiones públicas (personal data redacted). */
  publicVersion: boolean;
}

/** Steps that may carry files: the outcomes the requester receives. */
export const STEPS_WITH_ATTACHMENTS: readonly InfoStep["step"][] = ["answer", "inexistent", "classify", "incompetent"];

/** Apply one step to the request `folio`, with its files if any; returns the new status. */
export async function applyInfoStep(db: Db, municipalityId: number, actor: Actor, folio: string, step: InfoStep, attach?: StepAttachments): Promise<InfoStatus> {
  const files = attach?.files ?? [];
  if (files.length > 0 && !STEPS_WITH_ATTACHMENTS.includes(step.step)) fail("Este paso no admite anexos.", "file");
  return withStoredFiles(attach?.storage, (put) => db.transaction().execute(async (trx) => {
    await sql`select 1 from information_requests where municipality_id = ${municipalityId} and folio = ${folio} for update`.execute(trx);
    const r = await loadRequestRow(trx, municipalityId, folio);
    if (!r) fail("La solicitud no existe.");
    const change = await plan(trx, r!, step, actor);
    await trx
      .updateTable("information_requests")
      .set({ ...change.set, status: change.status, updated_at: sql`now()` })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", r!.id)
      .execute();
    const event = await trx
      .insertInto("information_request_events")
      .values({
        municipality_id: municipalityId, request_id: r!.id, step: step.step, status: change.status, legal_date: change.legalDate,
        note: change.note ?? null, public: r!.kind === "information" && (change.isPublic ?? true), actor_user_id: actor.kind === "user" ? actor.userId : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const publicVersion = (attach?.publicVersion ?? false) && r!.kind === "information";
    const stored = await storeAttachments(trx, put, { request: r!, eventId: Number(event.id), departmentId: null, publicVersion, actor }, files);
    await recordAudit(trx, {
      actor, municipalityId, action: `transparency.request.${step.step}`, subjectType: "information_request", subjectId: folio,
      details: {
        from: r!.status, to: change.status, legalDate: change.legalDate, ...change.details,
        ...(stored.length > 0 ? { attachments: stored.map((a) => ({ id: a.id, name: a.fileName, type: a.fileType, bytes: a.byteSize, sha256: a.sha256 })), publicVersion } : {}),
      },
    });
    return change.status;
  }));
}
