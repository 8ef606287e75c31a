/**
 * Participants: who takes part in a municipality's processes. A signed-in person is an account
 * participant; anyone else can be a one-time participant identified by a cookie after confirming
 * an e-mail; staff enter in-person participants. A CURP, checked and stored only as a salted
 * hash, makes one person one participant across all three.
 */
import crypto from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem, problem } from "../../platform/http/problem.js";
import { wantsJson } from "../../platform/http/app.js";
import { anonymous, type Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { identityHash, validateCurp } from "./curp.js";
import { ParticipationInputError } from "./errors.js";
import { DEFAULT_LEVELS, LEVEL_LABELS, ruleSentence } from "./participation-rules.js";
import type { ProcessView } from "./processes.js";
import type { ParticipantKind, ParticipationAction, ParticipationLevel } from "./tables.js";

export interface Participant {
  municipalityId: number;
  id: number;
  kind: ParticipantKind;
  userId: number | null;
  emailConfirmed: boolean;
  identityVerified: boolean;
}

export const PARTICIPANT_COOKIE = "cabildo_participante";
/** How long a one-time participant's browser stays identified. */
export const PARTICIPANT_COOKIE_DAYS = 180;
/** How long the confirmation link of a one-time participant works. */
export const CONFIRMATION_HOURS = 24;

const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

type ParticipantRow = {
  id: number;
  kind: ParticipantKind;
  user_id: number | null;
  email: string | null;
  email_confirmed_at: unknown;
  cookie_hash: string | null;
  identity_hash: string | null;
  identity_verified_at: unknown;
};

const ROW_COLUMNS = ["id", "kind", "user_id", "email", "email_confirmed_at", "cookie_hash", "identity_hash", "identity_verified_at"] as const;

function toParticipant(municipalityId: number, row: ParticipantRow, actor: Actor): Participant {
  const accountVerified = row.kind === "account" && actor.kind === "user" && actor.userId === row.user_id && actor.emailVerified;
  return {
    municipalityId,
    id: row.id,
    kind: row.kind,
    userId: row.user_id,
    emailConfirmed: row.kind === "account" ? accountVerified : row.email_confirmed_at != null,
    identityVerified: row.identity_hash != null && row.identity_verified_at != null,
  };
}

/** The Participant of a row read outside a request (staff entry, tests): accounts count as verified when their user is. */
export async function participantById(db: Executor, municipalityId: number, id: number): Promise<Participant | null> {
  const row = await db
    .selectFrom("participants as p")
    .leftJoin("users as u", "u.id", "p.user_id")
    .select(["p.id", "p.kind", "p.user_id", "p.email", "p.email_confirmed_at", "p.cookie_hash", "p.identity_hash", "p.identity_verified_at", "u.email_verified_at as user_verified_at"])
    .where("p.municipality_id", "=", municipalityId)
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    municipalityId,
    id: row.id,
    kind: row.kind,
    userId: row.user_id,
    emailConfirmed: row.kind === "account" ? row.user_verified_at != null : row.email_confirmed_at != null,
    identityVerified: row.identity_hash != null && row.identity_verified_at != null,
  };
}

