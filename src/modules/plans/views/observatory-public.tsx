/**
 * Public pages of observatories: the list, an observatory (description, website, the members'
 * names that were marked public, what it follows, its published reports) and a published report.
 */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Pagination, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { CommitmentRef, ObservatoryRow, ObservatorySummary, PublicObservatoryMember } from "../observatory-queries.js";
import type { ReportDetail, ReportSummary } from "../observatory-report-queries.js";
import { observatoriesUrl, observatoryUrl, panelUrl, publicCommitmentUrl, reportFileUrl } from "../review-urls.js";
import { ReportCards, ReportTargetText, verdictLabel } from "./observatory-parts.js";
import { bytes, instantDate, Paragraphs } from "./review-parts.js";

function crumbs(ctx: PageContext, more: { href?: string; label: string }[]) {
  const m = ctx.municipality!;
  return <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: observatoriesUrl(m.slug), label: ctx.t("plansReview:observatories") }, ...more]} />;
}

export function ObservatoriesPage({ ctx, observatories, info }: { ctx: PageContext; observatories: ObservatorySummary[]; info: PageInfo }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("plansReview:observatories")}>
      {crumbs(ctx, [])}
      <h1>{t("plansReview:observatories")}</h1>
      <p class="lead">{t("plansReview:observatoriesIntro")}</p>
      {observatories.length === 0 ? (
        <p class="empty">{t("plansReview:noObservatories")}</p>
      ) : (
        <ul class="cards">
          {observatories.map((o) => (
            <li class="card">
              <h2>
                <a href={observatoryUrl(m, o.slug)}>{o.name}</a>
              </h2>
              {o.description && <p>{o.description}</p>}
              <dl class="facts">
                <dt>{t("plansReview:membersCount")}</dt>
                <dd>{o.members}</dd>
                <dt>{t("plansReview:publishedReports")}</dt>
                <dd>{o.publishedReports}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

export interface ObservatoryPageProps {
  ctx: PageContext;
  timeZone: string;
  observatory: ObservatoryRow;
  members: { named: PublicObservatoryMember[]; total: number };
  commitments: CommitmentRef[];
  services: { id: number; name: string }[];
  reports: ReportSummary[];
  reportsInfo: PageInfo;
  isMember: boolean;
}

export function ObservatoryPage({ ctx, timeZone, observatory, members, commitments, services, reports, reportsInfo, isMember }: ObservatoryPageProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={observatory.name}>
      {crumbs(ctx, [{ label: observatory.name }])}
      <h1>{observatory.name}</h1>
      {observatory.description && <Paragraphs text={observatory.description} />}
      {observatory.website && (
        <p>
          <a href={observatory.website} rel="noopener noreferrer nofollow">{t("plansReview:website")}</a>
        </p>
      )}
      {isMember && (
        <p>
          <a href={panelUrl(m, observatory.slug)}>{t("plansReview:panelLink")}</a>
        </p>
      )}
      <section aria-labelledby="integrantes">
        <h2 id="integrantes">{t("plansReview:members")}</h2>
        <p>{t("plansReview:membersTotal", { count: members.total })}</p>
        {members.named.length > 0 && (
          <ul>
            {members.named.map((x) => (
              <li>{`${x.publicName} (${t(`plansReview:role.${x.role}`)})`}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="seguimiento">
        <h2 id="seguimiento">{t("plansReview:follows")}</h2>
        {commitments.length === 0 && services.length === 0 && <p class="empty">{t("plansReview:followsNothing")}</p>}
        {commitments.length > 0 && (
          <>
            <h3>{t("plansReview:followedCommitments")}</h3>
            <ul>
              {commitments.map((c) => (
                <li>
                  <a href={publicCommitmentUrl(m, c.planSlug, c.number)}>{`${c.number}. ${c.title}`}</a> ({c.planTitle})
                </li>
              ))}
            </ul>
          </>
        )}
        {services.length > 0 && (
          <>
            <h3>{t("plansReview:followedServices")}</h3>
            <ul>
              {services.map((s) => (
                <li>{s.name}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="informes">
        <h2 id="informes">{t("plansReview:reports")}</h2>
        {reports.length === 0 ? <p class="empty">{t("plansReview:noReports")}</p> : <ReportCards ctx={ctx} timeZone={timeZone} reports={reports} headingLevel={3} showObservatory={false} showTarget={true} />}
        <Pagination ctx={ctx} info={reportsInfo} label={t("plansReview:reports")} />
      </section>
    </Layout>
  );
}

export function ReportPage({ ctx, timeZone, observatory, report }: { ctx: PageContext; timeZone: string; observatory: ObservatoryRow; report: ReportDetail }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const edited = report.publishedAt !== null && report.updatedAt.getTime() - report.publishedAt.getTime() > 60_000;
  return (
    <Layout ctx={ctx} title={report.title}>
      {crumbs(ctx, [{ href: observatoryUrl(m, observatory.slug), label: observatory.name }, { label: report.title }])}
      <h1>{report.title}</h1>
      <dl class="facts">
        <dt>{t("plansReview:observatory")}</dt>
        <dd><a href={observatoryUrl(m, observatory.slug)}>{observatory.name}</a></dd>
        <dt>{t("plansReview:kindLabel")}</dt>
        <dd>{t(`plansReview:reportKind.${report.kind}`)}</dd>
        <dt>{t("plansReview:about")}</dt>
        <dd><ReportTargetText ctx={ctx} target={report.target} /></dd>
        <dt>{t("plansReview:verdictLabel")}</dt>
        <dd>{verdictLabel(ctx, report.verdict)}</dd>
        <dt>{t("plansReview:publishedOn")}</dt>
        <dd>
          {report.publishedAt ? instantDate(ctx, report.publishedAt, timeZone) : t("plansReview:draft")}
          {edited && ` · ${t("plansReview:updatedOn", { date: instantDate(ctx, report.updatedAt, timeZone) })}`}
        </dd>
      </dl>
      <Paragraphs text={report.body} />
      {report.dataUrl && (
        <p>
          <a href={report.dataUrl} rel="noopener noreferrer nofollow">{t("plansReview:dataLink")}</a>
        </p>
      )}
      {report.files.length > 0 && (
        <section aria-labelledby="archivos">
          <h2 id="archivos">{t("plansReview:files")}</h2>
          <ul>
            {report.files.map((f) => (
              <li>
                <a href={reportFileUrl(m, observatory.slug, report.id, f.id)}>{f.title}</a> ({f.fileType.toUpperCase()}, {bytes(f.bytes)})
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
