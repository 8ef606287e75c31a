/** Staff page of one request: the facts, the requester (unit only) and the step forms. */
import type { ComponentChildren } from "preact";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, SelectField, TextArea, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicInfoRequest, StaffAttachment } from "../info-presenters.js";
import type { Requester, RequestRow } from "../info-queries.js";
import type { ContributionRow } from "../info-attachments-queries.js";
import { ANSWERED_STATUSES, OPEN_STATUSES, RECURSO_OUTCOMES } from "../info-tables.js";
import { STEPS_WITH_ATTACHMENTS } from "../info-workflow.js";
import { RequestFacts } from "./info-parts.js";
import { Contributions, FileInput, fileErrors, PublicVersionCheckbox, StaffAttachments, withFileNotes, type AttachmentForms } from "./info-attachments.js";

/** URL segment of each step's form. */
export const STEP_PATHS = {
  turn: "turnar", prevent: "prevenir", clarify: "aclarar", extend: "ampliar", verifyIdentity: "verificar-identidad", answer: "responder",
  inexistent: "inexistencia", classify: "clasificar", incompetent: "incompetencia", notFiled: "no-presentada", recurso: "recurso", recursoOutcome: "resolucion-recurso",
} as const;
export type StepName = keyof typeof STEP_PATHS;
/** Every form of the staff request page: the steps, the unit's upload, a department's contribution. */
export type StaffFormName = StepName | "attach" | "contribute";

export interface StaffRequestProps {
  ctx: PageContext;
  row: RequestRow;
  view: PublicInfoRequest;
  requester: Requester | null;
  canManage: boolean;
  departments: { id: number; name: string }[];
  failed?: { step: StaffFormName; values: Record<string, string>; errors: FieldErrors };
  attachments: StaffAttachment[];
  contributions: ContributionRow[];
  /** Turned departments this person may record a contribution for. */
  contributeAs: { id: number; name: string }[];
}

export function StaffInfoRequestPage(p: StaffRequestProps) {
  const { ctx, row, view, requester } = p;
  const t = ctx.t;
  const base = `/${ctx.municipality!.slug}/admin/transparencia/solicitudes`;
  const title = t("trRequests:requestTitle", { folio: row.folio });
  const forms: AttachmentForms = { canUpload: p.canManage, canAdopt: p.canManage && row.kind === "information", contributeAs: p.contributeAs, open: OPEN_STATUSES.includes(row.status) || row.status === "prevenida", failed: p.failed };
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs items={[{ href: base, label: t("trRequests:adminTitle") }, { label: title }]} />
      <h1>{title}</h1>
      <p>
        {row.kind === "arco" ? `${t("trRequests:kind_arco")} — ${t(`trRequests:arco_${row.arco_right}`)}` : t("trRequests:kind_information")} ·{" "}
        {t(`trRequests:channel_${row.channel}`)} · {t("trRequests:preventionBy")}: {row.prevention_by}
      </p>
      {requester && (
        <section aria-labelledby="solicitante">
          <h2 id="solicitante">{t("trRequests:requester")}</h2>
          <dl class="facts">
            <dt>{t("trRequests:name")}</dt>
            <dd>{requester.name}</dd>
            {requester.email && (<><dt>{t("trRequests:email")}</dt><dd>{requester.email}</dd></>)}
            {requester.address && (<><dt>{t("trRequests:address")}</dt><dd>{requester.address}</dd></>)}
          </dl>
        </section>
      )}
      {row.kind === "arco" && (
        <p>
          <strong>{t("trRequests:identity")}:</strong>{" "}
          {row.identity_verified_at ? t("trRequests:identityVerified", { method: row.identity_method, at: row.identity_verified_at.toISOString().slice(0, 10) }) : t("trRequests:identityPending")}
        </p>
      )}
      {row.recurso_filed_on && (
        <p>
          <strong>{t("trRequests:recurso")}:</strong> {t("trRequests:recursoFiledOn", { date: row.recurso_filed_on })}
          {row.recurso_outcome && ` · ${t(`trRequests:outcome_${row.recurso_outcome}`)} (${row.recurso_outcome_on})`}
        </p>
      )}
      <RequestFacts ctx={ctx} r={withFileNotes(ctx, view)} />
      <Contributions ctx={ctx} contributions={p.contributions} attachments={p.attachments} action={`${base}/${row.folio}/aportacion`} forms={forms} />
      <StaffAttachments ctx={ctx} attachments={p.attachments} action={`${base}/${row.folio}/anexos`} forms={forms} />
      {p.canManage && <StepForms {...p} />}
    </Layout>
  );
}

