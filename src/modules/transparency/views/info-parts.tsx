/** Pieces shared by the public and staff pages of an information request. */
import { Table } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicInfoRequest } from "../info-presenters.js";

export function StatusLabel({ ctx, status, overdue }: { ctx: PageContext; status: string; overdue?: boolean }) {
  return (
    <span>
      {ctx.t(`trRequests:status_${status}`)}
      {overdue && <strong class="overdue"> · {ctx.t("trRequests:overdue")}</strong>}
    </span>
  );
}

/** Dates, outcome and history of a request: only the public fields. */
export function RequestFacts({ ctx, r }: { ctx: PageContext; r: PublicInfoRequest }) {
  const t = ctx.t;
  const fact = (label: string, value: string | number | null) =>
    value === null || value === "" ? null : (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    );
  return (
    <>
      <dl class="facts">
        <dt>{t("trRequests:status")}</dt>
        <dd>
          <StatusLabel ctx={ctx} status={r.status} overdue={r.overdue} />
        </dd>
        {fact(t("trRequests:receivedOn"), r.receivedOn)}
        {fact(t("trRequests:dueOn"), r.dueOn)}
        {fact(t("trRequests:extendedDueOn"), r.extendedDueOn)}
        {fact(t("trRequests:departments"), r.departments.join(", "))}
        {fact(t("trRequests:answeredOn"), r.answeredOn)}
        {fact(t("trRequests:classification"), r.classification)}
        {fact(t("trRequests:legalBasis"), r.legalBasis)}
        {fact(t("trRequests:reservationYears"), r.reservationYears)}
        {fact(t("trRequests:competentBody"), r.competentBody)}
        {fact(t("trRequests:comiteResolution"), r.comiteResolution)}
      </dl>
      <h2>{t("trRequests:body")}</h2>
      <p class="prewrap">{r.body}</p>
      {r.answerText && (
        <>
          <h2>{t("trRequests:answer")}</h2>
          <p class="prewrap">{r.answerText}</p>
        </>
      )}
      <h2 id="historial">{t("trRequests:history")}</h2>
      <Table<PublicInfoRequest["history"][number]>
        caption={t("trRequests:history")}
        empty="—"
        rows={r.history}
        columns={[
          { header: t("trRequests:legalDate"), cell: (e) => e.legalDate },
          { header: t("trRequests:step"), cell: (e) => t(`trRequests:step_${e.step}`) },
          { header: t("trRequests:note"), cell: (e) => e.note ?? "" },
        ]}
      />
    </>
  );
}
