/** Public pages: the request form, the acknowledgement with the due date, one request's page. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, TextArea, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicInfoRequest } from "../info-presenters.js";
import { RequestFacts } from "./info-parts.js";
import { PublicAttachments, withFileNotes } from "./info-attachments.js";

export function NewInfoRequestPage({ ctx, values = {}, errors }: { ctx: PageContext; values?: Record<string, string>; errors?: FieldErrors }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("trRequests:newTitle")}>
      <Breadcrumbs items={[{ href: `/${slug}/transparencia`, label: t("trObligations:publicTitle") }, { label: t("trRequests:newTitle") }]} />
      <h1>{t("trRequests:newTitle")}</h1>
      <p>{t("trRequests:newIntro")}</p>
      <p class="hint">{t("trRequests:privacy")}</p>
      <Form ctx={ctx} action={`/${slug}/transparencia/solicitudes/nueva`} errors={errors}>
        <TextArea ctx={ctx} name="body" label={t("trRequests:body")} hint={t("trRequests:bodyHint")} value={values.body} error={errors?.body} required rows={6} />
        <TextField ctx={ctx} name="name" label={t("trRequests:name")} value={values.name} error={errors?.name} autocomplete="name" required />
        <TextField ctx={ctx} name="email" type="email" label={t("trRequests:email")} hint={t("trRequests:contactHint")} value={values.email} error={errors?.email} autocomplete="email" />
        <TextArea ctx={ctx} name="address" label={t("trRequests:address")} value={values.address} error={errors?.address} rows={2} />
        <Button>{t("trRequests:submit")}</Button>
      </Form>
    </Layout>
  );
}

export interface Acknowledgement {
  folio: string;
  receivedOn: string;
  dueOn: string;
  profileName: string;
}

export function AcknowledgementPage({ ctx, ack }: { ctx: PageContext; ack: Acknowledgement }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("trRequests:ackTitle")}>
      <h1>{t("trRequests:ackTitle")}</h1>
      <p>{t("trRequests:ackIntro", { folio: ack.folio })}</p>
      <dl class="facts">
        <dt>{t("trRequests:folio")}</dt>
        <dd>{ack.folio}</dd>
        <dt>{t("trRequests:receivedOn")}</dt>
        <dd>{ack.receivedOn}</dd>
        <dt>{t("trRequests:dueOn")}</dt>
        <dd>{ack.dueOn}</dd>
        <dt>{t("trRequests:profile")}</dt>
        <dd>{ack.profileName}</dd>
      </dl>
      <p>
        <a href={`/${slug}/transparencia/solicitudes/${ack.folio}`}>{t("trRequests:follow")}</a>
      </p>
    </Layout>
  );
}

export function PublicInfoRequestPage({ ctx, r }: { ctx: PageContext; r: PublicInfoRequest }) {
  const t = ctx.t;
  const title = t("trRequests:requestTitle", { folio: r.folio });
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs items={[{ href: `/${ctx.municipality!.slug}/transparencia`, label: t("trObligations:publicTitle") }, { label: title }]} />
      <h1>{title}</h1>
      <RequestFacts ctx={ctx} r={withFileNotes(ctx, r)} />
      <PublicAttachments ctx={ctx} attachments={r.attachments} />
    </Layout>
  );
}