function cookieToken(request: FastifyRequest): string | null {
  const value = request.cookies[PARTICIPANT_COOKIE];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

async function rowByCookie(db: Executor, municipalityId: number, request: FastifyRequest): Promise<ParticipantRow | undefined> {
  const token = cookieToken(request);
  if (!token) return undefined;
  return db.selectFrom("participants").select(ROW_COLUMNS).where("municipality_id", "=", municipalityId).where("cookie_hash", "=", sha256(token)).executeTakeFirst();
}

async function rowByUser(db: Executor, municipalityId: number, userId: number): Promise<ParticipantRow | undefined> {
  return db.selectFrom("participants").select(ROW_COLUMNS).where("municipality_id", "=", municipalityId).where("user_id", "=", userId).executeTakeFirst();
}

/**
 * The participant of this request in the municipality, without creating anything: a signed-in
 * person's account participant, else the one-time participant of the cookie; null otherwise.
 */
export async function currentParticipant(request: FastifyRequest, services: Services, municipalityId: number): Promise<Participant | null> {
  const actor = request.actor;
  if (actor.kind === "user") {
    const own = await rowByUser(services.db, municipalityId, actor.userId);
    if (own) return toParticipant(municipalityId, own, actor);
  }
  const guest = await rowByCookie(services.db, municipalityId, request);
  return guest ? toParticipant(municipalityId, guest, actor) : null;
}

export async function requiredLevel(db: Executor, municipalityId: number, processId: number, action: ParticipationAction): Promise<ParticipationLevel> {
  const row = await db
    .selectFrom("process_participation_rules")
    .select("level")
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("action", "=", action)
    .executeTakeFirst();
  return row?.level ?? DEFAULT_LEVELS[action];
}

/** Levels are ordered: a verified identity meets every level, a verified account meets guest. */
export function meetsLevel(p: Participant | null, level: ParticipationLevel): boolean {
  if (!p) return false;
  if (p.identityVerified) return true;
  if (level === "identity") return false;
  if (p.kind === "account" && p.emailConfirmed) return true;
  return level === "guest" && p.emailConfirmed;
}

/**
 * The account participant of a signed-in person, created on first use. A one-time participant
 * this browser already has (not linked to any account) becomes the account's, so what the person
 * did before signing in stays theirs.
 */
export async function ensureAccountParticipant(db: Db, request: FastifyRequest, municipalityId: number): Promise<Participant | null> {
  const actor = request.actor;
  if (actor.kind !== "user") return null;
  const existing = await rowByUser(db, municipalityId, actor.userId);
  if (existing) return toParticipant(municipalityId, existing, actor);
  const token = cookieToken(request);
  const id = await db.transaction().execute(async (trx) => {
    if (token) {
      const linked = await trx
        .updateTable("participants")
        .set({ kind: "account", user_id: actor.userId })
        .where("municipality_id", "=", municipalityId)
        .where("cookie_hash", "=", sha256(token))
        .where("user_id", "is", null)
        .where("kind", "=", "guest")
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom("participants as o").select("o.id").where("o.municipality_id", "=", municipalityId).where("o.user_id", "=", actor.userId))))
        .returning("id")
        .executeTakeFirst();
      if (linked) {
        await recordAudit(trx, { actor, municipalityId, action: "participation.participant.link", subjectType: "participant", subjectId: linked.id, details: { kind: "account" } });
        return linked.id;
      }
    }
    const created = await trx
      .insertInto("participants")
      .values({ municipality_id: municipalityId, kind: "account", user_id: actor.userId })
      .onConflict((oc) => oc.columns(["municipality_id", "user_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (created) await recordAudit(trx, { actor, municipalityId, action: "participation.participant.create", subjectType: "participant", subjectId: created.id, details: { kind: "account" } });
    return created?.id ?? null;
  });
  const row = id !== null ? await db.selectFrom("participants").select(ROW_COLUMNS).where("municipality_id", "=", municipalityId).where("id", "=", id).executeTakeFirst() : await rowByUser(db, municipalityId, actor.userId);
  return row ? toParticipant(municipalityId, row, actor) : null;
}

/**
 * The participant of a browser that only carries a cookie (conversations open to anonymous
 * participants): the cookie's participant, or — when `create` — a new one-time participant
 * without e-mail; the caller sets `cookieToken` as the participant cookie when it is not null.
 */
export async function cookieParticipant(db: Db, request: FastifyRequest, municipalityId: number, create: boolean): Promise<{ participant: Participant; cookieToken: string | null } | null> {
  const existing = await rowByCookie(db, municipalityId, request);
  if (existing) return { participant: toParticipant(municipalityId, existing, request.actor), cookieToken: null };
  if (!create) return null;
  const token = crypto.randomBytes(32).toString("base64url");
  const row = await db.transaction().execute(async (trx) => {
    const created = await trx.insertInto("participants").values({ municipality_id: municipalityId, kind: "guest", cookie_hash: sha256(token) }).returning(ROW_COLUMNS).executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: anonymous, actorLabel: `participante #${created.id}`, municipalityId, action: "participation.participant.create", subjectType: "participant", subjectId: created.id, details: { kind: "cookie" } });
    return created;
  });
  return { participant: toParticipant(municipalityId, row, request.actor), cookieToken: token };
}

