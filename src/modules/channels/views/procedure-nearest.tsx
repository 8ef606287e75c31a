/** The nearest-office question (a colonia, the browser's location or typed coordinates) and its answer. */
import { Layout } from "../../../platform/views/layout.js";
import { Form, SelectField, TextField } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicOffice, PublicProcedure } from "../office-presenters.js";
import { nearestOfficePath } from "../urls.js";
import { distanceText, OpenNow, PublicCrumbs } from "./office-parts.js";

export interface NearestFormState {
  colonias: { slug: string; name: string }[];
  values: { colonia: string; lat: string; lon: string };
  errors?: Record<string, string>;
}

/** Where the person is: a colonia of the list, or (with JavaScript) their location, or typed coordinates. */
export function NearestForm({ ctx, procedure, form }: { ctx: PageContext; procedure: PublicProcedure; form: NearestFormState }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const errors = form.errors;
  return (
    <Form ctx={ctx} method="get" action={nearestOfficePath(m, procedure.slug)} errors={errors} class="stack-form nearest-form">
      {errors?.where && (
        <p class="error-message" id="campo-where">
          {errors.where}
        </p>
      )}
      {form.colonias.length > 0 ? (
        <SelectField
          ctx={ctx}
          name="colonia"
          label={t("offices:nearest.colonia")}
          value={form.values.colonia}
          error={errors?.colonia}
          placeholder={t("offices:nearest.chooseColonia")}
          options={form.colonias.map((c) => ({ value: c.slug, label: c.name }))}
        />
      ) : (
        <p class="hint">{t("offices:nearest.noColonias")}</p>
      )}
      <button type="button" class="button button-secondary" id="usar-mi-ubicacion" hidden>
        {t("offices:nearest.useLocation")}
      </button>
      <p id="ubicacion-estado" class="hint" aria-live="polite"></p>
      <details class="form-section" open={Boolean(form.values.lat || form.values.lon || errors?.lat || errors?.lon || form.colonias.length === 0)}>
        <summary>{t("offices:nearest.coordinates")}</summary>
        <TextField ctx={ctx} name="lat" label={t("offices:fields.lat")} hint={t("offices:nearest.coordinatesHint")} value={form.values.lat} error={errors?.lat} inputmode="decimal" />
        <TextField ctx={ctx} name="lon" label={t("offices:fields.lon")} value={form.values.lon} error={errors?.lon} inputmode="decimal" />
      </details>
      <button type="submit" class="button button-primary">
        {t("offices:nearest.submit")}
      </button>
      <script type="module" src="/static/js/office-map.js"></script>
    </Form>
  );
}

export interface NearestAnswer {
  from: { colonia: string | null };
  located: { office: PublicOffice; distanceKm: number }[];
  unlocated: PublicOffice[];
}

export function NearestOfficePage({ ctx, procedure: p, answer, form }: { ctx: PageContext; procedure: PublicProcedure; answer: NearestAnswer | null; form: NearestFormState }) {
  const t = ctx.t;
  const origin = answer?.from.colonia ? t("offices:nearest.fromColonia", { name: answer.from.colonia }) : t("offices:nearest.fromPoint");
  const [first, ...rest] = answer?.located ?? [];
  return (
    <Layout ctx={ctx} title={t("offices:nearest.pageTitle", { name: p.name })}>
      <PublicCrumbs ctx={ctx} section="procedures" items={[{ href: p.path, label: p.name }, { label: t("offices:nearest.title") }]} />
      <h1>{t("offices:nearest.pageTitle", { name: p.name })}</h1>
      {answer && (
        <section aria-labelledby="respuesta">
          <h2 id="respuesta">{t("offices:nearest.answer")}</h2>
          {first ? (
            <>
              <p class="lead">
                {t("offices:nearest.isBefore", { name: p.name })} <a href={first.office.path}>{first.office.name}</a>{" "}
                {t("offices:nearest.isAfter", { distance: distanceText(ctx, first.distanceKm), origin })}
              </p>
              <p>
                {first.office.address} · <OpenNow ctx={ctx} state={first.office.openNow} />
              </p>
            </>
          ) : answer.unlocated.length ? (
            <p class="lead">{t("offices:nearest.noneLocated", { name: p.name })}</p>
          ) : (
            <p class="lead">{t("offices:nearest.noOffice", { name: p.name })}</p>
          )}
          {rest.length > 0 && (
            <>
              <h3>{t("offices:nearest.alternatives")}</h3>
              <ol>
                {rest.slice(0, 2).map((d) => (
                  <li>
                    <a href={d.office.path}>{d.office.name}</a>, {distanceText(ctx, d.distanceKm)} — {d.office.address}
                  </li>
                ))}
              </ol>
            </>
          )}
          {answer.unlocated.length > 0 && (
            <>
              <h3>{t("offices:nearest.unlocated")}</h3>
              <ul>
                {answer.unlocated.map((o) => (
                  <li>
                    <a href={o.path}>{o.name}</a> — {o.address}
                  </li>
                ))}
              </ul>
            </>
          )}
          {!first && answer.unlocated.length === 0 && p.onlineUrl && (
            <p>
              <a href={p.onlineUrl} rel="noopener noreferrer">
                {t("offices:procedure.online")}
              </a>
            </p>
          )}
        </section>
      )}
      <h2>{answer ? t("offices:nearest.again") : t("offices:nearest.title")}</h2>
      <NearestForm ctx={ctx} procedure={p} form={form} />
      <p>
        <a href={p.path}>{t("offices:nearest.back", { name: p.name })}</a>
      </p>
    </Layout>
  );
}
