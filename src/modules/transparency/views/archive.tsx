/** Public archive of answered information requests (search, filters, pages) and its statistics page. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { ANSWERED_STATUSES } from "../info-tables.js";
import type { ArchiveFacets, ArchiveItem } from "../archive-queries.js";
import type { AnswerFigures, ArchiveStatistics } from "../archive-stats.js";
import { fileSize } from "./info-attachments.js";

export interface ArchiveValues {
  q: string;
  area: string;
  anio: string;
  resultado: string;
}

export function ArchivePage({ ctx, values, facets, rows, info }: { ctx: PageContext; values: ArchiveValues; facets: ArchiveFacets; rows: ArchiveItem[]; info: PageInfo }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const base = `/${slug}/transparencia`;
  return (
    <Layout ctx={ctx} title={t("trArchive:title")}>
      <Breadcrumbs items={[{ href: base, label: t("trObligations:publicTitle") }, { label: t("trArchive:title") }]} />
      <h1>{t("trArchive:title")}</h1>
      <p>{t("trArchive:intro")}</p>
      <p>
        <a href={`${base}/estadisticas`}>{t("trArchive:statsLink")}</a>
      </p>
      <search>
        <Form ctx={ctx} action={`${base}/archivo`} method="get" class="filter-form">
          <TextField ctx={ctx} name="q" type="search" label={t("trArchive:q")} hint={t("trArchive:qHint")} value={values.q} />
          <SelectField ctx={ctx} name="area" label={t("trArchive:department")} value={values.area} placeholder={t("trArchive:any")}
            options={facets.departments.map((d) => ({ value: String(d.id), label: d.name }))} />
          <SelectField ctx={ctx} name="anio" label={t("trArchive:year")} value={values.anio} placeholder={t("trArchive:any")}
            options={facets.years.map((y) => ({ value: String(y), label: String(y) }))} />
          <SelectField ctx={ctx} name="resultado" label={t("trArchive:outcome")} value={values.resultado} placeholder={t("trArchive:any")}
            options={ANSWERED_STATUSES.map((s) => ({ value: s, label: t(`trRequests:status_${s}`) }))} />
          <Button>{t("trArchive:search")}</Button>
        </Form>
      </search>
      <h2 id="resultados">{t("trArchive:results")}</h2>
      {rows.length === 0 ? (
        <p class="empty">{t("trArchive:empty")}</p>
      ) : (
        <ol class="result-list" aria-labelledby="resultados">
          {rows.map((r) => (
            <li>
              <h3>
                <a href={`${base}/solicitudes/${r.folio}`}>{r.folio}</a>
              </h3>
              <p>{r.body}</p>
              <dl class="facts">
                <dt>{t("trRequests:status")}</dt>
                <dd>{t(`trRequests:status_${r.status}`)}</dd>
                <dt>{t("trRequests:receivedOn")}</dt>
                <dd>{r.receivedOn}</dd>
                <dt>{t("trRequests:answeredOn")}</dt>
                <dd>{r.answeredOn}</dd>
                {r.departments.length > 0 && <dt>{t("trRequests:departments")}</dt>}
                {r.departments.length > 0 && <dd>{r.departments.join(", ")}</dd>}
              </dl>
              {r.answerExcerpt && (
                <p>
                  <strong>{t("trRequests:answer")}:</strong> {r.answerExcerpt}
                </p>
              )}
              {r.attachments.length > 0 && (
                <>
                  <h4>{t("trArchive:attachments")}</h4>
                  <ul>
                    {r.attachments.map((a) => (
                      <li>
                        <a href={a.href} download>{a.fileName}</a> ({t(`trAttachments:type_${a.fileType}`)}, {fileSize(ctx, a.byteSize)})
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} %`);
const num = (v: number | null) => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(1));

export function StatisticsPage({ ctx, stats }: { ctx: PageContext; stats: ArchiveStatistics }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const base = `/${slug}/transparencia`;
  const figureColumns = [
    { header: t("trArchive:received"), cell: (f: AnswerFigures) => f.received, numeric: true },
    { header: t("trArchive:answered"), cell: (f: AnswerFigures) => f.answered, numeric: true },
    { header: t("trArchive:onTime"), cell: (f: AnswerFigures) => pct(f.onTimePercent), numeric: true },
    { header: t("trArchive:medianDays"), cell: (f: AnswerFigures) => num(f.medianBusinessDays), numeric: true },
  ];
  return (
    <Layout ctx={ctx} title={t("trArchive:statsTitle")}>
      <Breadcrumbs items={[{ href: base, label: t("trObligations:publicTitle") }, { href: `${base}/archivo`, label: t("trArchive:title") }, { label: t("trArchive:statsTitle") }]} />
      <h1>{t("trArchive:statsTitle")}</h1>
      <p>{t("trArchive:statsIntro")}</p>
      <h2>{t("trArchive:overall")}</h2>
      <dl class="facts">
        <dt>{t("trArchive:received")}</dt>
        <dd>{stats.overall.received}</dd>
        <dt>{t("trArchive:answered")}</dt>
        <dd>{stats.overall.answered}</dd>
        <dt>{t("trArchive:onTime")}</dt>
        <dd>{pct(stats.overall.onTimePercent)}</dd>
        <dt>{t("trArchive:medianDays")}</dt>
        <dd>{num(stats.overall.medianBusinessDays)}</dd>
      </dl>
      <h2>{t("trArchive:perMonth")}</h2>
      <Table
        caption={t("trArchive:perMonth")}
        empty={t("trArchive:none")}
        rows={stats.months}
        columns={[
          { header: t("trArchive:month"), cell: (m) => m.month },
          { header: t("trArchive:received"), cell: (m) => m.received, numeric: true },
          { header: t("trArchive:answered"), cell: (m) => m.answered, numeric: true },
        ]}
      />
      <h2>{t("trArchive:byDepartment")}</h2>
      <Table
        caption={t("trArchive:byDepartment")}
        empty={t("trArchive:none")}
        rows={stats.departments}
        columns={[{ header: t("trArchive:department"), cell: (d) => d.name }, ...figureColumns]}
      />
    </Layout>
  );
}
