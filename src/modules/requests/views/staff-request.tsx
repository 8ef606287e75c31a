/** The staff page of one request: everything the presenter allows the viewer, the full history, the work forms. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { AttributeDefinition } from "../attributes.js";
import type { QueueRow, StaffEvent } from "../queries-staff.js";
import { formatWhen, TimeLeft } from "./staff-row.js";
import { WorkForms, type WorkFormsProps } from "./staff-request-forms.js";

export interface StaffRequestPageProps extends Omit<WorkFormsProps, "action"> {
  slug: string;
  timeZone: string;
  /** undefined: the viewer may not see personal data; null: the citizen left none. */
  contact: { name: string | null; email: string | null; phone: string | null } | null | undefined;
  photos: { id: string }[];
  questions: AttributeDefinition[];
  history: StaffEvent[];
  canWork: boolean;
}

function answerText(def: AttributeDefinition | undefined, value: string | string[]): string {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => def?.values.find((x) => x.key === v)?.name ?? v).join(", ");
}

function eventValue(ctx: PageContext, kind: string, value: string | null, names: { users: Map<string, string>; departments: Map<string, string> }): string {
  const { t } = ctx;
  if (value === null) return t("reqStaff:none");
  if (kind === "status" || kind === "created") return t(`reqStaff:status.${value}`, { defaultValue: value });
  if (kind === "priority") return t(`reqStaff:priority.${value}`, { defaultValue: value });
  if (kind === "assignee") return names.users.get(value) ?? `#${value}`;
  if (kind === "department") return names.departments.get(value) ?? `#${value}`;
  return value;
}

function History({ ctx, history, timeZone, names }: { ctx: PageContext; history: StaffEvent[]; timeZone: string; names: { users: Map<string, string>; departments: Map<string, string> } }) {
  const { t } = ctx;
  return (
    <div class="table-scroll" role="region" aria-label={t("reqStaff:request.history")} tabIndex={0}>
      <table>
        <caption>{t("reqStaff:request.historyCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reqStaff:request.when")}</th>
            <th scope="col">{t("reqStaff:request.what")}</th>
            <th scope="col">{t("reqStaff:request.text")}</th>
            <th scope="col">{t("reqStaff:request.who")}</th>
            <th scope="col">{t("reqStaff:request.visibility")}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((e) => (
            <tr class={e.public ? undefined : "event-internal"}>
              <td>{formatWhen(ctx, e.at, timeZone)}</td>
              <td>
                {t(`reqStaff:kind.${e.kind}`, { defaultValue: e.kind })}
                {(e.from !== null || e.to !== null) && e.kind !== "created" && `: ${eventValue(ctx, e.kind, e.from, names)} → ${eventValue(ctx, e.kind, e.to, names)}`}
              </td>
              <td>{e.body ?? ""}</td>
              <td>{e.actor ?? t("reqStaff:request.citizen")}</td>
              <td>{e.public ? t("reqStaff:request.public") : <strong>{t("reqStaff:request.internal")}</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StaffRequestPage(props: StaffRequestPageProps) {
  const { ctx, slug, timeZone, request: r, contact, photos, questions, history, canWork, assignees, departments } = props;
  const { t } = ctx;
  const base = `/${slug}/admin/solicitudes`;
  const action = `${base}/${r.folio}`;
  const names = {
    users: new Map(assignees.map((a) => [String(a.id), a.name])),
    departments: new Map(departments.map((d) => [String(d.id), d.name])),
  };
  const item = (label: string, value: preact.ComponentChildren) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <Layout ctx={ctx} title={t("reqStaff:request.title", { folio: r.folio })}>
      <Breadcrumbs items={[{ href: base, label: t("reqStaff:queue.title") }, { label: r.folio }]} />
      <h1>{t("reqStaff:request.title", { folio: r.folio })}</h1>
      {props.error && (
        <p class="flash flash-error">
          {props.error.message}
        </p>
      )}
      <h2>{t("reqStaff:request.summary")}</h2>
      <dl class="stats">
        {item(t("reqStaff:request.service"), r.service.name)}
        {item(t("reqStaff:request.status"), t(`reqStaff:status.${r.status}`))}
        {r.statusReason && item(t("reqStaff:request.statusReason"), r.statusReason)}
        {item(t("reqStaff:request.priority"), t(`reqStaff:priority.${r.priority}`))}
        {item(t("reqStaff:request.department"), r.department ?? t("reqStaff:none"))}
        {item(t("reqStaff:request.assignee"), r.assignee?.name ?? t("reqStaff:unassigned"))}
        {item(t("reqStaff:request.colonia"), r.colonia?.name ?? t("reqStaff:none"))}
        {item(t("reqStaff:request.received"), formatWhen(ctx, r.createdAt, timeZone))}
        {item(t("reqStaff:request.due"), formatWhen(ctx, r.dueAt, timeZone))}
        {item(t("reqStaff:request.timeLeft"), <TimeLeft ctx={ctx} row={r} />)}
        {item(t("reqStaff:request.channel"), r.channel)}
        {item(t("reqStaff:request.supporters"), String(r.supporters))}
      </dl>
      <h2>{t("reqStaff:request.description")}</h2>
      <p style="white-space:pre-wrap">{r.description}</p>
      {r.address && (
        <p>
          <strong>{t("reqStaff:request.address")}:</strong> {r.address}
        </p>
      )}
      {r.exactLocation && (
        <p>
          <strong>{t("reqStaff:request.location")}:</strong> {r.exactLocation.lat.toFixed(6)}, {r.exactLocation.lon.toFixed(6)}
        </p>
      )}
      {Object.keys(r.attributes).length > 0 && (
        <>
          <h2>{t("reqStaff:request.attributes")}</h2>
          <dl>
            {Object.entries(r.attributes).map(([code, value]) => {
              const def = questions.find((q) => q.code === code);
              return (
                <>
                  <dt>{def?.description ?? code}</dt>
                  <dd>{answerText(def, value)}</dd>
                </>
              );
            })}
          </dl>
        </>
      )}
      {contact !== undefined && (
        <section aria-labelledby="contacto">
          <h2 id="contacto">{t("reqStaff:request.contact")}</h2>
          {contact === null ? (
            <p>{t("reqStaff:request.noContact")}</p>
          ) : (
            <dl>
              {contact.name && item(t("reqStaff:request.contactName"), contact.name)}
              {contact.email && item(t("reqStaff:request.contactEmail"), <a href={`mailto:${contact.email}`}>{contact.email}</a>)}
              {contact.phone && item(t("reqStaff:request.contactPhone"), contact.phone)}
            </dl>
          )}
        </section>
      )}
      {photos.length > 0 && (
        <section aria-labelledby="fotos">
          <h2 id="fotos">{t("reqStaff:request.photos")}</h2>
          <ul class="cards">
            {photos.map((p, i) => (
              <li>
                <a href={`${action}/fotos/${p.id}`}>
                  <img src={`${action}/fotos/${p.id}/miniatura`} alt={t("reqStaff:request.photo", { n: i + 1, folio: r.folio })} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{t("reqStaff:request.history")}</h2>
      <History ctx={ctx} history={history} timeZone={timeZone} names={names} />
      {canWork ? <WorkForms {...props} action={action} /> : <p>{t("reqStaff:request.readOnly")}</p>}
    </Layout>
  );
}
