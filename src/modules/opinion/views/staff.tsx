/** Staff pages: conversations (list, create), one conversation (edit, status, seed statements, moderation queue, all statements). */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { ConversationView, StatementView } from "../conversations.js";

export const adminBase = (slug: string) => `/${slug}/admin/opinion`;

export interface ConversationFormValues {
  topic: string;
  description: string;
  moderation: string;
  identity: string;
  participantStatements: boolean;
  process: string;
  seeds?: string;
}

export const EMPTY_CONVERSATION: ConversationFormValues = { topic: "", description: "", moderation: "post", identity: "anonymous", participantStatements: true, process: "", seeds: "" };

function ConversationFields({ ctx, values, errors, processes, withSeeds }: { ctx: PageContext; values: ConversationFormValues; errors?: FieldErrors; processes: { id: number; title: string }[]; withSeeds: boolean }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="topic" label={t("opinion:staff.topic")} value={values.topic} error={errors?.topic} required />
      <TextArea ctx={ctx} name="description" label={t("opinion:staff.description")} value={values.description} error={errors?.description} rows={4} />
      <SelectField ctx={ctx} name="process" label={t("opinion:staff.process")} value={values.process} error={errors?.process} placeholder={t("opinion:staff.noProcess")} options={processes.map((p) => ({ value: String(p.id), label: p.title }))} />
      <SelectField ctx={ctx} name="moderation" label={t("opinion:staff.moderation")} value={values.moderation} error={errors?.moderation} options={[{ value: "post", label: t("opinion:moderation.post") }, { value: "pre", label: t("opinion:moderation.pre") }]} />
      <SelectField ctx={ctx} name="identity" label={t("opinion:staff.identity")} value={values.identity} error={errors?.identity} options={[{ value: "anonymous", label: t("opinion:identity.anonymous") }, { value: "account", label: t("opinion:identity.account") }]} />
      <div class="field checkbox">
        <input type="checkbox" id="campo-participantStatements" name="participantStatements" value="1" checked={values.participantStatements} />
        <label for="campo-participantStatements">{t("opinion:staff.participantStatements")}</label>
      </div>
      {withSeeds && <TextArea ctx={ctx} name="seeds" label={t("opinion:staff.seeds")} hint={t("opinion:staff.seedsHint")} value={values.seeds} error={errors?.seeds} rows={6} />}
    </>
  );
}

export function StaffListPage({ ctx, rows, info, values, errors, processes }: {
  ctx: PageContext; rows: (ConversationView & { voters: number; statements: number })[]; info: PageInfo; values: ConversationFormValues; errors?: FieldErrors; processes: { id: number; title: string }[];
}) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("opinion:staff.title")}>
      <Breadcrumbs items={[{ href: `/${slug}/admin`, label: t("opinion:staff.admin") }, { label: t("opinion:staff.title") }]} />
      <h1>{t("opinion:staff.title")}</h1>
      <Table
        caption={t("opinion:staff.listCaption")}
        empty={t("opinion:list.empty")}
        rows={rows}
        columns={[
          { header: t("opinion:staff.topic"), cell: (c) => <a href={`${adminBase(slug)}/${c.id}`}>{c.topic}</a> },
          { header: t("opinion:staff.status"), cell: (c) => t(`opinion:status.${c.status}`) },
          { header: t("opinion:staff.voters"), cell: (c) => c.voters, numeric: true },
          { header: t("opinion:staff.statements"), cell: (c) => c.statements, numeric: true },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <h2>{t("opinion:staff.new")}</h2>
      <Form ctx={ctx} action={adminBase(slug)} errors={errors}>
        <ConversationFields ctx={ctx} values={values} errors={errors} processes={processes} withSeeds />
        <Button>{t("opinion:staff.create")}</Button>
      </Form>
    </Layout>
  );
}

export interface StaffConversationProps {
  ctx: PageContext;
  conversation: ConversationView;
  values: ConversationFormValues;
  errors?: FieldErrors;
  seedError?: string;
  processes: { id: number; title: string }[];
  pending: StatementView[];
  pendingInfo: PageInfo;
  statements: StatementView[];
  info: PageInfo;
  analysis: { computedAt: Date; durationMs: number; votes: number; groups: number } | null;
}

