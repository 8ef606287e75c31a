/** Staff pages of the offices: the list with the create form, and one office (data, hours, procedures offered). */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { Checkbox, formState, GeneralError, type FailedForm } from "../../plans/views/staff-parts.js";
import { hoursOf, WEEKDAYS } from "../office-hours.js";
import type { OfficeListItem, OfficeRow } from "../office-queries.js";
import { OFFICE_KINDS } from "../tables.js";
import { adminOfficePath, adminOfficeProceduresPath, adminOfficesPath, officePath } from "../urls.js";
import { AdminCrumbs, dayName, officeKindLabel, TickList, type TickChoice } from "./office-parts.js";

export const OFFICE_FIELDS = [
  "name", "slug", "kind", "address", "lat", "lon", "phone", "email", "accessibility", "notes", "active",
  ...WEEKDAYS.flatMap((d) => [`opens-${d}`, `closes-${d}`]),
];

export function officeValues(o: OfficeRow): Record<string, string> {
  const values: Record<string, string> = {
    name: o.name, slug: o.slug, kind: o.kind, address: o.address, lat: o.lat === null ? "" : String(o.lat), lon: o.lon === null ? "" : String(o.lon),
    phone: o.phone ?? "", email: o.email ?? "", accessibility: o.accessibility, notes: o.notes, active: o.active ? "1" : "",
  };
  for (const day of WEEKDAYS) {
    const [first] = hoursOf(o.hours, day);
    values[`opens-${day}`] = first?.opens ?? "";
    values[`closes-${day}`] = first?.closes ?? "";
  }
  return values;
}

