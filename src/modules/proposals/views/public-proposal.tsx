/** One proposal: what it says, its status and official answer, supports, history, threaded comments. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Pagination, TextArea, Form, Button, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { CommentNode } from "../comments.js";
import { MAX_DEPTH } from "../comments.js";
import type { ProposalEventView, PublicProposal } from "../queries.js";
import { ProcessCrumbs, StatusLabel, formatDate, proposalsBase, type ProcessRef } from "./parts.js";

/** What the visitor may do here; a link to identify when their level falls short. */
export interface ProposalActions {
  /** null: supports are not open in this phase. */
  support: { open: true; supported: boolean; identify: string | null } | null;
  /** null: comments are not open. */
  comment: { identify: string | null } | null;
  reportHref: (commentId: number | null) => string;
}

interface PageProps {
  ctx: PageContext;
  process: ProcessRef;
  timeZone: string;
  p: PublicProposal;
  events: ProposalEventView[];
  threads: CommentNode[];
  commentInfo: PageInfo;
  actions: ProposalActions;
  threshold: number;
  commentErrors?: FieldErrors;
  commentValue?: string;
  replyTo?: number | null;
  /** The draft commitment of the action plan this proposal became (title and status only). */
  commitment?: { title: string; status: string } | null;
}

function History({ ctx, events, timeZone, base }: { ctx: PageContext; events: ProposalEventView[]; timeZone: string; base: string }) {
  const t = ctx.t;
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <p>
            <strong>{formatDate(ctx, e.occurredAt, timeZone)}</strong> — {t(`proposals:event.${e.kind}`, { status: e.toStatus ? t(`proposals:status.${e.toStatus}`) : "" })}
            {e.otherNumber !== null && (
              <>
                {" "}
                <a href={`${base}/${e.otherNumber}`}>{`PROP-${String(e.otherNumber).padStart(4, "0")}`}</a>
              </>
            )}
          </p>
          {e.body && e.kind !== "answer" && <p>{e.body}</p>}
          {e.body && e.kind === "answer" && <blockquote>{e.body}</blockquote>}
        </li>
      ))}
    </ol>
  );
}

