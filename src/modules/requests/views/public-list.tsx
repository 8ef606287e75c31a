/** /:slug/solicitudes — folio search, filters, a map (enhancement) and the paginated list (works without JavaScript). */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, SelectField, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PublicRequest } from "../presenters.js";
import { RequestTable } from "./public-parts.js";

export interface ListFilterValues {
  servicio: string;
  estado: string;
  colonia: string;
  desde: string;
  hasta: string;
}

interface ListProps {
  ctx: PageContext;
  municipality: { slug: string; name: string; timeZone: string };
  rows: PublicRequest[];
  info: PageInfo;
  filters: ListFilterValues;
  services: { code: string; name: string }[];
  colonias: { slug: string; name: string }[];
  mapTileUrl: string;
  folioError?: string;
  folioValue?: string;
}

export function filterQuery(f: ListFilterValues): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function FolioSearch({ ctx, slug, error, value }: { ctx: PageContext; slug: string; error?: string; value?: string }) {
  const t = ctx.t;
  return (
    <form method="get" action={`/${slug}/solicitudes/buscar`} class="search-form" role="search">
      <TextField ctx={ctx} name="folio" label={t("reqPublic:search.label")} hint={t("reqPublic:search.hint")} value={value} error={error} />
      <button type="submit" class="button button-secondary">
        {t("reqPublic:search.button")}
      </button>
    </form>
  );
}

export function RequestListPage({ ctx, municipality: m, rows, info, filters, services, colonias, mapTileUrl, folioError, folioValue }: ListProps) {
  const t = ctx.t;
  const query = filterQuery(filters);
  return (
    <Layout ctx={ctx} title={t("reqPublic:list.title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { label: t("reqPublic:list.title") }]} />
      <h1>{t("reqPublic:list.title")}</h1>
      <p class="lead">{t("reqPublic:list.lead")}</p>
      <FolioSearch ctx={ctx} slug={m.slug} error={folioError} value={folioValue} />
      <h2>{t("reqPublic:list.filters")}</h2>
      <form method="get" action={`/${m.slug}/solicitudes`} class="stack-form filters">
        <SelectField
          ctx={ctx}
          name="servicio"
          label={t("reqPublic:list.service")}
          value={filters.servicio}
          placeholder={t("reqPublic:list.anyService")}
          options={services.map((s) => ({ value: s.code, label: s.name }))}
        />
        <SelectField
          ctx={ctx}
          name="estado"
          label={t("reqPublic:list.state")}
          value={filters.estado || "todas"}
          options={[
            { value: "todas", label: t("reqPublic:list.stateTodas") },
            { value: "abiertas", label: t("reqPublic:list.stateAbiertas") },
            { value: "cerradas", label: t("reqPublic:list.stateCerradas") },
          ]}
        />
        <SelectField
          ctx={ctx}
          name="colonia"
          label={t("reqPublic:list.colonia")}
          value={filters.colonia}
          placeholder={t("reqPublic:list.anyColonia")}
          options={colonias.map((c) => ({ value: c.slug, label: c.name }))}
        />
        <TextField ctx={ctx} name="desde" type="date" label={t("reqPublic:list.from")} value={filters.desde} />
        <TextField ctx={ctx} name="hasta" type="date" label={t("reqPublic:list.to")} value={filters.hasta} />
        <button type="submit" class="button button-primary">
          {t("reqPublic:list.apply")}
        </button>
      </form>
      <h2 id="mapa-titulo">{t("reqPublic:list.map")}</h2>
      <p class="hint">{t("reqPublic:list.mapHint")}</p>
      <div
        id="mapa-solicitudes"
        class="map"
        role="region"
        aria-labelledby="mapa-titulo"
        data-geojson={`/${m.slug}/solicitudes/mapa.geojson${query}`}
        data-colonias={`/api/v1/municipalities/${m.slug}/colonias.geojson`}
        data-tiles={mapTileUrl}
      >
        <p>
          <a href={`/${m.slug}/solicitudes/mapa.geojson${query}`} type="application/geo+json">
            {t("reqPublic:list.mapData")}
          </a>
        </p>
      </div>
      <script type="module" src="/static/js/public-map.js"></script>
      <RequestTable ctx={ctx} slug={m.slug} timeZone={m.timeZone} rows={rows} caption={t("reqPublic:list.caption", { name: m.name })} info={info} />
      <p>
        <a href={`/${m.slug}/solicitudes/resumen`}>{t("reqPublic:list.summary")}</a>
      </p>
    </Layout>
  );
}
