/**
 * The staff routes an office and a procedure have alike: the list with its create form, the
 * record's page with its edit form, and the tick list of what links it to the other side (the
 * procedures offered at an office, the offices where a procedure is done). Each save is one
 * transaction; a person's mistake re-renders the page with the messages (422), nothing stored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuditBy } from "../../platform/audit/audit.js";
import type { Trx } from "../../platform/db/database.js";
import { pathParams, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { submitForm, values } from "../plans/staff-http.js";
import type { FailedForm } from "../plans/views/staff-parts.js";
import { linkChoice, managerMunicipality, notFound } from "./office-http.js";
import type { LinkChoice } from "./office-links.js";

export type Render<T> = (request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, record: T, failed?: FailedForm, status?: number) => Promise<unknown>;

export interface StaffForms<T extends { id: number; slug: string }, I> {
  /** "oficinas" or "tramites": the word after /:slug/admin/. */
  segment: string;
  /** The route parameter naming the record (":office"). */
  param: string;
  /** The field names the forms post (kept when a form is shown again). */
  fields: string[];
  /** The link form's field name and the URL word after the record ("tramites", "oficinas"). */
  links: { field: string; segment: string; anchor: string };
  /** Flash messages (already translated keys). */
  flash: { created: string; saved: string; linked: string };
  load(services: Services, municipalityId: number, slug: string): Promise<T | undefined>;
  read(body: unknown): I;
  create(trx: Trx, municipalityId: number, by: AuditBy, input: I): Promise<{ slug: string }>;
  update(trx: Trx, municipalityId: number, by: AuditBy, id: number, input: I): Promise<{ slug: string }>;
  link(trx: Trx, municipalityId: number, by: AuditBy, id: number, choice: LinkChoice): Promise<void>;
  listPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, failed?: FailedForm, status?: number): Promise<unknown>;
  recordPage: Render<T>;
}

export function registerStaffForms<T extends { id: number; slug: string }, I>(app: FastifyInstance, services: Services, s: StaffForms<T, I>): void {
  const { db } = services;
  const list = `/:slug/admin/${s.segment}`;
  const one = `${list}/:${s.param}`;
  const params = pathParams([s.param]);
  const recordPath = (m: ActiveMunicipality, slug: string) => `/${m.slug}/admin/${s.segment}/${slug}`;
  const by = (request: FastifyRequest): AuditBy => ({ actor: request.actor });

  app.get(list, { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await managerMunicipality(request, reply, services);
    if (!m) return reply;
    return s.listPage(request, reply, m);
  });

  app.post(list, { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await managerMunicipality(request, reply, services);
    if (!m) return reply;
    let slug = "";
    return submitForm(
      request,
      reply,
      { name: "create", values: values(request.body, s.fields), done: request.t(s.flash.created), redirect: () => recordPath(m, slug) },
      async () => {
        slug = (await db.transaction().execute((trx) => s.create(trx, m.id, by(request), s.read(request.body)))).slug;
      },
      (failed, status) => s.listPage(request, reply, m, failed, status),
    );
  });

  async function staffRecord(request: FastifyRequest, reply: FastifyReply): Promise<{ m: ActiveMunicipality; record: T } | null> {
    const m = await managerMunicipality(request, reply, services);
    if (!m) return null;
    const record = await s.load(services, m.id, (request.params as Record<string, string>)[s.param]!);
    if (!record) throw notFound(request);
    return { m, record };
  }

  app.get(one, { schema: { params, hide: true } }, async (request, reply) => {
    const r = await staffRecord(request, reply);
    if (!r) return reply;
    return s.recordPage(request, reply, r.m, r.record);
  });

  app.post(one, { schema: { params, hide: true } }, async (request, reply) => {
    const r = await staffRecord(request, reply);
    if (!r) return reply;
    let slug = r.record.slug;
    return submitForm(
      request,
      reply,
      // The slug may change: the page is then at its new address.
      { name: "edit", values: values(request.body, s.fields), done: request.t(s.flash.saved), redirect: () => recordPath(r.m, slug) },
      async () => {
        slug = (await db.transaction().execute((trx) => s.update(trx, r.m.id, by(request), r.record.id, s.read(request.body)))).slug;
      },
      (failed, status) => s.recordPage(request, reply, r.m, r.record, failed, status),
    );
  });

  app.post(`${one}/${s.links.segment}`, { schema: { params, hide: true } }, async (request, reply) => {
    const r = await staffRecord(request, reply);
    if (!r) return reply;
    return submitForm(
      request,
      reply,
      { name: "links", values: {}, done: request.t(s.flash.linked), redirect: `${recordPath(r.m, r.record.slug)}#${s.links.anchor}` },
      () => db.transaction().execute((trx) => s.link(trx, r.m.id, by(request), r.record.id, linkChoice(request.body, s.links.field))),
      (failed, status) => s.recordPage(request, reply, r.m, r.record, failed, status),
    );
  });
}
