/** Staff pages of the catalogue: the list with the create form, and one procedure (data, offices where it is done). */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { Checkbox, formState, GeneralError, type FailedForm } from "../../plans/views/staff-parts.js";
import type { ProcedureRow } from "../procedure-queries.js";
import { PROCEDURE_KINDS } from "../tables.js";
import { adminProcedureOfficesPath, adminProcedurePath, adminProceduresPath, procedurePath } from "../urls.js";
import { AdminCrumbs, procedureKindLabel, TickList, type TickChoice } from "./office-parts.js";

export const PROCEDURE_FIELDS = [
  "name", "slug", "kind", "summary", "requirements", "costText", "costMxn", "duration", "howTo", "onlineUrl", "departmentId", "requestServiceCode", "legalBasis", "active",
];

export interface Option {
  value: string;
  label: string;
}

export function procedureValues(p: ProcedureRow): Record<string, string> {
  return {
    name: p.name, slug: p.slug, kind: p.kind, summary: p.summary, requirements: p.requirements.join("\n"), costText: p.costText, costMxn: p.costMxn ?? "",
    duration: p.duration, howTo: p.howTo, onlineUrl: p.onlineUrl ?? "", departmentId: p.department ? String(p.department.id) : "",
    requestServiceCode: p.requestServiceCode ?? "", legalBasis: p.legalBasis, active: p.active ? "1" : "",
  };
}

function ProcedureFields({ ctx, values, errors, departments, services }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string>; departments: Option[]; services: Option[] }) {
  const t = ctx.t;
  return (
    <>
      <GeneralError errors={errors} />
      <TextField ctx={ctx} name="name" label={t("offices:fields.procedureName")} value={values.name} error={errors?.name} required />
      <TextField ctx={ctx} name="slug" label={t("offices:fields.slug")} hint={t("offices:admin.slugHint")} value={values.slug} error={errors?.slug} />
      <SelectField ctx={ctx} name="kind" label={t("offices:fields.procedureKind")} value={values.kind || "tramite"} error={errors?.kind} options={PROCEDURE_KINDS.map((k) => ({ value: k, label: procedureKindLabel(ctx, k) }))} required />
      <TextArea ctx={ctx} name="summary" label={t("offices:fields.summary")} value={values.summary} error={errors?.summary} rows={3} />
      <TextArea ctx={ctx} name="requirements" label={t("offices:fields.requirements")} hint={t("offices:admin.requirementsHint")} value={values.requirements} error={errors?.requirements} rows={5} />
      <TextField ctx={ctx} name="costText" label={t("offices:fields.cost")} hint={t("offices:admin.costHint")} value={values.costText} error={errors?.costText} required />
      <TextField ctx={ctx} name="costMxn" label={t("offices:fields.costMxn")} hint={t("offices:admin.costMxnHint")} value={values.costMxn} error={errors?.costMxn} inputmode="decimal" />
      <TextField ctx={ctx} name="duration" label={t("offices:fields.duration")} hint={t("offices:admin.durationHint")} value={values.duration} error={errors?.duration} />
      <TextArea ctx={ctx} name="howTo" label={t("offices:fields.howTo")} value={values.howTo} error={errors?.howTo} rows={5} />
      <TextField ctx={ctx} name="onlineUrl" type="url" label={t("offices:fields.onlineUrl")} hint={t("offices:admin.onlineUrlHint")} value={values.onlineUrl} error={errors?.onlineUrl} inputmode="url" />
      <SelectField ctx={ctx} name="departmentId" label={t("offices:fields.department")} value={values.departmentId} error={errors?.departmentId} placeholder={t("offices:admin.noDepartment")} options={departments} />
      <SelectField
        ctx={ctx}
        name="requestServiceCode"
        label={t("offices:fields.requestService")}
        hint={t("offices:admin.requestServiceHint")}
        value={values.requestServiceCode}
        error={errors?.requestServiceCode}
        placeholder={t("offices:admin.noRequestService")}
        options={services}
      />
      <TextField ctx={ctx} name="legalBasis" label={t("offices:fields.legalBasis")} value={values.legalBasis} error={errors?.legalBasis} />
      <Checkbox name="active" label={t("offices:fields.procedureActive")} checked={values.active === "1"} />
    </>
  );
}

