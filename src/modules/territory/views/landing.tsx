import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Form, Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import { formatPopulation, type PublicMunicipalitySummary } from "../presenters.js";

function SearchForm({ ctx, label, value }: { ctx: PageContext; label: string; value: string }) {
  return (
    <Form ctx={ctx} action={ctx.path} method="get" class="search-form">
      <div class="field">
        <label for="campo-q">{label}</label>
        <input id="campo-q" name="q" type="search" value={value} maxLength={100} />
      </div>
      <button type="submit" class="button button-secondary">
        {ctx.t("form.search")}
      </button>
    </Form>
  );
}
export { SearchForm };

export function LandingPage({ ctx, active, catalogueSize }: { ctx: PageContext; active: PublicMunicipalitySummary[]; catalogueSize: number }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("territory:landing.title")}>
      <h1>{t("territory:landing.title")}</h1>
      <p class="lead">{t("territory:landing.intro")}</p>
      <h2>{t("territory:landing.features")}</h2>
      <ul>
        <li>{t("territory:landing.feature1")}</li>
        <li>{t("territory:landing.feature2")}</li>
        <li>{t("territory:landing.feature3")}</li>
      </ul>
      <h2>{t("territory:landing.activeTitle")}</h2>
      <Table
        caption={t("territory:landing.activeCaption")}
        rows={active}
        empty={t("territory:landing.noActive")}
        columns={[
          { header: t("territory:columns.municipality"), cell: (m) => (m.url ? <a href={m.url}>{m.name}</a> : m.name) },
          { header: t("territory:columns.state"), cell: (m) => m.stateName },
          { header: t("territory:columns.population"), cell: (m) => formatPopulation(m.population), numeric: true },
        ]}
      />
      <p>
        <a href="/municipios">{t("territory:landing.allMunicipalities", { count: catalogueSize })}</a>
      </p>
    </Layout>
  );
}

export function MunicipalityListPage({ ctx, rows, info, q }: { ctx: PageContext; rows: PublicMunicipalitySummary[]; info: PageInfo; q: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("territory:municipalities.title")}>
      <h1>{t("territory:municipalities.title")}</h1>
      <p>{t("territory:municipalities.intro")}</p>
      <SearchForm ctx={ctx} label={t("territory:municipalities.search")} value={q} />
      <Table
        caption={t("territory:municipalities.caption")}
        rows={rows}
        empty={t("territory:municipalities.empty")}
        columns={[
          { header: t("territory:columns.key"), cell: (m) => m.inegiKey },
          { header: t("territory:columns.municipality"), cell: (m) => (m.url ? <a href={m.url}>{m.name}</a> : m.name) },
          { header: t("territory:columns.state"), cell: (m) => m.stateName },
          { header: t("territory:columns.population"), cell: (m) => formatPopulation(m.population), numeric: true },
          { header: t("territory:columns.status"), cell: (m) => (m.active ? <strong>{t("territory:municipalities.active")}</strong> : t("territory:municipalities.inactive")) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}
