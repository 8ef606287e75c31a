/** /:slug/participa/:process/propuestas — filters, sort, the paginated list (no JavaScript needed). */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Pagination, SelectField, type PageInfo } from "../../../platform/views/components.js";
import type { ListFilters, PublicProposal } from "../queries.js";
import { PROPOSAL_KINDS, PROPOSAL_STATUSES } from "../tables.js";
import { ProcessCrumbs, ProposalCard, processBase, proposalsBase, type ProcessRef } from "./parts.js";

interface ListProps {
  ctx: PageContext;
  process: ProcessRef;
  timeZone: string;
  rows: PublicProposal[];
  info: PageInfo;
  filters: ListFilters;
  colonias: { slug: string; name: string }[];
  categories: { id: number; name: string }[];
  canPropose: boolean;
}

export function ProposalListPage({ ctx, process, timeZone, rows, info, filters, colonias, categories, canPropose }: ListProps) {
  const t = ctx.t;
  const base = proposalsBase(ctx, process);
  const m = ctx.municipality!;
  return (
    <Layout ctx={ctx} title={t("proposals:list.title", { process: process.title })}>
      <ProcessCrumbs ctx={ctx} process={process} items={[{ label: t("proposals:list.crumb") }]} />
      <h1>{t("proposals:list.title", { process: process.title })}</h1>
      <p class="lead">{t("proposals:list.lead")}</p>
      {canPropose && (
        <p>
          <a class="button button-primary" href={`${base}/nueva`}>
            {t("proposals:list.new")}
          </a>
        </p>
      )}
      <h2>{t("proposals:list.filters")}</h2>
      <form method="get" action={base} class="stack-form filters">
        <SelectField ctx={ctx} name="tipo" label={t("proposals:fields.kind")} value={filters.tipo} placeholder={t("proposals:list.anyKind")}
          options={PROPOSAL_KINDS.map((k) => ({ value: k, label: t(`proposals:kind.${k}`) }))} />
        <SelectField ctx={ctx} name="estado" label={t("proposals:fields.status")} value={filters.estado} placeholder={t("proposals:list.anyStatus")}
          options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`proposals:status.${s}`) }))} />
        {colonias.length > 0 && (
          <SelectField ctx={ctx} name="colonia" label={t("proposals:fields.colonia")} value={filters.colonia} placeholder={t("proposals:list.anyColonia")}
            options={colonias.map((c) => ({ value: c.slug, label: c.name }))} />
        )}
        {categories.length > 0 && (
          <SelectField ctx={ctx} name="categoria" label={t("proposals:fields.category")} value={filters.categoria} placeholder={t("proposals:list.anyCategory")}
            options={categories.map((c) => ({ value: String(c.id), label: c.name }))} />
        )}
        <SelectField ctx={ctx} name="orden" label={t("proposals:list.sort")} value={filters.orden}
          options={[
            { value: "apoyos", label: t("proposals:list.sortSupports") },
            { value: "recientes", label: t("proposals:list.sortRecent") },
            { value: "aleatorio", label: t("proposals:list.sortRandom") },
          ]} />
        {filters.orden === "aleatorio" && <input type="hidden" name="semilla" value={String(filters.semilla)} />}
        <button type="submit" class="button button-secondary">{t("proposals:list.apply")}</button>
      </form>
      <h2>{t("proposals:list.results")}</h2>
      {rows.length === 0 ? (
        <p class="empty">{t("proposals:list.empty")}</p>
      ) : (
        <ul class="cards">
          {rows.map((p) => (
            <ProposalCard ctx={ctx} process={process} p={p} timeZone={timeZone} />
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} />
      <h2>{t("proposals:list.more")}</h2>
      <ul>
        <li><a href={`${processBase(ctx, process)}/moderacion`}>{t("proposals:list.moderationLog")}</a></li>
        <li><a href={`/${m.slug}/datos/propuestas.csv?proceso=${process.slug}`}>{t("proposals:list.csv")}</a></li>
        <li><a href={`/${m.slug}/datos/propuestas.json?proceso=${process.slug}`}>{t("proposals:list.json")}</a></li>
      </ul>
    </Layout>
  );
}
