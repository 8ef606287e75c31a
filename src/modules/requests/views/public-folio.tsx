/** The public folio page and, with `tracking`, the requester's private tracking page (rating form). */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, type FieldErrors } from "../../../platform/views/components.js";
import type { PublicEvent, PublicRequest } from "../presenters.js";
import { isOpen } from "../status.js";
import { timeLeftText } from "../deadline.js";
import { folioUrl, formatDate, statusLabel, SubscribeForm } from "./public-parts.js";

export interface FolioPhoto {
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

export interface TrackingView {
  action: string;
  canRate: boolean;
  errors?: FieldErrors;
  values?: { rating?: string; comment?: string };
}

interface FolioProps {
  ctx: PageContext;
  municipality: { slug: string; name: string; timeZone: string };
  request: PublicRequest;
  timeline: PublicEvent[];
  photos: FolioPhoto[];
  /** The survivor's folio when this one was merged into it. */
  mergedInto: string | null;
  tracking?: TrackingView;
  subscribeErrors?: FieldErrors;
  subscribeEmail?: string;
}

function eventText(ctx: PageContext, e: PublicEvent): string {
  const t = ctx.t;
  switch (e.kind) {
    case "status":
      return t("reqPublic:event.status", { status: statusLabel(ctx, e.to ?? "") });
    case "merged":
    case "absorbed":
      return t(`reqPublic:event.${e.kind}`, { folio: e.to });
    case "rating":
      return t("reqPublic:event.rating", { rating: e.to });
    default:
      return t(`reqPublic:event.${e.kind}`, { defaultValue: e.kind });
  }
}

export function FolioPage({ ctx, municipality: m, request: r, timeline, photos, mergedInto, tracking, subscribeErrors, subscribeEmail }: FolioProps) {
  const t = ctx.t;
  const tz = m.timeZone;
  const title = tracking ? t("reqPublic:tracking.title", { folio: r.folio }) : t("reqPublic:folio.title", { folio: r.folio });
  const finished = r.attendedAt ?? (r.status === "cerrada" ? r.closedAt : null);
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/solicitudes`, label: t("reqPublic:list.title") }, { label: r.folio }]} />
      <h1>{title}</h1>
      {tracking && <p class="lead">{t("reqPublic:tracking.lead")}</p>}
      {mergedInto && (
        <div class="card" role="status">
          <h2>{t("reqPublic:folio.merged", { folio: mergedInto })}</h2>
          <p>
            {t("reqPublic:folio.mergedLead")} <a href={folioUrl(m.slug, mergedInto)}>{t("reqPublic:folio.seeSurvivor", { folio: mergedInto })}</a>
          </p>
        </div>
      )}
      <h2>{t("reqPublic:folio.facts")}</h2>
      <dl class="facts">
        <dt>{t("reqPublic:folio.service")}</dt>
        <dd>{r.service.name}</dd>
        <dt>{t("reqPublic:folio.status")}</dt>
        <dd>
          <strong>{statusLabel(ctx, r.status)}</strong>
        </dd>
        {r.statusReason && (
          <>
            <dt>{t("reqPublic:folio.reason")}</dt>
            <dd>{r.statusReason}</dd>
          </>
        )}
        <dt>{t("reqPublic:folio.colonia")}</dt>
        <dd>{r.colonia ? <a href={`/${m.slug}/colonias/${r.colonia.slug}/solicitudes`}>{r.colonia.name}</a> : t("reqPublic:folio.noColonia")}</dd>
        <dt>{t("reqPublic:folio.department")}</dt>
        <dd>{r.department ?? t("reqPublic:folio.noDepartment")}</dd>
        <dt>{t("reqPublic:folio.created")}</dt>
        <dd>{formatDate(r.createdAt, tz)}</dd>
        <dt>{t("reqPublic:folio.channel")}</dt>
        <dd>{t(`channels:channel.${r.channel}`)}</dd>
        <dt>{t("reqPublic:folio.due")}</dt>
        <dd>{formatDate(r.dueAt, tz)}</dd>
        {isOpen(r.status) && (
          <>
            <dt>{t("reqPublic:folio.timeLeft")}</dt>
            <dd>{timeLeftText(new Date(r.dueAt))}</dd>
          </>
        )}
        {finished && (
          <>
            <dt>{r.attendedAt ? t("reqPublic:folio.attended") : t("reqPublic:folio.closed")}</dt>
            <dd>
              {formatDate(finished, tz)} ({new Date(finished) <= new Date(r.dueAt) ? t("reqPublic:folio.onTime") : t("reqPublic:folio.late")})
            </dd>
          </>
        )}
        <dt>{t("reqPublic:folio.supporters")}</dt>
        <dd>{r.supporters}</dd>
        {r.rating !== null && (
          <>
            <dt>{t("reqPublic:folio.rating")}</dt>
            <dd>{t("reqPublic:folio.ratingValue", { rating: r.rating })}</dd>
          </>
        )}
      </dl>
      <h2>{t("reqPublic:folio.description")}</h2>
      <p class="description">{r.description}</p>
      {photos.length > 0 && (
        <>
          <h2>{t("reqPublic:folio.photos")}</h2>
          <ul class="photos">
            {photos.map((p, i) => (
              <li>
                <a href={p.url}>
                  <img src={p.thumbnailUrl} alt={t("reqPublic:folio.photoAlt", { n: i + 1, folio: r.folio })} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("reqPublic:folio.timeline")}</h2>
      {timeline.length === 0 ? (
        <p class="empty">{t("reqPublic:folio.noTimeline")}</p>
      ) : (
        <ol class="timeline">
          {timeline.map((e) => (
            <li>
              <time dateTime={e.at}>{formatDate(e.at, tz)}</time> — {eventText(ctx, e)}
              {e.text && e.kind !== "rating" && <p>{e.text}</p>}
            </li>
          ))}
        </ol>
      )}
      {tracking && <RatingSection ctx={ctx} request={r} tracking={tracking} />}
      {!mergedInto && (
        <SubscribeForm
          ctx={ctx}
          action={`/${m.slug}/solicitudes/${r.folio}/suscripcion`}
          lead={t("reqPublic:subscribe.requestLead")}
          errors={subscribeErrors}
          email={subscribeEmail}
        />
      )}
      <p class="hint">{t("reqPublic:folio.privacy")}</p>
    </Layout>
  );
}

function RatingSection({ ctx, request: r, tracking }: { ctx: PageContext; request: PublicRequest; tracking: TrackingView }) {
  const t = ctx.t;
  if (r.rating !== null) return <p role="status">{t("reqPublic:tracking.rated", { rating: r.rating })}</p>;
  if (!tracking.canRate) return <p>{t("reqPublic:tracking.notYet")}</p>;
  const errors = tracking.errors ?? {};
  return (
    <section aria-labelledby="calificar">
      <h2 id="calificar">{t("reqPublic:tracking.rateTitle")}</h2>
      <Form ctx={ctx} action={tracking.action} errors={errors}>
        <fieldset id="campo-rating" class={errors.rating ? "field field-error" : "field"}>
          <legend>{t("reqPublic:tracking.rateLegend")}</legend>
          {errors.rating && <p class="error-message">{errors.rating}</p>}
          {[1, 2, 3, 4, 5].map((n) => (
            <div>
              <input type="radio" name="rating" id={`calificacion-${n}`} value={String(n)} checked={tracking.values?.rating === String(n)} required />
              <label for={`calificacion-${n}`}>{t(`reqPublic:tracking.rate${n}`)}</label>
            </div>
          ))}
        </fieldset>
        <div class={errors.comment ? "field field-error" : "field"}>
          <label for="campo-comment">{t("reqPublic:tracking.comment")}</label>
          {errors.comment && <p class="error-message">{errors.comment}</p>}
          <textarea id="campo-comment" name="comment" rows={4} maxLength={1000}>
            {tracking.values?.comment ?? ""}
          </textarea>
        </div>
        <Button>{t("reqPublic:tracking.send")}</Button>
      </Form>
    </section>
  );
}
