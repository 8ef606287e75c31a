import type { ComponentChildren } from "preact";
import type { FlashMessage, PageContext } from "./context.js";

export function FlashMessages({ messages }: { messages: FlashMessage[] }) {
  if (messages.length === 0) return null;
  return (
    <div class="flashes">
      {messages.map((m) => (
        <p class={`flash flash-${m.kind}`} role={m.kind === "error" ? "alert" : "status"}>
          {m.text}
        </p>
      ))}
    </div>
  );
}

export type FieldErrors = Record<string, string>;

/** A form that always carries the CSRF token; shows the error summary first, linked to fields. */
export function Form({
  ctx,
  action,
  errors,
  children,
  multipart,
  method = "post",
  class: className,
}: {
  ctx: PageContext;
  action: string;
  errors?: FieldErrors;
  children: ComponentChildren;
  multipart?: boolean;
  method?: "post" | "get";
  class?: string;
}) {
  const entries = Object.entries(errors ?? {});
  return (
    <form
      method={method}
      action={action}
      class={className ?? "stack-form"}
      enctype={multipart ? "multipart/form-data" : undefined}
      noValidate
    >
      {method === "post" && <input type="hidden" name="_csrf" value={ctx.csrfToken} />}
      {entries.length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{ctx.t("form.errorsTitle")}</h2>
          <ul>
            {entries.map(([field, message]) => (
              <li>
                <a href={`#campo-${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {children}
    </form>
  );
}

interface FieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  value?: string | number | null;
  error?: string;
  hint?: string;
  required?: boolean;
  type?: string;
  autocomplete?: string;
  inputmode?: "text" | "numeric" | "decimal" | "email" | "tel" | "search" | "url";
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `ayuda-${name}` : null, error ? `error-${name}` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldFrame({ ctx, name, label, hint, error, required, children }: Omit<FieldProps, "value"> & { children: ComponentChildren }) {
  return (
    <div class={error ? "field field-error" : "field"}>
      <label for={`campo-${name}`}>
        {label}
        {required && <span class="required"> ({ctx.t("form.required")})</span>}
      </label>
      {hint && (
        <p class="hint" id={`ayuda-${name}`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`error-${name}`}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextField(props: FieldProps) {
  const { name, value, error, hint, required, type = "text", autocomplete, inputmode } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={`campo-${name}`}
        name={name}
        type={type}
        value={value ?? ""}
        required={required}
        autoComplete={autocomplete}
        inputMode={inputmode}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const { name, value, error, hint, required, rows = 5 } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        id={`campo-${name}`}
        name={name}
        rows={rows}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {value ?? ""}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const { name, value, error, hint, required, options, placeholder } = props;
  return (
    <FieldFrame {...props}>
      <select
        id={`campo-${name}`}
        name={name}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option value={o.value} selected={String(value ?? "") === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Button({ children, kind = "primary" }: { children: ComponentChildren; kind?: "primary" | "secondary" | "danger" }) {
  return (
    <button type="submit" class={`button button-${kind}`}>
      {children}
    </button>
  );
}

export interface Column<R> {
  header: string;
  cell: (row: R) => ComponentChildren;
  /** Right-align numbers. */
  numeric?: boolean;
}

/** A data table that scrolls sideways on a phone instead of breaking the page. */
export function Table<R>({ caption, columns, rows, empty }: { caption: string; columns: Column<R>[]; rows: R[]; empty: string }) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((c) => (
                <td class={c.numeric ? "num" : undefined}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface PageInfo {
  page: number;
  perPage: number;
  total: number;
}

export function pageCount(info: PageInfo): number {
  return Math.max(1, Math.ceil(info.total / info.perPage));
}

/** Parse ?pagina= safely: anything odd becomes page 1. */
export function parsePage(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}

/** `label` names the navigation when a page has more than one paginated list (each landmark needs its own name). */
export function Pagination({ ctx, info, param = "pagina", label }: { ctx: PageContext; info: PageInfo; param?: string; label?: string }) {
  const pages = pageCount(info);
  const { t } = ctx;
  const from = info.total === 0 ? 0 : (info.page - 1) * info.perPage + 1;
  const to = Math.min(info.total, info.page * info.perPage);
  const href = (p: number) => {
    const q = new URLSearchParams(ctx.query);
    q.delete("lang");
    q.set(param, String(p));
    return `${ctx.path}?${q.toString()}`;
  };
  return (
    <nav class="pagination" aria-label={label ?? t("pagination.label")}>
      <p>{t("pagination.showing", { from, to, total: info.total })}</p>
      {pages > 1 && (
        <ul>
          <li>
            {info.page > 1 ? <a href={href(info.page - 1)} rel="prev">{t("pagination.previous")}</a> : <span aria-disabled="true">{t("pagination.previous")}</span>}
          </li>
          <li aria-current="page">{t("pagination.page", { page: info.page, pages })}</li>
          <li>
            {info.page < pages ? <a href={href(info.page + 1)} rel="next">{t("pagination.next")}</a> : <span aria-disabled="true">{t("pagination.next")}</span>}
          </li>
        </ul>
      )}
    </nav>
  );
}

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="Ruta de navegación" class="breadcrumbs">
      <ol>
        {items.map((item) =>
          item.href ? (
            <li>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li aria-current="page">{item.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** A titled list of links, e.g. what other modules offer about this colonia; nothing when empty. */
export function LinkList({ title, links }: { title: string; links: { href: string; label: string }[] }) {
  if (links.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
