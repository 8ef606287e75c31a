/**
 * The members' area of an observatory: what it follows (follow and unfollow), its reports (drafts
 * included, seen only here) and the report form with files and publication.
 */
import type { ComponentChildren } from "preact";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { CommitmentRef, ObservatoryRow } from "../observatory-queries.js";
import type { PanelReport, ReportDetail } from "../observatory-report-queries.js";
import { REPORT_KINDS, REPORT_VERDICTS } from "../tables.js";
import { observatoriesUrl, observatoryUrl, panelReportUrl, panelUrl, reportUrl } from "../review-urls.js";
import { ReportTargetText, verdictLabel } from "./observatory-parts.js";
import { bytes, formState, instantDate, type FailedForm } from "./review-parts.js";

export interface Choices {
  commitments: CommitmentRef[];
  services: { id: number; name: string }[];
}

function crumbs(ctx: PageContext, observatory: ObservatoryRow, more: { href?: string; label: string }[]) {
  const m = ctx.municipality!.slug;
  return (
    <Breadcrumbs
      items={[{ href: observatoriesUrl(m), label: ctx.t("plansReview:observatories") }, { href: observatoryUrl(m, observatory.slug), label: observatory.name }, { href: panelUrl(m, observatory.slug), label: ctx.t("plansReview:panel") }, ...more]}
    />
  );
}

const commitmentLabel = (c: CommitmentRef) => `${c.planTitle} — ${c.number}. ${c.title}`;

function Unfollow({ ctx, action, kind, targetId, label, children }: { ctx: PageContext; action: string; kind: string; targetId: number; label: string; children: ComponentChildren }) {
  return (
    <li>
      {children}{" "}
      <form method="post" action={action} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="targetId" value={String(targetId)} />
        <input type="hidden" name="follow" value="0" />
        <button type="submit" class="link-button" aria-label={label}>{ctx.t("plansReview:unfollow")}</button>
      </form>
    </li>
  );
}

export interface PanelProps {
  ctx: PageContext;
  timeZone: string;
  observatory: ObservatoryRow;
  followed: Choices;
  choices: Choices;
  reports: PanelReport[];
  reportsInfo: PageInfo;
  userId: number;
  failed?: FailedForm;
}

