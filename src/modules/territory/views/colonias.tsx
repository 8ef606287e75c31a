import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { coloniaPageLinks } from "../../../platform/views/nav.js";
import { Breadcrumbs, LinkList, Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../queries.js";
import type { PublicColonia } from "../presenters.js";
import { SearchForm } from "./landing.js";

export function ColoniaListPage({ ctx, municipality: m, rows, info, q }: { ctx: PageContext; municipality: ActiveMunicipality; rows: PublicColonia[]; info: PageInfo; q: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("territory:colonias.title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { label: t("territory:colonias.title") }]} />
      <h1>{t("territory:colonias.title")}</h1>
      <SearchForm ctx={ctx} label={t("territory:colonias.search")} value={q} />
      <Table
        caption={t("territory:colonias.caption", { name: m.name })}
        rows={rows}
        empty={t("territory:colonias.empty")}
        columns={[
          { header: t("territory:columns.colonia"), cell: (c) => <a href={c.url}>{c.name}</a> },
          { header: t("territory:columns.type"), cell: (c) => c.settlementType },
          { header: t("territory:columns.postalCode"), cell: (c) => c.postalCode ?? "" },
          { header: t("territory:columns.zone"), cell: (c) => c.zone ?? "" },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <p>
        <a href={`/api/v1/municipalities/${m.slug}/colonias.geojson`} type="application/geo+json">
          {t("territory:colonias.geojson")}
        </a>
      </p>
    </Layout>
  );
}

export function ColoniaPage({ ctx, municipality: m, colonia: c, hasPolygon }: { ctx: PageContext; municipality: ActiveMunicipality; colonia: PublicColonia; hasPolygon: boolean }) {
  const t = ctx.t;
  const unknown = t("territory:colonias.unknown");
  return (
    <Layout ctx={ctx} title={c.name}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/colonias`, label: t("territory:colonias.title") }, { label: c.name }]} />
      <h1>{c.name}</h1>
      <h2>{t("territory:colonias.facts")}</h2>
      <dl class="facts">
        <dt>{t("territory:columns.type")}</dt>
        <dd>{c.settlementType}</dd>
        <dt>{t("territory:columns.postalCode")}</dt>
        <dd>{c.postalCode ?? unknown}</dd>
        <dt>{t("territory:columns.zone")}</dt>
        <dd>{c.zone ?? unknown}</dd>
      </dl>
      {hasPolygon ? (
        <p>
          <a href={`/api/v1/municipalities/${m.slug}/colonias/${c.slug}/geometry`} type="application/geo+json">
            {t("territory:colonias.polygonLink")}
          </a>
        </p>
      ) : (
        <p>{t("territory:colonias.noPolygon")}</p>
      )}
      <LinkList title={t("territory:more")} links={coloniaPageLinks(ctx, m.slug, c.slug)} />
    </Layout>
  );
}
