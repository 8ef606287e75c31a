/** Staff pages of a process's proposals: list and settings, one proposal (answer, merge, hide), the moderation queue. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, SelectField, Table, TextArea, TextField, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { CommentNode } from "../comments.js";
import type { QueueItem } from "../moderation.js";
import type { StaffProposalRow } from "../queries.js";
import { ANSWER_STATUSES } from "../tables.js";
import { StaffCrumbs, StatusLabel, formatDate, proposalsAdminBase, type ProcessRef } from "./parts.js";

interface StaffListProps {
  ctx: PageContext;
  process: ProcessRef;
  timeZone: string;
  rows: StaffProposalRow[];
  info: PageInfo;
  filter: { estado: string; pendientes: boolean };
  threshold: number;
  categories: { id: number; name: string }[];
  pendingReports: number;
  errors?: FieldErrors;
}

export function StaffListPage({ ctx, process, timeZone, rows, info, filter, threshold, categories, pendingReports, errors }: StaffListProps) {
  const t = ctx.t;
  const base = proposalsAdminBase(ctx, process);
  return (
    <Layout ctx={ctx} title={t("proposals:staff.title", { process: process.title })}>
      <StaffCrumbs ctx={ctx} process={process} items={[{ label: t("proposals:list.crumb") }]} />
      <h1>{t("proposals:staff.title", { process: process.title })}</h1>
      <ul>
        <li><a href={`${base}/nueva`}>{t("proposals:staff.newInPerson")}</a></li>
        <li><a href={`${base}/moderacion`}>{t("proposals:staff.queue", { count: pendingReports })}</a></li>
        <li><a href={`/${ctx.municipality!.slug}/admin/participa/${process.slug}/compromisos`}>{t("proposals:commitments.adminLink")}</a></li>
        <li><a href={`/${ctx.municipality!.slug}/participa/${process.slug}/propuestas`}>{t("proposals:staff.publicPage")}</a></li>
      </ul>
      <h2>{t("proposals:staff.listTitle")}</h2>
      <form method="get" action={base} class="stack-form filters">
        <SelectField ctx={ctx} name="estado" label={t("proposals:fields.status")} value={filter.estado} placeholder={t("proposals:list.anyStatus")}
          options={["publicada", "en_evaluacion", "aceptada", "no_viable", "fusionada"].map((s) => ({ value: s, label: t(`proposals:status.${s}`) }))} />
        <div class="checkbox">
          <input type="checkbox" id="campo-pendientes" name="pendientes" value="1" checked={filter.pendientes} />
          <label for="campo-pendientes">{t("proposals:staff.unanswered")}</label>
        </div>
        <button type="submit" class="button button-secondary">{t("proposals:list.apply")}</button>
      </form>
      <Table
        caption={t("proposals:staff.listTitle")}
        empty={t("proposals:list.empty")}
        rows={rows}
        columns={[
          { header: t("proposals:fields.folio"), cell: (r) => <a href={`${base}/${r.number}`}>{r.folio}</a> },
          { header: t("proposals:fields.title"), cell: (r) => <>{r.title}{r.hidden && <> ({t("proposals:staff.hiddenFlag")})</>}</> },
          { header: t("proposals:fields.kind"), cell: (r) => t(`proposals:kind.${r.kind}`) },
          { header: t("proposals:fields.status"), cell: (r) => <StatusLabel ctx={ctx} status={r.status} /> },
          { header: t("proposals:staff.answered"), cell: (r) => (r.answered ? t("proposals:staff.yes") : t("proposals:staff.no")) },
          { header: t("proposals:fields.supports"), cell: (r) => r.supports, numeric: true },
          { header: t("proposals:staff.reports"), cell: (r) => r.pendingReports, numeric: true },
          { header: t("proposals:fields.createdAt"), cell: (r) => formatDate(ctx, r.createdAt, timeZone) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <h2>{t("proposals:staff.settings")}</h2>
      <Form ctx={ctx} action={`${base}/umbral`} errors={errors?.threshold ? { threshold: errors.threshold } : undefined}>
        <TextField ctx={ctx} name="threshold" label={t("proposals:staff.threshold")} hint={t("proposals:staff.thresholdHint")} value={threshold} error={errors?.threshold} inputmode="numeric" required />
        <Button kind="secondary">{t("proposals:staff.save")}</Button>
      </Form>
      <h2>{t("proposals:staff.categories")}</h2>
      <p class="hint">{t("proposals:staff.categoriesHint")}</p>
      {categories.length === 0 ? <p class="empty">{t("proposals:staff.noCategories")}</p> : (
        <ul>
          {categories.map((c) => (
            <li>
              {c.name}{" "}
              <form method="post" action={`${base}/categorias/${c.id}/borrar`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <button type="submit" class="link-button" aria-label={t("proposals:staff.removeCategoryNamed", { name: c.name })}>{t("proposals:staff.removeCategory")}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <Form ctx={ctx} action={`${base}/categorias`} errors={errors?.category ? { category: errors.category } : undefined}>
        <TextField ctx={ctx} name="category" label={t("proposals:staff.newCategory")} error={errors?.category} required />
        <Button kind="secondary">{t("proposals:staff.addCategory")}</Button>
      </Form>
    </Layout>
  );
}

interface StaffProposalProps {
  ctx: PageContext;
  process: ProcessRef;
  timeZone: string;
  p: { number: number; folio: string; kind: string; title: string; body: string; status: string; answer: string | null; hidden_reason: string | null; supports_count: number; channel: string; created_at: Date };
  threads: CommentNode[];
  commentInfo: PageInfo;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** The draft commitment this proposal feeds, if any. */
  draft?: { id: number; title: string; status: string } | null;
}

