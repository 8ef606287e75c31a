/** The proposal form (online, and the staff's in-person variant), the report form and the public moderation log. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, SelectField, TextArea, TextField, Table, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { ModerationLogEntry } from "../moderation.js";
import { PROPOSAL_KINDS, REPORT_REASONS } from "../tables.js";
import { ProcessCrumbs, formatDate, proposalsBase, type ProcessRef } from "./parts.js";

export interface ProposalFormValues {
  kind: string;
  title: string;
  body: string;
  colonia: string;
  category: string;
  lat: string;
  lon: string;
  curp: string;
}

export const EMPTY_PROPOSAL: ProposalFormValues = { kind: "", title: "", body: "", colonia: "", category: "", lat: "", lon: "", curp: "" };

interface FormProps {
  ctx: PageContext;
  process: ProcessRef;
  values: ProposalFormValues;
  errors?: FieldErrors;
  colonias: { slug: string; name: string }[];
  categories: { id: number; name: string }[];
  /** Staff entering a proposal gathered at an in-person session. */
  inPerson?: boolean;
}

export function ProposalFormPage({ ctx, process, values, errors, colonias, categories, inPerson }: FormProps) {
  const t = ctx.t;
  const m = ctx.municipality!;
  const title = inPerson ? t("proposals:form.inPersonTitle") : t("proposals:form.title");
  const action = inPerson ? `/${m.slug}/admin/participa/${process.slug}/propuestas` : proposalsBase(ctx, process);
  return (
    <Layout ctx={ctx} title={title}>
      <ProcessCrumbs ctx={ctx} process={process} items={[{ href: proposalsBase(ctx, process), label: t("proposals:list.crumb") }, { label: title }]} />
      <h1>{title}</h1>
      <p class="lead">{inPerson ? t("proposals:form.inPersonLead") : t("proposals:form.lead")}</p>
      <p class="hint">{t("proposals:form.privacy")}</p>
      <Form ctx={ctx} action={action} errors={errors} multipart>
        <SelectField ctx={ctx} name="kind" label={t("proposals:fields.kind")} hint={t("proposals:form.kindHint")} value={values.kind} error={errors?.kind} required
          placeholder={t("proposals:form.choose")} options={PROPOSAL_KINDS.map((k) => ({ value: k, label: t(`proposals:kind.${k}`) }))} />
        <TextField ctx={ctx} name="title" label={t("proposals:fields.title")} value={values.title} error={errors?.title} required />
        <TextArea ctx={ctx} name="body" label={t("proposals:fields.body")} hint={t("proposals:form.bodyHint")} value={values.body} error={errors?.body} rows={8} required />
        {categories.length > 0 && (
          <SelectField ctx={ctx} name="category" label={t("proposals:fields.category")} value={values.category} error={errors?.category}
            placeholder={t("proposals:form.none")} options={categories.map((c) => ({ value: String(c.id), label: c.name }))} />
        )}
        {colonias.length > 0 && (
          <SelectField ctx={ctx} name="colonia" label={t("proposals:fields.colonia")} hint={t("proposals:form.coloniaHint")} value={values.colonia} error={errors?.colonia}
            placeholder={t("proposals:form.none")} options={colonias.map((c) => ({ value: c.slug, label: c.name }))} />
        )}
        <fieldset class="form-section">
          <legend>{t("proposals:fields.location")}</legend>
          <p class="hint">{t("proposals:form.locationHint")}</p>
          {errors?.location && <p class="error-message" id="campo-location">{errors.location}</p>}
          <TextField ctx={ctx} name="lat" label={t("proposals:form.lat")} value={values.lat} inputmode="decimal" />
          <TextField ctx={ctx} name="lon" label={t("proposals:form.lon")} value={values.lon} inputmode="decimal" />
        </fieldset>
        <div class={errors?.image ? "field field-error" : "field"}>
          <label for="campo-image">{t("proposals:fields.image")}</label>
          <p class="hint" id="ayuda-image">{t("proposals:form.imageHint")}</p>
          {errors?.image && <p class="error-message" id="error-image">{errors.image}</p>}
          <input id="campo-image" name="image" type="file" accept="image/jpeg,image/png,image/webp,image/heic" aria-describedby="ayuda-image" />
        </div>
        {inPerson && (
          <TextField ctx={ctx} name="curp" label={t("proposals:form.curp")} hint={t("proposals:form.curpHint")} value={values.curp} error={errors?.curp} autocomplete="off" />
        )}
        <Button>{inPerson ? t("proposals:form.submitInPerson") : t("proposals:form.submit")}</Button>
      </Form>
    </Layout>
  );
}

export function ReportPage({ ctx, process, folio, number, commentId, errors, values }: {
  ctx: PageContext; process: ProcessRef; folio: string; number: number; commentId: number | null; errors?: FieldErrors; values?: { reason: string; details: string };
}) {
  const t = ctx.t;
  const base = `${proposalsBase(ctx, process)}/${number}`;
  const title = commentId === null ? t("proposals:report.titleProposal", { folio }) : t("proposals:report.titleComment", { folio });
  return (
    <Layout ctx={ctx} title={title}>
      <ProcessCrumbs ctx={ctx} process={process} items={[{ href: base, label: folio }, { label: t("proposals:report.crumb") }]} />
      <h1>{title}</h1>
      <p>{t("proposals:report.lead")}</p>
      <Form ctx={ctx} action={`${base}/reportes`} errors={errors}>
        {commentId !== null && <input type="hidden" name="comentario" value={String(commentId)} />}
        <SelectField ctx={ctx} name="reason" label={t("proposals:report.reason")} value={values?.reason} error={errors?.reason} required
          placeholder={t("proposals:form.choose")} options={REPORT_REASONS.map((r) => ({ value: r, label: t(`proposals:reason.${r}`) }))} />
        <TextArea ctx={ctx} name="details" label={t("proposals:report.details")} value={values?.details} error={errors?.details} rows={3} />
        <Button>{t("proposals:report.send")}</Button>
      </Form>
      <p><a href={base}>{t("proposals:report.back")}</a></p>
    </Layout>
  );
}

export function ModerationLogPage({ ctx, process, timeZone, entries, info }: { ctx: PageContext; process: ProcessRef; timeZone: string; entries: ModerationLogEntry[]; info: PageInfo }) {
  const t = ctx.t;
  const base = proposalsBase(ctx, process);
  return (
    <Layout ctx={ctx} title={t("proposals:log.title")}>
      <ProcessCrumbs ctx={ctx} process={process} items={[{ label: t("proposals:log.title") }]} />
      <h1>{t("proposals:log.title")}</h1>
      <p class="lead">{t("proposals:log.lead")}</p>
      <Table
        caption={t("proposals:log.caption", { process: process.title })}
        empty={t("proposals:log.empty")}
        rows={entries}
        columns={[
          { header: t("proposals:log.when"), cell: (e) => formatDate(ctx, e.hiddenAt, timeZone) },
          {
            header: t("proposals:log.what"),
            cell: (e) => (
              <a href={`${base}/${e.proposalNumber}`}>
                {t(e.target === "proposal" ? "proposals:log.proposal" : "proposals:log.comment", { folio: `PROP-${String(e.proposalNumber).padStart(4, "0")}` })}
              </a>
            ),
          },
          { header: t("proposals:log.reason"), cell: (e) => e.reason },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}
