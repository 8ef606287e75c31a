/**
 * The brigade members' app: one page that works offline once visited (its service worker keeps
 * it, the styles, the script and the data). The form is server-rendered with its labels; the
 * script (public/js/brigada.js) fills the choices from datos.json, keeps records in the phone
 * (IndexedDB) and sends them when there is a connection. Without JavaScript the page says so and
 * points to the ordinary request form.
 */
import type { ComponentChildren } from "preact";
import { Layout } from "../../../platform/views/layout.js";
import type { PageContext } from "../../../platform/views/context.js";
import { Checkbox } from "../../plans/views/staff-parts.js";
import { PROPOSAL_KINDS } from "../../proposals/tables.js";
import { BRIGADE_RECORD_KINDS } from "../tables.js";
import * as u from "../urls.js";

export interface BrigadeAppProps {
  ctx: PageContext;
  /** The active brigades the person may capture in (names only: the script loads the rest). */
  brigades: { slug: string; name: string }[];
  /** Brigades whose staff summary the person may open (coordinators, managers). */
  summaries: { slug: string; name: string }[];
  brandColor: string;
}

/** A labelled field the script fills or reads; `hidden` parts are shown by the script when they apply. */
function Field({ id, label, hint, children, hidden }: { id: string; label: string; hint?: string; children: ComponentChildren; hidden?: boolean }) {
  return (
    <div class="field" data-campo={id} hidden={hidden}>
      <label for={`campo-${id}`}>{label}</label>
      {hint && <p class="hint" id={`ayuda-${id}`}>{hint}</p>}
      {children}
    </div>
  );
}

