/**
 * Staff pages of brigades: the list with the create form, and one brigade — its summary and
 * follow-up list (coordinators and channel managers), its route and members, and its data
 * (channel managers edit them).
 */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { dateTime, formState, GeneralError, type FailedForm } from "../../plans/views/staff-parts.js";
import type { BrigadeRow, RouteStop, StaffMember } from "../brigade-queries.js";
import type { FollowUp, StaffBrigadeSummary } from "../brigade-summary.js";
import { BRIGADE_ROLES, BRIGADE_STATUSES } from "../tables.js";
import * as u from "../urls.js";
import { AdminCrumbs, BrigadesTable, Counts, period, RouteTable, statusLabel, TallyTable } from "./brigade-parts.js";

export const BRIGADE_FIELDS = ["name", "slug", "description", "startsOn", "endsOn", "status", "processId"];
export const STOP_FIELDS = ["coloniaId", "visitOn"];
export const MEMBER_FIELDS = ["email", "role"];

export interface Choice {
  id: number;
  name: string;
}

export function brigadeValues(b: BrigadeRow): Record<string, string> {
  return { name: b.name, slug: b.slug, description: b.description, startsOn: b.startsOn, endsOn: b.endsOn, status: b.status, processId: b.processId === null ? "" : String(b.processId) };
}

function BrigadeFields({ ctx, values, errors, processes }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string>; processes: Choice[] }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="name" label={t("brigades:fields.name")} hint={t("brigades:hints.name")} value={values.name} error={errors?.name} required />
      <TextField ctx={ctx} name="slug" label={t("brigades:fields.slug")} hint={t("brigades:hints.slug")} value={values.slug} error={errors?.slug} required />
      <TextArea ctx={ctx} name="description" label={t("brigades:fields.description")} value={values.description} error={errors?.description} rows={3} />
      <TextField ctx={ctx} name="startsOn" type="date" label={t("brigades:fields.startsOn")} hint={t("brigades:hints.date")} value={values.startsOn} error={errors?.startsOn} required />
      <TextField ctx={ctx} name="endsOn" type="date" label={t("brigades:fields.endsOn")} value={values.endsOn} error={errors?.endsOn} required />
      <SelectField ctx={ctx} name="status" label={t("brigades:fields.status")} hint={t("brigades:hints.status")} value={values.status || "planeada"} error={errors?.status} options={BRIGADE_STATUSES.map((s) => ({ value: s, label: statusLabel(ctx, s) }))} required />
      <SelectField ctx={ctx} name="processId" label={t("brigades:fields.process")} hint={t("brigades:hints.process")} value={values.processId} error={errors?.processId} placeholder={t("brigades:noProcess")} options={processes.map((p) => ({ value: String(p.id), label: p.name }))} />
    </>
  );
}

