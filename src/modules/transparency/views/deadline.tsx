import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, SelectField, Table, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { formatLocalDate } from "../../../platform/calendar/views/calendar.js";
import type { LegalDeadlines } from "../deadlines.js";
import type { LegalProfile, LegalTerm } from "../profiles.js";

export interface DeadlinePageProps {
  ctx: PageContext;
  profiles: LegalProfile[];
  cutoffTime: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  result?: { profile: LegalProfile; deadlines: LegalDeadlines };
}

function ResultTable({ ctx, profile, deadlines: d }: { ctx: PageContext; profile: LegalProfile; deadlines: LegalDeadlines }) {
  const { t, locale } = ctx;
  const term = (x: LegalTerm) => t("trDeadline:term", { days: x.days, article: x.article });
  const rows: { label: string; date: string | null; basis: string }[] = [
    { label: t("trDeadline:receivedOn"), date: d.receivedOn, basis: t("trDeadline:receivedBasis") },
    { label: t("trDeadline:preventionBy"), date: d.preventionBy, basis: term(profile.prevention) },
    { label: t("trDeadline:incompetenceBy"), date: d.incompetenceBy, basis: term(profile.incompetence) },
    { label: t("trDeadline:clarifyBy"), date: d.clarifyBy, basis: term(profile.clarify) },
    { label: t("trDeadline:restartedFrom"), date: d.restartedFrom, basis: t("trDeadline:restartBasis", { article: profile.prevention.article }) },
    { label: t("trDeadline:due"), date: d.due, basis: term(profile.response) },
    { label: t("trDeadline:extendedDue"), date: d.extendedDue, basis: t("trDeadline:extensionBasis", { days: profile.extension.days, by: profile.extension.approvedBy, article: profile.extension.article }) },
    { label: t("trDeadline:recursoBy"), date: d.recursoBy, basis: term(profile.recurso) },
    { label: t("trDeadline:madeEffectiveBy"), date: d.madeEffectiveBy, basis: profile.madeEffective ? term(profile.madeEffective) : "" },
  ];
  return (
    <Table
      caption={t("trDeadline:resultCaption", { profile: profile.name })}
      empty={t("empty")}
      rows={rows.filter((r) => r.date !== null)}
      columns={[
        { header: t("trDeadline:what"), cell: (r) => r.label },
        { header: t("trDeadline:date"), cell: (r) => <time datetime={r.date!}>{formatLocalDate(r.date!, locale)}</time> },
        { header: t("trDeadline:basis"), cell: (r) => r.basis },
      ]}
    />
  );
}

export function DeadlineCalculatorPage({ ctx, profiles, cutoffTime, values, errors, result }: DeadlinePageProps) {
  const { t } = ctx;
  const m = ctx.municipality!;
  const action = `/${m.slug}/admin/transparencia/plazos`;
  return (
    <Layout ctx={ctx} title={t("trDeadline:title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/admin`, label: t("nav.admin") }, { label: t("trDeadline:title") }]} />
      <h1>{t("trDeadline:title")}</h1>
      <p class="lead">{t("trDeadline:intro", { cutoff: cutoffTime })}</p>
      <Form ctx={ctx} method="get" action={`${action}#resultado`} errors={errors}>
        <SelectField
          ctx={ctx}
          name="perfil"
          label={t("trDeadline:profile")}
          value={values.perfil}
          error={errors?.perfil}
          required
          options={profiles.map((p) => ({ value: p.id, label: `${p.name} (${p.id})` }))}
        />
        <TextField ctx={ctx} name="fecha" type="date" label={t("trDeadline:receivedDate")} value={values.fecha} error={errors?.fecha} required />
        <TextField ctx={ctx} name="hora" type="time" label={t("trDeadline:receivedTime")} hint={t("trDeadline:receivedTimeHint")} value={values.hora} error={errors?.hora} required />
        <TextField ctx={ctx} name="prevencion" type="date" label={t("trDeadline:preventionNotified")} hint={t("trDeadline:optional")} value={values.prevencion} error={errors?.prevencion} />
        <TextField ctx={ctx} name="aclaracion" type="date" label={t("trDeadline:clarified")} hint={t("trDeadline:optional")} value={values.aclaracion} error={errors?.aclaracion} />
        <TextField ctx={ctx} name="respuesta" type="date" label={t("trDeadline:answerNotified")} hint={t("trDeadline:optional")} value={values.respuesta} error={errors?.respuesta} />
        <Button>{t("trDeadline:calculate")}</Button>
      </Form>
      {result && (
        <section id="resultado" aria-labelledby="resultado-titulo">
          <h2 id="resultado-titulo">{t("trDeadline:resultTitle")}</h2>
          <p>{result.profile.law}</p>
          <ResultTable ctx={ctx} profile={result.profile} deadlines={result.deadlines} />
        </section>
      )}
    </Layout>
  );
}