/** A same-site path to return to, or null (absolute URLs, scheme-relative //host, backslashes, control characters). */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 1000) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, "http://cabildo.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://cabildo.invalid") return null;
  return url.pathname + url.search;
}

export function processPath(municipalitySlug: string, processSlug: string): string {
  return `/${municipalitySlug}/participa/${processSlug}`;
}

export function identifyPath(municipalitySlug: string, processSlug: string, action: ParticipationAction, volver: string): string {
  return `${processPath(municipalitySlug, processSlug)}/identificate?accion=${action}&volver=${encodeURIComponent(volver)}`;
}

/** Where a refused request should come back to: the page itself (GET) or the page the form was on. */
function returnPathOf(request: FastifyRequest, fallback: string): string {
  if (request.method === "GET") return safeReturnPath(request.url) ?? fallback;
  const referer = request.headers.referer;
  if (typeof referer === "string") {
    try {
      const url = new URL(referer);
      if (url.host === request.headers.host) return safeReturnPath(url.pathname + url.search) ?? fallback;
    } catch {
      /* not a URL: fall back */
    }
  }
  return fallback;
}

/**
 * The participant allowed to perform `action` in `process`, creating the account-participant
 * row on first use. Otherwise it replies and returns null: HTML requests → 303 to the
 * identification page; JSON requests → 403 problem naming the level.
 */
export async function participationGate(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
  process: ProcessView,
  action: ParticipationAction,
): Promise<Participant | null> {
  const municipalityId = process.municipalityId;
  const level = await requiredLevel(services.db, municipalityId, process.id, action);
  let participant = request.actor.kind === "user" ? await ensureAccountParticipant(services.db, request, municipalityId) : await currentParticipant(request, services, municipalityId);
  if (meetsLevel(participant, level)) return participant;
  // A signed-in person whose own participant falls short may still carry a verified one-time participant in this browser.
  if (request.actor.kind === "user") {
    const guest = await rowByCookie(services.db, municipalityId, request);
    if (guest && guest.user_id === null) {
      participant = toParticipant(municipalityId, guest, request.actor);
      if (meetsLevel(participant, level)) return participant;
    }
  }
  const { slug } = request.params as { slug: string };
  const target = identifyPath(slug, process.slug, action, returnPathOf(request, processPath(slug, process.slug)));
  if (wantsJson(request)) {
    const body = { ...problem(403, `${ruleSentence(action, level)} Nivel requerido: ${LEVEL_LABELS[level]}.`), instance: request.url.split("?")[0], requiredLevel: level, identify: target };
    reply.code(403).type("application/problem+json; charset=utf-8").send(body);
    return null;
  }
  reply.redirect(target, 303);
  return null;
}

// ——— One-time participants (cookie + confirmed e-mail) ———

const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

export function checkEmail(value: unknown): string {
  const email = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (email === "") throw ParticipationInputError.single("email", "Escriba su correo electrónico.");
  if (email.length > 254 || !EMAIL.test(email)) throw ParticipationInputError.single("email", "El correo electrónico no es válido (ej. nombre@dominio.mx).");
  return email;
}

/**
 * Start a one-time participant's identification: a single-use link valid 24 hours, sent to the
 * e-mail. Returns the token (the e-mail holds it; only its hash is stored).
 */
export async function requestEmailConfirmation(
  services: Services,
  municipality: ActiveMunicipality,
  input: { email: string; processSlug: string; processTitle: string; volver: string },
): Promise<string> {
  const email = checkEmail(input.email);
  const token = crypto.randomBytes(32).toString("base64url");
  await services.db.transaction().execute(async (trx) => {
    // The same person coming back (another browser) gets their participant again; otherwise a pending one.
    const known = await trx
      .selectFrom("participants")
      .select("id")
      .where("municipality_id", "=", municipality.id)
      .where("kind", "=", "guest")
      .where("email", "=", email)
      .where("email_confirmed_at", "is not", null)
      .orderBy("id")
      .executeTakeFirst();
    const participantId =
      known?.id ?? (await trx.insertInto("participants").values({ municipality_id: municipality.id, kind: "guest" }).returning("id").executeTakeFirstOrThrow()).id;
    await trx
      .insertInto("participant_tokens")
      .values({ municipality_id: municipality.id, id: sha256(token), participant_id: participantId, purpose: "confirm_email", email, expires_at: sql`now() + make_interval(hours => ${CONFIRMATION_HOURS})` as unknown as Date })
      .execute();
  });
  const link = `${services.config.publicUrl}/${municipality.slug}/participa/confirmar/${token}?volver=${encodeURIComponent(input.volver)}`;
  await services.mailer.send({
    to: email,
    subject: `Confirme su correo para participar en ${municipality.name}`,
    text: [
      `Recibimos una solicitud para participar en «${input.processTitle}» (${municipality.name}, ${municipality.stateName}) con este correo.`,
      "",
      `Para confirmarlo, abra este enlace en las próximas ${CONFIRMATION_HOURS} horas (solo funciona una vez):`,
      link,
      "",
      "No necesita crear una cuenta. Su correo no se publica en ningún lugar.",
      "Si usted no lo pidió, ignore este mensaje.",
    ].join("\n"),
  });
  return token;
}

