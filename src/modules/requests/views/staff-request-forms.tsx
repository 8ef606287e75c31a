/** The work forms of the staff request page; each posts to its own route and comes back with a flash. */
import { Button, Form, SelectField, TextArea, TextField } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { PRIORITIES, type RequestStatus } from "../tables.js";
import type { QueueRow } from "../queries-staff.js";

export interface FormError {
  /** Which form failed: estado, asignar, prioridad, dependencia, nota, actualizacion, fusionar. */
  form: string;
  field: string;
  message: string;
}

export interface WorkFormsProps {
  ctx: PageContext;
  action: string;
  request: QueueRow;
  allowedStatuses: RequestStatus[];
  assignees: { id: number; name: string }[];
  departments: { id: number; name: string }[];
  canTriage: boolean;
  error?: FormError;
  values?: Record<string, string>;
}

export function WorkForms({ ctx, action, request, allowedStatuses, assignees, departments, canTriage, error, values = {} }: WorkFormsProps) {
  const { t } = ctx;
  /** Field errors only on the form that failed, so labels and ids stay unique. */
  const errorsOf = (form: string) => (error?.form === form ? { [error.field]: error.message } : undefined);
  const fieldError = (form: string, field: string) => (error?.form === form && error.field === field ? error.message : undefined);
  return (
    <section aria-labelledby="trabajar">
      <h2 id="trabajar">{t("reqStaff:request.work")}</h2>

      <h3>{t("reqStaff:forms.status")}</h3>
      {allowedStatuses.length === 0 ? (
        <p>{t("reqStaff:forms.noTransitions")}</p>
      ) : (
        <Form ctx={ctx} action={`${action}/estado`} errors={errorsOf("estado")}>
          <SelectField ctx={ctx} name="status" label={t("reqStaff:forms.newStatus")} value={values.status} error={fieldError("estado", "status")} options={allowedStatuses.map((s) => ({ value: s, label: t(`reqStaff:status.${s}`) }))} required />
          <TextArea ctx={ctx} name="reason" rows={2} label={t("reqStaff:forms.reason")} value={values.reason} error={fieldError("estado", "reason")} />
          <Button>{t("reqStaff:forms.save")}</Button>
        </Form>
      )}

      <h3>{t("reqStaff:forms.assign")}</h3>
      <Form ctx={ctx} action={`${action}/asignar`} errors={errorsOf("asignar")}>
        <SelectField
          ctx={ctx}
          name="assignee"
          label={t("reqStaff:forms.assignee")}
          value={values.assignee ?? String(request.assignee?.id ?? "")}
          error={fieldError("asignar", "assignee")}
          placeholder={t("reqStaff:unassigned")}
          options={assignees.map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <Button kind="secondary">{t("reqStaff:forms.save")}</Button>
      </Form>

      <h3>{t("reqStaff:forms.priority")}</h3>
      <Form ctx={ctx} action={`${action}/prioridad`} errors={errorsOf("prioridad")}>
        <SelectField ctx={ctx} name="priority" label={t("reqStaff:forms.priority")} value={values.priority ?? request.priority} error={fieldError("prioridad", "priority")} options={PRIORITIES.map((p) => ({ value: p, label: t(`reqStaff:priority.${p}`) }))} />
        <Button kind="secondary">{t("reqStaff:forms.save")}</Button>
      </Form>

      <h3>{t("reqStaff:forms.note")}</h3>
      <Form ctx={ctx} action={`${action}/nota`} errors={errorsOf("nota")}>
        <TextArea ctx={ctx} name="body" rows={3} label={t("reqStaff:forms.body")} hint={t("reqStaff:forms.noteHint")} value={error?.form === "nota" ? values.body : undefined} error={fieldError("nota", "body")} required />
        <Button kind="secondary">{t("reqStaff:forms.save")}</Button>
      </Form>

      <h3>{t("reqStaff:forms.update")}</h3>
      <Form ctx={ctx} action={`${action}/actualizacion`} errors={errorsOf("actualizacion")}>
        <TextArea
          ctx={ctx}
          name="publicBody"
          rows={3}
          label={t("reqStaff:forms.body")}
          hint={t("reqStaff:forms.updateHint")}
          value={error?.form === "actualizacion" ? values.publicBody : undefined}
          error={fieldError("actualizacion", "publicBody")}
          required
        />
        <Button kind="secondary">{t("reqStaff:forms.save")}</Button>
      </Form>

      {canTriage && (
        <>
          <h3>{t("reqStaff:forms.department")}</h3>
          <Form ctx={ctx} action={`${action}/dependencia`} errors={errorsOf("dependencia")}>
            <SelectField
              ctx={ctx}
              name="department"
              label={t("reqStaff:columns.department")}
              value={values.department ?? String(request.departmentId ?? "")}
              error={fieldError("dependencia", "department")}
              options={departments.map((d) => ({ value: String(d.id), label: d.name }))}
              required
            />
            <Button kind="secondary">{t("reqStaff:forms.save")}</Button>
          </Form>

          <h3>{t("reqStaff:forms.merge")}</h3>
          <Form ctx={ctx} action={`${action}/fusionar`} errors={errorsOf("fusionar")}>
            <TextField ctx={ctx} name="survivor" label={t("reqStaff:forms.survivor")} hint={t("reqStaff:forms.mergeHint")} value={values.survivor} error={fieldError("fusionar", "survivor")} required />
            <Button kind="danger">{t("reqStaff:forms.merge")}</Button>
          </Form>
        </>
      )}
    </section>
  );
}