export function BrigadeAppPage({ ctx, brigades, summaries, brandColor }: BrigadeAppProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const head = (
    <>
      <link rel="manifest" href={u.brigadeManifestPath(m)} />
      <meta name="theme-color" content={brandColor} />
    </>
  );
  return (
    <Layout ctx={ctx} title={t("brigades:app.title")} head={head}>
      <h1>{t("brigades:app.title")}</h1>
      <p class="lead">{t("brigades:app.lead")}</p>
      <noscript>
        <p class="flash flash-warning">
          {t("brigades:app.noScript")} <a href={`/${m}/solicitudes/nueva`}>{t("brigades:app.noScriptLink")}</a>
        </p>
      </noscript>
      <div id="sin-brigadas" hidden={brigades.length > 0}>
        <p class="flash flash-info">{t("brigades:app.noBrigades")}</p>
        <p>
          <a href={u.brigadesPath(m)}>{t("brigades:app.publicLink")}</a>
        </p>
      </div>
      {summaries.length > 0 && (
        <ul>
          {summaries.map((s) => (
            <li>
              <a href={u.adminBrigadePath(m, s.slug)}>{t("brigades:app.summaryLink", { name: s.name })}</a>
            </li>
          ))}
        </ul>
      )}
      <p id="brigada-estado" class="brigada-estado" role="status" aria-live="polite"></p>
      <div
        id="brigada-app"
        hidden
        data-slug={m}
        data-datos={u.brigadeDataPath(m)}
        data-sincronizar={u.brigadeSyncPath(m)}
        data-scope={u.brigadeAppPath(m)}
        data-sw={u.brigadeSwPath(m)}
        data-login={`/entrar?next=${encodeURIComponent(u.brigadeAppPath(m))}`}
        data-csrf={ctx.csrfToken}
      >
        <section aria-labelledby="captura-titulo" id="captura-seccion">
          <h2 id="captura-titulo">{t("brigades:app.capture")}</h2>
          <p id="vivienda-actual" class="hint"></p>
          <p>
            <button type="button" id="nueva-vivienda" class="button button-secondary">{t("brigades:app.newHousehold")}</button>
          </p>
          <form id="captura" class="stack-form" noValidate>
            <div id="captura-errores" class="error-summary" role="alert" tabIndex={-1} hidden>
              <h3>{t("form.errorsTitle")}</h3>
              <ul></ul>
            </div>
            <Field id="brigade" label={t("brigades:app.fields.brigade")}>
              <select id="campo-brigade" name="brigade" required>
                {brigades.map((b) => <option value={b.slug}>{b.name}</option>)}
              </select>
            </Field>
            <Field id="coloniaId" label={t("brigades:app.fields.colonia")} hint={t("brigades:app.hints.colonia")}>
              <select id="campo-coloniaId" name="coloniaId" aria-describedby="ayuda-coloniaId"></select>
            </Field>
            <fieldset class="form-section" data-campo="kind" id="campo-kind">
              <legend>{t("brigades:app.fields.kind")}</legend>
              {BRIGADE_RECORD_KINDS.map((k, i) => (
                <div class="checkbox">
                  <input type="radio" id={`campo-kind-${k}`} name="kind" value={k} checked={i === 0} />
                  <label for={`campo-kind-${k}`}>{t(`brigades:app.kinds.${k}`)}</label>
                </div>
              ))}
            </fieldset>
            <div data-solo="solicitud">
              <Field id="serviceCode" label={t("brigades:app.fields.service")}>
                <select id="campo-serviceCode" name="serviceCode"></select>
              </Field>
              <div id="atributos"></div>
              <Field id="description" label={t("brigades:app.fields.description")} hint={t("brigades:app.hints.description")}>
                <textarea id="campo-description" name="description" rows={4} aria-describedby="ayuda-description"></textarea>
              </Field>
            </div>
            <div data-solo="propuesta" hidden>
              <Field id="proposalKind" label={t("brigades:app.fields.proposalKind")}>
                <select id="campo-proposalKind" name="proposalKind">
                  {PROPOSAL_KINDS.map((k) => <option value={k} selected={k === "propuesta"}>{t(`brigades:app.proposalKinds.${k}`)}</option>)}
                </select>
              </Field>
              <Field id="title" label={t("brigades:app.fields.title")}>
                <input type="text" id="campo-title" name="title" maxLength={150} />
              </Field>
              <Field id="body" label={t("brigades:app.fields.body")}>
                <textarea id="campo-body" name="body" rows={4}></textarea>
              </Field>
            </div>
            <div class="field" data-campo="location" id="campo-location" tabIndex={-1}>
              <p>
                <button type="button" id="usar-ubicacion" class="button button-secondary">{t("brigades:app.useLocation")}</button>
              </p>
              <p id="ubicacion-estado" class="hint" aria-live="polite">{t("brigades:app.noLocation")}</p>
            </div>
            <div data-solo="solicitud propuesta">
              <Field id="photo" label={t("brigades:app.fields.photo")} hint={t("brigades:app.hints.photo")}>
                <input type="file" id="campo-photo" name="photo" accept="image/jpeg,image/png,image/webp,image/*" capture="environment" aria-describedby="ayuda-photo" />
              </Field>
              <p id="foto-estado" class="hint" aria-live="polite"></p>
              <p>
                <button type="button" id="quitar-foto" class="button button-secondary" hidden>{t("brigades:app.removePhoto")}</button>
              </p>
            </div>
            <div class="field" data-campo="consent">
              <Checkbox name="consent" label={t("brigades:app.fields.consent")} checked={false} />
            </div>
            <fieldset class="form-section" id="contacto" hidden>
              <legend>{t("brigades:app.fields.contact")}</legend>
              <p class="hint">{t("brigades:app.hints.contact")}</p>
              <Field id="contact-name" label={t("brigades:app.fields.name")}>
                <input type="text" id="campo-contact-name" name="contactName" autoComplete="off" maxLength={120} />
              </Field>
              <Field id="contact-phone" label={t("brigades:app.fields.phone")}>
                <input type="tel" id="campo-contact-phone" name="contactPhone" autoComplete="off" inputMode="tel" maxLength={30} />
              </Field>
              <Field id="contact-email" label={t("brigades:app.fields.email")}>
                <input type="email" id="campo-contact-email" name="contactEmail" autoComplete="off" maxLength={254} />
              </Field>
            </fieldset>
            <Field id="paperForm" label={t("brigades:app.fields.paperForm")} hint={t("brigades:app.hints.paperForm")}>
              <input type="text" id="campo-paperForm" name="paperForm" maxLength={40} aria-describedby="ayuda-paperForm" />
            </Field>
            <Field id="notes" label={t("brigades:app.fields.notes")} hint={t("brigades:app.hints.notes")}>
              <textarea id="campo-notes" name="notes" rows={3} aria-describedby="ayuda-notes"></textarea>
            </Field>
            <p>
              <button type="submit" class="button button-primary">{t("brigades:app.save")}</button>{" "}
              <button type="button" id="cancelar-edicion" class="button button-secondary" hidden>{t("brigades:app.cancelEdit")}</button>
            </p>
          </form>
        </section>
        <section aria-labelledby="pendientes-titulo">
          <h2 id="pendientes-titulo">{t("brigades:app.pending")}</h2>
          <p id="pendientes-vacio" class="empty">{t("brigades:app.noPending")}</p>
          <ul id="pendientes" class="brigada-lista"></ul>
          <p>
            <button type="button" id="sincronizar" class="button button-primary">{t("brigades:app.syncNow")}</button>
          </p>
        </section>
        <section aria-labelledby="enviados-titulo">
          <h2 id="enviados-titulo">{t("brigades:app.sent")}</h2>
          <p id="enviados-vacio" class="empty">{t("brigades:app.noSent")}</p>
          <ul id="enviados" class="brigada-lista"></ul>
        </section>
      </div>
      <script type="application/json" id="brigada-textos" dangerouslySetInnerHTML={{ __html: clientTexts(ctx) }} />
      <script type="module" src="/static/js/brigada.js"></script>
    </Layout>
  );
}

/** The script's own texts in the page's language, as JSON safe inside a <script> element. */
function clientTexts(ctx: PageContext): string {
  return JSON.stringify(ctx.t("brigades:app.client", { returnObjects: true })).replace(/</g, "\\u003c");
}
