/** A commitment's public comments: the list (hidden ones by their reason), the form, and staff's hide form. */
import { Form, Pagination, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { loginUrl } from "../../../platform/http/tenant.js";
import type { PublicComment } from "../presenters.js";
import { instantDate } from "./public-parts.js";

/** Who is looking: may they write, must they sign in or confirm their e-mail first; may they moderate. */
export type CommentAccess = "anonymous" | "unverified" | "allowed";

export interface CommentFormState {
  values: { nombre?: string; comentario?: string };
  errors?: Record<string, string>;
}

export interface CommentsProps {
  ctx: PageContext;
  /** The commitment page's path; comments post to `${base}/comentarios`. */
  base: string;
  timeZone: string;
  comments: PublicComment[];
  info: PageInfo;
  access: CommentAccess;
  /** Default public name: the account's display name. */
  defaultName: string;
  moderate: boolean;
  form?: CommentFormState;
  /** The comment whose hide form failed, with its message. */
  hideError?: { commentId: number; message: string };
}

function HideForm({ ctx, base, comment, error }: { ctx: PageContext; base: string; comment: PublicComment; error?: string }) {
  const { t } = ctx;
  const name = `motivo-${comment.id}`;
  return (
    <details open={error ? true : undefined}>
      <summary>{t("plansPublic:comments.hide")}</summary>
      <Form ctx={ctx} action={`${base}/comentarios/${comment.id}/ocultar`} errors={error ? { [name]: error } : undefined}>
        <TextField ctx={ctx} name={name} label={t("plansPublic:comments.hideReason")} hint={t("plansPublic:comments.hideHint")} error={error} required />
        <button type="submit" class="button button-danger">
          {t("plansPublic:comments.hideButton")}
        </button>
      </Form>
    </details>
  );
}

export function CommentsSection(p: CommentsProps) {
  const { ctx, base } = p;
  const { t } = ctx;
  return (
    <section aria-labelledby="comentarios">
      <h2 id="comentarios">{t("plansPublic:comments.title", { count: p.info.total })}</h2>
      {p.comments.length === 0 ? (
        <p class="empty">{t("plansPublic:comments.none")}</p>
      ) : (
        <ol class="activity">
          {p.comments.map((c) => (
            <li id={`comentario-${c.id}`}>
              <time dateTime={c.createdAt.toISOString()}>{instantDate(ctx, c.createdAt, p.timeZone)}</time>
              {c.hiddenReason !== null ? (
                <p>
                  <em>{t("plansPublic:comments.hidden", { reason: c.hiddenReason })}</em>
                </p>
              ) : (
                <>
                  <p>
                    <strong>{c.authorName}</strong>
                  </p>
                  <p class="description">{c.body}</p>
                  {p.moderate && <HideForm ctx={ctx} base={base} comment={c} error={p.hideError?.commentId === c.id ? p.hideError.message : undefined} />}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {p.info.total > p.info.perPage && <Pagination ctx={ctx} info={p.info} param="comentarios" label={t("plansPublic:comments.pagination")} />}
      <h3>{t("plansPublic:comments.write")}</h3>
      {p.access === "anonymous" && (
        <p>
          <a href={loginUrl(base)}>{t("plansPublic:comments.signIn")}</a> {t("plansPublic:comments.signInWhy")}
        </p>
      )}
      {p.access === "unverified" && <p>{t("plansPublic:comments.verify")}</p>}
      {p.access === "allowed" && (
        <Form ctx={ctx} action={`${base}/comentarios`} errors={p.form?.errors}>
          <TextField ctx={ctx} name="nombre" label={t("plansPublic:comments.name")} hint={t("plansPublic:comments.nameHint")} value={p.form?.values.nombre ?? p.defaultName} error={p.form?.errors?.nombre} autocomplete="nickname" required />
          <TextArea ctx={ctx} name="comentario" label={t("plansPublic:comments.body")} hint={t("plansPublic:comments.bodyHint")} value={p.form?.values.comentario} error={p.form?.errors?.comentario} rows={5} required />
          <button type="submit" class="button button-primary">
            {t("plansPublic:comments.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
