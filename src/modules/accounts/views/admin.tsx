import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextField, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { MUNICIPAL_ROLES, type MunicipalRole } from "../../../platform/policy.js";
import type { StaffMemberView } from "../presenters.js";
import { adminPageLinks } from "../../../platform/views/nav.js";

export function AdminDashboardPage({ ctx, roles, oversightRole, canManageStaff }: { ctx: PageContext; roles: { role: MunicipalRole; department: string | null }[]; oversightRole: string | null; canManageStaff: boolean }) {
  const { t, actor, municipality } = ctx;
  const slug = municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("accounts:admin.title")}>
      <h1>{t("accounts:admin.title")}</h1>
      {actor.kind === "user" && <p class="lead">{t("accounts:admin.whoAmI", { name: actor.displayName, email: actor.email })}</p>}
      <h2>{t("accounts:admin.myRoles")}</h2>
      {roles.length > 0 && (
        <ul>
          {roles.map((r) => (
            <li>
              {t(`accounts:roles.${r.role}`)}
              {r.department && ` (${r.department})`}
            </li>
          ))}
        </ul>
      )}
      {oversightRole && <p>{t("accounts:admin.oversight", { role: t(`accounts:roles.${oversightRole}`) })}</p>}
      <h2>{t("accounts:admin.links")}</h2>
      <ul>
        {canManageStaff && (
          <li>
            <a href={`/${slug}/admin/personal`}>{t("accounts:admin.staff")}</a>
          </li>
        )}
        {adminPageLinks(ctx, slug, municipality!.id).map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
        <li>
          <a href="/cuenta">{t("nav.account")}</a>
        </li>
      </ul>
    </Layout>
  );
}

type Option = { value: string; label: string };

function roleOptions(ctx: PageContext): Option[] {
  return MUNICIPAL_ROLES.map((r) => ({ value: r, label: ctx.t(`accounts:roles.${r}`) }));
}

function RoleFields({ ctx, departments, values, errors }: { ctx: PageContext; departments: Option[]; values: Record<string, string>; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <>
      <SelectField ctx={ctx} name="role" label={t("accounts:fields.role")} options={roleOptions(ctx)} value={values.role} error={errors?.role} required />
      <SelectField
        ctx={ctx}
        name="departmentId"
        label={t("accounts:fields.department")}
        hint={t("accounts:admin.departmentHint")}
        options={departments}
        placeholder={t("accounts:fields.noDepartment")}
        value={values.departmentId}
        error={errors?.departmentId}
      />
    </>
  );
}

/** One form per table row: ids carry the membership so labels stay unique on the page. */
function RowRoleForm({ ctx, action, member, departments }: { ctx: PageContext; action: string; member: StaffMemberView; departments: Option[] }) {
  const { t } = ctx;
  const id = member.membershipId;
  return (
    <Form ctx={ctx} action={action}>
      <fieldset>
        <legend>{t("accounts:admin.changeRoleOf", { name: member.displayName })}</legend>
        <label for={`rol-${id}`}>{t("accounts:fields.role")}</label>
        <select id={`rol-${id}`} name="role">
          {roleOptions(ctx).map((o) => (
            <option value={o.value} selected={o.value === member.role}>
              {o.label}
            </option>
          ))}
        </select>
        <label for={`dependencia-${id}`}>{t("accounts:fields.department")}</label>
        <select id={`dependencia-${id}`} name="departmentId">
          <option value="">{t("accounts:fields.noDepartment")}</option>
          {departments.map((o) => (
            <option value={o.value} selected={o.value === String(member.departmentId ?? "")}>
              {o.label}
            </option>
          ))}
        </select>
        <Button kind="secondary">{t("form.save")}</Button>
      </fieldset>
    </Form>
  );
}

export interface PendingInvitationView {
  email: string;
  role: MunicipalRole;
  expiresAt: Date;
}

export function StaffPage({
  ctx,
  members,
  info,
  departments,
  pending,
  values = {},
  errors,
}: {
  ctx: PageContext;
  members: StaffMemberView[];
  info: PageInfo;
  departments: Option[];
  pending: PendingInvitationView[];
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const { t, municipality } = ctx;
  const base = `/${municipality!.slug}/admin/personal`;
  const date = (d: Date) => new Intl.DateTimeFormat("es-MX", { dateStyle: "medium", timeZone: "America/Mexico_City" }).format(new Date(d));
  return (
    <Layout ctx={ctx} title={t("accounts:admin.staffTitle")}>
      <Breadcrumbs items={[{ href: `/${municipality!.slug}/admin`, label: t("accounts:admin.title") }, { label: t("accounts:admin.staff") }]} />
      <h1>{t("accounts:admin.staffTitle")}</h1>
      <Table
        caption={t("accounts:admin.members")}
        rows={members}
        empty={t("accounts:admin.noMembers")}
        columns={[
          { header: t("accounts:fields.displayName"), cell: (m) => m.displayName },
          { header: t("accounts:fields.email"), cell: (m) => m.email },
          { header: t("accounts:fields.role"), cell: (m) => t(`accounts:roles.${m.role}`) },
          { header: t("accounts:fields.department"), cell: (m) => m.department ?? "—" },
          { header: t("accounts:admin.since"), cell: (m) => date(m.since) },
          {
            header: t("accounts:admin.actions"),
            cell: (m) => (
              <details>
                <summary>{t("accounts:admin.changeRole")}</summary>
                <RowRoleForm ctx={ctx} action={`${base}/${m.membershipId}/rol`} member={m} departments={departments} />
                <Form ctx={ctx} action={`${base}/${m.membershipId}/quitar`}>
                  <button type="submit" class="button button-danger" aria-label={t("accounts:admin.removeOf", { name: m.displayName })}>
                    {t("accounts:admin.remove")}
                  </button>
                </Form>
              </details>
            ),
          },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <h2>{t("accounts:admin.invite")}</h2>
      <Form ctx={ctx} action={`${base}/invitar`} errors={errors}>
        <TextField ctx={ctx} name="email" type="email" label={t("accounts:fields.email")} value={values.email} error={errors?.email} required inputmode="email" />
        <RoleFields ctx={ctx} departments={departments} values={values} errors={errors} />
        <Button>{t("accounts:admin.inviteSubmit")}</Button>
      </Form>
      <h2>{t("accounts:admin.pending")}</h2>
      <Table
        caption={t("accounts:admin.pending")}
        rows={pending}
        empty={t("accounts:admin.noPending")}
        columns={[
          { header: t("accounts:fields.email"), cell: (p) => p.email },
          { header: t("accounts:fields.role"), cell: (p) => t(`accounts:roles.${p.role}`) },
          { header: t("accounts:admin.expires"), cell: (p) => date(p.expiresAt) },
        ]}
      />
    </Layout>
  );
}
