/** Fixtures for the opinion tests: a conversation with seed statements, synthetic voters in planted groups, a Polis-layout folder. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { anonymous } from "../../platform/policy.js";
import type { Db } from "../../platform/db/database.js";
import { createConversation, type ConversationInput, type ConversationView } from "./conversations.js";

export const SEEDS = [
  "El centro debería ser peatonal los domingos.",
  "Hacen falta más ciclovías protegidas.",
  "Quitar estacionamiento perjudica a los comercios.",
  "Las obras deben consultarse con los vecinos.",
  "Ampliar avenidas reduce el tráfico.",
  "Las banquetas deben ser accesibles para todas las personas.",
  "El transporte público debe ser la prioridad.",
  "Cobrar estacionamiento en el centro es justo.",
];

export async function makeConversation(db: Db, municipalityId: number, overrides: Partial<ConversationInput> = {}, seeds = SEEDS): Promise<ConversationView> {
  return createConversation(
    db, municipalityId, anonymous,
    { topic: "Movilidad en el centro", description: "Conversación de prueba.", moderation: "post", identity: "anonymous", participantStatements: true, processId: null, ...overrides },
    seeds,
  );
}

/**
 * `perGroup` synthetic voters (no participant) in two planted groups: group 0 agrees with even
 * statements and disagrees with odd ones, group 1 the opposite; statement 3 and 5 are agreed by
 * everyone (consensus). Deterministic.
 */
export async function plantVotes(db: Db, municipalityId: number, conversationId: number, perGroup = 12): Promise<{ groupOf: Map<number, number> }> {
  const statements = await db.selectFrom("opinion_statements").select(["id", "number"]).where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).where("status", "=", "accepted").orderBy("number").execute();
  const voters = await db
    .insertInto("opinion_voters")
    .values(Array.from({ length: perGroup * 2 }, (_, i) => ({ municipality_id: municipalityId, conversation_id: conversationId, number: 1000 + i, participant_id: null })))
    .returning(["id", "number"])
    .execute();
  const groupOf = new Map<number, number>();
  const rows = [];
  for (const v of voters) {
    const g = (v.number - 1000) % 2;
    groupOf.set(v.number, g);
    for (const s of statements) {
      const consensus = s.number === 3 || s.number === 5;
      const agree = consensus || (s.number % 2 === 0) === (g === 0);
      // One in 13 votes flips, so groups are not perfectly clean.
      const flip = (v.number * 7 + s.number * 3) % 13 === 0 && !consensus;
      rows.push({ municipality_id: municipalityId, conversation_id: conversationId, voter_id: v.id, statement_id: s.id, vote: agree !== flip ? 1 : -1 });
    }
  }
  await db.insertInto("opinion_votes").values(rows).execute();
  return { groupOf };
}

/** A folder with files (name → content), removed by the caller. */
export function tempFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-polis-"));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
