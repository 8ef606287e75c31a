/** Attachments and departments' contributions on the request pages (public and staff). */
import { Button, Form, SelectField, Table, TextArea, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PresentedAttachment, PublicInfoRequest, StaffAttachment } from "../info-presenters.js";
import type { ContributionRow } from "../info-attachments-queries.js";

/** "2.4 MB", "830 kB": sizes as people read them, in the page's language. */
export function fileSize(ctx: PageContext, bytes: number): string {
  const n = (v: number, digits: number) => new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: digits }).format(v);
  if (bytes >= 1024 * 1024) return `${n(bytes / (1024 * 1024), 1)} MB`;
  if (bytes >= 1024) return `${n(bytes / 1024, 0)} kB`;
  return `${n(bytes, 0)} B`;
}

/** The request with each history row's files written into its note (the history table shows notes). */
export function withFileNotes(ctx: PageContext, r: PublicInfoRequest): PublicInfoRequest {
  return {
    ...r,
    history: r.history.map((e) =>
      e.files.length === 0 ? e : { ...e, note: [e.note, ctx.t("trAttachments:historyFiles", { names: e.files.join(", ") })].filter(Boolean).join(" · ") },
    ),
  };
}

const typeLabel = (ctx: PageContext, a: PresentedAttachment) => ctx.t(`trAttachments:type_${a.fileType}`);

/** The public list: versiones públicas of an answered request, with their download links. */
export function PublicAttachments({ ctx, attachments, headingLevel = 2 }: { ctx: PageContext; attachments: PresentedAttachment[]; headingLevel?: 2 | 3 }) {
  if (attachments.length === 0) return null;
  const t = ctx.t;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="anexos-publicos">
      <Heading id="anexos-publicos">{t("trAttachments:publicTitle")}</Heading>
      <p class="hint">{t("trAttachments:publicIntro")}</p>
      <Table<PresentedAttachment>
        caption={t("trAttachments:publicTitle")}
        empty="—"
        rows={attachments}
        columns={[
          { header: t("trAttachments:fileName"), cell: (a) => <a href={a.href} download>{a.fileName}</a> },
          { header: t("trAttachments:fileType"), cell: (a) => typeLabel(ctx, a) },
          { header: t("trAttachments:size"), cell: (a) => fileSize(ctx, a.byteSize), numeric: true },
        ]}
      />
    </section>
  );
}

/**
 * The file input of every upload form: several files, the accepted types spelled out. One page
 * holds several upload forms, so ids carry the form's name (`file-answer`…); fileErrors() points
 * the error summary's link at it.
 */
export function FileInput({ ctx, form, error, label }: { ctx: PageContext; form: string; error?: string; label: string }) {
  const id = `file-${form}`;
  return (
    <div class={error ? "field field-error" : "field"}>
      <label for={`campo-${id}`}>{label}</label>
      <p class="hint" id={`ayuda-${id}`}>
        {ctx.t("trAttachments:filesHint")}
      </p>
      {error && (
        <p class="error-message" id={`error-${id}`}>
          {error}
        </p>
      )}
      <input id={`campo-${id}`} name="file" type="file" multiple accept=".pdf,.docx,.odt,.xlsx,.csv,.png,.jpg,.jpeg" aria-describedby={error ? `ayuda-${id} error-${id}` : `ayuda-${id}`} />
    </div>
  );
}

/** A form's errors with the file message keyed like its FileInput (the summary links to `#campo-file-<form>`). */
export function fileErrors(errors: FieldErrors | undefined, form: string): FieldErrors | undefined {
  if (!errors?.file) return errors;
  const { file, ...rest } = errors;
  return { ...rest, [`file-${form}`]: file };
}

/** The unit's confirmation that the files are versiones públicas (personal data redacted). */
export function PublicVersionCheckbox({ ctx, form, checked }: { ctx: PageContext; form: string; checked?: boolean }) {
  return (
    <div class="checkbox">
      <input type="checkbox" id={`campo-publicVersion-${form}`} name="publicVersion" value="si" checked={checked} />
      <label for={`campo-publicVersion-${form}`}>{ctx.t("trAttachments:publicVersionCheck")}</label>
    </div>
  );
}

export interface AttachmentForms {
  /** The unit may upload files on their own. */
  canUpload: boolean;
  /** Departments this person may record a contribution for (turned ones only); empty: none. */
  contributeAs: { id: number; name: string }[];
  /** The unit may deliver a department's file as a versión pública (information requests only). */
  canAdopt: boolean;
  /** Contributions are closed once the request is concluded. */
  open: boolean;
  failed?: { step: string; values: Record<string, string>; errors: FieldErrors };
}

