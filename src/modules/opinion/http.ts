/** Route helpers shared by the public and staff pages: the conversation of the URL, the voter of the request. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { loginUrl, municipalityOr404 } from "../../platform/http/tenant.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { cookieParticipant, currentParticipant, ensureAccountParticipant, setParticipantCookie } from "../participation/participants.js";
import { findConversation, type ConversationView } from "./conversations.js";
import type { VoterRef } from "./voting.js";

const text = { type: "string", maxLength: 80 } as const;
const id = { type: "string", maxLength: 12 } as const;
export const conversationParams = { type: "object", properties: { slug: text, conversationId: id }, required: ["slug", "conversationId"] } as const;
export const statementParams = { type: "object", properties: { slug: text, conversationId: id, statementId: id }, required: ["slug", "conversationId", "statementId"] } as const;

export const numeric = (raw: unknown): number | null => (typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : null);

export function field(body: unknown, name: string, max = 5000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** The conversation of the URL if the public may see it (its process, when attached, is public); else 404. */
export async function publicConversationOr404(request: FastifyRequest, services: Services): Promise<{ municipality: ActiveMunicipality; conversation: ConversationView }> {
  const municipality = await municipalityOr404(services.db, request);
  const cid = numeric((request.params as { conversationId: string }).conversationId);
  const conversation = cid === null ? null : await findConversation(services.db, municipality.id, cid);
  if (!conversation) throw new HttpProblem(404, request.t("opinion:errors.notFound"));
  if (conversation.processId !== null) {
    const p = await services.db.selectFrom("participatory_processes").select("status").where("municipality_id", "=", municipality.id).where("id", "=", conversation.processId).executeTakeFirst();
    if (!p || p.status === "draft") throw new HttpProblem(404, request.t("opinion:errors.notFound"));
  }
  return { municipality, conversation };
}

/** Whether this request must sign in first (account-only conversation, anonymous visitor): the login link, or null. */
export function signInNeeded(request: FastifyRequest, conversation: ConversationView): string | null {
  if (conversation.identity === "account" && request.actor.kind !== "user") return loginUrl(request.url.split("?")[0]!);
  return null;
}

/** The participant of a viewer who has not acted yet (no row is created). */
export async function viewerParticipantId(request: FastifyRequest, services: Services, municipalityId: number): Promise<number | null> {
  return (await currentParticipant(request, services, municipalityId))?.id ?? null;
}

/**
 * The voter of a request that acts: a signed-in person's account participant; otherwise, when
 * the conversation admits anonymous participants, this browser's cookie participant (created and
 * set on first use). Account-only conversation and no session → 401 (JSON) or the login page.
 */
export async function actingVoter(request: FastifyRequest, reply: FastifyReply, services: Services, m: ActiveMunicipality, conversation: ConversationView): Promise<VoterRef | null> {
  if (request.actor.kind === "user") {
    const p = await ensureAccountParticipant(services.db, request, m.id);
    if (!p) throw new HttpProblem(409, request.t("opinion:errors.participant"));
    return { actor: request.actor, participantId: p.id };
  }
  const login = signInNeeded(request, conversation);
  if (login) {
    if ((request.headers.accept ?? "").includes("application/json")) throw new HttpProblem(401, request.t("opinion:vote.accountOnly"));
    reply.redirect(login, 303);
    return null;
  }
  const found = await cookieParticipant(services.db, request, m.id, true);
  if (!found) throw new HttpProblem(409, request.t("opinion:errors.participant"));
  if (found.cookieToken) setParticipantCookie(reply, services, m.slug, found.cookieToken);
  return { actor: request.actor, participantId: found.participant.id };
}
