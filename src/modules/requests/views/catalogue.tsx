/** Catalogue admin: the list of a municipality's services. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";

export interface ServiceListRow {
  code: string;
  name: string;
  group: string;
  department: string | null;
  target: string;
  attributes: number;
  active: boolean;
}

export function adminCrumbs(ctx: PageContext, m: ActiveMunicipality, rest: { href?: string; label: string }[]) {
  return <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/admin/servicios`, label: ctx.t("reqSubmit:catalogue.title") }, ...rest]} />;
}

export function CatalogueListPage({ ctx, municipality: m, rows, info }: { ctx: PageContext; municipality: ActiveMunicipality; rows: ServiceListRow[]; info: PageInfo }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("reqSubmit:catalogue.title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { label: t("reqSubmit:catalogue.title") }]} />
      <h1>{t("reqSubmit:catalogue.title")}</h1>
      <p class="lead">{t("reqSubmit:catalogue.intro")}</p>
      <p>
        <a class="button button-primary" href={`/${m.slug}/admin/servicios/nuevo`}>
          {t("reqSubmit:catalogue.new")}
        </a>
      </p>
      <Table
        caption={t("reqSubmit:catalogue.caption", { name: m.name })}
        rows={rows}
        empty={t("reqSubmit:catalogue.empty")}
        columns={[
          { header: t("reqSubmit:catalogue.name"), cell: (r) => <a href={`/${m.slug}/admin/servicios/${r.code}/editar`}>{r.name}</a> },
          { header: t("reqSubmit:catalogue.code"), cell: (r) => <code>{r.code}</code> },
          { header: t("reqSubmit:catalogue.group"), cell: (r) => r.group },
          { header: t("reqSubmit:catalogue.department"), cell: (r) => r.department ?? t("reqSubmit:catalogue.noDepartment") },
          { header: t("reqSubmit:catalogue.target"), cell: (r) => r.target },
          { header: t("reqSubmit:catalogue.attributes"), cell: (r) => r.attributes, numeric: true },
          { header: t("reqSubmit:catalogue.state"), cell: (r) => t(r.active ? "reqSubmit:catalogue.active" : "reqSubmit:catalogue.inactive") },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}
