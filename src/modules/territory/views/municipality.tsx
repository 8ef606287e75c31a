import type { PageContext } from "../../../platform/views/context.js";
import { Layout, type NavItem } from "../../../platform/views/layout.js";
import { municipalityPageLinks } from "../../../platform/views/nav.js";
import { Breadcrumbs, LinkList, Table } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../queries.js";
import { formatPopulation, type PublicColonia, type PublicDepartment } from "../presenters.js";

/** The links territory adds to every municipality page (registered in the manifest). */
export function territoryNav(ctx: PageContext, slug: string): NavItem[] {
  return [
    { href: `/${slug}/colonias`, label: ctx.t("nav.colonias") },
    { href: `/${slug}/dependencias`, label: ctx.t("nav.departments") },
  ];
}

function DepartmentContact({ d }: { d: PublicDepartment }) {
  return (
    <>
      {d.officeEmail && <a href={`mailto:${d.officeEmail}`}>{d.officeEmail}</a>}
      {d.officeEmail && d.officePhone && <br />}
      {d.officePhone && <a href={`tel:${d.officePhone.replace(/[^0-9+]/g, "")}`}>{d.officePhone}</a>}
    </>
  );
}

export function MunicipalityHomePage(props: {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  departments: PublicDepartment[];
  colonias: PublicColonia[];
  counts: { colonias: number; localities: number; hasBoundary: boolean };
}) {
  const { ctx, municipality: m, departments, colonias, counts } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={m.name}>
      <h1>{m.name}</h1>
      <p>{t("territory:home.state", { state: m.stateName })}</p>
      {m.population !== null && <p>{t("territory:home.population", { population: formatPopulation(m.population) })}</p>}
      {counts.hasBoundary && <p>{t("territory:home.boundary")}</p>}
      <h2>{t("territory:home.departments")}</h2>
      {departments.length === 0 ? (
        <p class="empty">{t("territory:home.noDepartments")}</p>
      ) : (
        <ul>
          {departments.map((d) => (
            <li>{d.name}</li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/${m.slug}/dependencias`}>{t("territory:home.allDepartments")}</a>
      </p>
      <h2>{t("territory:home.colonias")}</h2>
      {counts.colonias === 0 ? (
        <p class="empty">{t("territory:home.noColonias")}</p>
      ) : (
        <>
          <p>{t("territory:home.coloniasCount", { count: counts.colonias })}</p>
          <ul>
            {colonias.map((c) => (
              <li>
                <a href={c.url}>{c.name}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href={`/${m.slug}/colonias`}>{t("territory:home.allColonias")}</a>
          </p>
        </>
      )}
      <h2>{t("territory:home.localities")}</h2>
      <p>{t("territory:home.localitiesCount", { count: counts.localities })}</p>
      <LinkList title={t("territory:more")} links={municipalityPageLinks(ctx, m.slug)} />
    </Layout>
  );
}

export function DepartmentListPage({ ctx, municipality: m, departments }: { ctx: PageContext; municipality: ActiveMunicipality; departments: PublicDepartment[] }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("territory:departments.title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { label: t("territory:departments.title") }]} />
      <h1>{t("territory:departments.title")}</h1>
      <p>{t("territory:departments.intro")}</p>
      <Table
        caption={t("territory:departments.caption", { name: m.name })}
        rows={departments}
        empty={t("territory:home.noDepartments")}
        columns={[
          { header: t("territory:columns.department"), cell: (d) => d.name },
          { header: t("territory:columns.description"), cell: (d) => d.description ?? "" },
          { header: t("territory:columns.contact"), cell: (d) => <DepartmentContact d={d} /> },
        ]}
      />
    </Layout>
  );
}