function ModerateButtons({ ctx, base, s }: { ctx: PageContext; base: string; s: StatementView }) {
  const t = ctx.t;
  return (
    <form method="post" action={`${base}/afirmaciones/${s.id}/moderar`} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {s.status !== "accepted" && <button type="submit" name="decision" value="accepted" class="button button-secondary">{t("opinion:staff.accept")}</button>}{" "}
      {s.status !== "rejected" && <button type="submit" name="decision" value="rejected" class="button button-danger">{t("opinion:staff.reject")}</button>}
    </form>
  );
}

export function StaffConversationPage(p: StaffConversationProps) {
  const { ctx, conversation: c } = p;
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const base = `${adminBase(slug)}/${c.id}`;
  return (
    <Layout ctx={ctx} title={c.topic}>
      <Breadcrumbs items={[{ href: `/${slug}/admin`, label: t("opinion:staff.admin") }, { href: adminBase(slug), label: t("opinion:staff.title") }, { label: c.topic }]} />
      <h1>{c.topic}</h1>
      <p>
        {t(`opinion:status.${c.status}`)} · <a href={`/${slug}/opinion/${c.id}`}>{t("opinion:staff.publicPage")}</a> · <a href={`/${slug}/opinion/${c.id}/resultados`}>{t("opinion:vote.seeResults")}</a>
        {c.importedFrom && <> · {t("opinion:staff.imported", { source: c.importedFrom })}</>}
      </p>
      <p>
        {p.analysis ? t("opinion:staff.analysis", { votes: p.analysis.votes, groups: p.analysis.groups, ms: p.analysis.durationMs }) : t("opinion:results.pending")}
      </p>
      <form method="post" action={`${base}/recalcular`} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <button type="submit" class="button button-secondary">{t("opinion:staff.recompute")}</button>
      </form>{" "}
      <form method="post" action={`${base}/estado`} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="status" value={c.status === "open" ? "closed" : "open"} />
        <button type="submit" class="button button-secondary">{t(c.status === "open" ? "opinion:staff.close" : "opinion:staff.reopen")}</button>
      </form>

      <h2 id="moderacion">{t("opinion:staff.queue", { count: p.pendingInfo.total })}</h2>
      <Table
        caption={t("opinion:staff.queueCaption")}
        empty={t("opinion:staff.queueEmpty")}
        rows={p.pending}
        columns={[
          { header: t("opinion:results.statement"), cell: (s) => s.body },
          { header: t("opinion:staff.decision"), cell: (s) => <ModerateButtons ctx={ctx} base={base} s={s} /> },
        ]}
      />
      <Pagination ctx={ctx} info={p.pendingInfo} param="cola" label={t("opinion:staff.queueCaption")} />

      <h2>{t("opinion:staff.seedTitle")}</h2>
      <Form ctx={ctx} action={`${base}/afirmaciones`} errors={p.seedError ? { body: p.seedError } : undefined}>
        <TextArea ctx={ctx} name="body" label={t("opinion:staff.seedLabel")} error={p.seedError} rows={2} required />
        <Button>{t("opinion:staff.seedSubmit")}</Button>
      </Form>

      <h2>{t("opinion:staff.allStatements")}</h2>
      <Table
        caption={t("opinion:staff.allStatements")}
        empty={t("opinion:vote.noStatements")}
        rows={p.statements}
        columns={[
          { header: "#", cell: (s) => s.number, numeric: true },
          { header: t("opinion:results.statement"), cell: (s) => s.body },
          { header: t("opinion:staff.origin"), cell: (s) => t(`opinion:origin.${s.origin}`) },
          { header: t("opinion:staff.status"), cell: (s) => t(`opinion:statementStatus.${s.status}`) },
          { header: t("opinion:staff.decision"), cell: (s) => <ModerateButtons ctx={ctx} base={base} s={s} /> },
        ]}
      />
      <Pagination ctx={ctx} info={p.info} />

      <h2>{t("opinion:staff.edit")}</h2>
      <Form ctx={ctx} action={base} errors={p.errors}>
        <ConversationFields ctx={ctx} values={p.values} errors={p.errors} processes={p.processes} withSeeds={false} />
        <Button>{t("opinion:staff.save")}</Button>
      </Form>
    </Layout>
  );
}
