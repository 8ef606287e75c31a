/** Public pages: a process's consultations and sessions, the answer form, results, text answers, a session. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, type PageInfo } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import type { ProcessView } from "../../participation/processes.js";
import type { FieldErrors, RawAnswers } from "../questions.js";
import type { ConsultationState, ConsultationView, SessionPhoto, SessionView } from "../queries.js";
import { attendanceTotal } from "../queries.js";
import type { ConsultationResults, TextAnswer } from "../results.js";
import { percent } from "../results.js";
import { ATTENDANCE_SECTORS, ATTENDANCE_SEXES } from "../tables.js";
import { QuestionFields } from "./question-fields.js";
import { BarChart } from "./charts.js";

export const processBase = (m: { slug: string }, p: { slug: string }) => `/${m.slug}/participa/${p.slug}`;
export const consultationPath = (m: { slug: string }, p: { slug: string }, id: number) => `${processBase(m, p)}/consultas/${id}`;
export const sessionPath = (m: { slug: string }, p: { slug: string }, id: number) => `${processBase(m, p)}/sesiones/${id}`;

interface Base {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  process: ProcessView;
}

function crumbs(ctx: PageContext, m: ActiveMunicipality, p: ProcessView, extra: { href?: string; label: string }[]) {
  return (
    <Breadcrumbs
      items={[
        { href: `/${m.slug}`, label: m.name },
        { href: `/${m.slug}/participa`, label: ctx.t("consultations:crumbs.participation") },
        { href: processBase(m, p), label: p.title },
        ...extra,
      ]}
    />
  );
}

export function StateBadge({ ctx, state, c }: { ctx: PageContext; state: ConsultationState; c: ConsultationView }) {
  return <span class={`badge state-${state}`}>{ctx.t(`consultations:state.${state}`, { opens: c.opensOn, closes: c.closesOn })}</span>;
}

export function ConsultationListPage({ ctx, municipality: m, process: p, consultations, sessions }: Base & { consultations: { c: ConsultationView; state: ConsultationState }[]; sessions: SessionView[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("consultations:list.title", { process: p.title })}>
      {crumbs(ctx, m, p, [{ label: t("consultations:list.crumb") }])}
      <h1>{t("consultations:list.title", { process: p.title })}</h1>
      <h2>{t("consultations:list.consultations")}</h2>
      <ConsultationCards ctx={ctx} municipality={m} process={p} consultations={consultations} />
      <h2>{t("consultations:list.sessions")}</h2>
      <SessionList ctx={ctx} municipality={m} process={p} sessions={sessions} />
    </Layout>
  );
}

export function ConsultationCards({ ctx, municipality: m, process: p, consultations }: Base & { consultations: { c: ConsultationView; state: ConsultationState }[] }) {
  const { t } = ctx;
  if (consultations.length === 0) return <p class="empty">{t("consultations:list.none")}</p>;
  return (
    <ul class="cards">
      {consultations.map(({ c, state }) => (
        <li class="card">
          <h3>
            <a href={consultationPath(m, p, c.id)}>{c.title}</a>
          </h3>
          <p>
            <StateBadge ctx={ctx} state={state} c={c} />
          </p>
          <p>{t("consultations:list.responses", { count: c.responses })}</p>
        </li>
      ))}
    </ul>
  );
}

export function SessionList({ ctx, municipality: m, process: p, sessions }: Base & { sessions: SessionView[] }) {
  const { t } = ctx;
  return (
    <Table
      caption={t("consultations:list.sessionsCaption", { process: p.title })}
      rows={sessions}
      empty={t("consultations:list.noSessions")}
      columns={[
        { header: t("consultations:session.heldOn"), cell: (s) => s.heldOn },
        { header: t("consultations:session.title"), cell: (s) => <a href={sessionPath(m, p, s.id)}>{s.title}</a> },
        { header: t("consultations:session.place"), cell: (s) => s.place },
        { header: t("consultations:session.colonia"), cell: (s) => s.colonia?.name ?? "—" },
        { header: t("consultations:session.attendance"), cell: (s) => attendanceTotal(s), numeric: true },
      ]}
    />
  );
}

export interface AnswerFormState {
  raw: RawAnswers;
  errors: FieldErrors;
  colonia: string;
}

export function ConsultationPage({
  ctx, municipality: m, process: p, consultation: c, state, closedReason, alreadyAnswered, form, colonias, resultsPublic,
}: Base & {
  consultation: ConsultationView;
  state: ConsultationState;
  /** Why answers are not taken now (Spanish), or null when the form is open. */
  closedReason: string | null;
  alreadyAnswered: boolean;
  form: AnswerFormState;
  colonias: { slug: string; name: string }[];
  resultsPublic: boolean;
}) {
  const { t } = ctx;
  const path = consultationPath(m, p, c.id);
  return (
    <Layout ctx={ctx} title={c.title}>
      {crumbs(ctx, m, p, [{ href: `${processBase(m, p)}/consultas`, label: t("consultations:list.crumb") }, { label: c.title }])}
      <h1>{c.title}</h1>
      <p>
        <StateBadge ctx={ctx} state={state} c={c} />
      </p>
      {c.description && <p class="description">{c.description}</p>}
      <dl class="facts">
        <dt>{t("consultations:page.dates")}</dt>
        <dd>{t("consultations:page.datesValue", { opens: c.opensOn, closes: c.closesOn })}</dd>
        <dt>{t("consultations:page.responses")}</dt>
        <dd>{c.responses}</dd>
      </dl>
      {resultsPublic && (
        <p>
          <a href={`${path}/resultados`}>{t("consultations:page.seeResults")}</a>
        </p>
      )}
      {alreadyAnswered ? (
        <p class="flash flash-info" role="status">{t("consultations:page.alreadyAnswered")}</p>
      ) : closedReason ? (
        <p class="flash flash-warning">{closedReason}</p>
      ) : (
        <Form ctx={ctx} action={path} errors={form.errors}>
          <p>{t("consultations:page.intro", { count: c.questions.length })}</p>
          {c.questions.map((q) => (
            <QuestionFields ctx={ctx} q={q} raw={form.raw[q.id]} error={form.errors[`q${q.id}`]} />
          ))}
          <SelectField
            ctx={ctx}
            name="colonia"
            label={t("consultations:page.colonia")}
            hint={t("consultations:page.coloniaHint")}
            value={form.colonia}
            error={form.errors.colonia}
            placeholder={t("consultations:page.coloniaNone")}
            options={colonias.map((col) => ({ value: col.slug, label: col.name }))}
          />
          <Button>{t("consultations:page.submit")}</Button>
        </Form>
      )}
    </Layout>
  );
}

