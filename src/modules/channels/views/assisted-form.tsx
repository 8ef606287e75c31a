/**
 * Staff file a request on behalf of a person: step 1 choose the service, step 2 the form (channel
 * and office, where, what, the person's contact). Works without JavaScript; the citizen form's
 * map script enhances the pin on demand.
 */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, SelectField, TextArea, TextField } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import type { ServiceDefinition } from "../../requests/catalogue.js";
import type { SubmitValues } from "../../requests/citizen-form.js";
import { AttributeFields } from "../../requests/views/submit-fields.js";
import { ColoniaSearch, PhotoField, PlaceFields, type ColoniaOption, type MapSettings } from "../../requests/views/submit.js";
import type { OfficeOption } from "../office-queries.js";
import { ASSISTED_CHANNELS } from "../assisted-filing.js";
import { assistedRequestPath } from "../urls.js";

function crumbs(ctx: PageContext, m: ActiveMunicipality, last?: string) {
  const title = ctx.t("channelStats:assisted.title");
  return (
    <Breadcrumbs
      items={[
        { href: `/${m.slug}/admin`, label: ctx.t("nav.admin") },
        last ? { href: assistedRequestPath(m.slug), label: title } : { label: title },
        ...(last ? [{ label: last }] : []),
      ]}
    />
  );
}

export function AssistedServicePage({ ctx, municipality: m, services, error }: { ctx: PageContext; municipality: ActiveMunicipality; services: ServiceDefinition[]; error?: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("channelStats:assisted.title")}>
      {crumbs(ctx, m)}
      <h1>{t("channelStats:assisted.title")}</h1>
      <p class="lead">{t("channelStats:assisted.lead")}</p>
      <Form ctx={ctx} action={assistedRequestPath(m.slug)} method="get" errors={error ? { servicio: error } : undefined}>
        <SelectField
          ctx={ctx}
          name="servicio"
          label={t("channelStats:assisted.service")}
          hint={t("channelStats:assisted.serviceHint")}
          error={error}
          required
          placeholder={t("channelStats:assisted.chooseService")}
          options={services.map((s) => ({ value: s.code, label: s.group ? `${s.name} (${s.group})` : s.name }))}
        />
        <Button>{t("channelStats:assisted.continue")}</Button>
      </Form>
    </Layout>
  );
}

export interface AssistedFormValues extends SubmitValues {
  channel: string;
  office: string;
}

export interface AssistedFormProps {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  service: ServiceDefinition;
  values: AssistedFormValues;
  errors: Record<string, string>;
  offices: OfficeOption[];
  colonias: ColoniaOption[];
  coloniaTotal: number;
  coloniaQ: string;
  map: MapSettings;
  maxPhotos: number;
}

export function AssistedFormPage(props: AssistedFormProps) {
  const { ctx, municipality: m, service, values, errors, offices, colonias, coloniaTotal, coloniaQ, map, maxPhotos } = props;
  const t = ctx.t;
  const title = t("channelStats:assisted.formTitle", { service: service.name });
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, m, service.name)}
      <h1>{title}</h1>
      <p class="lead">{t("channelStats:assisted.lead")}</p>
      <p>
        <a href={assistedRequestPath(m.slug)}>{t("channelStats:assisted.otherService")}</a>
      </p>
      <h2>{t("channelStats:assisted.where")}</h2>
      <ColoniaSearch ctx={ctx} action={assistedRequestPath(m.slug)} service={service.code} coloniaQ={coloniaQ} />
      <Form ctx={ctx} action={assistedRequestPath(m.slug)} errors={errors} multipart>
        <input type="hidden" name="servicio" value={service.code} />
        <PlaceFields ctx={ctx} service={service} values={values} errors={errors} colonias={colonias} coloniaTotal={coloniaTotal} map={map} />
        <TextField ctx={ctx} name="address" label={t("channelStats:assisted.address")} hint={t("channelStats:assisted.addressHint")} value={values.address} error={errors.address} />
        <h2>{t("channelStats:assisted.what")}</h2>
        <TextArea
          ctx={ctx}
          name="description"
          label={t("channelStats:assisted.description")}
          hint={t("channelStats:assisted.descriptionHint")}
          value={values.description}
          error={errors.description}
          required
        />
        <AttributeFields ctx={ctx} attributes={service.attributes} values={values} errors={errors} />
        <PhotoField ctx={ctx} required={service.photoRequired} error={errors.photo} maxPhotos={maxPhotos} />
        <fieldset class="form-section">
          <legend>{t("channelStats:assisted.how")}</legend>
          <SelectField
            ctx={ctx}
            name="canal"
            label={t("channelStats:assisted.channel")}
            value={values.channel}
            error={errors.canal}
            required
            options={ASSISTED_CHANNELS.map((c) => ({ value: c, label: t(`channels:channel.${c}`) }))}
          />
          <SelectField
            ctx={ctx}
            name="oficina"
            label={t("channelStats:assisted.office")}
            hint={offices.length ? t("channelStats:assisted.officeHint") : t("channelStats:assisted.noOffices")}
            value={values.office}
            error={errors.oficina}
            placeholder={t("channelStats:assisted.officeNone")}
            options={offices.map((o) => ({ value: String(o.id), label: o.name }))}
          />
        </fieldset>
        <fieldset class="form-section">
          <legend>{t("channelStats:assisted.contact")}</legend>
          <p class="hint">{t("channelStats:assisted.contactHint")}</p>
          <TextField ctx={ctx} name="name" label={t("channelStats:assisted.name")} value={values.name} error={errors.name} />
          <TextField ctx={ctx} name="email" type="email" label={t("channelStats:assisted.email")} value={values.email} error={errors.email} inputmode="email" />
          <TextField ctx={ctx} name="phone" type="tel" label={t("channelStats:assisted.phone")} value={values.phone} error={errors.phone} inputmode="tel" />
        </fieldset>
        <Button>{t("channelStats:assisted.submit")}</Button>
      </Form>
      <script type="module" src="/static/js/report-map.js"></script>
    </Layout>
  );
}
