/** Staff pages: the list with due dates and overdue flags, the registration form. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { RequestRow } from "../info-queries.js";
import { effectiveDue } from "../info-presenters.js";
import { ARCO_RIGHTS, CHANNELS } from "../info-tables.js";
import { StatusLabel } from "./info-parts.js";

export interface StaffListRow {
  row: RequestRow;
  overdue: boolean;
  /** Business days past the due date in force (null: not overdue). */
  daysOverdue?: number | null;
}

/** The list's filter: every request, or only the overdue ones (?estado=vencidas). */
export type StaffListFilterName = "todas" | "vencidas";

/** Links between the whole list and the overdue requests; the current one is marked. */
function OverdueFilter({ ctx, base, current }: { ctx: PageContext; base: string; current: StaffListFilterName }) {
  const t = ctx.t;
  const link = (name: StaffListFilterName, href: string, label: string) => (
    <li>{current === name ? <strong aria-current="page">{label}</strong> : <a href={href}>{label}</a>}</li>
  );
  return (
    <nav class="filters" aria-label={t("trReminders:list.filter")}>
      <ul>
        {link("todas", base, t("trReminders:list.all"))}
        {link("vencidas", `${base}?estado=vencidas`, t("trReminders:list.overdue"))}
      </ul>
    </nav>
  );
}

export function StaffInfoListPage({ ctx, rows, info, canManage, filter = "todas" }: { ctx: PageContext; rows: StaffListRow[]; info: PageInfo; canManage: boolean; filter?: StaffListFilterName }) {
  const t = ctx.t;
  const base = `/${ctx.municipality!.slug}/admin/transparencia/solicitudes`;
  return (
    <Layout ctx={ctx} title={t("trRequests:adminTitle")}>
      <h1>{t("trRequests:adminTitle")}</h1>
      {canManage && (
        <p>
          <a href={`${base}/nueva`}>{t("trRequests:adminNew")}</a>
        </p>
      )}
      <OverdueFilter ctx={ctx} base={base} current={filter} />
      <Table<StaffListRow>
        caption={filter === "vencidas" ? `${t("trRequests:adminTitle")} — ${t("trReminders:list.overdue")}` : t("trRequests:adminTitle")}
        empty={filter === "vencidas" ? t("trReminders:list.emptyOverdue") : t("trRequests:adminEmpty")}
        rows={rows}
        columns={[
          { header: t("trRequests:folio"), cell: ({ row }) => <a href={`${base}/${row.folio}`}>{row.folio}</a> },
          { header: t("trRequests:kind"), cell: ({ row }) => (row.kind === "arco" ? `${t("trRequests:kind_arco")} (${t(`trRequests:arco_${row.arco_right}`)})` : t("trRequests:kind_information")) },
          { header: t("trRequests:receivedOn"), cell: ({ row }) => row.received_on },
          { header: t("trRequests:dueOn"), cell: ({ row }) => effectiveDue(row) },
          {
            header: t("trRequests:status"),
            cell: ({ row, overdue, daysOverdue }) => (
              <>
                <StatusLabel ctx={ctx} status={row.status} overdue={overdue} />
                {daysOverdue ? <strong class="flag-overdue"> ({t("trReminders:list.days", { count: daysOverdue })})</strong> : null}
              </>
            ),
          },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

export function StaffNewInfoRequestPage({ ctx, values = {}, errors }: { ctx: PageContext; values?: Record<string, string>; errors?: FieldErrors }) {
  const t = ctx.t;
  const base = `/${ctx.municipality!.slug}/admin/transparencia/solicitudes`;
  return (
    <Layout ctx={ctx} title={t("trRequests:adminNew")}>
      <Breadcrumbs items={[{ href: base, label: t("trRequests:adminTitle") }, { label: t("trRequests:adminNew") }]} />
      <h1>{t("trRequests:adminNew")}</h1>
      <Form ctx={ctx} action={`${base}/nueva`} errors={errors}>
        <SelectField ctx={ctx} name="kind" label={t("trRequests:kind")} value={values.kind ?? "information"} error={errors?.kind} required
          options={["information", "arco"].map((k) => ({ value: k, label: t(`trRequests:kind_${k}`) }))} />
        <SelectField ctx={ctx} name="arcoRight" label={t("trRequests:arcoRight")} value={values.arcoRight} error={errors?.arcoRight} placeholder="—"
          options={ARCO_RIGHTS.map((k) => ({ value: k, label: t(`trRequests:arco_${k}`) }))} />
        <SelectField ctx={ctx} name="channel" label={t("trRequests:channel")} value={values.channel ?? "in_person"} error={errors?.channel} required
          options={CHANNELS.map((k) => ({ value: k, label: t(`trRequests:channel_${k}`) }))} />
        <TextField ctx={ctx} name="fecha" label={t("trRequests:receivedDate")} hint={t("trRequests:receivedHint")} value={values.fecha} error={errors?.fecha} required />
        <TextField ctx={ctx} name="hora" label={t("trRequests:receivedTime")} value={values.hora} error={errors?.hora} required />
        <TextArea ctx={ctx} name="body" label={t("trRequests:body")} value={values.body} error={errors?.body} required rows={6} />
        <TextField ctx={ctx} name="name" label={t("trRequests:name")} value={values.name} error={errors?.name} required />
        <TextField ctx={ctx} name="email" type="email" label={t("trRequests:email")} hint={t("trRequests:contactHint")} value={values.email} error={errors?.email} />
        <TextArea ctx={ctx} name="address" label={t("trRequests:address")} value={values.address} error={errors?.address} rows={2} />
        <Button>{t("trRequests:register")}</Button>
      </Form>
    </Layout>
  );
}