export type ConfirmResult = { ok: true; participant: Participant; cookieToken: string } | { ok: false; message: string };

/** Use a confirmation link: confirms the e-mail and gives the browser a new participant cookie. */
export async function confirmEmailToken(db: Db, municipalityId: number, token: string): Promise<ConfirmResult> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, message: "El enlace de confirmación no es válido." };
  const cookieToken = crypto.randomBytes(32).toString("base64url");
  return db.transaction().execute(async (trx): Promise<ConfirmResult> => {
    const row = await trx
      .selectFrom("participant_tokens")
      .select(["participant_id", "email", "used_at", sql<boolean>`expires_at < now()`.as("expired")])
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", sha256(token))
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { ok: false, message: "El enlace de confirmación no es válido." };
    if (row.used_at) return { ok: false, message: "Este enlace ya se usó. Si necesita participar desde otro navegador, pida un enlace nuevo." };
    if (row.expired) return { ok: false, message: `El enlace venció (vale ${CONFIRMATION_HOURS} horas). Pida uno nuevo.` };
    await trx.updateTable("participant_tokens").set({ used_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("id", "=", sha256(token)).execute();
    // A person who confirmed this e-mail before keeps their one participant.
    const earlier = await trx
      .selectFrom("participants")
      .select("id")
      .where("municipality_id", "=", municipalityId)
      .where("kind", "=", "guest")
      .where("email", "=", row.email)
      .where("email_confirmed_at", "is not", null)
      .where("id", "<>", row.participant_id)
      .orderBy("id")
      .executeTakeFirst();
    const id = earlier?.id ?? row.participant_id;
    if (earlier) {
      // The pending row made for this link is removed when it holds nothing.
      await trx.deleteFrom("participants").where("municipality_id", "=", municipalityId).where("id", "=", row.participant_id).where("email", "is", null).where("identity_hash", "is", null).where("user_id", "is", null).execute();
    }
    const updated = await trx
      .updateTable("participants")
      .set({ email: row.email, email_confirmed_at: sql`coalesce(email_confirmed_at, now())`, cookie_hash: sha256(cookieToken) })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", id)
      .returning(ROW_COLUMNS)
      .executeTakeFirst();
    if (!updated) return { ok: false, message: "El enlace de confirmación no es válido." };
    await recordAudit(trx, { actor: anonymous, actorLabel: `participante #${id}`, municipalityId, action: "participation.participant.confirmEmail", subjectType: "participant", subjectId: id });
    return { ok: true, participant: toParticipant(municipalityId, updated, anonymous), cookieToken };
  });
}

export function setParticipantCookie(reply: FastifyReply, services: Services, municipalitySlug: string, token: string): void {
  reply.setCookie(PARTICIPANT_COOKIE, token, {
    path: `/${municipalitySlug}/`,
    httpOnly: true,
    sameSite: "lax",
    secure: services.config.secureCookies,
    maxAge: PARTICIPANT_COOKIE_DAYS * 86400,
  });
}

// ——— Verified identity (CURP) ———

/**
 * Verify the identity of an online participant with a CURP. When the CURP's hash belongs to an
 * in-person participant without account or e-mail, this person takes it over (their account or
 * cookie moves to it), so the person counts once; any other holder → Spanish 422.
 * Returns the participant that now holds the identity.
 */
export async function verifyIdentity(trx: Executor, municipalityId: number, participantId: number, curpInput: string, actor: Actor): Promise<Participant> {
  const checked = validateCurp(curpInput);
  if (!checked.ok) throw ParticipationInputError.single("curp", checked.message);
  const hash = await identityHash(trx, municipalityId, checked.curp);
  const me = await trx.selectFrom("participants").select(ROW_COLUMNS).where("municipality_id", "=", municipalityId).where("id", "=", participantId).forUpdate().executeTakeFirst();
  if (!me) throw new HttpProblem(404, "La persona participante no existe.");
  if (me.identity_hash === hash) return toParticipant(municipalityId, me, actor);
  if (me.identity_hash) throw ParticipationInputError.single("curp", "Su participación ya tiene otra CURP verificada.");
  const holder = await trx.selectFrom("participants").select(ROW_COLUMNS).where("municipality_id", "=", municipalityId).where("identity_hash", "=", hash).forUpdate().executeTakeFirst();
  const label = { actor, actorLabel: actor.kind === "user" ? undefined : `participante #${participantId}`, municipalityId };
  if (holder) {
    const free = holder.kind === "in_person" && holder.user_id === null && holder.email === null && holder.cookie_hash === null;
    if (!free) throw ParticipationInputError.single("curp", "Esta CURP ya está registrada por otra persona participante. Si es la suya, acuda al módulo de participación del Ayuntamiento con una identificación.");
    // The in-person participant becomes this person's: move the account link or the cookie and e-mail to it.
    await trx.updateTable("participants").set({ kind: "guest", user_id: null, cookie_hash: null, email: null }).where("municipality_id", "=", municipalityId).where("id", "=", me.id).execute();
    const taken = await trx
      .updateTable("participants")
      .set({ kind: me.kind === "account" ? "account" : "guest", user_id: me.user_id, email: me.email, email_confirmed_at: me.email_confirmed_at as Date | null, cookie_hash: me.cookie_hash, identity_verified_at: sql`now()` })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", holder.id)
      .returning(ROW_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { ...label, action: "participation.identity.verify", subjectType: "participant", subjectId: holder.id, details: { takenOverFrom: me.id, inPerson: true } });
    return toParticipant(municipalityId, taken, actor);
  }
  const updated = await trx
    .updateTable("participants")
    .set({ identity_hash: hash, identity_verified_at: sql`now()` })
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", me.id)
    .returning(ROW_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { ...label, action: "participation.identity.verify", subjectType: "participant", subjectId: me.id, details: { inPerson: false } });
  return toParticipant(municipalityId, updated, actor);
}

/**
 * Staff entering paper ballots/answers: with a CURP → the one participant of that identity
 * (created as 'in_person' if new; the same one an online verified person has); without → a new
 * anonymous in-person participant. Invalid CURP → HttpProblem 422.
 */
export async function inPersonParticipant(trx: Executor, municipalityId: number, curp: string | null, staff: Actor): Promise<Participant> {
  const staffId = staff.kind === "user" ? staff.userId : null;
  if (curp === null || curp.trim() === "") {
    const row = await trx.insertInto("participants").values({ municipality_id: municipalityId, kind: "in_person" }).returning(ROW_COLUMNS).executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: staff, municipalityId, action: "participation.participant.inPerson", subjectType: "participant", subjectId: row.id, details: { identity: false } });
    return toParticipant(municipalityId, row, staff);
  }
  const checked = validateCurp(curp);
  if (!checked.ok) throw ParticipationInputError.single("curp", checked.message);
  const hash = await identityHash(trx, municipalityId, checked.curp);
  const created = await trx
    .insertInto("participants")
    .values({ municipality_id: municipalityId, kind: "in_person", identity_hash: hash, identity_verified_at: sql`now()` as unknown as Date, identity_verified_by: staffId })
    .onConflict((oc) => oc.columns(["municipality_id", "identity_hash"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (created) await recordAudit(trx, { actor: staff, municipalityId, action: "participation.participant.inPerson", subjectType: "participant", subjectId: created.id, details: { identity: true } });
  const row = await trx.selectFrom("participants").select("id").where("municipality_id", "=", municipalityId).where("identity_hash", "=", hash).executeTakeFirstOrThrow();
  return (await participantById(trx, municipalityId, row.id))!;
}
