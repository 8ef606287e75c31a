/** One row of the staff queue: rendered in the page and, alone, for the live script after each event. */
import type { PageContext } from "../../../platform/views/context.js";
import type { QueueRow } from "../queries-staff.js";

export function formatWhen(ctx: PageContext, at: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat(ctx.locale === "en" ? "en" : "es-MX", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(at));
}

/** Overdue and due-soon flags are words (with an icon-free marker), never colour alone. */
export function TimeLeft({ ctx, row }: { ctx: PageContext; row: QueueRow }) {
  const { t } = ctx;
  if (row.urgency === "done") return <span>{t("reqStaff:done")}</span>;
  if (row.urgency === "overdue") {
    return (
      <span class="flag-overdue">
        <strong>{t("reqStaff:overdue")}</strong> ({row.timeLeft})
      </span>
    );
  }
  if (row.urgency === "due_soon") {
    return (
      <span class="flag-soon">
        <strong>{t("reqStaff:dueSoon")}</strong> ({row.timeLeft})
      </span>
    );
  }
  return <span>{row.timeLeft}</span>;
}

export function QueueRowView({ ctx, row, slug, timeZone }: { ctx: PageContext; row: QueueRow; slug: string; timeZone: string }) {
  const { t } = ctx;
  const box = `sel-${row.id}`;
  return (
    <tr id={`fila-${row.folio}`} data-folio={row.folio} class={row.urgency === "overdue" ? "row-overdue" : undefined}>
      <td>
        <input type="checkbox" id={box} name="ids" value={row.id} form="lote" aria-label={t("reqStaff:queue.select", { folio: row.folio })} />
      </td>
      <th scope="row">
        <a href={`/${slug}/admin/solicitudes/${row.folio}`}>{row.folio}</a>
      </th>
      <td>{row.service.name}</td>
      <td>{row.colonia?.name ?? t("reqStaff:none")}</td>
      <td>{row.department ?? t("reqStaff:none")}</td>
      <td>{t(`reqStaff:status.${row.status}`)}</td>
      <td>{t(`reqStaff:priority.${row.priority}`)}</td>
      <td>{row.assignee?.name ?? t("reqStaff:unassigned")}</td>
      <td>{formatWhen(ctx, row.createdAt, timeZone)}</td>
      <td>
        <TimeLeft ctx={ctx} row={row} />
      </td>
    </tr>
  );
}