export interface AdminProceduresPageProps {
  ctx: PageContext;
  procedures: ProcedureRow[];
  info: PageInfo;
  q: string;
  departments: Option[];
  services: Option[];
  failed?: FailedForm;
}

export function AdminProceduresPage({ ctx, procedures, info, q, departments, services, failed }: AdminProceduresPageProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const create = formState(failed, "create", { kind: "tramite", active: "1", costText: "Gratuito" });
  return (
    <Layout ctx={ctx} title={t("offices:admin.procedures.title")}>
      <AdminCrumbs ctx={ctx} section="procedures" items={[]} />
      <h1>{t("offices:admin.procedures.title")}</h1>
      <p class="lead">{t("offices:admin.procedures.lead")}</p>
      <form method="get" action={adminProceduresPath(m)} class="search-form" role="search" aria-label={t("offices:procedures.searchLabel")}>
        <TextField ctx={ctx} name="q" type="search" label={t("offices:procedures.q")} value={q} />
        <button type="submit" class="button button-secondary">
          {t("offices:procedures.search")}
        </button>
      </form>
      <Table<ProcedureRow>
        caption={t("offices:admin.procedures.caption")}
        empty={q ? t("offices:admin.noMatches", { q }) : t("offices:admin.procedures.none")}
        rows={procedures}
        columns={[
          { header: t("offices:fields.procedureName"), cell: (p) => <a href={adminProcedurePath(m, p.slug)}>{p.name}</a> },
          { header: t("offices:fields.procedureKind"), cell: (p) => procedureKindLabel(ctx, p.kind) },
          { header: t("offices:fields.department"), cell: (p) => p.department?.name ?? "—" },
          { header: t("offices:fields.active"), cell: (p) => (p.active ? t("offices:admin.yes") : t("offices:admin.no")) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <section aria-labelledby="nuevo-tramite">
        <h2 id="nuevo-tramite">{t("offices:admin.procedures.create")}</h2>
        <Form ctx={ctx} action={adminProceduresPath(m)} errors={create.errors}>
          <ProcedureFields ctx={ctx} values={create.values} errors={create.errors} departments={departments} services={services} />
          <Button>{t("offices:admin.procedures.createButton")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export interface AdminProcedurePageProps {
  ctx: PageContext;
  procedure: ProcedureRow;
  departments: Option[];
  services: Option[];
  choices: TickChoice[];
  choicesInfo: PageInfo;
  failed?: FailedForm;
}

export function AdminProcedurePage({ ctx, procedure, departments, services, choices, choicesInfo, failed }: AdminProcedurePageProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const edit = formState(failed, "edit", procedureValues(procedure));
  const links = formState(failed, "links");
  return (
    <Layout ctx={ctx} title={procedure.name}>
      <AdminCrumbs ctx={ctx} section="procedures" items={[{ label: procedure.name }]} />
      <h1>{procedure.name}</h1>
      <p>{procedure.active ? <a href={procedurePath(m, procedure.slug)}>{t("offices:admin.publicPage")}</a> : t("offices:admin.inactiveNote")}</p>

      <section aria-labelledby="oficinas-tramite">
        <h2 id="oficinas-tramite">{t("offices:admin.whereTitle")}</h2>
        <Form ctx={ctx} action={adminProcedureOfficesPath(m, procedure.slug)} errors={links.errors}>
          <TickList
            ctx={ctx}
            name="offices"
            legend={t("offices:admin.whereLegend")}
            hint={t("offices:admin.whereHint")}
            choices={choices}
            info={choicesInfo}
            pageParam="oficinas"
            empty={t("offices:admin.noOfficesYet")}
          />
          <Button kind="secondary">{t("offices:admin.saveWhere")}</Button>
        </Form>
      </section>

      <section aria-labelledby="datos-tramite">
        <h2 id="datos-tramite">{t("offices:admin.editProcedure")}</h2>
        <Form ctx={ctx} action={adminProcedurePath(m, procedure.slug)} errors={edit.errors}>
          <ProcedureFields ctx={ctx} values={edit.values} errors={edit.errors} departments={departments} services={services} />
          <Button>{t("offices:admin.save")}</Button>
        </Form>
      </section>
    </Layout>
  );
}