function StepForms({ ctx, row, departments, failed }: StaffRequestProps) {
  const t = ctx.t;
  const action = (s: StepName) => `/${ctx.municipality!.slug}/admin/transparencia/solicitudes/${row.folio}/${STEP_PATHS[s]}`;
  const v = (s: StepName, k: string) => (failed?.step === s ? failed.values[k] : undefined);
  const e = (s: StepName) => (failed?.step === s ? failed.errors : undefined);
  // The outcomes the requester receives may carry files (multipart forms).
  const withFiles = (s: StepName) => STEPS_WITH_ATTACHMENTS.includes(s);
  const Step = ({ s, children }: { s: StepName; children: ComponentChildren }) => (
    <section aria-labelledby={`paso-${s}`}>
      <h3 id={`paso-${s}`}>{t(`trRequests:form_${s}`)}</h3>
      <Form ctx={ctx} action={action(s)} errors={fileErrors(e(s), s)} multipart={withFiles(s)}>
        {children}
        {withFiles(s) && (
          <>
            <FileInput ctx={ctx} form={s} label={t("trAttachments:stepFiles")} error={e(s)?.file} />
            {row.kind === "information" && <PublicVersionCheckbox ctx={ctx} form={s} checked={v(s, "publicVersion") === "si"} />}
          </>
        )}
        <Button>{t(`trRequests:form_${s}`)}</Button>
      </Form>
    </section>
  );
  const field = (s: StepName, name: string, label: string, required = true) => (
    <TextField ctx={ctx} name={name} label={label} value={v(s, name)} error={e(s)?.[name]} required={required} />
  );
  const on = (s: StepName) => field(s, "on", t("trRequests:date"));
  const resolution = (s: StepName) => (
    <>
      {field(s, "resolutionNumber", t("trRequests:resolutionNumber"))}
      {field(s, "resolutionDate", t("trRequests:resolutionDate"))}
    </>
  );
  const open = OPEN_STATUSES.includes(row.status);
  const answered = ANSWERED_STATUSES.includes(row.status);
  return (
    <section aria-labelledby="tramite">
      <h2 id="tramite">{t("trRequests:steps")}</h2>
      {row.kind === "arco" && !row.identity_verified_at && (
        <Step s="verifyIdentity">
          <TextField ctx={ctx} name="method" label={t("trRequests:method")} value={v("verifyIdentity", "method")} error={e("verifyIdentity")?.method} required />
        </Step>
      )}
      {open && (
        <Step s="turn">
          <fieldset id="campo-departments">
            <legend>{t("trRequests:departmentsField")}</legend>
            {departments.map((d) => (
              <label class="checkbox">
                <input type="checkbox" name="departments" value={String(d.id)} /> {d.name}
              </label>
            ))}
          </fieldset>
          {on("turn")}
        </Step>
      )}
      {open && row.prevention_notified_on === null && (
        <Step s="prevent">
          <TextArea ctx={ctx} name="note" label={t("trRequests:preventNote")} value={v("prevent", "note")} error={e("prevent")?.note} required rows={3} />
          {on("prevent")}
        </Step>
      )}
      {row.status === "prevenida" && <Step s="clarify">{on("clarify")}</Step>}
      {row.status === "prevenida" && <Step s="notFiled">{on("notFiled")}</Step>}
      {open && row.extended_due_on === null && <Step s="extend">{resolution("extend")}{on("extend")}</Step>}
      {open && (
        <Step s="answer">
          <SelectField ctx={ctx} name="partial" label={t("trRequests:partial")} value={v("answer", "partial") ?? "no"}
            options={[{ value: "no", label: t("trRequests:partialNo") }, { value: "si", label: t("trRequests:partialYes") }]} />
          <TextArea ctx={ctx} name="text" label={t("trRequests:answerText")} value={v("answer", "text")} error={e("answer")?.text} required rows={5} />
          {on("answer")}
        </Step>
      )}
      {open && (
        <Step s="inexistent">
          <TextArea ctx={ctx} name="text" label={t("trRequests:answerText")} value={v("inexistent", "text")} rows={3} />
          {resolution("inexistent")}
          {on("inexistent")}
        </Step>
      )}
      {open && (
        <Step s="classify">
          <SelectField ctx={ctx} name="classification" label={t("trRequests:classification")} value={v("classify", "classification")} error={e("classify")?.classification} required placeholder="—"
            options={["reservada", "confidencial"].map((c) => ({ value: c, label: c }))} />
          {field("classify", "legalBasis", t("trRequests:legalBasis"))}
          {field("classify", "years", t("trRequests:reservationYears"), false)}
          <TextArea ctx={ctx} name="text" label={t("trRequests:answerText")} value={v("classify", "text")} rows={3} />
          {resolution("classify")}
          {on("classify")}
        </Step>
      )}
      {open && <Step s="incompetent">{field("incompetent", "competentBody", t("trRequests:competentBody"))}{on("incompetent")}</Step>}
      {answered && row.recurso_filed_on === null && <Step s="recurso">{on("recurso")}</Step>}
      {row.recurso_filed_on !== null && row.recurso_outcome === null && (
        <Step s="recursoOutcome">
          <SelectField ctx={ctx} name="outcome" label={t("trRequests:recursoOutcome")} value={v("recursoOutcome", "outcome")} error={e("recursoOutcome")?.outcome} required placeholder="—"
            options={RECURSO_OUTCOMES.map((o) => ({ value: o, label: t(`trRequests:outcome_${o}`) }))} />
          {on("recursoOutcome")}
        </Step>
      )}
    </section>
  );
}
