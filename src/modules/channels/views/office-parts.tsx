/** Pieces shared by the office and procedure pages: crumbs, labels, hours, maps, distances, tick lists. */
import type { ComponentChildren } from "preact";
import { Breadcrumbs, Pagination, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { hoursOf, WEEKDAYS } from "../office-hours.js";
import type { OfficeHours, OfficeKind, ProcedureKind } from "../tables.js";
import { adminOfficesPath, adminProceduresPath, officesPath, proceduresPath } from "../urls.js";

/** Inicio › Trámites y servicios / Oficinas › …items */
export function PublicCrumbs({ ctx, section, items }: { ctx: PageContext; section: "offices" | "procedures"; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!;
  const head = section === "offices" ? { href: officesPath(m.slug), label: ctx.t("offices:offices.title") } : { href: proceduresPath(m.slug), label: ctx.t("offices:procedures.title") };
  return <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, head, ...items]} />;
}

/** Administración › Oficinas / Catálogo de trámites › …items */
export function AdminCrumbs({ ctx, section, items }: { ctx: PageContext; section: "offices" | "procedures"; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!.slug;
  const head = section === "offices" ? { href: adminOfficesPath(m), label: ctx.t("offices:admin.offices.title") } : { href: adminProceduresPath(m), label: ctx.t("offices:admin.procedures.title") };
  return <Breadcrumbs items={[{ href: `/${m}/admin`, label: ctx.t("offices:admin.crumb") }, head, ...items]} />;
}

export const officeKindLabel = (ctx: PageContext, kind: OfficeKind) => ctx.t(`offices:kind.${kind}`);
export const procedureKindLabel = (ctx: PageContext, kind: ProcedureKind) => ctx.t(`offices:procedureKind.${kind}`);
export const dayName = (ctx: PageContext, day: number) => ctx.t(`offices:days.${day}`);

/** "Abierta ahora" / "Cerrada ahora" in words (never colour alone), or that no hours are published. */
export function OpenNow({ ctx, state }: { ctx: PageContext; state: "open" | "closed" | "unknown" }) {
  return <strong class={`office-state office-${state}`}>{ctx.t(`offices:openNow.${state}`)}</strong>;
}

/** The week's hours as a table: one row a day, "Cerrado" on the days it does not open. */
export function HoursTable({ ctx, hours, caption }: { ctx: PageContext; hours: OfficeHours[]; caption: string }) {
  const t = ctx.t;
  if (hours.length === 0) return <p class="empty">{t("offices:hours.none")}</p>;
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("offices:hours.day")}</th>
            <th scope="col">{t("offices:hours.schedule")}</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => {
            const periods = hoursOf(hours, day);
            return (
              <tr>
                <th scope="row">{dayName(ctx, day)}</th>
                <td>{periods.length ? periods.map((p) => t("offices:hours.period", { opens: p.opens, closes: p.closes })).join(", ") : t("offices:hours.closed")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "a 850 m" below one kilometre, "a 1.2 km" above. */
export function distanceText(ctx: PageContext, km: number): string {
  if (km < 1) return ctx.t("offices:distance.metres", { metres: Math.max(10, Math.round((km * 1000) / 10) * 10) });
  const kmText = new Intl.NumberFormat(ctx.locale === "en" ? "en" : "es-MX", { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(km);
  return ctx.t("offices:distance.km", { km: kmText });
}

/**
 * A Leaflet map that public/js/office-map.js draws (from a GeoJSON address, or one point); the
 * text inside stays for whoever has no JavaScript.
 */
export function OfficeMap({ id, labelledBy, tiles, geojson, point, children }: { id: string; labelledBy: string; tiles: string; geojson?: string; point?: { lat: number; lon: number; name: string }; children: ComponentChildren }) {
  return (
    <>
      <link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css" />
      <div
        id={id}
        class="map office-map"
        role="region"
        aria-labelledby={labelledBy}
        data-tiles={tiles}
        data-geojson={geojson}
        data-lat={point ? String(point.lat) : undefined}
        data-lon={point ? String(point.lon) : undefined}
        data-name={point?.name}
      >
        {children}
      </div>
      <script type="module" src="/static/js/office-map.js"></script>
    </>
  );
}

export interface TickChoice {
  id: number;
  label: string;
  checked: boolean;
}

/**
 * One page of checkboxes in a form: the ids shown travel as hidden fields, so saving changes only
 * these and leaves what is on other pages as it was.
 */
export function TickList({ ctx, name, legend, hint, choices, info, pageParam, empty }: { ctx: PageContext; name: string; legend: string; hint: string; choices: TickChoice[]; info: PageInfo; pageParam: string; empty: string }) {
  return (
    <fieldset class="form-section" id="campo-links">
      <legend>{legend}</legend>
      <p class="hint">{hint}</p>
      {choices.length === 0 && <p class="empty">{empty}</p>}
      {choices.map((c) => (
        <div class="checkbox">
          <input type="hidden" name={`${name}_shown`} value={String(c.id)} />
          <input type="checkbox" id={`${name}-${c.id}`} name={name} value={String(c.id)} checked={c.checked} />
          <label for={`${name}-${c.id}`}>{c.label}</label>
        </div>
      ))}
      {info.total > info.perPage && <Pagination ctx={ctx} info={info} param={pageParam} label={legend} />}
    </fieldset>
  );
}
