/** The staff queue: GET filters (work without JavaScript), the table, bulk changes, and the live script's hooks. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Pagination, SelectField, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { CHANNELS, PRIORITIES, REQUEST_STATUSES } from "../tables.js";
import { URGENCIES, type FilterOptions, type QueueFilters, type QueueRow } from "../queries-staff.js";
import { QueueRowView } from "./staff-row.js";

export interface QueuePageProps {
  ctx: PageContext;
  slug: string;
  timeZone: string;
  rows: QueueRow[];
  info: PageInfo;
  filters: QueueFilters;
  /** The filters as a query string, for the live script and the bulk form's way back. */
  filterQuery: string;
  options: FilterOptions;
  assignees: { id: number; name: string }[];
  /** Department staff looking at their own department by default. */
  ownDepartmentDefault: boolean;
  canWork: boolean;
  canTriage: boolean;
}

const str = (n: number | null) => (n === null ? "" : String(n));

function Filters({ ctx, slug, filters, options }: Pick<QueuePageProps, "ctx" | "slug" | "filters" | "options">) {
  const { t } = ctx;
  const all = t("reqStaff:queue.all");
  return (
    <form method="get" action={`/${slug}/admin/solicitudes`} class="search-form" aria-labelledby="filtros-titulo">
      <h2 id="filtros-titulo" style="flex-basis:100%;margin:0">
        {t("reqStaff:queue.filters")}
      </h2>
      <SelectField ctx={ctx} name="dependencia" label={t("reqStaff:columns.department")} value={str(filters.departmentId)} placeholder={all} options={options.departments.map((d) => ({ value: String(d.id), label: d.name }))} />
      <SelectField ctx={ctx} name="colonia" label={t("reqStaff:columns.colonia")} value={str(filters.coloniaId)} placeholder={all} options={options.colonias.map((c) => ({ value: String(c.id), label: c.name }))} />
      <SelectField ctx={ctx} name="servicio" label={t("reqStaff:columns.service")} value={str(filters.serviceId)} placeholder={t("reqStaff:queue.allServices")} options={options.services.map((s) => ({ value: String(s.id), label: s.name }))} />
      <SelectField ctx={ctx} name="canal" label={t("reqStaff:queue.channel")} value={filters.channel ?? ""} placeholder={all} options={CHANNELS.map((c) => ({ value: c, label: t(`channels:channel.${c}`) }))} />
      <SelectField ctx={ctx} name="prioridad" label={t("reqStaff:columns.priority")} value={filters.priority ?? ""} placeholder={all} options={PRIORITIES.map((p) => ({ value: p, label: t(`reqStaff:priority.${p}`) }))} />
      <SelectField ctx={ctx} name="urgencia" label={t("reqStaff:columns.timeLeft")} value={filters.urgency ?? ""} placeholder={all} options={URGENCIES.map((u) => ({ value: u, label: t(`reqStaff:urgency.${u}`) }))} />
      <SelectField
        ctx={ctx}
        name="orden"
        label={t("reqStaff:queue.order")}
        value={filters.order}
        options={[
          { value: "vencimiento", label: t("reqStaff:queue.orderDue") },
          { value: "recientes", label: t("reqStaff:queue.orderRecent") },
        ]}
      />
      <fieldset style="flex-basis:100%">
        <legend>{t("reqStaff:queue.statusLegend")}</legend>
        {REQUEST_STATUSES.map((s) => (
          <label style="margin-right:1rem;white-space:nowrap">
            <input type="checkbox" name="estado" value={s} checked={filters.statuses.includes(s)} /> {t(`reqStaff:status.${s}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="button button-primary">
        {t("reqStaff:queue.apply")}
      </button>
      <a href={`/${slug}/admin/solicitudes?dependencia=`}>{t("reqStaff:queue.clear")}</a>
    </form>
  );
}

function BulkForm({ ctx, slug, filterQuery, options, assignees, canTriage }: Pick<QueuePageProps, "ctx" | "slug" | "filterQuery" | "options" | "assignees" | "canTriage">) {
  const { t } = ctx;
  const apply = (action: string) => (
    <button type="submit" class="button button-secondary" name="accion" value={action}>
      {t("reqStaff:bulk.apply")}
    </button>
  );
  return (
    <form id="lote" method="post" action={`/${slug}/admin/solicitudes/lote`} class="bulk-form" aria-labelledby="lote-titulo">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="volver" value={filterQuery} />
      <h2 id="lote-titulo">{t("reqStaff:bulk.title")}</h2>
      <p class="hint">{t("reqStaff:bulk.hint")}</p>
      <fieldset>
        <legend>{t("reqStaff:bulk.status")}</legend>
        <SelectField ctx={ctx} name="estado" label={t("reqStaff:forms.newStatus")} placeholder="" options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`reqStaff:status.${s}`) }))} />
        <TextField ctx={ctx} name="motivo" label={t("reqStaff:bulk.reason")} />
        {apply("status")}
      </fieldset>
      <fieldset>
        <legend>{t("reqStaff:bulk.assignee")}</legend>
        <SelectField ctx={ctx} name="asignado" label={t("reqStaff:forms.assignee")} placeholder="" options={assignees.map((a) => ({ value: String(a.id), label: a.name }))} />
        {apply("assignee")}
      </fieldset>
      <fieldset>
        <legend>{t("reqStaff:bulk.priority")}</legend>
        <SelectField ctx={ctx} name="prioridad" label={t("reqStaff:columns.priority")} placeholder="" options={PRIORITIES.map((p) => ({ value: p, label: t(`reqStaff:priority.${p}`) }))} />
        {apply("priority")}
      </fieldset>
      {canTriage && (
        <fieldset>
          <legend>{t("reqStaff:bulk.department")}</legend>
          <SelectField ctx={ctx} name="dependencia" label={t("reqStaff:columns.department")} placeholder="" options={options.departments.map((d) => ({ value: String(d.id), label: d.name }))} />
          {apply("department")}
        </fieldset>
      )}
    </form>
  );
}

export function StaffQueuePage(props: QueuePageProps) {
  const { ctx, slug, timeZone, rows, info, filterQuery, ownDepartmentDefault, canWork } = props;
  const { t } = ctx;
  const base = `/${slug}/admin/solicitudes`;
  return (
    <Layout ctx={ctx} title={t("reqStaff:queue.title")}>
      <Breadcrumbs items={[{ href: `/${slug}/admin`, label: t("nav.admin") }, { label: t("reqStaff:queue.title") }]} />
      <h1>{t("reqStaff:queue.title")}</h1>
      <p class="lead">{t("reqStaff:queue.lead")}</p>
      {ownDepartmentDefault && <p class="flash flash-info">{t("reqStaff:queue.ownDepartment")}</p>}
      <Filters {...props} />
      <p id="cola-anuncios" role="status" aria-live="polite" aria-atomic="true" data-label={t("reqStaff:queue.live")}></p>
      <div class="table-scroll" role="region" aria-label={t("reqStaff:queue.caption")} tabIndex={0}>
        <table
          id="cola"
          data-events={`${base}/eventos`} data-row={`${base}/fila/`} data-filters={filterQuery}
          data-page={String(info.page)}
          data-statuses={JSON.stringify(Object.fromEntries(REQUEST_STATUSES.map((s) => [s, t(`reqStaff:status.${s}`).toLowerCase()])))}
          data-announce-created={t("reqStaff:live.created", { folio: "{folio}" })}
          data-announce-changed={t("reqStaff:live.changed", { folio: "{folio}", status: "{status}" })}
        >
          <caption>{t("reqStaff:queue.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reqStaff:columns.select")}</th>
              <th scope="col">{t("reqStaff:columns.folio")}</th>
              <th scope="col">{t("reqStaff:columns.service")}</th>
              <th scope="col">{t("reqStaff:columns.colonia")}</th>
              <th scope="col">{t("reqStaff:columns.department")}</th>
              <th scope="col">{t("reqStaff:columns.status")}</th>
              <th scope="col">{t("reqStaff:columns.priority")}</th>
              <th scope="col">{t("reqStaff:columns.assignee")}</th>
              <th scope="col">{t("reqStaff:columns.received")}</th>
              <th scope="col">{t("reqStaff:columns.timeLeft")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <QueueRowView ctx={ctx} row={row} slug={slug} timeZone={timeZone} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && (
        <p class="empty" id="cola-vacia">
          {t("reqStaff:queue.empty")}
        </p>
      )}
      <Pagination ctx={ctx} info={info} />
      {canWork && <BulkForm {...props} />}
      <script type="module" src="/static/js/staff-queue.js"></script>
    </Layout>
  );
}
