/**
 * Staff pages of a process's prioritisation (administrators and the participation team): items,
 * approval limit and budget, and paper ballots entered for in-person participants.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { ParticipationInputError } from "../participation/errors.js";
import { managedProcessOr404, todayIn, type ProcessView } from "../participation/processes.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { enterPaperBallot, readItemIds } from "./ballots.js";
import { pesos } from "./budget.js";
import { createItem, deleteItem, EMPTY_ITEM, findItem, itemPage, itemsOf, itemValues, updateItem, valuesOf, type ItemValues } from "./items.js";
import { enterPaperComparison, readPairAnswer } from "./pairwise.js";
import { loadSettings, saveSettings } from "./settings.js";
import { processParams } from "./routes-public.js";
import { AdminPage, ItemEditPage, PaperBallotPage, adminBase } from "./views/admin.js";

export const ADMIN_PAGE_SIZE = 25;

const itemParams = {
  type: "object",
  properties: { ...processParams.properties, itemId: { type: "string", pattern: "^[0-9]{1,9}$" } },
  required: ["slug", "process", "itemId"],
} as const;

type Body = Record<string, unknown>;
const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;

/** Errors a person can fix on the form; anything else goes to the error page. */
function formErrors(error: unknown): Record<string, string> | null {
  if (error instanceof ParticipationInputError) return error.fieldErrors();
  return null;
}

