import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import { SearchForm } from "../../territory/views/landing.js";
import type { CatalogueDataset } from "../catalogue.js";

/** The catalogue's dates are instants; pages show the day in Mexico City (the default zone of every demo town). */
export function formatDay(ctx: PageContext, iso: string | null): string {
  if (!iso) return ctx.t("openData:unknown");
  return new Intl.DateTimeFormat(ctx.locale, { dateStyle: "long", timeZone: "America/Mexico_City" }).format(new Date(iso));
}

function LicenceLink({ d }: { d: Pick<CatalogueDataset, "licence"> }) {
  return <a href={d.licence.url} rel="license">{d.licence.title}</a>;
}

export function CataloguePage({
  ctx,
  municipality,
  rows,
  info,
  q,
  licence,
}: {
  ctx: PageContext;
  municipality: { slug: string; name: string } | null;
  rows: CatalogueDataset[];
  info: PageInfo;
  q: string;
  licence: CatalogueDataset["licence"];
}) {
  const t = ctx.t;
  const title = municipality ? t("openData:title") : t("openData:titleAll");
  const base = municipality ? `/${municipality.slug}/datos` : "/datos";
  const [before, after] = (municipality ? t("openData:intro", { name: municipality.name, licence: "\u0000" }) : t("openData:introAll", { licence: "\u0000" })).split("\u0000");
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs items={municipality ? [{ href: `/${municipality.slug}`, label: municipality.name }, { label: title }] : [{ href: "/", label: "Cabildo" }, { label: title }]} />
      <h1>{title}</h1>
      <p class="lead">
        {before}
        <LicenceLink d={{ licence }} />
        {after}
      </p>
      <SearchForm ctx={ctx} label={t("openData:search")} value={q} />
      <Table
        caption={municipality ? t("openData:caption", { name: municipality.name }) : t("openData:captionAll")}
        rows={rows}
        empty={t("openData:empty")}
        columns={[
          { header: t("openData:columns.title"), cell: (d) => <a href={d.landingPath}>{d.title}</a> },
          { header: t("openData:columns.publisher"), cell: (d) => d.publisher.name },
          { header: t("openData:columns.formats"), cell: (d) => d.distributions.map((r) => r.format).join(", ") },
          { header: t("openData:columns.modified"), cell: (d) => formatDay(ctx, d.modified) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <h2>{t("openData:machine")}</h2>
      <ul>
        <li>
          <a href={`${base}/catalogo.jsonld`} type="application/ld+json">{t("openData:dcat")}</a>
        </li>
        <li>
          <a href="/api/3/action/package_list" type="application/json">{t("openData:ckan")}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function DatasetPage({ ctx, dataset: d }: { ctx: PageContext; dataset: CatalogueDataset }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={d.title}>
      <Breadcrumbs items={[{ href: `/${d.publisher.slug}`, label: d.publisher.name }, { href: `/${d.publisher.slug}/datos`, label: t("openData:title") }, { label: d.title }]} />
      <h1>{d.title}</h1>
      <p class="lead">{d.description}</p>
      <h2>{t("openData:downloads")}</h2>
      <ul>
        {d.distributions.map((r) => (
          <li>
            <a href={r.downloadPath} type={r.mediaType}>{r.title}</a> ({r.format})
          </li>
        ))}
      </ul>
      <h2>{t("openData:facts")}</h2>
      <dl class="facts">
        <dt>{t("openData:fields.identifier")}</dt>
        <dd><code>{d.id}</code></dd>
        <dt>{t("openData:fields.publisher")}</dt>
        <dd><a href={`/${d.publisher.slug}`}>{d.publisher.name}</a></dd>
        <dt>{t("openData:fields.licence")}</dt>
        <dd><LicenceLink d={d} /></dd>
        <dt>{t("openData:fields.frequency")}</dt>
        <dd>{t(`openData:frequency.${d.frequency}`)}</dd>
        <dt>{t("openData:fields.temporal")}</dt>
        <dd>{d.temporal ? t("openData:fields.temporalRange", { start: d.temporal.start, end: d.temporal.end }) : t("openData:unknown")}</dd>
        <dt>{t("openData:fields.modified")}</dt>
        <dd>{formatDay(ctx, d.modified)}</dd>
        <dt>{t("openData:fields.keywords")}</dt>
        <dd>{d.keywords.join(", ")}</dd>
      </dl>
    </Layout>
  );
}
