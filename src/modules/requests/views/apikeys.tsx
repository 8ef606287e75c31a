/** Staff page: the municipality's Open311 API keys (list, issue — shown once —, revoke). */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Table, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ApiKeyRow } from "../open311/keys.js";

export interface ApiKeysPageProps {
  ctx: PageContext;
  keys: ApiKeyRow[];
  apiUrl: string;
  /** The key just issued, shown this once. */
  issued?: { name: string; key: string } | null;
  values?: { name?: string };
  errors?: FieldErrors;
  timeZone: string;
}

export function ApiKeysPage({ ctx, keys, apiUrl, issued, values, errors, timeZone }: ApiKeysPageProps) {
  const { t, municipality } = ctx;
  const m = municipality!;
  const base = `/${m.slug}/admin/open311`;
  const when = (d: Date) => new Intl.DateTimeFormat(ctx.locale === "en" ? "en" : "es-MX", { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
  return (
    <Layout ctx={ctx} title={t("open311:keys.title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}/admin`, label: t("open311:keys.breadcrumbAdmin") }, { label: t("open311:keys.title") }]} />
      <h1>{t("open311:keys.title")}</h1>
      <p class="lead">{t("open311:keys.intro", { url: apiUrl, slug: m.slug })}</p>
      <ul>
        <li>
          <a href="/api/docs">{t("open311:keys.docs")}</a>
        </li>
        <li>
          <a href="/open311/v2/discovery.json">{t("open311:keys.discovery")}</a>
        </li>
      </ul>
      {issued && (
        <section class="card" role="status" aria-labelledby="clave-emitida">
          <h2 id="clave-emitida">{t("open311:keys.createdTitle")}</h2>
          <p>{t("open311:keys.createdHint", { name: issued.name })}</p>
          <p>
            <label for="clave-nueva">{t("open311:keys.keyLabel")}</label>{" "}
            <input id="clave-nueva" type="text" readOnly value={issued.key} size={48} autoComplete="off" spellcheck={false} />
          </p>
        </section>
      )}
      <h2>{t("open311:keys.listTitle")}</h2>
      <Table
        caption={t("open311:keys.caption", { name: m.name })}
        empty={t("open311:keys.empty")}
        rows={keys}
        columns={[
          { header: t("open311:keys.name"), cell: (k) => k.name },
          { header: t("open311:keys.createdAt"), cell: (k) => when(k.createdAt) },
          { header: t("open311:keys.createdBy"), cell: (k) => k.createdBy ?? t("open311:keys.system") },
          { header: t("open311:keys.lastUsed"), cell: (k) => (k.lastUsedAt ? when(k.lastUsedAt) : t("open311:keys.never")) },
          { header: t("open311:keys.status"), cell: (k) => (k.revokedAt ? t("open311:keys.revokedOn", { date: when(k.revokedAt) }) : t("open311:keys.active")) },
          {
            header: t("open311:keys.actions"),
            cell: (k) =>
              k.revokedAt ? null : (
                <form method="post" action={`${base}/${k.id}/revocar`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="button button-danger" aria-label={t("open311:keys.revokeLabel", { name: k.name })}>
                    {t("open311:keys.revoke")}
                  </button>
                </form>
              ),
          },
        ]}
      />
      <h2>{t("open311:keys.newTitle")}</h2>
      <Form ctx={ctx} action={base} errors={errors}>
        <TextField ctx={ctx} name="name" label={t("open311:keys.nameLabel")} hint={t("open311:keys.nameHint")} value={values?.name} error={errors?.name} required />
        <Button>{t("open311:keys.create")}</Button>
      </Form>
    </Layout>
  );
}