export function registerStaffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  async function renderAdmin(
    request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView,
    state: { newItem?: ItemValues; itemErrors?: Record<string, string>; settingsValues?: { approvalLimit: string; budgetTotal: string }; settingsErrors?: Record<string, string> } = {}, status = 200,
  ) {
    const page = parsePage((request.query as Body | undefined)?.pagina);
    const [settings, list] = await Promise.all([loadSettings(db, m.id, process.id), itemPage(db, m.id, process.id, page, ADMIN_PAGE_SIZE)]);
    return reply.page(
      AdminPage({
        ctx: request.pageContext({ municipality: m }),
        process,
        settings,
        items: list.rows,
        info: { page, perPage: ADMIN_PAGE_SIZE, total: list.total },
        newItem: state.newItem ?? EMPTY_ITEM,
        itemErrors: state.itemErrors ?? {},
        settingsValues: state.settingsValues ?? { approvalLimit: String(settings.approvalLimit), budgetTotal: settings.budgetTotal === null ? "" : String(settings.budgetTotal) },
        settingsErrors: state.settingsErrors ?? {},
      }),
      status,
    );
  }

  const base = "/:slug/admin/participa/:process/priorizacion";

  app.get(base, { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return renderAdmin(request, reply, found.municipality, found.process);
  });

  app.post(`${base}/ajustes`, { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const body = bodyOf(request);
    try {
      await saveSettings(db, m.id, request.actor, process.id, { approvalLimit: body.approvalLimit, budgetTotal: body.budgetTotal });
    } catch (error) {
      const str = (v: unknown) => (typeof v === "string" ? v.slice(0, 20) : "");
      const errors = formErrors(error) ?? (error instanceof HttpProblem && error.status === 409 ? { approvalLimit: error.message } : null);
      if (!errors) throw error;
      return renderAdmin(request, reply, m, process, { settingsValues: { approvalLimit: str(body.approvalLimit), budgetTotal: str(body.budgetTotal) }, settingsErrors: errors }, error instanceof HttpProblem ? error.status : 422);
    }
    reply.flash("success", request.t("prioritisation:admin.settingsSaved"));
    return reply.redirect(adminBase(request.pageContext({ municipality: m }), process), 303);
  });

  app.post(`${base}/elementos`, { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const body = bodyOf(request);
    try {
      const item = await createItem(db, m.id, request.actor, process.id, body);
      reply.flash("success", request.t("prioritisation:admin.itemCreated", { title: item.title }));
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return renderAdmin(request, reply, m, process, { newItem: itemValues(body), itemErrors: errors }, 422);
    }
    return reply.redirect(`${adminBase(request.pageContext({ municipality: m }), process)}#elementos`, 303);
  });

  async function itemOr404(request: FastifyRequest, m: ActiveMunicipality, process: ProcessView) {
    const item = await findItem(db, m.id, process.id, Number((request.params as { itemId: string }).itemId));
    if (!item) throw new HttpProblem(404, request.t("errors.notFound"));
    return item;
  }

  app.get(`${base}/elementos/:itemId`, { schema: { hide: true, params: itemParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const item = await itemOr404(request, found.municipality, found.process);
    return reply.page(ItemEditPage({ ctx: request.pageContext({ municipality: found.municipality }), process: found.process, item, values: valuesOf(item), errors: {} }));
  });

  app.post(`${base}/elementos/:itemId`, { schema: { hide: true, params: itemParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const item = await itemOr404(request, m, process);
    const body = bodyOf(request);
    try {
      await updateItem(db, m.id, request.actor, process.id, item.id, body);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return reply.page(ItemEditPage({ ctx: request.pageContext({ municipality: m }), process, item, values: itemValues(body), errors }), (error as HttpProblem).status);
    }
    reply.flash("success", request.t("prioritisation:admin.itemSaved"));
    return reply.redirect(adminBase(request.pageContext({ municipality: m }), process), 303);
  });

  app.post(`${base}/elementos/:itemId/eliminar`, { schema: { hide: true, params: itemParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const item = await itemOr404(request, m, process);
    await deleteItem(db, m.id, request.actor, process.id, item.id);
    reply.flash("success", request.t("prioritisation:admin.itemDeleted", { title: item.title }));
    return reply.redirect(adminBase(request.pageContext({ municipality: m }), process), 303);
  });

  // Paper ballots and comparisons.
  const PAPER = {
    approval: { path: "votaciones", method: "approval" },
    budget: { path: "presupuesto", method: "budget" },
    pairwise: { path: "comparaciones", method: "pairwise" },
  } as const;
  type PaperKind = keyof typeof PAPER;
  type PaperValues = { curp: string; items: number[]; left: string; right: string; outcome: string };
  const EMPTY_PAPER: PaperValues = { curp: "", items: [], left: "", right: "", outcome: "" };

  async function renderPaper(request: FastifyRequest, reply: FastifyReply, kind: PaperKind, m: ActiveMunicipality, process: ProcessView, values: PaperValues, errors: Record<string, string>, status = 200) {
    const [items, settings] = await Promise.all([itemsOf(db, m.id, process.id, PAPER[kind].method), loadSettings(db, m.id, process.id)]);
    const t = request.t;
    const limitText =
      kind === "approval" ? t("prioritisation:approval.intro", { limit: settings.approvalLimit })
        : kind === "budget" ? (settings.budgetTotal === null ? t("prioritisation:budget.noBudget") : t("prioritisation:budget.intro", { budget: pesos(settings.budgetTotal) }))
          : t("prioritisation:pairwise.intro");
    return reply.page(PaperBallotPage({ ctx: request.pageContext({ municipality: m }), process, kind, items, values, errors, limitText }), status);
  }

  for (const kind of Object.keys(PAPER) as PaperKind[]) {
    const path = `${base}/${PAPER[kind].path}/presencial`;
    app.get(path, { schema: { hide: true, params: processParams } }, async (request, reply) => {
      const found = await managedProcessOr404(request, reply, services);
      if (!found) return reply;
      return renderPaper(request, reply, kind, found.municipality, found.process, EMPTY_PAPER, {});
    });

    app.post(path, { schema: { hide: true, params: processParams } }, async (request, reply) => {
      const found = await managedProcessOr404(request, reply, services);
      if (!found) return reply;
      const { municipality: m, process } = found;
      const body = bodyOf(request);
      const str = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : "");
      const curp = str(body.curp, 40).toUpperCase() || null;
      const ids = readItemIds(body.items ?? body.item);
      const values: PaperValues = { curp: curp ?? "", items: ids ?? [], left: str(body.left, 12), right: str(body.right, 12), outcome: str(body.outcome, 10) };
      const today = todayIn(m.timeZone);
      try {
        if (kind === "pairwise") {
          const answer = readPairAnswer(body);
          if (!answer) throw ParticipationInputError.single("left", request.t("prioritisation:admin.badPair"));
          await enterPaperComparison(db, process, request.actor, curp, answer, today);
        } else {
          if (ids === null) throw ParticipationInputError.single("items", request.t("prioritisation:badItems"));
          await enterPaperBallot(db, kind, process, request.actor, curp, ids, today);
        }
      } catch (error) {
        if (!(error instanceof HttpProblem) || ![409, 422].includes(error.status)) throw error;
        const errors = formErrors(error) ?? { [kind === "pairwise" ? "left" : "items"]: error.message };
        return renderPaper(request, reply, kind, m, process, values, errors, error.status);
      }
      reply.flash("success", request.t("prioritisation:admin.paperRecorded"));
      return reply.redirect(`${adminBase(request.pageContext({ municipality: m }), process)}/${PAPER[kind].path}/presencial`, 303);
    });
  }
}
