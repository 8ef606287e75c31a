/** Staff pages of observatories: the list with the registration form, and one observatory's members. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ObservatoryRow, ObservatorySummary, StaffObservatoryMember } from "../observatory-queries.js";
import { OBSERVATORY_ROLES } from "../tables.js";
import { adminObservatoriesUrl, adminObservatoryUrl, observatoryUrl } from "../review-urls.js";
import { formState, instantDate, type FailedForm } from "./review-parts.js";

function crumbs(ctx: PageContext, more: { href?: string; label: string }[]) {
  const m = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${m}/admin`, label: ctx.t("plansReview:administration") }, { href: adminObservatoriesUrl(m), label: ctx.t("plansReview:observatories") }, ...more]} />;
}

export function AdminObservatoriesPage({ ctx, observatories, info, canManage, failed }: { ctx: PageContext; observatories: ObservatorySummary[]; info: PageInfo; canManage: boolean; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const form = formState(failed, "register");
  return (
    <Layout ctx={ctx} title={t("plansReview:adminObservatories")}>
      {crumbs(ctx, [])}
      <h1>{t("plansReview:adminObservatories")}</h1>
      <p>
        <a href={`/${m}/observatorios`}>{t("plansReview:publicObservatories")}</a>
      </p>
      <Table<ObservatorySummary>
        caption={t("plansReview:observatories")}
        empty={t("plansReview:noObservatories")}
        rows={observatories}
        columns={[
          { header: t("plansReview:name"), cell: (o) => <a href={adminObservatoryUrl(m, o.slug)}>{o.name}</a> },
          { header: t("plansReview:membersCount"), cell: (o) => o.members, numeric: true },
          { header: t("plansReview:publishedReports"), cell: (o) => o.publishedReports, numeric: true },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      {canManage && (
        <section aria-labelledby="registrar">
          <h2 id="registrar">{t("plansReview:registerObservatory")}</h2>
          <Form ctx={ctx} action={adminObservatoriesUrl(m)} errors={form.errors}>
            <TextField ctx={ctx} name="name" label={t("plansReview:name")} value={form.values.name} error={form.errors?.name} required />
            <TextField ctx={ctx} name="slug" label={t("plansReview:slug")} hint={t("plansReview:slugHint")} value={form.values.slug} error={form.errors?.slug} required />
            <TextArea ctx={ctx} name="description" label={t("plansReview:description")} value={form.values.description} error={form.errors?.description} rows={4} />
            <TextField ctx={ctx} name="website" type="url" label={t("plansReview:websiteField")} value={form.values.website} error={form.errors?.website} />
            <Button>{t("plansReview:registerButton")}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export interface AdminObservatoryProps {
  ctx: PageContext;
  timeZone: string;
  observatory: ObservatoryRow;
  members: StaffObservatoryMember[];
  info: PageInfo;
  canManage: boolean;
  failed?: FailedForm;
}

export function AdminObservatoryPage({ ctx, timeZone, observatory, members, info, canManage, failed }: AdminObservatoryProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = adminObservatoryUrl(m, observatory.slug);
  const form = formState(failed, "member");
  return (
    <Layout ctx={ctx} title={observatory.name}>
      {crumbs(ctx, [{ label: observatory.name }])}
      <h1>{observatory.name}</h1>
      <p>
        <a href={observatoryUrl(m, observatory.slug)}>{t("plansReview:publicPage")}</a>
      </p>
      <section>
        <h2 id="integrantes">{t("plansReview:members")}</h2>
        <p>{t("plansReview:membersStaffIntro")}</p>
        <Table<StaffObservatoryMember>
          caption={t("plansReview:members")}
          empty={t("plansReview:noMembers")}
          rows={members}
          columns={[
            ...(canManage ? [{ header: t("plansReview:account"), cell: (x: StaffObservatoryMember) => x.email }] : []),
            { header: t("plansReview:roleLabel"), cell: (x) => t(`plansReview:role.${x.role}`) },
            { header: t("plansReview:publicName"), cell: (x) => x.publicName || "—" },
            { header: t("plansReview:nameShown"), cell: (x) => (x.namePublic ? t("plansReview:yes") : t("plansReview:no")) },
            { header: t("plansReview:since"), cell: (x) => instantDate(ctx, x.addedAt, timeZone) },
            ...(canManage
              ? [{
                  header: t("plansReview:actions"),
                  cell: (x: StaffObservatoryMember) => (
                    <form method="post" action={`${here}/integrantes/${x.userId}/quitar`} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button" aria-label={t("plansReview:removeMemberLabel", { account: x.email ?? x.publicName })}>
                        {t("plansReview:remove")}
                      </button>
                    </form>
                  ),
                }]
              : []),
          ]}
        />
        <Pagination ctx={ctx} info={info} />
        {canManage && (
          <>
            <h3>{t("plansReview:addMember")}</h3>
            <Form ctx={ctx} action={`${here}/integrantes`} errors={form.errors}>
              <TextField ctx={ctx} name="email" type="email" autocomplete="off" label={t("plansReview:memberEmail")} hint={t("plansReview:reviewerEmailHint")} value={form.values.email} error={form.errors?.email} required />
              <SelectField ctx={ctx} name="role" label={t("plansReview:roleLabel")} value={form.values.role || "integrante"} error={form.errors?.role} options={OBSERVATORY_ROLES.map((r) => ({ value: r, label: t(`plansReview:role.${r}`) }))} required />
              <TextField ctx={ctx} name="publicName" label={t("plansReview:publicName")} hint={t("plansReview:memberNameHint")} value={form.values.publicName} error={form.errors?.publicName} />
              <div class="checkbox">
                <input type="checkbox" id="campo-namePublic" name="namePublic" value="1" checked={form.values.namePublic === "1"} />
                <label for="campo-namePublic">{t("plansReview:namePublic")}</label>
              </div>
              <Button kind="secondary">{t("plansReview:addMemberButton")}</Button>
            </Form>
          </>
        )}
      </section>
    </Layout>
  );
}