/** Every attachment of the request as staff see it, and the unit's upload form. */
export function StaffAttachments({ ctx, attachments, action, forms }: { ctx: PageContext; attachments: StaffAttachment[]; action: string; forms: AttachmentForms }) {
  const t = ctx.t;
  const failed = forms.failed?.step === "attach" ? forms.failed : undefined;
  return (
    <section aria-labelledby="anexos">
      <h2 id="anexos">{t("trAttachments:title")}</h2>
      <Table<StaffAttachment>
        caption={t("trAttachments:title")}
        empty={t("trAttachments:none")}
        rows={attachments}
        columns={[
          { header: t("trAttachments:fileName"), cell: (a) => <a href={a.href} download>{a.fileName}</a> },
          { header: t("trAttachments:fileType"), cell: (a) => typeLabel(ctx, a) },
          { header: t("trAttachments:size"), cell: (a) => fileSize(ctx, a.byteSize), numeric: true },
          { header: t("trAttachments:origin"), cell: (a) => a.departmentName ?? t("trAttachments:unit") },
          { header: t("trAttachments:publicVersion"), cell: (a) => (a.publicVersion ? t("trAttachments:yes") : t("trAttachments:no")) },
          { header: t("trAttachments:uploadedAt"), cell: (a) => a.uploadedAt.toISOString().slice(0, 10) },
        ]}
      />
      {forms.canUpload && (
        <section aria-labelledby="agregar-anexos">
          <h3 id="agregar-anexos">{t("trAttachments:uploadTitle")}</h3>
          <Form ctx={ctx} action={action} errors={fileErrors(failed?.errors, "attach")} multipart>
            <FileInput ctx={ctx} form="attach" label={t("trAttachments:files")} error={failed?.errors.file} />
            <PublicVersionCheckbox ctx={ctx} form="attach" checked={failed?.values.publicVersion === "si"} />
            <Button>{t("trAttachments:upload")}</Button>
          </Form>
        </section>
      )}
    </section>
  );
}

/** What each turned department contributed, and the form for the departments this person works for. */
export function Contributions({ ctx, contributions, attachments, action, forms }: {
  ctx: PageContext; contributions: ContributionRow[]; attachments: StaffAttachment[]; action: string; forms: AttachmentForms;
}) {
  const t = ctx.t;
  if (contributions.length === 0) return null;
  const failed = forms.failed?.step === "contribute" ? forms.failed : undefined;
  const mineOnly = forms.contributeAs.length === 1 ? forms.contributeAs[0]! : null;
  const current = mineOnly ? contributions.find((c) => c.departmentId === mineOnly.id)?.body : undefined;
  return (
    <section aria-labelledby="aportaciones">
      <h2 id="aportaciones">{t("trAttachments:contributionsTitle")}</h2>
      <p class="hint">{t("trAttachments:contributionsIntro")}</p>
      {contributions.map((c) => {
        const files = attachments.filter((a) => a.departmentId === c.departmentId);
        return (
          <article aria-labelledby={`aportacion-${c.departmentId}`}>
            <h3 id={`aportacion-${c.departmentId}`}>{c.departmentName}</h3>
            {c.body === null ? (
              <p class="empty">{t("trAttachments:noContribution")}</p>
            ) : (
              <>
                <p class="prewrap">{c.body}</p>
                <p class="hint">{t("trAttachments:contributedBy", { name: c.contributedBy ?? "—", date: c.updatedAt!.toISOString().slice(0, 10) })}</p>
              </>
            )}
            {files.length > 0 && (
              <ul>
                {files.map((a) => {
                  const adopted = attachments.some((o) => o.departmentId === null && o.publicVersion && o.sha256 === a.sha256);
                  return (
                    <li>
                      <a href={a.href} download>{a.fileName}</a> ({typeLabel(ctx, a)}, {fileSize(ctx, a.byteSize)})
                      {adopted && <> · {t("trAttachments:adopted")}</>}
                      {forms.canAdopt && !adopted && (
                        <Form ctx={ctx} action={`${a.href}/version-publica`} class="inline-form">
                          <Button kind="secondary">{t("trAttachments:adopt", { name: a.fileName })}</Button>
                        </Form>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </article>
        );
      })}
      {forms.contributeAs.length > 0 &&
        (forms.open ? (
          <section aria-labelledby="aportacion-form">
            <h3 id="aportacion-form">{t("trAttachments:formTitle")}</h3>
            <Form ctx={ctx} action={action} errors={fileErrors(failed?.errors, "contribute")} multipart>
              {mineOnly ? (
                <input type="hidden" name="department" value={String(mineOnly.id)} />
              ) : (
                <SelectField ctx={ctx} name="department" label={t("trAttachments:department")} value={failed?.values.department} error={failed?.errors.department} required placeholder="—"
                  options={forms.contributeAs.map((d) => ({ value: String(d.id), label: d.name }))} />
              )}
              <TextArea ctx={ctx} name="contribution" label={t("trAttachments:text")} hint={t("trAttachments:textHint")} value={failed?.values.contribution ?? current ?? ""} error={failed?.errors.contribution} required rows={6} />
              <FileInput ctx={ctx} form="contribute" label={t("trAttachments:contributionFiles")} error={failed?.errors.file} />
              <Button>{t("trAttachments:save")}</Button>
            </Form>
          </section>
        ) : (
          <p>{t("trAttachments:closed")}</p>
        ))}
    </section>
  );
}
