/** "Reportar un problema": step 1 choose a service, step 2 the form. Works without JavaScript; the map script enhances it. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, SelectField, TextArea, TextField } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import type { ServiceDefinition } from "../catalogue.js";
import type { SubmitValues } from "../citizen-form.js";
import { AttributeFields } from "./submit-fields.js";

export interface ServiceGroup {
  name: string;
  services: { code: string; name: string; description: string }[];
}

function crumbs(ctx: PageContext, m: ActiveMunicipality, last?: string) {
  const title = ctx.t("reqSubmit:title");
  return <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, last ? { href: `/${m.slug}/solicitudes/nueva`, label: title } : { label: title }, ...(last ? [{ label: last }] : [])]} />;
}

export function ServiceChooserPage({ ctx, municipality: m, groups, q, error }: { ctx: PageContext; municipality: ActiveMunicipality; groups: ServiceGroup[]; q: string; error?: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("reqSubmit:title")}>
      {crumbs(ctx, m)}
      <h1>{t("reqSubmit:title")}</h1>
      <p class="lead">{t("reqSubmit:chooser.intro")}</p>
      {error && (
        <p class="flash flash-error" role="alert">
          {error}
        </p>
      )}
      <Form ctx={ctx} action={ctx.path} method="get" class="search-form">
        <div class="field">
          <label for="campo-q">{t("reqSubmit:chooser.search")}</label>
          <input id="campo-q" name="q" type="search" value={q} maxLength={100} />
        </div>
        <button type="submit" class="button button-secondary">
          {t("form.search")}
        </button>
      </Form>
      {groups.length === 0 && <p class="empty">{q ? t("reqSubmit:chooser.noMatch", { q }) : t("reqSubmit:chooser.empty")}</p>}
      {groups.map((g) => (
        <section>
          <h2>{g.name}</h2>
          <ul class="cards">
            {g.services.map((s) => (
              <li class="card">
                <h3>
                  <a href={`/${m.slug}/solicitudes/nueva?servicio=${encodeURIComponent(s.code)}`}>{s.name}</a>
                </h3>
                {s.description && <p>{s.description}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export interface ColoniaOption {
  slug: string;
  name: string;
  postalCode: string | null;
}

export interface MapSettings {
  tiles: string;
  geojson: string;
  lookup: string;
  similar: string;
}

export interface SubmitFormProps {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  service: ServiceDefinition;
  values: SubmitValues;
  errors: Record<string, string>;
  colonias: ColoniaOption[];
  /** How many colonias match coloniaQ (or the municipality has): more than listed asks to search. */
  coloniaTotal: number;
  coloniaQ: string;
  map: MapSettings;
  maxPhotos: number;
}

/** The GET form that narrows the colonia list (a town may have thousands); `action` is the form page's address. */
export function ColoniaSearch({ ctx, action, service, coloniaQ }: { ctx: PageContext; action: string; service: string; coloniaQ: string }) {
  const t = ctx.t;
  return (
    <Form ctx={ctx} action={action} method="get" class="search-form">
      <input type="hidden" name="servicio" value={service} />
      <div class="field">
        <label for="campo-colonia_q">{t("reqSubmit:form.coloniaSearch")}</label>
        <input id="campo-colonia_q" name="colonia_q" type="search" value={coloniaQ} maxLength={100} />
      </div>
      <button type="submit" class="button button-secondary">
        {t("reqSubmit:form.coloniaSearchButton")}
      </button>
    </Form>
  );
}

/**
 * Where the problem is, inside a request form: the map (hidden until report-map.js offers it), the
 * typed coordinates and the colonia list. Shared by the citizen form and staff forms that file a request.
 */