function StaffComment({ ctx, node, action }: { ctx: PageContext; node: CommentNode; action: string }) {
  const t = ctx.t;
  return (
    <li id={`comentario-${node.id}`}>
      {node.hiddenReason !== null ? <p class="hint">{t("proposals:hidden", { reason: node.hiddenReason })}</p> : (
        <>
          <p class="description">{node.body}</p>
          <Form ctx={ctx} action={action} class="inline-form">
            <input type="hidden" name="comentario" value={String(node.id)} />
            <TextField ctx={ctx} name={`motivo-${node.id}`} label={t("proposals:staff.hideReason")} />
            <Button kind="danger">{t("proposals:staff.hideComment")}</Button>
          </Form>
        </>
      )}
      {node.replies.length > 0 && <ul>{node.replies.map((r) => <StaffComment ctx={ctx} node={r} action={action} />)}</ul>}
    </li>
  );
}

export function StaffProposalPage({ ctx, process, timeZone, p, threads, commentInfo, errors, values, draft }: StaffProposalProps) {
  const t = ctx.t;
  const base = proposalsAdminBase(ctx, process);
  const here = `${base}/${p.number}`;
  return (
    <Layout ctx={ctx} title={`${p.folio} · ${p.title}`}>
      <StaffCrumbs ctx={ctx} process={process} items={[{ href: base, label: t("proposals:list.crumb") }, { label: p.folio }]} />
      <h1>{p.folio} · {p.title}</h1>
      {p.hidden_reason !== null && <p class="flash flash-warning">{t("proposals:hidden", { reason: p.hidden_reason })}</p>}
      <dl class="facts">
        <dt>{t("proposals:fields.kind")}</dt><dd>{t(`proposals:kind.${p.kind}`)}</dd>
        <dt>{t("proposals:fields.status")}</dt><dd><StatusLabel ctx={ctx} status={p.status} /></dd>
        <dt>{t("proposals:fields.supports")}</dt><dd>{p.supports_count}</dd>
        <dt>{t("proposals:fields.channel")}</dt><dd>{t(`channels:channel.${p.channel}`)}</dd>
        <dt>{t("proposals:fields.createdAt")}</dt><dd>{formatDate(ctx, p.created_at, timeZone)}</dd>
      </dl>
      <p class="description">{p.body}</p>
      <p><a href={`/${ctx.municipality!.slug}/participa/${process.slug}/propuestas/${p.number}`}>{t("proposals:staff.publicPage")}</a></p>
      {draft ? (
        <>
          <h2>{t("proposals:commitments.sectionTitle")}</h2>
          <p>
            {t("proposals:commitments.already")}{" "}
            <a href={`/${ctx.municipality!.slug}/admin/participa/${process.slug}/compromisos/${draft.id}`}>{draft.title}</a>{" "}
            ({t(`proposals:commitments.status.${draft.status}`)})
          </p>
        </>
      ) : p.status === "aceptada" && p.hidden_reason === null && (
        <>
          <h2>{t("proposals:commitments.sectionTitle")}</h2>
          <p class="hint">{t("proposals:commitments.convertHint")}</p>
          <p><a class="button button-primary" href={`${here}/compromiso`}>{t("proposals:commitments.convert")}</a></p>
        </>
      )}
      {p.status !== "fusionada" && (
        <>
          <h2>{t("proposals:staff.answerTitle")}</h2>
          <p class="hint">{t("proposals:staff.answerHint")}</p>
          <Form ctx={ctx} action={`${here}/respuesta`} errors={pick(errors, ["status", "answer"])}>
            <SelectField ctx={ctx} name="status" label={t("proposals:staff.answerStatus")} value={values?.status ?? (p.answer ? p.status : "")} error={errors?.status} required
              placeholder={t("proposals:form.choose")} options={ANSWER_STATUSES.map((s) => ({ value: s, label: t(`proposals:status.${s}`) }))} />
            <TextArea ctx={ctx} name="answer" label={t("proposals:staff.answerText")} value={values?.answer ?? p.answer ?? ""} error={errors?.answer} rows={6} required />
            <Button>{t("proposals:staff.publishAnswer")}</Button>
          </Form>
          <h2>{t("proposals:staff.mergeTitle")}</h2>
          <p class="hint">{t("proposals:staff.mergeHint")}</p>
          <Form ctx={ctx} action={`${here}/fusion`} errors={pick(errors, ["into"])}>
            <TextField ctx={ctx} name="into" label={t("proposals:staff.mergeInto")} hint={t("proposals:staff.mergeIntoHint")} value={values?.into} error={errors?.into} required />
            <TextArea ctx={ctx} name="note" label={t("proposals:staff.mergeNote")} value={values?.note} rows={2} />
            <Button kind="secondary">{t("proposals:staff.merge")}</Button>
          </Form>
        </>
      )}
      {p.hidden_reason === null && (
        <>
          <h2>{t("proposals:staff.hideTitle")}</h2>
          <Form ctx={ctx} action={`${here}/ocultar`} errors={pick(errors, ["reason"])}>
            <TextField ctx={ctx} name="reason" label={t("proposals:staff.hideReason")} hint={t("proposals:staff.hideHint")} value={values?.reason} error={errors?.reason} required />
            <Button kind="danger">{t("proposals:staff.hide")}</Button>
          </Form>
        </>
      )}
      <h2>{t("proposals:comments.title", { count: commentInfo.total })}</h2>
      {threads.length === 0 ? <p class="empty">{t("proposals:comments.none")}</p> : <ul>{threads.map((n) => <StaffComment ctx={ctx} node={n} action={`${here}/ocultar`} />)}</ul>}
      <Pagination ctx={ctx} info={commentInfo} label={t("proposals:comments.pages")} />
    </Layout>
  );
}

