/**
 * Staff pages of inter-municipal commitments: the municipality's list with the form to convene a
 * new one, and one agreement's page — edit and invite (the convener), link an own commitment
 * (every invited partner).
 */
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import type { LinkableCommitment, MunicipalityRef, PartnerProgress, SharedCommitmentView, SharedListRow } from "../shared-queries.js";
import type { StateRef } from "../state-names.js";
import { PartnersTable, sharedHref } from "./shared-parts.js";
import { formState, type FailedForm } from "./staff-parts.js";

export const adminSharedBase = (municipalitySlug: string) => `/${municipalitySlug}/admin/planes/intermunicipales`;

function crumbs(ctx: PageContext, more: { href?: string; label: string }[]) {
  const m = ctx.municipality!.slug;
  const { t } = ctx;
  return (
    <Breadcrumbs
      items={[
        { href: `/${m}/admin`, label: t("plansShared:admin") },
        { href: `/${m}/admin/planes`, label: t("plansShared:plans") },
        ...(more.length ? [{ href: adminSharedBase(m), label: t("plansShared:adminTitle") }, ...more] : [{ label: t("plansShared:adminTitle") }]),
      ]}
    />
  );
}

function AgreementFields({ ctx, values, errors, states, withSlug }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string>; states: StateRef[]; withSlug: boolean }) {
  const { t } = ctx;
  return (
    <>
      {withSlug && <TextField ctx={ctx} name="slug" label={t("plansShared:slug")} hint={t("plansShared:slugHint")} value={values.slug} error={errors?.slug} required />}
      <TextField ctx={ctx} name="title" label={t("plansShared:titleField")} value={values.title} error={errors?.title} required />
      <TextArea ctx={ctx} name="description" label={t("plansShared:description")} hint={t("plansShared:descriptionHint")} value={values.description} error={errors?.description} rows={5} />
      <SelectField
        ctx={ctx}
        name="stateCode"
        label={t("plansShared:state")}
        hint={t("plansShared:stateHint")}
        value={values.stateCode}
        error={errors?.stateCode}
        placeholder={t("plansShared:severalStatesOption")}
        options={states.map((s) => ({ value: s.code, label: s.name }))}
      />
    </>
  );
}