function Comment({ ctx, node, actions, action, timeZone }: { ctx: PageContext; node: CommentNode; actions: ProposalActions; action: string; timeZone: string }) {
  const t = ctx.t;
  return (
    <li id={`comentario-${node.id}`} class="comment">
      {node.hiddenReason !== null ? (
        <p class="hint">{t("proposals:hidden", { reason: node.hiddenReason })}</p>
      ) : (
        <>
          <p class="hint">
            {t("proposals:card.by")} · {formatDate(ctx, node.createdAt, timeZone)}
          </p>
          <p class="description">{node.body}</p>
          <p>
            {actions.comment && node.depth < MAX_DEPTH && actions.comment.identify === null && (
              <details>
                <summary>{t("proposals:comments.reply")}</summary>
                <Form ctx={ctx} action={action}>
                  <input type="hidden" name="responde_a" value={String(node.id)} />
                  <TextArea ctx={ctx} name={`respuesta-${node.id}`} label={t("proposals:comments.replyLabel")} rows={3} required />
                  <Button kind="secondary">{t("proposals:comments.sendReply")}</Button>
                </Form>
              </details>
            )}{" "}
            <a href={actions.reportHref(node.id)}>{t("proposals:report.link")}</a>
          </p>
        </>
      )}
      {node.replies.length > 0 && (
        <ul class="comment-replies">
          {node.replies.map((r) => (
            <Comment ctx={ctx} node={r} actions={actions} action={action} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ProposalPage({ ctx, process, timeZone, p, events, threads, commentInfo, actions, threshold, commentErrors, commentValue, commitment }: PageProps) {
  const t = ctx.t;
  const base = proposalsBase(ctx, process);
  const here = `${base}/${p.number}`;
  const title = p.title ?? t("proposals:hiddenTitle", { folio: p.folio });
  return (
    <Layout ctx={ctx} title={title}>
      <ProcessCrumbs ctx={ctx} process={process} items={[{ href: base, label: t("proposals:list.crumb") }, { label: p.folio }]} />
      <h1>{title}</h1>
      {p.hiddenReason !== null ? (
        <p class="flash flash-warning">{t("proposals:hidden", { reason: p.hiddenReason })}</p>
      ) : (
        <>
          {p.mergedInto && (
            <p class="flash flash-info">
              {t("proposals:mergedInto")} <a href={`${base}/${p.mergedInto.number}`}>{p.mergedInto.folio}</a>
            </p>
          )}
          <dl class="facts">
            <dt>{t("proposals:fields.folio")}</dt>
            <dd>{p.folio}</dd>
            <dt>{t("proposals:fields.kind")}</dt>
            <dd>{t(`proposals:kind.${p.kind}`)}</dd>
            <dt>{t("proposals:fields.status")}</dt>
            <dd><StatusLabel ctx={ctx} status={p.status} /></dd>
            <dt>{t("proposals:fields.author")}</dt>
            <dd>{t("proposals:card.by")}</dd>
            <dt>{t("proposals:fields.channel")}</dt>
            <dd>{t(`channels:channel.${p.channel}`)}</dd>
            <dt>{t("proposals:fields.createdAt")}</dt>
            <dd>{formatDate(ctx, p.createdAt, timeZone)}</dd>
            {p.category && (<><dt>{t("proposals:fields.category")}</dt><dd>{p.category}</dd></>)}
            {p.colonia && (<><dt>{t("proposals:fields.colonia")}</dt><dd>{p.colonia.name}</dd></>)}
            {p.location && (<><dt>{t("proposals:fields.location")}</dt><dd>{p.location.lat}, {p.location.lon}</dd></>)}
            <dt>{t("proposals:fields.supports")}</dt>
            <dd>{t("proposals:supports.count", { count: p.supports, threshold })}</dd>
          </dl>
          <h2>{t("proposals:fields.body")}</h2>
          <p class="description">{p.body}</p>
          {p.hasImage && (
            <p class="photos">
              <a href={`${here}/imagen.jpg`}>
                <img src={`${here}/imagen-min.jpg`} alt={t("proposals:imageAlt", { title })} />
              </a>
            </p>
          )}
          {commitment && (
            <section aria-labelledby="compromiso">
              <h2 id="compromiso">{t("proposals:commitments.publicTitle")}</h2>
              <p class="flash flash-info">
                {t(commitment.status === "adopted" ? "proposals:commitments.publicAdopted" : "proposals:commitments.publicDraft")} «{commitment.title}»
              </p>
            </section>
          )}
          <h2>{t("proposals:answer.title")}</h2>
          {p.answer !== null ? (
            <>
              <p>
                <StatusLabel ctx={ctx} status={p.status} /> · {formatDate(ctx, p.answeredAt!, timeZone)}
              </p>
              <blockquote class="description">{p.answer}</blockquote>
            </>
          ) : (
            <p class="empty">{t("proposals:answer.none")}</p>
          )}
          {p.status !== "fusionada" && (
            <>
              <h2>{t("proposals:supports.title")}</h2>
              {actions.support === null ? (
                <p>{t("proposals:supports.closed")}</p>
              ) : actions.support.identify ? (
                <p><a class="button button-primary" href={actions.support.identify}>{t("proposals:supports.identify")}</a></p>
              ) : actions.support.supported ? (
                <form method="post" action={`${here}/apoyo/retirar`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <p>{t("proposals:supports.youSupport")}</p>
                  <Button kind="secondary">{t("proposals:supports.withdraw")}</Button>
                </form>
              ) : (
                <form method="post" action={`${here}/apoyo`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <Button>{t("proposals:supports.give")}</Button>
                </form>
              )}
            </>
          )}
          <p><a href={actions.reportHref(null)}>{t("proposals:report.linkProposal")}</a></p>
        </>
      )}
      <h2>{t("proposals:history")}</h2>
      <History ctx={ctx} events={events} timeZone={timeZone} base={base} />
      <h2 id="comentarios">{t("proposals:comments.title", { count: p.comments })}</h2>
      {threads.length === 0 ? <p class="empty">{t("proposals:comments.none")}</p> : (
        <ul class="comments">
          {threads.map((n) => (
            <Comment ctx={ctx} node={n} actions={actions} action={`${here}/comentarios`} timeZone={timeZone} />
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={commentInfo} label={t("proposals:comments.pages")} />
      {p.hiddenReason === null && (
        actions.comment === null ? (
          <p>{t("proposals:comments.closed")}</p>
        ) : actions.comment.identify ? (
          <p><a href={actions.comment.identify}>{t("proposals:comments.identify")}</a></p>
        ) : (
          <>
            <h3>{t("proposals:comments.new")}</h3>
            <Form ctx={ctx} action={`${here}/comentarios`} errors={commentErrors}>
              <TextArea ctx={ctx} name="comment" label={t("proposals:comments.label")} hint={t("proposals:comments.hint")} value={commentValue} error={commentErrors?.comment} rows={4} required />
              <Button>{t("proposals:comments.send")}</Button>
            </Form>
          </>
        )
      )}
    </Layout>
  );
}