/** For each weekday an opening and a closing time; both empty when it does not open. */
function HoursGrid({ ctx, values, errors }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string> }) {
  const t = ctx.t;
  return (
    <fieldset class="form-section">
      <legend>{t("offices:admin.hours")}</legend>
      <p class="hint">{t("offices:admin.hoursHint")}</p>
      <div class="hours-grid">
        {WEEKDAYS.map((day) => {
          const error = errors?.[`hours-${day}`];
          return (
            <fieldset class={error ? "hours-day field-error" : "hours-day"} id={`campo-hours-${day}`}>
              <legend>{dayName(ctx, day)}</legend>
              {error && (
                <p class="error-message" id={`error-hours-${day}`}>
                  {error}
                </p>
              )}
              <div class="hours-times">
                <TimeInput name={`opens-${day}`} label={t("offices:admin.opens")} value={values[`opens-${day}`]} error={error ? `error-hours-${day}` : undefined} />
                <TimeInput name={`closes-${day}`} label={t("offices:admin.closes")} value={values[`closes-${day}`]} error={error ? `error-hours-${day}` : undefined} />
              </div>
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}

function TimeInput({ name, label, value, error }: { name: string; label: string; value?: string; error?: string }) {
  return (
    <div class="field">
      <label for={`campo-${name}`}>{label}</label>
      <input id={`campo-${name}`} name={name} type="time" value={value ?? ""} aria-invalid={error ? "true" : undefined} aria-describedby={error} />
    </div>
  );
}

function OfficeFields({ ctx, values, errors, tiles }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string>; tiles: string }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <>
      <GeneralError errors={errors} />
      <TextField ctx={ctx} name="name" label={t("offices:fields.name")} value={values.name} error={errors?.name} required />
      <TextField ctx={ctx} name="slug" label={t("offices:fields.slug")} hint={t("offices:admin.slugHint")} value={values.slug} error={errors?.slug} />
      <SelectField ctx={ctx} name="kind" label={t("offices:fields.kind")} value={values.kind || "modulo"} error={errors?.kind} options={OFFICE_KINDS.map((k) => ({ value: k, label: officeKindLabel(ctx, k) }))} required />
      <TextField ctx={ctx} name="address" label={t("offices:fields.address")} hint={t("offices:admin.addressHint")} value={values.address} error={errors?.address} required />
      <fieldset class="form-section">
        <legend>{t("offices:admin.location")}</legend>
        <p class="hint">{t("offices:admin.locationHint")}</p>
        <div
          id="mapa-ubicacion-oficina"
          class="map office-pin-map"
          hidden
          data-tiles={tiles}
          data-colonias={`/api/v1/municipalities/${m}/colonias.geojson`}
          role="application"
          aria-label={t("offices:admin.mapLabel")}
        ></div>
        <TextField ctx={ctx} name="lat" label={t("offices:fields.lat")} value={values.lat} error={errors?.lat} inputmode="decimal" />
        <TextField ctx={ctx} name="lon" label={t("offices:fields.lon")} value={values.lon} error={errors?.lon} inputmode="decimal" />
      </fieldset>
      <HoursGrid ctx={ctx} values={values} errors={errors} />
      <TextField ctx={ctx} name="phone" type="tel" label={t("offices:fields.phone")} hint={t("offices:admin.contactHint")} value={values.phone} error={errors?.phone} />
      <TextField ctx={ctx} name="email" type="email" label={t("offices:fields.email")} value={values.email} error={errors?.email} />
      <TextArea ctx={ctx} name="accessibility" label={t("offices:fields.accessibility")} hint={t("offices:admin.accessibilityHint")} value={values.accessibility} error={errors?.accessibility} rows={3} />
      <TextArea ctx={ctx} name="notes" label={t("offices:fields.notes")} hint={t("offices:admin.notesHint")} value={values.notes} error={errors?.notes} rows={3} />
      <Checkbox name="active" label={t("offices:fields.active")} checked={values.active === "1"} />
      <link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css" />
      <script type="module" src="/static/js/office-map.js"></script>
    </>
  );
}

export function AdminOfficesPage({ ctx, offices, info, tiles, failed }: { ctx: PageContext; offices: OfficeListItem[]; info: PageInfo; tiles: string; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const create = formState(failed, "create", { kind: "modulo", active: "1" });
  return (
    <Layout ctx={ctx} title={t("offices:admin.offices.title")}>
      <AdminCrumbs ctx={ctx} section="offices" items={[]} />
      <h1>{t("offices:admin.offices.title")}</h1>
      <p class="lead">{t("offices:admin.offices.lead")}</p>
      <Table<OfficeListItem>
        caption={t("offices:admin.offices.caption")}
        empty={t("offices:admin.offices.none")}
        rows={offices}
        columns={[
          { header: t("offices:fields.name"), cell: (o) => <a href={adminOfficePath(m, o.slug)}>{o.name}</a> },
          { header: t("offices:fields.kind"), cell: (o) => officeKindLabel(ctx, o.kind) },
          { header: t("offices:fields.address"), cell: (o) => o.address },
          { header: t("offices:admin.proceduresCount"), cell: (o) => o.procedures, numeric: true },
          { header: t("offices:fields.active"), cell: (o) => (o.active ? t("offices:admin.yes") : t("offices:admin.no")) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <section aria-labelledby="nueva-oficina">
        <h2 id="nueva-oficina">{t("offices:admin.offices.create")}</h2>
        <Form ctx={ctx} action={adminOfficesPath(m)} errors={create.errors}>
          <OfficeFields ctx={ctx} values={create.values} errors={create.errors} tiles={tiles} />
          <Button>{t("offices:admin.offices.createButton")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export interface AdminOfficePageProps {
  ctx: PageContext;
  office: OfficeRow;
  tiles: string;
  choices: TickChoice[];
  choicesInfo: PageInfo;
  filter: string;
  failed?: FailedForm;
}

export function AdminOfficePage({ ctx, office, tiles, choices, choicesInfo, filter, failed }: AdminOfficePageProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const edit = formState(failed, "edit", officeValues(office));
  const links = formState(failed, "links");
  return (
    <Layout ctx={ctx} title={office.name}>
      <AdminCrumbs ctx={ctx} section="offices" items={[{ label: office.name }]} />
      <h1>{office.name}</h1>
      <p>{office.active ? <a href={officePath(m, office.slug)}>{t("offices:admin.publicPage")}</a> : t("offices:admin.inactiveNote")}</p>
      {office.colonia && <p>{t("offices:admin.coloniaComputed", { name: office.colonia.name })}</p>}

      <section aria-labelledby="tramites-oficina">
        <h2 id="tramites-oficina">{t("offices:admin.offeredTitle")}</h2>
        <form method="get" action={adminOfficePath(m, office.slug)} class="search-form" role="search" aria-label={t("offices:admin.filterLabel")}>
          <TextField ctx={ctx} name="filtro" type="search" label={t("offices:admin.filter")} value={filter} />
          <button type="submit" class="button button-secondary">
            {t("offices:admin.filterButton")}
          </button>
        </form>
        <Form ctx={ctx} action={adminOfficeProceduresPath(m, office.slug)} errors={links.errors}>
          <TickList
            ctx={ctx}
            name="procedures"
            legend={t("offices:admin.offeredLegend")}
            hint={t("offices:admin.offeredHint")}
            choices={choices}
            info={choicesInfo}
            pageParam="tramites"
            empty={filter ? t("offices:admin.noMatches", { q: filter }) : t("offices:admin.noProceduresYet")}
          />
          <Button kind="secondary">{t("offices:admin.saveOffered")}</Button>
        </Form>
      </section>

      <section aria-labelledby="datos-oficina">
        <h2 id="datos-oficina">{t("offices:admin.editTitle")}</h2>
        <Form ctx={ctx} action={adminOfficePath(m, office.slug)} errors={edit.errors}>
          <OfficeFields ctx={ctx} values={edit.values} errors={edit.errors} tiles={tiles} />
          <Button>{t("offices:admin.save")}</Button>
        </Form>
      </section>
    </Layout>
  );
}
