/** Staff pages of draft commitments: the form (from a proposal, or editing a draft), one draft, and a process's list. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, SelectField, Table, TextArea, TextField, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { CommitmentDraftView } from "../commitments.js";
import { StaffCrumbs, formatDate, proposalsAdminBase, type ProcessRef } from "./parts.js";

/** The form's values as text, the way they are posted back. */
export interface DraftFormValues {
  title: string;
  problem: string;
  status_quo: string;
  description: string;
  how_it_solves: string;
  transparency: boolean;
  accountability: boolean;
  participation: boolean;
  department: string;
  scope: "municipio" | "colonias";
  colonias: string[];
  also: string;
}

export const draftsBase = (ctx: PageContext, p: ProcessRef) => `/${ctx.municipality!.slug}/admin/participa/${p.slug}/compromisos`;
interface FormProps {
  ctx: PageContext;
  process: ProcessRef;
  values: DraftFormValues;
  errors?: FieldErrors;
  departments: { id: number; name: string }[];
  colonias: { id: number; name: string }[];
  /** Creating from this proposal (folio, number, title); absent when editing a draft. */
  from?: { number: number; folio: string; title: string };
  action: string;
}

function DraftFields({ ctx, values, errors, departments, colonias, from }: Omit<FormProps, "process" | "action">) {
  const t = ctx.t;
  const check = (name: "transparency" | "accountability" | "participation", first: boolean) => (
    <div class="checkbox">
      <input type="checkbox" id={first ? "campo-relevance" : `campo-${name}`} name={name} value="1" checked={values[name]} aria-describedby={errors?.relevance ? "error-relevance" : undefined} />
      <label for={first ? "campo-relevance" : `campo-${name}`}>{t(`proposals:commitments.relevance.${name}`)}</label>
    </div>
  );
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("proposals:commitments.fields.title")} value={values.title} error={errors?.title} required />
      <TextArea ctx={ctx} name="problem" label={t("proposals:commitments.fields.problem")} hint={t("proposals:commitments.hints.problem")} value={values.problem} error={errors?.problem} rows={6} required />
      <TextArea ctx={ctx} name="status_quo" label={t("proposals:commitments.fields.statusQuo")} hint={t("proposals:commitments.hints.statusQuo")} value={values.status_quo} error={errors?.status_quo} rows={4} />
      <TextArea ctx={ctx} name="description" label={t("proposals:commitments.fields.description")} hint={t("proposals:commitments.hints.description")} value={values.description} error={errors?.description} rows={6} required />
      <TextArea ctx={ctx} name="how_it_solves" label={t("proposals:commitments.fields.howItSolves")} hint={t("proposals:commitments.hints.howItSolves")} value={values.how_it_solves} error={errors?.how_it_solves} rows={4} />
      <fieldset class={errors?.relevance ? "form-section field-error" : "form-section"}>
        <legend>{t("proposals:commitments.fields.relevance")} <span class="required">({t("form.required")})</span></legend>
        <p class="hint">{t("proposals:commitments.hints.relevance")}</p>
        {errors?.relevance && <p class="error-message" id="error-relevance">{errors.relevance}</p>}
        {check("transparency", true)}
        {check("accountability", false)}
        {check("participation", false)}
      </fieldset>
      <SelectField ctx={ctx} name="department" label={t("proposals:commitments.fields.department")} hint={t("proposals:commitments.hints.department")} value={values.department} error={errors?.department}
        placeholder={t("proposals:commitments.noDepartment")} options={departments.map((d) => ({ value: String(d.id), label: d.name }))} />
      <fieldset class={errors?.colonias ? "form-section field-error" : "form-section"}>
        <legend>{t("proposals:commitments.fields.scope")}</legend>
        {errors?.colonias && <p class="error-message" id="error-colonias">{errors.colonias}</p>}
        <div class="checkbox">
          <input type="radio" id="campo-scope" name="scope" value="municipio" checked={values.scope === "municipio"} />
          <label for="campo-scope">{t("proposals:commitments.wholeMunicipality")}</label>
        </div>
        <div class="checkbox">
          <input type="radio" id="campo-scope-colonias" name="scope" value="colonias" checked={values.scope === "colonias"} />
          <label for="campo-scope-colonias">{t("proposals:commitments.someColonias")}</label>
        </div>
        {colonias.length > 0 && (
          <div class="field">
            <label for="campo-colonias">{t("proposals:commitments.fields.colonias")}</label>
            <p class="hint" id="ayuda-colonias">{t("proposals:commitments.hints.colonias")}</p>
            <select id="campo-colonias" name="colonias" multiple size={8} aria-describedby={errors?.colonias ? "ayuda-colonias error-colonias" : "ayuda-colonias"}>
              {colonias.map((c) => <option value={String(c.id)} selected={values.colonias.includes(String(c.id))}>{c.name}</option>)}
            </select>
          </div>
        )}
      </fieldset>
      {from && (
        <TextField ctx={ctx} name="also" label={t("proposals:commitments.fields.also")} hint={t("proposals:commitments.hints.also", { folio: from.folio })} value={values.also} error={errors?.also} />
      )}
    </>
  );
}

