/** Staff pages: the list of obligations with their current status, and one obligation's publish/assign forms. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, SelectField, Table, TextArea, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ObligationState } from "../compliance.js";
import type { HistoryRow, ObligationDetail } from "../obligations-queries.js";
import { days, obligationName, StatusText } from "./obligations-parts.js";
import { HistoryTable } from "./obligations-public.js";

export function AdminObligationsPage({ ctx, states }: { ctx: PageContext; states: ObligationState[] }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("trObligations:adminTitle")}>
      <h1>{t("trObligations:adminTitle")}</h1>
      <p>{t("trObligations:adminIntro")}</p>
      <p>
        <a href={`/${slug}/transparencia`}>{t("trObligations:publicPage")}</a>
      </p>
      <Table<ObligationState>
        caption={t("trObligations:adminTitle")}
        empty={t("trObligations:noObligations")}
        rows={states}
        columns={[
          { header: t("trObligations:obligation"), cell: (o) => <a href={`/${slug}/admin/transparencia/obligaciones/${o.id}`}>{obligationName(o)}</a> },
          { header: t("trObligations:department"), cell: (o) => o.departmentName ?? t("trObligations:noDepartment") },
          { header: t("trObligations:period"), cell: (o) => o.period },
          { header: t("trObligations:due"), cell: (o) => o.due },
          { header: t("trObligations:currentStatus"), cell: (o) => <StatusText ctx={ctx} status={o.status} /> },
          { header: t("trObligations:lateBy"), cell: (o) => (o.daysLate > 0 ? days(ctx, o.daysLate) : "—"), numeric: true },
        ]}
      />
    </Layout>
  );
}

export interface AdminObligationProps {
  ctx: PageContext;
  obligation: ObligationDetail;
  history: HistoryRow[];
  canPublish: boolean;
  canManage: boolean;
  departments: { id: number; name: string }[];
  values?: Record<string, string>;
  errors?: FieldErrors;
}

export function AdminObligationPage({ ctx, obligation, history, canPublish, canManage, departments, values = {}, errors }: AdminObligationProps) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const base = `/${slug}/admin/transparencia/obligaciones`;
  const name = obligationName(obligation);
  return (
    <Layout ctx={ctx} title={name}>
      <Breadcrumbs items={[{ href: base, label: t("trObligations:adminTitle") }, { label: name }]} />
      <h1>{name}</h1>
      <p>
        {obligation.legalReference} · {t(`trObligations:period_${obligation.updatePeriod}`)} · {t("trObligations:dueRule", { days: obligation.dueDays })}
      </p>
      {obligation.note && <p class="hint">{obligation.note}</p>}
      {canPublish && (
        <section aria-labelledby="publicar">
          <h2 id="publicar">{t("trObligations:publishTitle")}</h2>
          <Form ctx={ctx} action={`${base}/${obligation.id}/publicar`} errors={errors} multipart>
            <TextField ctx={ctx} name="period" label={t("trObligations:period")} hint={t("trObligations:periodHint")} value={values.period} error={errors?.period} required />
            <div class={errors?.file ? "field field-error" : "field"}>
              <label for="campo-file">{t("trObligations:file")}</label>
              {errors?.file && (
                <p class="error-message" id="error-file">
                  {errors.file}
                </p>
              )}
              <input id="campo-file" name="file" type="file" accept=".csv,.pdf,.xlsx" aria-describedby={errors?.file ? "error-file" : undefined} />
            </div>
            <TextField ctx={ctx} name="link" type="url" label={t("trObligations:link")} value={values.link} error={errors?.link} />
            <TextArea ctx={ctx} name="note" label={t("trObligations:note")} value={values.note} rows={3} />
            <Button>{t("trObligations:publish")}</Button>
          </Form>
        </section>
      )}
      <section aria-labelledby="responsable">
        <h2 id="responsable">{t("trObligations:responsibleTitle")}</h2>
        {canManage ? (
          <Form ctx={ctx} action={`${base}/${obligation.id}/responsable`} errors={errors}>
            <SelectField
              ctx={ctx}
              name="department"
              label={t("trObligations:department")}
              value={values.department ?? String(obligation.departmentId ?? "")}
              error={errors?.department}
              placeholder={t("trObligations:noDepartment")}
              options={departments.map((d) => ({ value: String(d.id), label: d.name }))}
            />
            <TextField ctx={ctx} name="officialName" label={t("trObligations:officialName")} value={values.officialName ?? obligation.officialName ?? ""} error={errors?.officialName} />
            <TextField ctx={ctx} name="officialTitle" label={t("trObligations:officialTitle")} value={values.officialTitle ?? obligation.officialTitle ?? ""} error={errors?.officialTitle} />
            <TextField ctx={ctx} name="weight" inputmode="numeric" label={t("trObligations:weight")} hint={t("trObligations:weightHint")} value={values.weight ?? String(obligation.weight)} error={errors?.weight} />
            <TextField ctx={ctx} name="dueDays" inputmode="numeric" label={t("trObligations:dueDays")} hint={t("trObligations:dueDaysHint")} value={values.dueDays ?? String(obligation.dueDays)} error={errors?.dueDays} />
            <Button kind="secondary">{t("trObligations:save")}</Button>
          </Form>
        ) : (
          <p>
            {obligation.departmentName ?? t("trObligations:noDepartment")} — {obligation.officialName ?? t("trObligations:noOfficial")}
          </p>
        )}
      </section>
      <section aria-labelledby="historial">
        <h2 id="historial">{t("trObligations:historyTitle", { name: `fracc. ${obligation.fraction}` })}</h2>
        <HistoryTable ctx={ctx} caption={t("trObligations:historyTitle", { name: `fracc. ${obligation.fraction}` })} rows={history} downloadBase={`/${slug}/transparencia/obligaciones/${obligation.id}/periodos`} showPublisher />
      </section>
    </Layout>
  );
}