export function PlaceFields(props: {
  ctx: PageContext;
  service: ServiceDefinition;
  values: Pick<SubmitValues, "lat" | "lon" | "colonia">;
  errors: Record<string, string>;
  colonias: ColoniaOption[];
  coloniaTotal: number;
  map: MapSettings;
}) {
  const { ctx, service, values, errors, colonias, coloniaTotal, map } = props;
  const t = ctx.t;
  const tooMany = coloniaTotal > colonias.length;
  const coloniaHint = tooMany ? t("reqSubmit:form.coloniaNarrow", { shown: colonias.length, total: coloniaTotal }) : t("reqSubmit:form.coloniaHint");
  return (
    <>
      <div
        id="mapa-reporte"
        class="map report-map"
        hidden
        data-tiles={map.tiles}
        data-geojson={map.geojson}
        data-lookup={map.lookup}
        data-similar={map.similar}
        data-service={service.code}
        aria-label={t("reqSubmit:form.mapLabel")}
        role="application"
      ></div>
      <p id="mapa-estado" class="hint" aria-live="polite"></p>
      <fieldset class="form-section" id="campo-location">
        <legend>
          {t("reqSubmit:form.location")}
          {service.locationRequired && <span class="required"> ({t("form.required")})</span>}
        </legend>
        <p class="hint">{t("reqSubmit:form.locationHint")}</p>
        {errors.location && <p class="error-message">{errors.location}</p>}
        <TextField ctx={ctx} name="lat" label={t("reqSubmit:form.lat")} value={values.lat} inputmode="decimal" />
        <TextField ctx={ctx} name="lon" label={t("reqSubmit:form.lon")} value={values.lon} inputmode="decimal" />
      </fieldset>
      <SelectField
        ctx={ctx}
        name="colonia"
        label={t("reqSubmit:form.colonia")}
        hint={coloniaHint}
        value={values.colonia}
        error={errors.colonia}
        placeholder={t("reqSubmit:form.coloniaNone")}
        options={colonias.map((c) => ({ value: c.slug, label: c.postalCode ? `${c.name} (C.P. ${c.postalCode})` : c.name }))}
      />
    </>
  );
}

export function SubmitFormPage(props: SubmitFormProps) {
  const { ctx, municipality: m, service, values, errors, colonias, coloniaTotal, coloniaQ, map, maxPhotos } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("reqSubmit:form.title", { service: service.name })}>
      {crumbs(ctx, m, service.name)}
      <h1>{t("reqSubmit:form.title", { service: service.name })}</h1>
      {service.description && <p class="lead">{service.description}</p>}
      <p>
        <a href={`/${m.slug}/solicitudes/nueva`}>{t("reqSubmit:form.otherService")}</a>
      </p>
      <h2>{t("reqSubmit:form.where")}</h2>
      <ColoniaSearch ctx={ctx} action={`/${m.slug}/solicitudes/nueva`} service={service.code} coloniaQ={coloniaQ} />
      <Form ctx={ctx} action={`/${m.slug}/solicitudes`} errors={errors} multipart>
        <input type="hidden" name="servicio" value={service.code} />
        <PlaceFields ctx={ctx} service={service} values={values} errors={errors} colonias={colonias} coloniaTotal={coloniaTotal} map={map} />
        <TextField ctx={ctx} name="address" label={t("reqSubmit:form.address")} hint={t("reqSubmit:form.addressHint")} value={values.address} error={errors.address} autocomplete="street-address" />
        <h2>{t("reqSubmit:form.what")}</h2>
        <TextArea ctx={ctx} name="description" label={t("reqSubmit:form.description")} hint={t("reqSubmit:form.descriptionHint")} value={values.description} error={errors.description} required />
        <AttributeFields ctx={ctx} attributes={service.attributes} values={values} errors={errors} />
        <PhotoField ctx={ctx} required={service.photoRequired} error={errors.photo} maxPhotos={maxPhotos} />
        <fieldset class="form-section">
          <legend>{t("reqSubmit:form.contact")}</legend>
          <p class="hint">{t("reqSubmit:form.contactPrivate")}</p>
          <TextField ctx={ctx} name="name" label={t("reqSubmit:form.name")} value={values.name} error={errors.name} autocomplete="name" />
          <TextField ctx={ctx} name="email" type="email" label={t("reqSubmit:form.email")} hint={t("reqSubmit:form.emailHint")} value={values.email} error={errors.email} autocomplete="email" inputmode="email" />
          <TextField ctx={ctx} name="phone" type="tel" label={t("reqSubmit:form.phone")} value={values.phone} error={errors.phone} autocomplete="tel" inputmode="tel" />
        </fieldset>
        <p class="hint">{t("reqSubmit:form.notice")}</p>
        <Button>{t("reqSubmit:form.submit")}</Button>
      </Form>
      <script type="module" src="/static/js/report-map.js"></script>
    </Layout>
  );
}

export function PhotoField({ ctx, required, error, maxPhotos, hint }: { ctx: PageContext; required: boolean; error?: string; maxPhotos: number; hint?: string }) {
  const t = ctx.t;
  return (
    <div class={error ? "field field-error" : "field"}>
      <label for="campo-photo">
        {t("reqSubmit:form.photo")}
        {required && <span class="required"> ({t("form.required")})</span>}
      </label>
      <p class="hint" id="ayuda-photo">
        {hint ?? t("reqSubmit:form.photoHint", { max: maxPhotos })}
      </p>
      {error && (
        <p class="error-message" id="error-photo">
          {error}
        </p>
      )}
      <input id="campo-photo" name="photo" type="file" accept="image/*" multiple aria-describedby={error ? "ayuda-photo error-photo" : "ayuda-photo"} />
    </div>
  );
}
