/** The public catalogue of procedures and services: the search, one procedure, and the nearest office. */
import { Layout } from "../../../platform/views/layout.js";
import { Pagination, SelectField, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicOffice, PublicProcedure } from "../office-presenters.js";
import { PROCEDURE_KINDS } from "../tables.js";
import { officesPath, procedureDataPath, proceduresPath } from "../urls.js";
import { OpenNow, procedureKindLabel, PublicCrumbs } from "./office-parts.js";
import { NearestForm, type NearestFormState } from "./procedure-nearest.js";

export interface ProceduresPageProps {
  ctx: PageContext;
  procedures: PublicProcedure[];
  info: PageInfo;
  q: string;
  kind: string;
  approximate: boolean;
}

export function ProceduresPage({ ctx, procedures, info, q, kind, approximate }: ProceduresPageProps) {
  const t = ctx.t;
  const m = ctx.municipality!;
  return (
    <Layout ctx={ctx} title={t("offices:procedures.title")}>
      <PublicCrumbs ctx={ctx} section="procedures" items={[]} />
      <h1>{t("offices:procedures.title")}</h1>
      <p class="lead">{t("offices:procedures.lead", { name: m.name })}</p>
      <form method="get" action={proceduresPath(m.slug)} class="search-form" role="search" aria-label={t("offices:procedures.searchLabel")}>
        <TextField ctx={ctx} name="q" type="search" label={t("offices:procedures.q")} hint={t("offices:procedures.qHint")} value={q} />
        <SelectField
          ctx={ctx}
          name="tipo"
          label={t("offices:procedures.kind")}
          value={kind}
          placeholder={t("offices:procedures.anyKind")}
          options={PROCEDURE_KINDS.map((k) => ({ value: k, label: procedureKindLabel(ctx, k) }))}
        />
        <button type="submit" class="button button-primary">
          {t("offices:procedures.search")}
        </button>
      </form>
      {q && (
        <p role="status">
          {info.total === 0 ? t("offices:procedures.noResults", { q }) : approximate ? t("offices:procedures.approximate", { q, count: info.total }) : t("offices:procedures.results", { q, count: info.total })}
        </p>
      )}
      {procedures.length === 0 && !q && <p class="empty">{t("offices:procedures.none")}</p>}
      {procedures.length > 0 && (
        <ul class="cards">
          {procedures.map((p) => (
            <li class="card">
              <h2>
                <a href={p.path}>{p.name}</a>
              </h2>
              <p class="hint">
                {procedureKindLabel(ctx, p.kind)}
                {p.duration && ` · ${p.duration}`}
              </p>
              {p.summary && <p>{p.summary}</p>}
              <p>
                {t("offices:fields.cost")}: {p.costText}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} />
      <p>
        <a href={officesPath(m.slug)}>{t("offices:procedures.toOffices")}</a>
      </p>
      <h2>{t("offices:openData.title")}</h2>
      <ul>
        <li>
          <a href={procedureDataPath(m.slug, "csv")}>{t("offices:openData.proceduresCsv")}</a>
        </li>
        <li>
          <a href={procedureDataPath(m.slug, "json")}>{t("offices:openData.proceduresJson")}</a>
        </li>
      </ul>
    </Layout>
  );
}

export interface ProcedurePageProps {
  ctx: PageContext;
  procedure: PublicProcedure;
  offices: PublicOffice[];
  officesInfo: PageInfo;
  /** The citizen-request form of the related service, when it is active. */
  requestLink: string | null;
  nearest: NearestFormState;
}

function money(ctx: PageContext, amount: number): string {
  return new Intl.NumberFormat(ctx.locale === "en" ? "en" : "es-MX", { style: "currency", currency: "MXN" }).format(amount);
}

export function ProcedurePage({ ctx, procedure: p, offices, officesInfo, requestLink, nearest }: ProcedurePageProps) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={p.name}>
      <PublicCrumbs ctx={ctx} section="procedures" items={[{ label: p.name }]} />
      <h1>{p.name}</h1>
      <p class="hint">{procedureKindLabel(ctx, p.kind)}</p>
      {p.summary && <p class="lead">{p.summary}</p>}
      <dl class="facts">
        <dt>{t("offices:fields.cost")}</dt>
        <dd>
          {p.costText}
          {p.costMxn !== null && ` (${money(ctx, p.costMxn)})`}
        </dd>
        {p.duration && (
          <>
            <dt>{t("offices:fields.duration")}</dt>
            <dd>{p.duration}</dd>
          </>
        )}
        {p.department && (
          <>
            <dt>{t("offices:fields.department")}</dt>
            <dd>{p.department}</dd>
          </>
        )}
        {p.legalBasis && (
          <>
            <dt>{t("offices:fields.legalBasis")}</dt>
            <dd>{p.legalBasis}</dd>
          </>
        )}
      </dl>

      <h2>{t("offices:procedure.requirements")}</h2>
      {p.requirements.length ? (
        <ul>
          {p.requirements.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      ) : (
        <p class="empty">{t("offices:procedure.noRequirements")}</p>
      )}

      {p.howTo && (
        <>
          <h2>{t("offices:procedure.howTo")}</h2>
          <p class="description">{p.howTo}</p>
        </>
      )}

      {(p.onlineUrl || requestLink) && (
        <ul class="actions-list">
          {p.onlineUrl && (
            <li>
              <a href={p.onlineUrl} rel="noopener noreferrer">
                {t("offices:procedure.online")}
              </a>
            </li>
          )}
          {requestLink && (
            <li>
              <a href={requestLink}>{t("offices:procedure.fileRequest")}</a>
            </li>
          )}
        </ul>
      )}

      <h2 id="oficinas">{t("offices:procedure.offices")}</h2>
      {offices.length === 0 ? (
        <p class="empty">{t("offices:procedure.noOffices")}</p>
      ) : (
        <ul>
          {offices.map((o) => (
            <li>
              <a href={o.path}>{o.name}</a> — {o.address} · <OpenNow ctx={ctx} state={o.openNow} />
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={officesInfo} param="oficinas" label={t("offices:procedure.offices")} />

      {officesInfo.total > 0 && (
        <section aria-labelledby="oficina-cercana">
          <h2 id="oficina-cercana">{t("offices:nearest.title")}</h2>
          <p>{t("offices:nearest.lead", { name: p.name })}</p>
          <NearestForm ctx={ctx} procedure={p} form={nearest} />
        </section>
      )}
    </Layout>
  );
}
