/** The public list of a process's agreements with filters (roundtable, status, sector, overdue). */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Pagination, SelectField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { AgreementView } from "../presenters.js";
import { AGREEMENT_STATUSES, ROUNDTABLE_SECTORS } from "../tables.js";
import { processUrl, publicBase } from "../urls.js";
import { sectorLabel, statusLabel } from "./parts.js";
import { AgreementsTable, type ProcessInfo } from "./public.js";

export interface AgreementFilterValues {
  mesa: string;
  estado: string;
  sector: string;
  vencidos: boolean;
}

export function AgreementsPage({
  ctx,
  process,
  agreements,
  info,
  filters,
  roundtables,
}: {
  ctx: PageContext;
  process: ProcessInfo;
  agreements: AgreementView[];
  info: PageInfo;
  filters: AgreementFilterValues;
  roundtables: { id: number; name: string }[];
}) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const base = publicBase(m, process.slug);
  return (
    <Layout ctx={ctx} title={`${t("roundtables:agreementsTitle")} · ${process.title}`}>
      <Breadcrumbs items={[{ href: `/${m}/participa`, label: t("roundtables:processes") }, { href: processUrl(m, process.slug), label: process.title }, { href: base, label: t("roundtables:title") }, { label: t("roundtables:agreementsTitle") }]} />
      <h1>{t("roundtables:agreementsTitle")}</h1>
      <p>{t("roundtables:agreementsIntro")}</p>
      <form method="get" action={`${base}/acuerdos`} class="search-form filters" role="search" aria-label={t("roundtables:filters")}>
        <SelectField ctx={ctx} name="mesa" label={t("roundtables:roundtable")} value={filters.mesa} placeholder={t("roundtables:all")} options={roundtables.map((r) => ({ value: String(r.id), label: r.name }))} />
        <SelectField ctx={ctx} name="estado" label={t("roundtables:statusHeader")} value={filters.estado} placeholder={t("roundtables:all")} options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: statusLabel(ctx, s) }))} />
        <SelectField ctx={ctx} name="sector" label={t("roundtables:responsibleSector")} value={filters.sector} placeholder={t("roundtables:all")} options={ROUNDTABLE_SECTORS.map((s) => ({ value: s, label: sectorLabel(ctx, s) }))} />
        <div class="checkbox">
          <input type="checkbox" id="campo-vencidos" name="vencidos" value="1" checked={filters.vencidos} />
          <label for="campo-vencidos">{t("roundtables:onlyOverdue")}</label>
        </div>
        <button type="submit" class="button button-secondary">
          {t("roundtables:filter")}
        </button>
      </form>
      <AgreementsTable ctx={ctx} base={base} agreements={agreements} caption={t("roundtables:agreementsTitle")} showRoundtable />
      <Pagination ctx={ctx} info={info} />
      <p>
        {t("roundtables:openData")} <a href={`/${m}/datos/acuerdos-mesas.csv`}>CSV</a> · <a href={`/${m}/datos/acuerdos-mesas.json`}>JSON</a>
      </p>
    </Layout>
  );
}