export function ResultsPage({
  ctx, municipality: m, process: p, consultation: c, results, colonias, coloniaSlug, textPreview,
}: Base & {
  consultation: ConsultationView;
  results: ConsultationResults;
  colonias: { slug: string; name: string; responses: number }[];
  coloniaSlug: string;
  textPreview: Map<number, { rows: TextAnswer[]; total: number }>;
}) {
  const { t } = ctx;
  const path = consultationPath(m, p, c.id);
  const chosen = colonias.find((col) => col.slug === coloniaSlug);
  const suffix = coloniaSlug ? `?colonia=${encodeURIComponent(coloniaSlug)}` : "";
  return (
    <Layout ctx={ctx} title={t("consultations:results.title", { title: c.title })}>
      {crumbs(ctx, m, p, [{ href: path, label: c.title }, { label: t("consultations:results.crumb") }])}
      <h1>{t("consultations:results.title", { title: c.title })}</h1>
      {chosen && <p class="lead">{t("consultations:results.forColonia", { colonia: chosen.name })}</p>}
      <dl class="stats">
        <div><dt>{t("consultations:results.respondents")}</dt><dd>{results.respondents.total}</dd></div>
        <div><dt>{t("consultations:channel.online")}</dt><dd>{results.respondents.online}</dd></div>
        <div><dt>{t("consultations:channel.in_person")}</dt><dd>{results.respondents.in_person}</dd></div>
      </dl>
      <form method="get" action={`${path}/resultados`} class="search-form">
        <div class="field">
          <label for="campo-colonia">{t("consultations:results.filterColonia")}</label>
          <select id="campo-colonia" name="colonia">
            <option value="">{t("consultations:results.allColonias")}</option>
            {colonias.map((col) => (
              <option value={col.slug} selected={col.slug === coloniaSlug}>
                {t("consultations:results.coloniaOption", { name: col.name, count: col.responses })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">{t("consultations:results.filter")}</button>
      </form>
      <p class="hint">{t("consultations:results.percentNote")}</p>
      {results.questions.map((r, qi) => (
        <section aria-labelledby={`pregunta-${r.question.id}`}>
          <h2 id={`pregunta-${r.question.id}`}>{r.question.position}. {r.question.prompt}</h2>
          <p>{t("consultations:results.answered", { total: r.answered.total, online: r.answered.online, in_person: r.answered.in_person })}</p>
          {r.options && (
            <BarChart
              ctx={ctx}
              id={`grafica-${qi}`}
              caption={r.question.prompt}
              unit={t("consultations:results.percent")}
              rows={r.options.map((o) => ({ label: o.label, counts: o.counts, figure: `${percent(o.counts.total, r.answered.total)} %` }))}
            />
          )}
          {r.borda && (
            <>
              <p class="hint">{t("consultations:results.bordaExplain", { n: r.question.options.length, top: r.question.options.length - 1 })}</p>
              <BarChart
                ctx={ctx}
                id={`grafica-${qi}`}
                caption={t("consultations:results.bordaCaption", { prompt: r.question.prompt })}
                unit={t("consultations:results.averagePlace")}
                rows={r.borda.map((b) => ({ label: b.label, counts: b.points, figure: b.averagePlace === null ? "—" : String(b.averagePlace) }))}
              />
            </>
          )}
          {r.scale && (
            <>
              <dl class="stats">
                <div><dt>{t("consultations:results.mean")}</dt><dd>{r.scale.mean ?? "—"}</dd></div>
                <div><dt>{t("consultations:results.median")}</dt><dd>{r.scale.median ?? "—"}</dd></div>
                <div><dt>{t("consultations:results.meanOnline")}</dt><dd>{r.scale.meanByChannel.online ?? "—"}</dd></div>
                <div><dt>{t("consultations:results.meanInPerson")}</dt><dd>{r.scale.meanByChannel.in_person ?? "—"}</dd></div>
              </dl>
              <BarChart
                ctx={ctx}
                id={`grafica-${qi}`}
                caption={t("consultations:results.distribution", { prompt: r.question.prompt })}
                unit={t("consultations:results.percent")}
                rows={r.scale.distribution.map((d) => ({ label: String(d.value), counts: d.counts, figure: `${percent(d.counts.total, r.answered.total)} %` }))}
              />
            </>
          )}
          {r.question.kind === "text" && (
            <>
              <TextList ctx={ctx} rows={textPreview.get(r.question.id)?.rows ?? []} />
              {(textPreview.get(r.question.id)?.total ?? 0) > 0 && (
                <p>
                  <a href={`${path}/textos/${r.question.id}${suffix}`}>{t("consultations:results.allTexts", { count: textPreview.get(r.question.id)!.total })}</a>
                </p>
              )}
            </>
          )}
        </section>
      ))}
      <h2>{t("consultations:results.openData")}</h2>
      <ul>
        <li><a href={`${path}/resultados.json`}>{t("consultations:results.json")}</a></li>
        <li><a href={`/${m.slug}/datos/consultas.csv?consulta=${c.id}`}>{t("consultations:results.csv")}</a></li>
      </ul>
    </Layout>
  );
}

function TextList({ ctx, rows }: { ctx: PageContext; rows: TextAnswer[] }) {
  if (rows.length === 0) return <p class="empty">{ctx.t("consultations:results.noTexts")}</p>;
  return (
    <ul class="activity">
      {rows.map((r) => (
        <li>
          <strong>{ctx.t("consultations:results.respondentLabel", { n: r.respondentNumber, channel: ctx.t(`consultations:channel.${r.channel}`) })}</strong>
          <p class="description">{r.text}</p>
        </li>
      ))}
    </ul>
  );
}

export function TextAnswersPage({ ctx, municipality: m, process: p, consultation: c, prompt, rows, info }: Base & { consultation: ConsultationView; prompt: string; rows: TextAnswer[]; info: PageInfo }) {
  const { t } = ctx;
  const path = consultationPath(m, p, c.id);
  return (
    <Layout ctx={ctx} title={t("consultations:texts.title", { prompt })}>
      {crumbs(ctx, m, p, [{ href: path, label: c.title }, { href: `${path}/resultados`, label: t("consultations:results.crumb") }, { label: t("consultations:texts.crumb") }])}
      <h1>{t("consultations:texts.title", { prompt })}</h1>
      <p class="hint">{t("consultations:texts.note")}</p>
      <TextList ctx={ctx} rows={rows} />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

export function SessionPage({ ctx, municipality: m, process: p, session: s, photos }: Base & { session: SessionView; photos: SessionPhoto[] }) {
  const { t } = ctx;
  const path = sessionPath(m, p, s.id);
  const bySex = ATTENDANCE_SEXES.reduce((a, k) => a + s.attendanceBySex[k], 0);
  return (
    <Layout ctx={ctx} title={s.title}>
      {crumbs(ctx, m, p, [{ href: `${processBase(m, p)}/consultas`, label: t("consultations:list.crumb") }, { label: s.title }])}
      <h1>{s.title}</h1>
      <dl class="facts">
        <dt>{t("consultations:session.heldOn")}</dt>
        <dd>{s.heldOn}</dd>
        <dt>{t("consultations:session.place")}</dt>
        <dd>{s.place}</dd>
        <dt>{t("consultations:session.colonia")}</dt>
        <dd>{s.colonia?.name ?? "—"}</dd>
        <dt>{t("consultations:session.paperAnswers")}</dt>
        <dd>{s.responses}</dd>
      </dl>
      <h2>{t("consultations:session.attendance")}</h2>
      <Table
        caption={t("consultations:session.bySector")}
        rows={[...ATTENDANCE_SECTORS.map((k) => ({ label: t(`consultations:sector.${k}`), n: s.attendance[k] })), { label: t("consultations:chart.total"), n: attendanceTotal(s) }]}
        empty=""
        columns={[
          { header: t("consultations:session.sector"), cell: (r) => r.label },
          { header: t("consultations:session.people"), cell: (r) => r.n, numeric: true },
        ]}
      />
      {bySex > 0 && (
        <Table
          caption={t("consultations:session.bySex")}
          rows={ATTENDANCE_SEXES.map((k) => ({ label: t(`consultations:sex.${k}`), n: s.attendanceBySex[k] }))}
          empty=""
          columns={[
            { header: t("consultations:session.sex"), cell: (r) => r.label },
            { header: t("consultations:session.people"), cell: (r) => r.n, numeric: true },
          ]}
        />
      )}
      <h2>{t("consultations:session.minutes")}</h2>
      {s.minutes ? <p class="description">{s.minutes}</p> : <p class="empty">{t("consultations:session.noMinutes")}</p>}
      <h2>{t("consultations:session.photos")}</h2>
      {photos.length === 0 ? (
        <p class="empty">{t("consultations:session.noPhotos")}</p>
      ) : (
        <ul class="photos">
          {photos.map((ph) => (
            <li>
              <a href={`${path}/fotos/${ph.id}.jpg`}>
                <img src={`${path}/fotos/${ph.id}-min.jpg`} alt={ph.description} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
