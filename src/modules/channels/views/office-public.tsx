/** The public pages of the offices: the list with its map, and one office with what can be done there. */
import { Layout } from "../../../platform/views/layout.js";
import { Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicOffice, PublicProcedure } from "../office-presenters.js";
import { officeDataPath, officesGeojsonPath, proceduresPath } from "../urls.js";
import { HoursTable, OfficeMap, officeKindLabel, OpenNow, procedureKindLabel, PublicCrumbs } from "./office-parts.js";

export function OfficesPage({ ctx, offices, info, tiles }: { ctx: PageContext; offices: PublicOffice[]; info: PageInfo; tiles: string }) {
  const t = ctx.t;
  const m = ctx.municipality!;
  return (
    <Layout ctx={ctx} title={t("offices:offices.title")}>
      <PublicCrumbs ctx={ctx} section="offices" items={[]} />
      <h1>{t("offices:offices.title")}</h1>
      <p class="lead">{t("offices:offices.lead", { name: m.name })}</p>
      <p>
        <a href={proceduresPath(m.slug)}>{t("offices:offices.toProcedures")}</a>
      </p>
      <Table<PublicOffice>
        caption={t("offices:offices.caption", { name: m.name })}
        empty={t("offices:offices.none")}
        rows={offices}
        columns={[
          { header: t("offices:fields.name"), cell: (o) => <a href={o.path}>{o.name}</a> },
          { header: t("offices:fields.kind"), cell: (o) => officeKindLabel(ctx, o.kind) },
          { header: t("offices:fields.address"), cell: (o) => (o.colonia ? `${o.address} (${t("offices:coloniaShort", { name: o.colonia.name })})` : o.address) },
          { header: t("offices:fields.now"), cell: (o) => <OpenNow ctx={ctx} state={o.openNow} /> },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <h2 id="mapa-oficinas-titulo">{t("offices:offices.map")}</h2>
      <OfficeMap id="mapa-oficinas" labelledBy="mapa-oficinas-titulo" tiles={tiles} geojson={officesGeojsonPath(m.slug)}>
        <p>
          <a href={officesGeojsonPath(m.slug)} type="application/geo+json">
            {t("offices:offices.mapData")}
          </a>
        </p>
      </OfficeMap>
      <h2>{t("offices:openData.title")}</h2>
      <ul>
        <li>
          <a href={officeDataPath(m.slug, "csv")}>{t("offices:openData.officesCsv")}</a>
        </li>
        <li>
          <a href={officeDataPath(m.slug, "geojson")}>{t("offices:openData.officesGeojson")}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function OfficePage({ ctx, office, procedures, info, tiles }: { ctx: PageContext; office: PublicOffice; procedures: PublicProcedure[]; info: PageInfo; tiles: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={office.name}>
      <PublicCrumbs ctx={ctx} section="offices" items={[{ label: office.name }]} />
      <h1>{office.name}</h1>
      <p>
        {officeKindLabel(ctx, office.kind)} · <OpenNow ctx={ctx} state={office.openNow} />
      </p>
      <dl class="facts">
        <dt>{t("offices:fields.address")}</dt>
        <dd>{office.address}</dd>
        {office.colonia && (
          <>
            <dt>{t("offices:fields.colonia")}</dt>
            <dd>{office.colonia.name}</dd>
          </>
        )}
        {office.phone && (
          <>
            <dt>{t("offices:fields.phone")}</dt>
            <dd>
              <a href={`tel:${office.phone.replace(/[^0-9+]/g, "")}`}>{office.phone}</a>
            </dd>
          </>
        )}
        {office.email && (
          <>
            <dt>{t("offices:fields.email")}</dt>
            <dd>
              <a href={`mailto:${office.email}`}>{office.email}</a>
            </dd>
          </>
        )}
        <dt>{t("offices:fields.accessibility")}</dt>
        <dd>{office.accessibility || t("offices:office.noAccessibility")}</dd>
      </dl>
      {office.notes && <p class="description">{office.notes}</p>}

      <h2 id="horario">{t("offices:office.hours")}</h2>
      <HoursTable ctx={ctx} hours={office.hours} caption={t("offices:office.hoursCaption", { name: office.name })} />

      <h2 id="mapa-oficina-titulo">{t("offices:office.map")}</h2>
      {office.lat !== null && office.lon !== null ? (
        <OfficeMap id="mapa-oficina" labelledBy="mapa-oficina-titulo" tiles={tiles} point={{ lat: office.lat, lon: office.lon, name: office.name }}>
          <p>
            <a href={`https://www.openstreetmap.org/?mlat=${office.lat}&mlon=${office.lon}#map=18/${office.lat}/${office.lon}`}>{t("offices:office.openMap")}</a>
          </p>
        </OfficeMap>
      ) : (
        <p class="empty">{t("offices:office.noLocation")}</p>
      )}

      <h2 id="tramites">{t("offices:office.procedures")}</h2>
      {procedures.length === 0 ? (
        <p class="empty">{t("offices:office.noProcedures")}</p>
      ) : (
        <ul class="cards">
          {procedures.map((p) => (
            <li class="card">
              <h3>
                <a href={p.path}>{p.name}</a>
              </h3>
              <p class="hint">{procedureKindLabel(ctx, p.kind)}</p>
              {p.summary && <p>{p.summary}</p>}
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} label={t("offices:office.procedures")} />
    </Layout>
  );
}
