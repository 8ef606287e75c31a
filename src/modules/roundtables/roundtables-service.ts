/** Operations on roundtables and their member organisations: each one transaction, audited. */
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { Checker, RoundtableInputError } from "./inputs.js";
import { ROUNDTABLE_SECTORS, type RoundtableSector } from "./tables.js";

export interface RoundtableRef {
  municipalityId: number;
  processId: number;
  id: number;
}

export interface RoundtableInput {
  name: string;
  topic: string;
  description: string;
}

const userId = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

function checkRoundtable(input: RoundtableInput) {
  const c = new Checker();
  const values = {
    name: c.text("name", input.name, { label: "el nombre de la mesa", min: 3, max: 160 }),
    topic: c.text("topic", input.topic, { label: "el tema", max: 300 }),
    description: c.text("description", input.description, { label: "la descripción", max: 8000 }),
  };
  c.done();
  return values;
}

export async function createRoundtable(trx: Executor, process: { municipalityId: number; id: number }, input: RoundtableInput, actor: Actor): Promise<RoundtableRef> {
  const v = checkRoundtable(input);
  const row = await trx
    .insertInto("roundtables")
    .values({ municipality_id: process.municipalityId, process_id: process.id, name: v.name, topic: v.topic, description: v.description, created_by: userId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor, municipalityId: process.municipalityId, action: "roundtables.create", subjectType: "roundtable", subjectId: row.id, details: { processId: process.id, name: v.name } });
  return { municipalityId: process.municipalityId, processId: process.id, id: row.id };
}

export async function updateRoundtable(trx: Executor, ref: RoundtableRef, input: RoundtableInput, actor: Actor): Promise<void> {
  const v = checkRoundtable(input);
  await trx
    .updateTable("roundtables")
    .set({ name: v.name, topic: v.topic, description: v.description, updated_at: new Date() })
    .where("municipality_id", "=", ref.municipalityId)
    .where("id", "=", ref.id)
    .execute();
  await recordAudit(trx, { actor, municipalityId: ref.municipalityId, action: "roundtables.update", subjectType: "roundtable", subjectId: ref.id, details: v });
}

export interface MemberInput {
  organisation: string;
  sector: string;
  representativeRole: string;
  representativeName: string;
  namePublic: boolean;
  coordinator: boolean;
  active?: boolean;
}

function checkMember(input: MemberInput) {
  const c = new Checker();
  const values = {
    organisation: c.text("organisation", input.organisation, { label: "el nombre de la organización", min: 2, max: 200 }),
    sector: c.oneOf<RoundtableSector>("sector", input.sector, ROUNDTABLE_SECTORS, "Elija el sector: gobierno, sociedad civil, empresarial o academia."),
    representativeRole: c.text("representativeRole", input.representativeRole, { label: "el cargo de quien representa", max: 160 }),
    representativeName: c.text("representativeName", input.representativeName, { label: "el nombre de quien representa", max: 160 }),
  };
  if (input.namePublic && values.representativeName === "") c.fail("representativeName", "Para publicar el nombre de quien representa, escríbalo.");
  c.done();
  return values;
}

async function assertUniqueOrganisation(trx: Executor, ref: RoundtableRef, organisation: string, exceptId: number | null): Promise<void> {
  let q = trx
    .selectFrom("roundtable_members")
    .select("id")
    .where("municipality_id", "=", ref.municipalityId)
    .where("roundtable_id", "=", ref.id)
    .where((eb) => eb(eb.fn("lower", ["organisation"]), "=", organisation.toLowerCase()));
  if (exceptId !== null) q = q.where("id", "<>", exceptId);
  if (await q.executeTakeFirst()) throw RoundtableInputError.single("organisation", `La organización «${organisation}» ya es integrante de esta mesa.`, 409);
}

/** A coordinator replaces the previous one (one coordinating organisation per roundtable). */
async function clearCoordinator(trx: Executor, ref: RoundtableRef, exceptId: number | null): Promise<void> {
  let q = trx.updateTable("roundtable_members").set({ coordinator: false }).where("municipality_id", "=", ref.municipalityId).where("roundtable_id", "=", ref.id).where("coordinator", "=", true);
  if (exceptId !== null) q = q.where("id", "<>", exceptId);
  await q.execute();
}

export async function addMember(trx: Executor, ref: RoundtableRef, input: MemberInput, actor: Actor): Promise<number> {
  const v = checkMember(input);
  await assertUniqueOrganisation(trx, ref, v.organisation, null);
  if (input.coordinator) await clearCoordinator(trx, ref, null);
  const row = await trx
    .insertInto("roundtable_members")
    .values({
      municipality_id: ref.municipalityId,
      roundtable_id: ref.id,
      organisation: v.organisation,
      sector: v.sector,
      representative_role: v.representativeRole,
      representative_name: v.representativeName,
      name_public: input.namePublic,
      coordinator: input.coordinator,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor,
    municipalityId: ref.municipalityId,
    action: "roundtables.member.add",
    subjectType: "roundtable",
    subjectId: ref.id,
    details: { memberId: row.id, organisation: v.organisation, sector: v.sector, namePublic: input.namePublic, coordinator: input.coordinator },
  });
  return row.id;
}

export async function updateMember(trx: Executor, ref: RoundtableRef, memberId: number, input: MemberInput, actor: Actor): Promise<void> {
  const v = checkMember(input);
  const existing = await trx.selectFrom("roundtable_members").select("id").where("municipality_id", "=", ref.municipalityId).where("roundtable_id", "=", ref.id).where("id", "=", memberId).executeTakeFirst();
  if (!existing) throw RoundtableInputError.single("member", "La organización no es integrante de esta mesa.", 404);
  await assertUniqueOrganisation(trx, ref, v.organisation, memberId);
  const active = input.active ?? true;
  const coordinator = input.coordinator && active;
  if (coordinator) await clearCoordinator(trx, ref, memberId);
  await trx
    .updateTable("roundtable_members")
    .set({ organisation: v.organisation, sector: v.sector, representative_role: v.representativeRole, representative_name: v.representativeName, name_public: input.namePublic, coordinator, active })
    .where("municipality_id", "=", ref.municipalityId)
    .where("id", "=", memberId)
    .execute();
  await recordAudit(trx, {
    actor,
    municipalityId: ref.municipalityId,
    action: "roundtables.member.update",
    subjectType: "roundtable",
    subjectId: ref.id,
    details: { memberId, organisation: v.organisation, sector: v.sector, namePublic: input.namePublic, coordinator, active },
  });
}
