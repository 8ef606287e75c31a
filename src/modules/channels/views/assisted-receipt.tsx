/**
 * The printable receipt of an assisted filing: what the person takes home — the folio, the public
 * address, how to follow it without an account, and (once) the private tracking link. No personal
 * data: the paper may be left on a counter.
 */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import { assistedRequestPath } from "../urls.js";

export interface ReceiptView {
  folio: string;
  service: string;
  channel: string;
  office: string | null;
  createdAt: string;
  dueAt: string;
  publicUrl: string;
  searchUrl: string;
  /** The private tracking link, present only the first time the receipt is shown. */
  trackingUrl: string | null;
  emailed: boolean;
}

function when(ctx: PageContext, iso: string, timeZone: string, withTime: boolean): string {
  return new Intl.DateTimeFormat(ctx.locale === "en" ? "en" : "es-MX", { dateStyle: "long", ...(withTime ? { timeStyle: "short" } : {}), timeZone }).format(new Date(iso));
}

export function AssistedReceiptPage({ ctx, municipality: m, receipt: r }: { ctx: PageContext; municipality: ActiveMunicipality; receipt: ReceiptView }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("channelStats:receipt.title", { folio: r.folio })}>
      <Breadcrumbs items={[{ href: `/${m.slug}/admin`, label: t("nav.admin") }, { href: assistedRequestPath(m.slug), label: t("channelStats:assisted.title") }, { label: r.folio }]} />
      <div class="receipt">
        <h1>{t("channelStats:receipt.title", { folio: r.folio })}</h1>
        <p class="lead no-print">{t("channelStats:receipt.lead")}</p>
        <p class="folio">
          <strong>{r.folio}</strong>
        </p>
        <dl class="facts">
          <dt>{t("channelStats:receipt.service")}</dt>
          <dd>{r.service}</dd>
          <dt>{t("channelStats:receipt.channel")}</dt>
          <dd>{t(`channels:channel.${r.channel}`)}</dd>
          {r.office && (
            <>
              <dt>{t("channelStats:receipt.office")}</dt>
              <dd>{r.office}</dd>
            </>
          )}
          <dt>{t("channelStats:receipt.received")}</dt>
          <dd>{when(ctx, r.createdAt, m.timeZone, true)}</dd>
          <dt>{t("channelStats:receipt.due")}</dt>
          <dd>{when(ctx, r.dueAt, m.timeZone, false)}</dd>
        </dl>
        <h2>{t("channelStats:receipt.searchTitle")}</h2>
        <p>{t("channelStats:receipt.searchText", { folio: r.folio })}</p>
        <p class="receipt-url">
          <a href={r.searchUrl}>{r.searchUrl}</a>
        </p>
        <h2>{t("channelStats:receipt.publicTitle")}</h2>
        <p>{t("channelStats:receipt.publicText")}</p>
        <p class="receipt-url">
          <a href={r.publicUrl}>{r.publicUrl}</a>
        </p>
        {r.trackingUrl ? (
          <>
            <h2>{t("channelStats:receipt.trackingTitle")}</h2>
            <p>{t("channelStats:receipt.trackingText")}</p>
            <p class="receipt-url">
              <a href={r.trackingUrl} rel="nofollow noreferrer">
                {r.trackingUrl}
              </a>
            </p>
          </>
        ) : (
          <p class="hint">{t("channelStats:receipt.trackingGone")}</p>
        )}
        {r.emailed && <p>{t("channelStats:receipt.emailed")}</p>}
      </div>
      <p class="no-print">
        <a href={assistedRequestPath(m.slug)}>{t("channelStats:receipt.another")}</a>
      </p>
    </Layout>
  );
}
