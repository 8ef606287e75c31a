/** The steps after the form: "¿Es alguno de estos?" (open requests nearby) and the confirmation with the folio. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import type { ServiceDefinition } from "../catalogue.js";
import type { SubmitValues } from "../citizen-form.js";
import { HiddenValues } from "./submit-fields.js";
import { PhotoField } from "./submit.js";

/** A similar open request, as the public may see it. */
export interface SimilarCard {
  folio: string;
  description: string;
  status: string;
  supporters: number;
  createdAt: string;
  distanceMetres: number | null;
  url: string;
}

function shortDate(ctx: PageContext, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(ctx.locale, { dateStyle: "medium", timeZone }).format(new Date(iso));
}

export function DuplicatesPage({
  ctx,
  municipality: m,
  service,
  similar,
  values,
  photosDropped,
  maxPhotos,
}: {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  service: ServiceDefinition;
  similar: SimilarCard[];
  values: SubmitValues;
  photosDropped: boolean;
  maxPhotos: number;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("reqSubmit:similar.title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/solicitudes/nueva`, label: t("reqSubmit:title") }, { label: t("reqSubmit:similar.title") }]} />
      <h1>{t("reqSubmit:similar.title")}</h1>
      <p class="lead">{t("reqSubmit:similar.intro", { service: service.name })}</p>
      <ul class="cards">
        {similar.map((s) => (
          <li class="card">
            <h2>
              <a href={s.url}>{s.folio}</a>
            </h2>
            <p>{s.description}</p>
            <p class="hint">
              {t(`reqSubmit:status.${s.status}`)} · {t("reqSubmit:similar.since", { date: shortDate(ctx, s.createdAt, m.timeZone) })}
              {s.distanceMetres !== null && <> · {t("reqSubmit:similar.distance", { metres: s.distanceMetres })}</>} ·{" "}
              {t("reqSubmit:similar.supporters", { count: s.supporters })}
            </p>
            <Form ctx={ctx} action={`/${m.slug}/solicitudes/${encodeURIComponent(s.folio)}/apoyo`} class="inline-form">
              <Button kind="secondary">{t("reqSubmit:similar.support")}</Button>
            </Form>
          </li>
        ))}
      </ul>
      <h2>{t("reqSubmit:similar.mineTitle")}</h2>
      <Form ctx={ctx} action={`/${m.slug}/solicitudes`} multipart>
        <HiddenValues values={values} />
        <input type="hidden" name="confirmar" value="1" />
        {(photosDropped || service.photoRequired) && (
          <PhotoField ctx={ctx} required={service.photoRequired} maxPhotos={maxPhotos} hint={t("reqSubmit:similar.photoAgain", { max: maxPhotos })} />
        )}
        <Button>{t("reqSubmit:similar.submitMine")}</Button>
      </Form>
    </Layout>
  );
}

export function ConfirmationPage({
  ctx,
  municipality: m,
  folio,
  links,
}: {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  folio: string;
  /** Present only in the browser that filed it (the tracking secret is never stored in clear). */
  links: { publicPath: string; trackingPath: string | null; emailed: boolean };
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("reqSubmit:done.title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { label: t("reqSubmit:done.title") }]} />
      <h1>{t("reqSubmit:done.title")}</h1>
      <p class="lead">{t("reqSubmit:done.folioIs")}</p>
      <p class="folio">
        <strong>{folio}</strong>
      </p>
      <h2>{t("reqSubmit:done.publicTitle")}</h2>
      <p>{t("reqSubmit:done.publicText")}</p>
      <p>
        <a href={links.publicPath}>{t("reqSubmit:done.publicLink", { folio })}</a>
      </p>
      {links.trackingPath ? (
        <>
          <h2>{t("reqSubmit:done.trackingTitle")}</h2>
          <p>{t("reqSubmit:done.trackingText")}</p>
          <p>
            <a href={links.trackingPath} rel="nofollow noreferrer">
              {t("reqSubmit:done.trackingLink")}
            </a>
          </p>
        </>
      ) : (
        <p class="hint">{t("reqSubmit:done.trackingGone")}</p>
      )}
      {links.emailed && <p>{t("reqSubmit:done.emailed")}</p>}
      <p>
        <a href={`/${m.slug}/solicitudes/nueva`}>{t("reqSubmit:done.another")}</a>
      </p>
    </Layout>
  );
}