export function CommitmentDraftFormPage({ ctx, process, values, errors, departments, colonias, from, action }: FormProps) {
  const t = ctx.t;
  const title = t("proposals:commitments.newTitle", { folio: from!.folio });
  return (
    <Layout ctx={ctx} title={title}>
      <StaffCrumbs ctx={ctx} process={process} items={[
        { href: proposalsAdminBase(ctx, process), label: t("proposals:list.crumb") },
        { href: `${proposalsAdminBase(ctx, process)}/${from!.number}`, label: from!.folio },
        { label: t("proposals:commitments.convertCrumb") },
      ]} />
      <h1>{title}</h1>
      <p class="lead">{t("proposals:commitments.newLead", { title: from!.title })}</p>
      <Form ctx={ctx} action={action} errors={errors}>
        {errors?.general && <p class="error-message" id="campo-general">{errors.general}</p>}
        <DraftFields ctx={ctx} values={values} errors={errors} departments={departments} colonias={colonias} from={from} />
        <Button>{t("proposals:commitments.create")}</Button>
      </Form>
    </Layout>
  );
}

function Facts({ ctx, d, timeZone }: { ctx: PageContext; d: CommitmentDraftView; timeZone: string }) {
  const t = ctx.t;
  const relevance = (["transparency", "accountability", "participation"] as const).filter((k) => d.relevance[k]).map((k) => t(`proposals:commitments.relevance.${k}`));
  return (
    <dl class="facts">
      <dt>{t("proposals:fields.status")}</dt>
      <dd>{t(`proposals:commitments.status.${d.status}`)}{d.adoptedByPlanRef && <> ({t("proposals:commitments.planRef", { ref: d.adoptedByPlanRef })})</>}</dd>
      <dt>{t("proposals:commitments.fields.sources")}</dt>
      <dd>
        {d.sourceProposals.map((s, i) => (
          <>{i > 0 && ", "}<a href={`${proposalsAdminBase(ctx, { slug: d.processSlug, title: "" })}/${s.number}`}>{s.folio}</a> {s.title}</>
        ))}
      </dd>
      <dt>{t("proposals:commitments.fields.relevance")}</dt>
      <dd>{relevance.join(", ")}</dd>
      <dt>{t("proposals:commitments.fields.department")}</dt>
      <dd>{d.leadDepartment?.name ?? t("proposals:commitments.noDepartment")}</dd>
      <dt>{t("proposals:commitments.fields.scope")}</dt>
      <dd>{d.wholeMunicipality ? t("proposals:commitments.wholeMunicipality") : d.colonias.map((c) => c.name).join(", ")}</dd>
      <dt>{t("proposals:commitments.created")}</dt>
      <dd>{formatDate(ctx, d.createdAt, timeZone)}</dd>
    </dl>
  );
}