export function PanelPage({ ctx, timeZone, observatory, followed, choices, reports, reportsInfo, userId, failed }: PanelProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = panelUrl(m, observatory.slug);
  const followCommitment = formState(failed, "followCommitment");
  const followService = formState(failed, "followService");
  const followedIds = new Set(followed.commitments.map((c) => c.id));
  const followedServices = new Set(followed.services.map((s) => s.id));
  return (
    <Layout ctx={ctx} title={`${t("plansReview:panel")} · ${observatory.name}`}>
      {crumbs(ctx, observatory, [])}
      <h1>{t("plansReview:panelTitle", { name: observatory.name })}</h1>
      <p>
        <a href={`${here}/informes/nuevo`}>{t("plansReview:newReport")}</a>
      </p>
      <section>
        <h2 id="informes">{t("plansReview:reports")}</h2>
        <Table<PanelReport>
          caption={t("plansReview:reports")}
          empty={t("plansReview:noReportsYet")}
          rows={reports}
          columns={[
            { header: t("plansReview:titleLabel"), cell: (r) => (r.authorUserId === userId ? <a href={panelReportUrl(m, observatory.slug, r.id)}>{r.title}</a> : r.publishedAt ? <a href={reportUrl(m, observatory.slug, r.id)}>{r.title}</a> : r.title) },
            { header: t("plansReview:about"), cell: (r) => <ReportTargetText ctx={ctx} target={r.target} link={false} /> },
            { header: t("plansReview:verdictLabel"), cell: (r) => verdictLabel(ctx, r.verdict) },
            { header: t("plansReview:statusHeader"), cell: (r) => (r.publishedAt ? t("plansReview:publishedShort", { date: instantDate(ctx, r.publishedAt, timeZone) }) : t("plansReview:draft")) },
            { header: t("plansReview:author"), cell: (r) => (r.authorUserId === userId ? t("plansReview:you") : r.authorName || t("plansReview:otherMember")) },
          ]}
        />
        <Pagination ctx={ctx} info={reportsInfo} label={t("plansReview:reports")} />
      </section>
      <section aria-labelledby="seguimiento">
        <h2 id="seguimiento">{t("plansReview:follows")}</h2>
        {followed.commitments.length === 0 && followed.services.length === 0 && <p class="empty">{t("plansReview:followsNothing")}</p>}
        <ul>
          {followed.commitments.map((c) => (
            <Unfollow ctx={ctx} action={`${here}/seguimiento`} kind="compromiso" targetId={c.id} label={t("plansReview:unfollowLabel", { name: `${c.number}. ${c.title}` })}>
              {commitmentLabel(c)}
            </Unfollow>
          ))}
          {followed.services.map((s) => (
            <Unfollow ctx={ctx} action={`${here}/seguimiento`} kind="servicio" targetId={s.id} label={t("plansReview:unfollowLabel", { name: s.name })}>
              {t("plansReview:aboutService", { name: s.name })}
            </Unfollow>
          ))}
        </ul>
        <h3>{t("plansReview:followCommitment")}</h3>
        <Form ctx={ctx} action={`${here}/seguimiento`} errors={followCommitment.errors}>
          <input type="hidden" name="kind" value="compromiso" />
          <input type="hidden" name="follow" value="1" />
          <SelectField ctx={ctx} name="commitmentId" label={t("plansReview:commitment")} value={followCommitment.values.commitmentId} error={followCommitment.errors?.commitmentId} placeholder={t("plansReview:choose")} options={choices.commitments.filter((c) => !followedIds.has(c.id)).map((c) => ({ value: String(c.id), label: commitmentLabel(c) }))} required />
          <Button kind="secondary">{t("plansReview:followButton")}</Button>
        </Form>
        <h3>{t("plansReview:followService")}</h3>
        <Form ctx={ctx} action={`${here}/seguimiento`} errors={followService.errors}>
          <input type="hidden" name="kind" value="servicio" />
          <input type="hidden" name="follow" value="1" />
          <SelectField ctx={ctx} name="serviceId" label={t("plansReview:service")} value={followService.values.serviceId} error={followService.errors?.serviceId} placeholder={t("plansReview:choose")} options={choices.services.filter((s) => !followedServices.has(s.id)).map((s) => ({ value: String(s.id), label: s.name }))} required />
          <Button kind="secondary">{t("plansReview:followButton")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export interface ReportFormProps {
  ctx: PageContext;
  timeZone: string;
  observatory: ObservatoryRow;
  report: ReportDetail | null;
  choices: Choices;
  failed?: FailedForm;
}

export function ReportFormPage({ ctx, timeZone, observatory, report, choices, failed }: ReportFormProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const action = report ? panelReportUrl(m, observatory.slug, report.id) : `${panelUrl(m, observatory.slug)}/informes`;
  const saved = report
    ? { kind: report.kind, commitmentId: report.commitmentId ? String(report.commitmentId) : "", serviceId: report.serviceId ? String(report.serviceId) : "", title: report.title, body: report.body, verdict: report.verdict ?? "", dataUrl: report.dataUrl ?? "" }
    : { kind: "valoracion" };
  const main = failed?.form === "report" ? failed : { values: saved, errors: undefined };
  const file = formState(failed, "file");
  const other = failed && failed.form !== "report" && failed.form !== "file" ? failed.errors.general : undefined;
  const title = report ? report.title : t("plansReview:newReport");
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, observatory, [{ label: title }])}
      <h1>{title}</h1>
      {report && (
        <p>
          {report.publishedAt ? (
            <>
              {t("plansReview:publishedShort", { date: instantDate(ctx, report.publishedAt, timeZone) })} · <a href={reportUrl(m, observatory.slug, report.id)}>{t("plansReview:seePublic")}</a>
            </>
          ) : (
            t("plansReview:draftNotice")
          )}
        </p>
      )}
      {other && <p class="error-message" role="alert">{other}</p>}
      <Form ctx={ctx} action={action} errors={main.errors}>
        <SelectField ctx={ctx} name="kind" label={t("plansReview:kindLabel")} value={main.values.kind} error={main.errors?.kind} options={REPORT_KINDS.map((k) => ({ value: k, label: t(`plansReview:reportKind.${k}`) }))} required />
        <SelectField ctx={ctx} name="commitmentId" label={t("plansReview:commitment")} hint={t("plansReview:targetHint")} value={main.values.commitmentId} error={main.errors?.commitmentId} placeholder={t("plansReview:none")} options={choices.commitments.map((c) => ({ value: String(c.id), label: commitmentLabel(c) }))} />
        <SelectField ctx={ctx} name="serviceId" label={t("plansReview:service")} value={main.values.serviceId} error={main.errors?.serviceId} placeholder={t("plansReview:none")} options={choices.services.map((s) => ({ value: String(s.id), label: s.name }))} />
        <SelectField ctx={ctx} name="verdict" label={t("plansReview:verdictLabel")} hint={t("plansReview:verdictHint")} value={main.values.verdict} error={main.errors?.verdict} placeholder={t("plansReview:noVerdict")} options={REPORT_VERDICTS.map((v) => ({ value: v, label: t(`plansReview:verdict.${v}`) }))} />
        <TextField ctx={ctx} name="title" label={t("plansReview:titleLabel")} value={main.values.title} error={main.errors?.title} required />
        <TextArea ctx={ctx} name="body" label={t("plansReview:bodyLabel")} hint={t("plansReview:bodyHint")} value={main.values.body} error={main.errors?.body} rows={12} required />
        <TextField ctx={ctx} name="dataUrl" type="url" label={t("plansReview:dataUrl")} value={main.values.dataUrl} error={main.errors?.dataUrl} />
        <Button>{report ? t("plansReview:saveChanges") : t("plansReview:saveDraft")}</Button>
      </Form>
      {report && (
        <>
          <section aria-labelledby="archivos">
            <h2 id="archivos">{t("plansReview:files")}</h2>
            {report.files.length === 0 && <p class="empty">{t("plansReview:noFiles")}</p>}
            <ul>
              {report.files.map((f) => (
                <li>
                  {`${f.title} (${f.fileType.toUpperCase()}, ${bytes(f.bytes)})`}{" "}
                  <form method="post" action={`${action}/archivos/${f.id}/eliminar`} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link-button" aria-label={t("plansReview:removeFileLabel", { title: f.title })}>{t("plansReview:remove")}</button>
                  </form>
                </li>
              ))}
            </ul>
            <h3>{t("plansReview:addFile")}</h3>
            <Form ctx={ctx} action={`${action}/archivos`} errors={file.errors} multipart>
              <TextField ctx={ctx} name="fileTitle" label={t("plansReview:fileTitle")} value={file.values.fileTitle} error={file.errors?.fileTitle} required />
              <TextField ctx={ctx} name="file" type="file" label={t("plansReview:file")} hint={t("plansReview:fileHint")} error={file.errors?.file} required />
              <Button kind="secondary">{t("plansReview:uploadButton")}</Button>
            </Form>
          </section>
          {!report.publishedAt && (
            <section aria-labelledby="publicar">
              <h2 id="publicar">{t("plansReview:publishTitle")}</h2>
              <p>{t("plansReview:publishIntro")}</p>
              <Form ctx={ctx} action={`${action}/publicar`}>
                <Button>{t("plansReview:publishButton")}</Button>
              </Form>
            </section>
          )}
        </>
      )}
    </Layout>
  );
}
