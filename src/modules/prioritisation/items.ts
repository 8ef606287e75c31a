/**
 * The items a process prioritises (problems, projects): staff create and edit them; each says
 * which methods it takes part in, and budgeting needs its cost. One transaction each, audited.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { ParticipationInputError } from "../participation/errors.js";
import { findColoniaBySlug } from "../territory/queries.js";
import { slugify } from "../territory/slug.js";
import { parsePesos } from "./settings.js";
import { METHODS, type Method } from "./tables.js";

/** A ballot lists every item of its method on one page, so a process keeps a reasonable number. */
export const MAX_ITEMS = 200;

export interface ItemView {
  id: number;
  processId: number;
  title: string;
  description: string;
  colonia: { slug: string; name: string } | null;
  cost: number | null;
  proposalId: number | null;
  methods: Method[];
}

export interface ItemInput {
  title?: unknown;
  description?: unknown;
  colonia?: unknown;
  cost?: unknown;
  proposalId?: unknown;
  methods?: unknown;
}

/** What the item form shows back after an error. */
export interface ItemValues {
  title: string;
  description: string;
  colonia: string;
  cost: string;
  proposalId: string;
  methods: Method[];
}

export const EMPTY_ITEM: ItemValues = { title: "", description: "", colonia: "", cost: "", proposalId: "", methods: [...METHODS] };

const str = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max + 1) : "");

export function itemValues(input: ItemInput): ItemValues {
  const raw = Array.isArray(input.methods) ? input.methods : input.methods === undefined ? [] : [input.methods];
  return {
    title: str(input.title, 200),
    description: str(input.description, 4000),
    colonia: str(input.colonia, 200),
    cost: str(input.cost, 20),
    proposalId: str(input.proposalId, 12),
    methods: METHODS.filter((m) => raw.includes(m)),
  };
}

export function valuesOf(item: ItemView): ItemValues {
  return {
    title: item.title,
    description: item.description,
    colonia: item.colonia?.name ?? "",
    cost: item.cost === null ? "" : String(item.cost),
    proposalId: item.proposalId === null ? "" : String(item.proposalId),
    methods: item.methods,
  };
}

async function checkItem(db: Executor, municipalityId: number, values: ItemValues) {
  const errors: { field: string; message: string }[] = [];
  if (values.title.length < 3 || values.title.length > 200) errors.push({ field: "title", message: "Escriba un título de 3 a 200 caracteres." });
  if (values.description.length > 4000) errors.push({ field: "description", message: "La descripción admite hasta 4,000 caracteres." });
  let coloniaId: number | null = null;
  if (values.colonia) {
    const colonia = await findColoniaBySlug(db, municipalityId, slugify(values.colonia, 120));
    if (colonia) coloniaId = colonia.id;
    else errors.push({ field: "colonia", message: `No encontramos la colonia «${values.colonia}» en el catálogo del municipio.` });
  }
  const cost = values.cost ? parsePesos(values.cost) : null;
  if (values.cost && cost === null) errors.push({ field: "cost", message: "Indique el costo en pesos, sin centavos (por ejemplo 850,000)." });
  if (values.methods.length === 0) errors.push({ field: "methods", message: "Elija al menos un método de priorización." });
  if (values.methods.includes("budget") && cost === null && !errors.some((e) => e.field === "cost")) {
    errors.push({ field: "cost", message: "Un proyecto del presupuesto participativo necesita su costo." });
  }
  let proposalId: number | null = null;
  if (values.proposalId) {
    if (/^\d{1,9}$/.test(values.proposalId) && Number(values.proposalId) > 0) proposalId = Number(values.proposalId);
    else errors.push({ field: "proposalId", message: "El número de propuesta debe ser un entero positivo." });
  }
  if (errors.length) throw new ParticipationInputError(errors);
  return { title: values.title, description: values.description, colonia_id: coloniaId, cost, proposal_id: proposalId, methods: values.methods };
}

function itemQuery(db: Executor, municipalityId: number, processId: number) {
  return db
    .selectFrom("prioritisation_items as i")
    .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "i.municipality_id").onRef("c.id", "=", "i.colonia_id"))
    .select(["i.id", "i.process_id", "i.title", "i.description", "i.cost", "i.proposal_id", "i.methods", "c.slug as colonia_slug", "c.name as colonia_name"])
    .where("i.municipality_id", "=", municipalityId)
    .where("i.process_id", "=", processId);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>["executeTakeFirstOrThrow"]>>;

function toView(r: ItemRow): ItemView {
  return {
    id: r.id,
    processId: r.process_id,
    title: r.title,
    description: r.description,
    colonia: r.colonia_slug && r.colonia_name ? { slug: r.colonia_slug, name: r.colonia_name } : null,
    cost: r.cost,
    proposalId: r.proposal_id,
    methods: METHODS.filter((m) => (r.methods as string[]).includes(m)),
  };
}

/** Every item of a process (or of one method), oldest first: a ballot shows them all. */
export async function itemsOf(db: Executor, municipalityId: number, processId: number, method?: Method): Promise<ItemView[]> {
  let q = itemQuery(db, municipalityId, processId);
  if (method) q = q.where(sql<boolean>`${method} = any(i.methods)`);
  return (await q.orderBy("i.id").execute()).map(toView);
}

export async function itemPage(db: Executor, municipalityId: number, processId: number, page: number, perPage: number): Promise<{ rows: ItemView[]; total: number }> {
  const total = await countItems(db, municipalityId, processId);
  const rows = await itemQuery(db, municipalityId, processId).orderBy("i.id").limit(perPage).offset((page - 1) * perPage).execute();
  return { rows: rows.map(toView), total };
}