export function CommitmentDraftPage({ ctx, process, timeZone, d, values, errors, departments, colonias }: {
  ctx: PageContext; process: ProcessRef; timeZone: string; d: CommitmentDraftView; values: DraftFormValues; errors?: FieldErrors;
  departments: { id: number; name: string }[]; colonias: { id: number; name: string }[];
}) {
  const t = ctx.t;
  const base = draftsBase(ctx, process);
  return (
    <Layout ctx={ctx} title={d.title}>
      <StaffCrumbs ctx={ctx} process={process} items={[{ href: base, label: t("proposals:commitments.listCrumb") }, { label: d.title }]} />
      <h1>{d.title}</h1>
      <Facts ctx={ctx} d={d} timeZone={timeZone} />
      {d.status === "adopted" ? (
        <>
          {errors?.general && <p class="flash flash-error" role="alert">{errors.general}</p>}
          <p class="flash flash-info">{t("proposals:commitments.adoptedNote")}</p>
          <h2>{t("proposals:commitments.fields.problem")}</h2>
          <p class="description">{d.problem}</p>
          <h2>{t("proposals:commitments.fields.statusQuo")}</h2>
          <p class="description">{d.statusQuo || t("proposals:commitments.empty")}</p>
          <h2>{t("proposals:commitments.fields.description")}</h2>
          <p class="description">{d.description}</p>
          <h2>{t("proposals:commitments.fields.howItSolves")}</h2>
          <p class="description">{d.howItSolves || t("proposals:commitments.empty")}</p>
        </>
      ) : (
        <>
          <h2>{t("proposals:commitments.editTitle")}</h2>
          <p class="hint">{t("proposals:commitments.editHint")}</p>
          <Form ctx={ctx} action={`${base}/${d.id}`} errors={errors}>
            {errors?.general && <p class="error-message" id="campo-general">{errors.general}</p>}
            <DraftFields ctx={ctx} values={values} errors={errors} departments={departments} colonias={colonias} />
            <Button>{t("proposals:commitments.save")}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function CommitmentDraftListPage({ ctx, process, timeZone, rows, info, estado }: { ctx: PageContext; process: ProcessRef; timeZone: string; rows: CommitmentDraftView[]; info: PageInfo; estado: string }) {
  const t = ctx.t;
  const base = draftsBase(ctx, process);
  const title = t("proposals:commitments.listTitle", { process: process.title });
  return (
    <Layout ctx={ctx} title={title}>
      <StaffCrumbs ctx={ctx} process={process} items={[{ label: t("proposals:commitments.listCrumb") }]} />
      <h1>{title}</h1>
      <p class="lead">{t("proposals:commitments.listLead")}</p>
      <ul>
        <li><a href={`${proposalsAdminBase(ctx, process)}?estado=aceptada`}>{t("proposals:commitments.acceptedLink")}</a></li>
        <li><a href={`${base}.json`}>{t("proposals:commitments.jsonLink")}</a></li>
      </ul>
      <form method="get" action={base} class="stack-form filters">
        <SelectField ctx={ctx} name="estado" label={t("proposals:fields.status")} value={estado} placeholder={t("proposals:commitments.anyStatus")}
          options={[{ value: "borrador", label: t("proposals:commitments.status.draft") }, { value: "adoptado", label: t("proposals:commitments.status.adopted") }]} />
        <button type="submit" class="button button-secondary">{t("proposals:list.apply")}</button>
      </form>
      <Table
        caption={title}
        empty={t("proposals:commitments.none")}
        rows={rows}
        columns={[
          { header: t("proposals:commitments.fields.title"), cell: (d) => <a href={`${base}/${d.id}`}>{d.title}</a> },
          { header: t("proposals:commitments.fields.sources"), cell: (d) => d.sourceProposals.map((s) => s.folio).join(", ") },
          { header: t("proposals:commitments.fields.department"), cell: (d) => d.leadDepartment?.name ?? "—" },
          { header: t("proposals:fields.status"), cell: (d) => t(`proposals:commitments.status.${d.status}`) },
          { header: t("proposals:commitments.created"), cell: (d) => formatDate(ctx, d.createdAt, timeZone) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}