export function AdminSharedListPage({
  ctx, rows, info, canManage, states, defaultStateCode, failed,
}: { ctx: PageContext; rows: SharedListRow[]; info: PageInfo; canManage: boolean; states: StateRef[]; defaultStateCode: string; failed?: FailedForm }) {
  const { t } = ctx;
  const base = adminSharedBase(ctx.municipality!.slug);
  const create = formState(failed, "create", { stateCode: defaultStateCode });
  return (
    <Layout ctx={ctx} title={t("plansShared:adminTitle")}>
      {crumbs(ctx, [])}
      <h1>{t("plansShared:adminTitle")}</h1>
      <p>{t("plansShared:adminIntro")}</p>
      <Table<SharedListRow>
        caption={t("plansShared:adminListCaption")}
        empty={t("plansShared:adminNone")}
        rows={rows}
        columns={[
          { header: t("plansShared:titleField"), cell: (r) => <a href={`${base}/${r.slug}`}>{r.title}</a> },
          { header: t("plansShared:convener"), cell: (r) => (r.convenedByMe ? t("plansShared:convenedByUs") : r.convenerName) },
          { header: t("plansShared:partnersCount"), cell: (r) => r.partners, numeric: true },
          { header: t("plansShared:ourCommitment"), cell: (r) => (r.ownCommitment ? t("plansShared:commitmentInPlan", { number: r.ownCommitment.number, title: r.ownCommitment.title, plan: r.ownCommitment.planTitle }) : t("plansShared:notLinked")) },
          { header: t("plansShared:publicPage"), cell: (r) => <a href={sharedHref(r.slug)}>{t("plansShared:seePublic", { title: r.title })}</a> },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      {canManage && (
        <section aria-labelledby="convocar">
          <h2 id="convocar">{t("plansShared:createTitle")}</h2>
          <p>{t("plansShared:createIntro")}</p>
          <Form ctx={ctx} action={base} errors={create.errors}>
            <AgreementFields ctx={ctx} values={create.values} errors={create.errors} states={states} withSlug />
            <Button>{t("plansShared:createButton")}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export interface AdminSharedProps {
  ctx: PageContext;
  shared: SharedCommitmentView;
  partners: PartnerProgress[];
  isConvener: boolean;
  canManage: boolean;
  states: StateRef[];
  invitable: MunicipalityRef[];
  linkable: LinkableCommitment[];
  failed?: FailedForm;
}

export function AdminSharedPage({ ctx, shared, partners, isConvener, canManage, states, invitable, linkable, failed }: AdminSharedProps) {
  const { t } = ctx;
  const here = `${adminSharedBase(ctx.municipality!.slug)}/${shared.slug}`;
  const edit = formState(failed, "edit", { title: shared.title, description: shared.description, stateCode: shared.state?.code ?? "" });
  const invite = formState(failed, "invite");
  const current = linkable.find((c) => c.linkedHere);
  const link = formState(failed, "link", { commitmentId: current ? String(current.id) : "" });
  return (
    <Layout ctx={ctx} title={shared.title}>
      {crumbs(ctx, [{ label: shared.title }])}
      <h1>{shared.title}</h1>
      <p>
        {isConvener ? t("plansShared:weConvene") : t("plansShared:invitedBy", { name: shared.convener.name })}
        {" · "}
        <a href={sharedHref(shared.slug)}>{t("plansShared:seePublic", { title: shared.title })}</a>
      </p>
      <section aria-labelledby="socios">
        <h2 id="socios">{t("plansShared:partnersTitle")}</h2>
        <PartnersTable ctx={ctx} caption={t("plansShared:partnersCaption", { title: shared.title })} partners={partners} />
        <p class="hint">{t("plansShared:privateNote")}</p>
      </section>
      {canManage && (
        <section aria-labelledby="vincular">
          <h2 id="vincular">{t("plansShared:linkTitle")}</h2>
          <p>{t("plansShared:linkIntro")}</p>
          <Form ctx={ctx} action={`${here}/vinculo`} errors={link.errors}>
            <SelectField
              ctx={ctx}
              name="commitmentId"
              label={t("plansShared:linkField")}
              value={link.values.commitmentId}
              error={link.errors?.commitmentId}
              placeholder={t("plansShared:noLink")}
              options={linkable.map((c) => ({ value: String(c.id), label: t("plansShared:commitmentInPlan", { number: c.number, title: c.title, plan: c.planTitle }) }))}
            />
            <Button kind="secondary">{t("plansShared:linkButton")}</Button>
          </Form>
        </section>
      )}
      {canManage && isConvener && (
        <>
          <section aria-labelledby="invitar">
            <h2 id="invitar">{t("plansShared:inviteTitle")}</h2>
            {invitable.length === 0 ? (
              <p class="empty">{t("plansShared:nobodyToInvite")}</p>
            ) : (
              <Form ctx={ctx} action={`${here}/socios`} errors={invite.errors}>
                <SelectField
                  ctx={ctx}
                  name="partner"
                  label={t("plansShared:partnerField")}
                  value={invite.values.partner}
                  error={invite.errors?.partner}
                  placeholder={t("plansShared:choose")}
                  options={invitable.map((m) => ({ value: m.slug, label: `${m.name} (${m.stateName})` }))}
                  required
                />
                <Button kind="secondary">{t("plansShared:inviteButton")}</Button>
              </Form>
            )}
          </section>
          <section aria-labelledby="editar">
            <h2 id="editar">{t("plansShared:editTitle")}</h2>
            <Form ctx={ctx} action={here} errors={edit.errors}>
              <AgreementFields ctx={ctx} values={edit.values} errors={edit.errors} states={states} withSlug={false} />
              <Button kind="secondary">{t("plansShared:save")}</Button>
            </Form>
          </section>
        </>
      )}
    </Layout>
  );
}
