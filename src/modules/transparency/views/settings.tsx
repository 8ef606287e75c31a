import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, SelectField, Table, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { formatLocalDate } from "../../../platform/calendar/views/calendar.js";
import type { LegalProfile } from "../profiles.js";
import type { Thresholds } from "../compliance.js";
import type { ProfileChoice } from "../settings.js";

export interface SettingsPageProps {
  ctx: PageContext;
  profiles: LegalProfile[];
  choices: ProfileChoice[];
  defaults: { information: string; arco: string };
  thresholds: Thresholds;
  profileValues?: Record<string, string>;
  profileErrors?: FieldErrors;
  thresholdValues?: Record<string, string>;
  thresholdErrors?: FieldErrors;
}

export function TransparencySettingsPage(p: SettingsPageProps) {
  const { ctx } = p;
  const { t, locale } = ctx;
  const slug = ctx.municipality!.slug;
  const kindLabel = (k: string) => (k === "arco" ? t("trSettings:kindArco") : t("trSettings:kindInformation"));
  const pv = p.profileValues ?? {};
  const tv = p.thresholdValues ?? { green: String(p.thresholds.green), yellow: String(p.thresholds.yellow) };
  return (
    <Layout ctx={ctx} title={t("trSettings:title")}>
      <Breadcrumbs items={[{ href: `/${slug}/admin`, label: t("nav.admin") }, { label: t("trSettings:title") }]} />
      <h1>{t("trSettings:title")}</h1>
      <p class="lead">{t("trSettings:intro")}</p>

      <h2>{t("trSettings:profilesTitle")}</h2>
      <p>{t("trSettings:profilesIntro")}</p>
      {p.choices.length === 0 ? (
        <p>{t("trSettings:noChoices", { information: p.defaults.information, arco: p.defaults.arco })}</p>
      ) : (
        <Table
          caption={t("trSettings:choicesCaption")}
          empty={t("empty")}
          rows={p.choices}
          columns={[
            { header: t("trSettings:kind"), cell: (c) => kindLabel(c.kind) },
            { header: t("trSettings:since"), cell: (c) => <time datetime={c.since}>{formatLocalDate(c.since, locale)}</time> },
            { header: t("trSettings:profile"), cell: (c) => `${c.profileName} (${c.profileId})` },
          ]}
        />
      )}
      <Form ctx={ctx} action={`/${slug}/admin/transparencia/ajustes/perfil`} errors={p.profileErrors}>
        <SelectField
          ctx={ctx}
          name="kind"
          label={t("trSettings:kind")}
          options={[{ value: "information", label: t("trSettings:kindInformation") }, { value: "arco", label: t("trSettings:kindArco") }]}
          value={pv.kind}
          error={p.profileErrors?.kind}
          required
        />
        <SelectField
          ctx={ctx}
          name="profile"
          label={t("trSettings:profile")}
          options={p.profiles.map((x) => ({ value: x.id, label: `${x.name} (${x.id}) — ${kindLabel(x.kind)}` }))}
          value={pv.profile}
          error={p.profileErrors?.profile}
          required
        />
        <TextField ctx={ctx} name="since" type="date" label={t("trSettings:since")} hint={t("trSettings:sinceHint")} value={pv.since} error={p.profileErrors?.since} required />
        <Button>{t("trSettings:apply")}</Button>
      </Form>
      <Table
        caption={t("trSettings:availableCaption")}
        empty={t("empty")}
        rows={p.profiles}
        columns={[
          { header: t("trSettings:profile"), cell: (x) => `${x.name} (${x.id})` },
          { header: t("trSettings:kind"), cell: (x) => kindLabel(x.kind) },
          { header: t("trSettings:inForceFrom"), cell: (x) => <time datetime={x.inForceFrom}>{formatLocalDate(x.inForceFrom, locale)}</time> },
          {
            header: t("trSettings:terms"),
            cell: (x) =>
              t("trSettings:termsValue", { response: x.response.days, extension: x.extension.days, prevention: x.prevention.days, incompetence: x.incompetence.days, recurso: x.recurso.days }),
          },
        ]}
      />

      <h2>{t("trSettings:semaforoTitle")}</h2>
      <p>{t("trSettings:semaforoIntro")}</p>
      <Form ctx={ctx} action={`/${slug}/admin/transparencia/ajustes/semaforo`} errors={p.thresholdErrors}>
        <TextField ctx={ctx} name="green" inputmode="decimal" label={t("trSettings:green")} value={tv.green} error={p.thresholdErrors?.green} required />
        <TextField ctx={ctx} name="yellow" inputmode="decimal" label={t("trSettings:yellow")} value={tv.yellow} error={p.thresholdErrors?.yellow} required />
        <Button>{t("trSettings:saveThresholds")}</Button>
      </Form>
    </Layout>
  );
}