export async function countItems(db: Executor, municipalityId: number, processId: number, method?: Method): Promise<number> {
  let q = db.selectFrom("prioritisation_items").where("municipality_id", "=", municipalityId).where("process_id", "=", processId);
  if (method) q = q.where(sql<boolean>`${method} = any(methods)`);
  return Number((await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
}

export async function findItem(db: Executor, municipalityId: number, processId: number, itemId: number): Promise<ItemView | null> {
  if (!Number.isSafeInteger(itemId) || itemId < 1 || itemId > 2147483647) return null;
  const row = await itemQuery(db, municipalityId, processId).where("i.id", "=", itemId).executeTakeFirst();
  return row ? toView(row) : null;
}

async function votesOn(db: Executor, municipalityId: number, processId: number, itemId: number): Promise<{ approval: boolean; budget: boolean; pairwise: boolean }> {
  const any = async (q: Promise<unknown>) => (await q) !== undefined;
  return {
    approval: await any(db.selectFrom("approval_ballot_items").select("item_id").where("municipality_id", "=", municipalityId).where("process_id", "=", processId).where("item_id", "=", itemId).limit(1).executeTakeFirst()),
    budget: await any(db.selectFrom("budget_ballot_items").select("item_id").where("municipality_id", "=", municipalityId).where("process_id", "=", processId).where("item_id", "=", itemId).limit(1).executeTakeFirst()),
    pairwise: await any(
      db.selectFrom("pairwise_comparisons").select("id").where("municipality_id", "=", municipalityId).where("process_id", "=", processId)
        .where((eb) => eb.or([eb("left_item_id", "=", itemId), eb("right_item_id", "=", itemId)])).limit(1).executeTakeFirst(),
    ),
  };
}

async function lockProcess(trx: Executor, municipalityId: number, processId: number): Promise<void> {
  const row = await trx.selectFrom("participatory_processes").select("id").where("municipality_id", "=", municipalityId).where("id", "=", processId).forUpdate().executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El proceso no existe.");
}

export async function createItem(db: Db, municipalityId: number, actor: Actor, processId: number, input: ItemInput): Promise<ItemView> {
  const values = await checkItem(db, municipalityId, itemValues(input));
  return db.transaction().execute(async (trx) => {
    await lockProcess(trx, municipalityId, processId);
    if ((await countItems(trx, municipalityId, processId)) >= MAX_ITEMS) {
      throw new HttpProblem(409, `Un proceso admite hasta ${MAX_ITEMS} elementos por priorizar.`);
    }
    const row = await trx.insertInto("prioritisation_items").values({ municipality_id: municipalityId, process_id: processId, ...values }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId, action: "prioritisation.item.create", subjectType: "prioritisation_item", subjectId: row.id, details: { processId, title: values.title, cost: values.cost, methods: values.methods } });
    return (await findItem(trx, municipalityId, processId, row.id))!;
  });
}

/**
 * Edit an item. Once people voted on it, its cost and the methods it was voted in are fixed
 * (a ballot that fit the budget must keep fitting; nobody's vote disappears).
 */
export async function updateItem(db: Db, municipalityId: number, actor: Actor, processId: number, itemId: number, input: ItemInput): Promise<ItemView> {
  const values = await checkItem(db, municipalityId, itemValues(input));
  return db.transaction().execute(async (trx) => {
    await lockProcess(trx, municipalityId, processId);
    const before = await findItem(trx, municipalityId, processId, itemId);
    if (!before) throw new HttpProblem(404, "El elemento no existe.");
    const voted = await votesOn(trx, municipalityId, processId, itemId);
    if (voted.budget && values.cost !== before.cost) {
      throw ParticipationInputError.single("cost", "Este proyecto ya tiene votos del presupuesto participativo: su costo ya no puede cambiar.", 409);
    }
    const dropped = before.methods.filter((m) => !values.methods.includes(m) && voted[m]);
    if (dropped.length) {
      throw ParticipationInputError.single("methods", "Este elemento ya tiene votos en un método que se quiere quitar: no puede quitarse de ese método.", 409);
    }
    await trx.updateTable("prioritisation_items").set({ ...values, updated_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("process_id", "=", processId).where("id", "=", itemId).execute();
    await recordAudit(trx, { actor, municipalityId, action: "prioritisation.item.update", subjectType: "prioritisation_item", subjectId: itemId, details: { processId, title: values.title, cost: { from: before.cost, to: values.cost }, methods: { from: before.methods, to: values.methods } } });
    return (await findItem(trx, municipalityId, processId, itemId))!;
  });
}

/** Remove an item nobody has voted on (a mistake); with votes it stays, since votes are never lost. */
export async function deleteItem(db: Db, municipalityId: number, actor: Actor, processId: number, itemId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockProcess(trx, municipalityId, processId);
    const before = await findItem(trx, municipalityId, processId, itemId);
    if (!before) throw new HttpProblem(404, "El elemento no existe.");
    const voted = await votesOn(trx, municipalityId, processId, itemId);
    if (voted.approval || voted.budget || voted.pairwise) throw new HttpProblem(409, "Este elemento ya recibió votos o comparaciones: no puede eliminarse.");
    await trx.deleteFrom("prioritisation_items").where("municipality_id", "=", municipalityId).where("process_id", "=", processId).where("id", "=", itemId).execute();
    await recordAudit(trx, { actor, municipalityId, action: "prioritisation.item.delete", subjectType: "prioritisation_item", subjectId: itemId, details: { processId, title: before.title } });
  });
}