function pick(errors: FieldErrors | undefined, keys: string[]): FieldErrors | undefined {
  if (!errors) return undefined;
  const out = Object.fromEntries(Object.entries(errors).filter(([k]) => keys.includes(k)));
  return Object.keys(out).length ? out : undefined;
}

export function ModerationQueuePage({ ctx, process, timeZone, items, info }: { ctx: PageContext; process: ProcessRef; timeZone: string; items: QueueItem[]; info: PageInfo }) {
  const t = ctx.t;
  const base = proposalsAdminBase(ctx, process);
  return (
    <Layout ctx={ctx} title={t("proposals:queue.title")}>
      <StaffCrumbs ctx={ctx} process={process} items={[{ href: base, label: t("proposals:list.crumb") }, { label: t("proposals:queue.title") }]} />
      <h1>{t("proposals:queue.title")}</h1>
      {items.length === 0 ? <p class="empty">{t("proposals:queue.empty")}</p> : (
        <ul class="cards">
          {items.map((item) => (
            <li class="card">
              <h2>
                <a href={`${base}/${item.proposalNumber}`}>{`PROP-${String(item.proposalNumber).padStart(4, "0")}`}</a> · {item.commentId === null ? t("proposals:queue.proposal") : t("proposals:queue.comment")}
              </h2>
              <p class="description">{item.text}</p>
              <p>{t("proposals:queue.reports", { count: item.reports })} · {formatDate(ctx, item.firstAt, timeZone)}</p>
              <ul>
                {item.reasons.map((r) => <li>{t(`proposals:reason.${r.reason}`)}{r.details && <>: {r.details}</>}</li>)}
              </ul>
              <Form ctx={ctx} action={`${base}/moderacion/${item.reportId}/ocultar`}>
                <TextField ctx={ctx} name={`motivo-${item.reportId}`} label={t("proposals:staff.hideReason")} hint={t("proposals:staff.hideHint")} required />
                <Button kind="danger">{t("proposals:staff.hide")}</Button>
              </Form>
              <form method="post" action={`${base}/moderacion/${item.reportId}/descartar`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <Button kind="secondary">{t("proposals:queue.dismiss")}</Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}
