/** Catalogue admin: one service's form (attributes as plain rows) and its routing exceptions per colonia. */
import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, SelectField, Table, TextArea, TextField } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import type { RouteException } from "../catalogue-queries.js";
import type { AttributeRowValues, ServiceFormValues } from "../catalogue-form.js";
import { ATTRIBUTE_TYPES } from "../tables.js";
import { adminCrumbs } from "./catalogue.js";

type Option = { value: string; label: string };

function Checkbox({ name, label, checked, id }: { name: string; label: string; checked: boolean; id?: string }) {
  const inputId = id ?? `campo-${name}`;
  return (
    <div class="field checkbox">
      <input type="checkbox" id={inputId} name={name} value="1" checked={checked} />
      <label for={inputId}>{label}</label>
    </div>
  );
}

function AttributeRow({ ctx, row, i, error }: { ctx: PageContext; row: AttributeRowValues; i: number; error?: string }) {
  const t = ctx.t;
  const types = ATTRIBUTE_TYPES.map((type) => ({ value: type, label: t(`reqSubmit:catalogue.types.${type}`) }));
  return (
    <fieldset class={error ? "form-section field-error" : "form-section"} id={`campo-attr${i}`}>
      <legend>{row.code ? t("reqSubmit:catalogue.attributeNamed", { code: row.code }) : t("reqSubmit:catalogue.attributeNew", { n: i + 1 })}</legend>
      {error && <p class="error-message">{error}</p>}
      <TextField ctx={ctx} name={`attr${i}_code`} label={t("reqSubmit:catalogue.attrCode")} value={row.code} />
      <TextField ctx={ctx} name={`attr${i}_question`} label={t("reqSubmit:catalogue.attrQuestion")} value={row.question} />
      <SelectField ctx={ctx} name={`attr${i}_type`} label={t("reqSubmit:catalogue.attrType")} value={row.type} options={types} />
      <Checkbox name={`attr${i}_required`} label={t("reqSubmit:catalogue.attrRequired")} checked={row.required} />
      <TextArea ctx={ctx} name={`attr${i}_options`} label={t("reqSubmit:catalogue.attrOptions")} hint={t("reqSubmit:catalogue.attrOptionsHint")} value={row.options} rows={3} />
      <TextField ctx={ctx} name={`attr${i}_help`} label={t("reqSubmit:catalogue.attrHelp")} value={row.help} />
    </fieldset>
  );
}

export function ServiceFormPage({
  ctx,
  municipality: m,
  values,
  errors,
  departments,
  editing,
  children,
}: {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  values: ServiceFormValues;
  errors: Record<string, string>;
  departments: Option[];
  /** The code in the URL when editing; null for a new service. */
  editing: string | null;
  /** The routing exceptions section, on the edit page. */
  children?: ComponentChildren;
}) {
  const t = ctx.t;
  const title = editing ? t("reqSubmit:catalogue.editTitle", { name: values.name || editing }) : t("reqSubmit:catalogue.new");
  const action = editing ? `/${m.slug}/admin/servicios/${editing}/editar` : `/${m.slug}/admin/servicios`;
  const units = [
    { value: "business_days", label: t("reqSubmit:catalogue.businessDays") },
    { value: "hours", label: t("reqSubmit:catalogue.hours") },
  ];
  return (
    <Layout ctx={ctx} title={title}>
      {adminCrumbs(ctx, m, [{ label: title }])}
      <h1>{title}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="code" label={t("reqSubmit:catalogue.code")} hint={t("reqSubmit:catalogue.codeHint")} value={values.code} error={errors.code} required />
        <TextField ctx={ctx} name="name" label={t("reqSubmit:catalogue.name")} value={values.name} error={errors.name} required />
        <TextArea ctx={ctx} name="description" label={t("reqSubmit:catalogue.description")} value={values.description} error={errors.description} rows={3} />
        <TextField ctx={ctx} name="group" label={t("reqSubmit:catalogue.group")} hint={t("reqSubmit:catalogue.groupHint")} value={values.group} error={errors.group} required />
        <TextField ctx={ctx} name="keywords" label={t("reqSubmit:catalogue.keywords")} hint={t("reqSubmit:catalogue.keywordsHint")} value={values.keywords} error={errors.keywords} />
        <SelectField ctx={ctx} name="departmentId" label={t("reqSubmit:catalogue.department")} value={values.departmentId} error={errors.departmentId} options={departments} placeholder={t("reqSubmit:catalogue.noDepartment")} />
        <TextField ctx={ctx} name="targetAmount" label={t("reqSubmit:catalogue.targetAmount")} value={values.targetAmount} error={errors.targetAmount} inputmode="numeric" required />
        <SelectField ctx={ctx} name="targetUnit" label={t("reqSubmit:catalogue.targetUnit")} value={values.targetUnit} error={errors.targetUnit} options={units} />
        <Checkbox name="photoRequired" label={t("reqSubmit:catalogue.photoRequired")} checked={values.photoRequired} />
        <Checkbox name="locationRequired" label={t("reqSubmit:catalogue.locationRequired")} checked={values.locationRequired} />
        <Checkbox name="active" label={t("reqSubmit:catalogue.activeLabel")} checked={values.active} />
        <h2>{t("reqSubmit:catalogue.attributesTitle")}</h2>
        <p class="hint">{t("reqSubmit:catalogue.attributesHint")}</p>
        <input type="hidden" name="attr_rows" value={String(values.attributes.length)} />
        {values.attributes.map((row, i) => (
          <AttributeRow ctx={ctx} row={row} i={i} error={errors[`attr${i}`]} />
        ))}
        <Button>{t("reqSubmit:catalogue.save")}</Button>
      </Form>
      {children}
    </Layout>
  );
}

export function RoutesSection({
  ctx,
  municipality: m,
  code,
  routes,
  colonias,
  departments,
  errors,
}: {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  code: string;
  routes: RouteException[];
  colonias: Option[];
  departments: Option[];
  errors: Record<string, string>;
}) {
  const t = ctx.t;
  return (
    <section>
      <h2>{t("reqSubmit:catalogue.routesTitle")}</h2>
      <p class="hint">{t("reqSubmit:catalogue.routesHint")}</p>
      <Table
        caption={t("reqSubmit:catalogue.routesCaption")}
        rows={routes}
        empty={t("reqSubmit:catalogue.routesEmpty")}
        columns={[
          { header: t("reqSubmit:catalogue.colonia"), cell: (r) => r.coloniaName },
          { header: t("reqSubmit:catalogue.department"), cell: (r) => r.departmentName },
        ]}
      />
      <Form ctx={ctx} action={`/${m.slug}/admin/servicios/${code}/rutas`} errors={errors}>
        <SelectField ctx={ctx} name="colonia" label={t("reqSubmit:catalogue.colonia")} error={errors.colonia} options={colonias} placeholder={t("reqSubmit:catalogue.chooseColonia")} required />
        <SelectField ctx={ctx} name="routeDepartment" label={t("reqSubmit:catalogue.routeDepartment")} error={errors.routeDepartment} options={departments} placeholder={t("reqSubmit:catalogue.removeRoute")} />
        <Button kind="secondary">{t("reqSubmit:catalogue.saveRoute")}</Button>
      </Form>
    </section>
  );
}