export function AdminBrigadesPage({ ctx, brigades, info, processes, failed }: { ctx: PageContext; brigades: BrigadeRow[]; info: PageInfo; processes: Choice[]; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const create = formState(failed, "create", { status: "planeada" });
  return (
    <Layout ctx={ctx} title={t("brigades:admin.title")}>
      <AdminCrumbs ctx={ctx} items={[]} />
      <h1>{t("brigades:admin.title")}</h1>
      <p class="lead">{t("brigades:admin.lead")}</p>
      <p>
        <a href={u.brigadeAppPath(m)}>{t("brigades:admin.appLink")}</a>
      </p>
      <BrigadesTable ctx={ctx} caption={t("brigades:admin.caption")} empty={t("brigades:admin.none")} rows={brigades} href={(slug) => u.adminBrigadePath(m, slug)} />
      <Pagination ctx={ctx} info={info} />
      <section aria-labelledby="nueva-brigada">
        <h2 id="nueva-brigada">{t("brigades:admin.create")}</h2>
        <Form ctx={ctx} action={u.adminBrigadesPath(m)} errors={create.errors}>
          <GeneralError errors={create.errors} />
          <BrigadeFields ctx={ctx} values={create.values} errors={create.errors} processes={processes} />
          <Button>{t("brigades:admin.createButton")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export interface AdminBrigadeProps {
  ctx: PageContext;
  brigade: BrigadeRow;
  timeZone: string;
  canManage: boolean;
  summary: StaffBrigadeSummary;
  followUp: FollowUp[];
  followUpInfo: PageInfo;
  route: RouteStop[];
  routeInfo: PageInfo;
  members: StaffMember[];
  membersInfo: PageInfo;
  colonias: Choice[];
  processes: (Choice & { slug: string })[];
  failed?: FailedForm;
}

function FollowUpTable({ ctx, rows, timeZone }: { ctx: PageContext; rows: FollowUp[]; timeZone: string }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Table<FollowUp>
      caption={t("brigades:followUp.caption")}
      empty={t("brigades:followUp.none")}
      rows={rows}
      columns={[
        { header: t("brigades:followUp.when"), cell: (r) => dateTime(ctx, r.capturedAt, timeZone) },
        {
          header: t("brigades:followUp.folio"),
          cell: (r) =>
            r.folio ? <a href={u.adminRequestPath(m, r.folio)}>{r.folio}</a>
            : r.proposal ? <a href={u.proposalPagePath(m, r.proposal.processSlug, r.proposal.number)}>{r.proposal.folio}</a>
            : t(`brigades:kind.${r.kind}`),
        },
        { header: t("brigades:followUp.colonia"), cell: (r) => r.colonia ?? t("brigades:counts.none") },
        { header: t("brigades:followUp.name"), cell: (r) => r.name ?? "—" },
        { header: t("brigades:followUp.phone"), cell: (r) => (r.phone ? <a href={`tel:${r.phone.replace(/[^0-9+]/g, "")}`}>{r.phone}</a> : "—") },
        { header: t("brigades:followUp.email"), cell: (r) => (r.email ? <a href={`mailto:${r.email}`}>{r.email}</a> : "—") },
        { header: t("brigades:followUp.paperForm"), cell: (r) => r.paperForm ?? "—" },
        { header: t("brigades:followUp.member"), cell: (r) => r.member ?? "—" },
      ]}
    />
  );
}

function RemoveButton({ ctx, action, label, fields = {} }: { ctx: PageContext; action: string; label: string; fields?: Record<string, string> }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {Object.entries(fields).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <button type="submit" class="button button-danger" aria-label={label}>{ctx.t("brigades:remove")}</button>
    </form>
  );
}

export function AdminBrigadePage(p: AdminBrigadeProps) {
  const { ctx, brigade, canManage, summary, failed } = p;
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = u.adminBrigadePath(m, brigade.slug);
  const edit = formState(failed, "edit", brigadeValues(brigade));
  const stop = formState(failed, "stop", { visitOn: brigade.startsOn });
  const member = formState(failed, "member", { role: "brigadista" });
  const process = p.processes.find((x) => x.id === brigade.processId);
  return (
    <Layout ctx={ctx} title={brigade.name}>
      {canManage ? (
        <AdminCrumbs ctx={ctx} items={[{ label: brigade.name }]} />
      ) : (
        // A coordinator who is not staff comes from the brigade app, not from the administration.
        <Breadcrumbs items={[{ href: u.brigadeAppPath(m), label: t("brigades:app.title") }, { label: brigade.name }]} />
      )}
      <h1>{brigade.name}</h1>
      <dl class="facts">
        <dt>{t("brigades:fields.status")}</dt>
        <dd>{statusLabel(ctx, brigade.status)}</dd>
        <dt>{t("brigades:fields.period")}</dt>
        <dd>{period(ctx, brigade.startsOn, brigade.endsOn)}</dd>
        <dt>{t("brigades:fields.process")}</dt>
        <dd>{process ? process.name : t("brigades:noProcess")}</dd>
        <dt>{t("brigades:admin.publicPage")}</dt>
        <dd>{brigade.status === "planeada" ? t("brigades:admin.notPublic") : <a href={u.brigadePath(m, brigade.slug)}>{t("brigades:admin.publicLink")}</a>}</dd>
      </dl>
      {brigade.description && <p class="description">{brigade.description}</p>}

      <section aria-labelledby="resumen">
        <h2 id="resumen">{t("brigades:summary.title")}</h2>
        <Counts ctx={ctx} counts={summary} />
        <TallyTable ctx={ctx} caption={t("brigades:summary.byService")} header={t("brigades:summary.service")} rows={summary.byService} empty={t("brigades:summary.noRequests")} />
        <TallyTable ctx={ctx} caption={t("brigades:summary.byColonia")} header={t("brigades:route.colonia")} rows={summary.byColonia} empty={t("brigades:summary.noRecords")} />
        <TallyTable ctx={ctx} caption={t("brigades:summary.byMember")} header={t("brigades:members.person")} rows={summary.byMember} empty={t("brigades:summary.noRecords")} />
      </section>

      <section aria-labelledby="seguimiento">
        <h2 id="seguimiento">{t("brigades:followUp.title")}</h2>
        <p class="hint">{t("brigades:followUp.lead")}</p>
        <FollowUpTable ctx={ctx} rows={p.followUp} timeZone={p.timeZone} />
        <Pagination ctx={ctx} info={p.followUpInfo} param="seguimiento" label={t("brigades:followUp.title")} />
      </section>

      <section aria-labelledby="ruta">
        <h2 id="ruta">{t("brigades:route.title")}</h2>
        <RouteTable
          ctx={ctx}
          rows={p.route}
          action={canManage ? (s) => <RemoveButton ctx={ctx} action={`${u.adminBrigadeRoutePath(m, brigade.slug)}/eliminar`} label={t("brigades:route.removeNamed", { colonia: s.colonia, day: s.visitOn })} fields={{ coloniaId: String(s.coloniaId), visitOn: s.visitOn }} /> : undefined}
        />
        <Pagination ctx={ctx} info={p.routeInfo} param="ruta" label={t("brigades:route.title")} />
        {canManage && (
          <>
            <h3>{t("brigades:route.add")}</h3>
            <Form ctx={ctx} action={u.adminBrigadeRoutePath(m, brigade.slug)} errors={stop.errors}>
              <SelectField ctx={ctx} name="coloniaId" label={t("brigades:route.colonia")} value={stop.values.coloniaId} error={stop.errors?.coloniaId} placeholder={t("brigades:route.choose")} options={p.colonias.map((c) => ({ value: String(c.id), label: c.name }))} required />
              <TextField ctx={ctx} name="visitOn" type="date" label={t("brigades:route.day")} hint={t("brigades:hints.date")} value={stop.values.visitOn} error={stop.errors?.visitOn} required />
              <Button kind="secondary">{t("brigades:route.addButton")}</Button>
            </Form>
          </>
        )}
      </section>

      <section aria-labelledby="integrantes">
        <h2 id="integrantes">{t("brigades:members.title")}</h2>
        <Table<StaffMember>
          caption={t("brigades:members.caption")}
          empty={t("brigades:members.none")}
          rows={p.members}
          columns={[
            { header: t("brigades:members.person"), cell: (x) => x.name },
            ...(canManage ? [{ header: t("brigades:members.email"), cell: (x: StaffMember) => x.email }] : []),
            { header: t("brigades:members.role"), cell: (x) => t(`brigades:role.${x.role}`) },
            ...(canManage
              ? [{ header: t("brigades:members.action"), cell: (x: StaffMember) => <RemoveButton ctx={ctx} action={`${u.adminBrigadeMembersPath(m, brigade.slug)}/${x.userId}/eliminar`} label={t("brigades:members.removeNamed", { name: x.name })} /> }]
              : []),
          ]}
        />
        <Pagination ctx={ctx} info={p.membersInfo} param="integrantes" label={t("brigades:members.title")} />
        {canManage && (
          <>
            <h3>{t("brigades:members.add")}</h3>
            <Form ctx={ctx} action={u.adminBrigadeMembersPath(m, brigade.slug)} errors={member.errors}>
              <TextField ctx={ctx} name="email" type="email" autocomplete="off" label={t("brigades:members.email")} hint={t("brigades:members.emailHint")} value={member.values.email} error={member.errors?.email} required />
              <SelectField ctx={ctx} name="role" label={t("brigades:members.role")} value={member.values.role} error={member.errors?.role} options={BRIGADE_ROLES.map((r) => ({ value: r, label: t(`brigades:role.${r}`) }))} required />
              <Button kind="secondary">{t("brigades:members.addButton")}</Button>
            </Form>
          </>
        )}
      </section>

      {canManage && (
        <section aria-labelledby="datos-brigada">
          <h2 id="datos-brigada">{t("brigades:admin.edit")}</h2>
          <Form ctx={ctx} action={here} errors={edit.errors}>
            <GeneralError errors={edit.errors} />
            <BrigadeFields ctx={ctx} values={edit.values} errors={edit.errors} processes={p.processes} />
            <Button>{t("brigades:admin.save")}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
