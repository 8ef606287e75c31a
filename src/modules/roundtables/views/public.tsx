/** Public pages of roundtables: the process section, a roundtable, a session, the agreements. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { AgreementEventView, AgreementView, PublicMember, SessionDetail, SessionSummary } from "../presenters.js";
import type { RoundtableDetail, RoundtableSummary } from "../queries.js";
import { processUrl, publicBase } from "../urls.js";
import { AgreementStatusText, AgreementTimeline, bySector, bytes, dateTime, instantDate, longDate, sectorLabel, SessionWhen, SessionWhere } from "./parts.js";

export interface ProcessInfo {
  slug: string;
  title: string;
}

interface Base {
  ctx: PageContext;
  process: ProcessInfo;
  timeZone: string;
}

function crumbs(ctx: PageContext, process: ProcessInfo, more: { href?: string; label: string }[]) {
  const m = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${m}/participa`, label: ctx.t("roundtables:processes") }, { href: processUrl(m, process.slug), label: process.title }, ...more]} />;
}

export function RoundtableCards({ ctx, process, timeZone, roundtables, headingLevel }: Base & { roundtables: RoundtableSummary[]; headingLevel: 2 | 3 }) {
  const t = ctx.t;
  const base = publicBase(ctx.municipality!.slug, process.slug);
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul class="cards">
      {roundtables.map((r) => (
        <li class="card">
          <H>
            <a href={`${base}/${r.id}`}>{r.name}</a>
          </H>
          {r.topic && <p>{r.topic}</p>}
          <dl class="facts">
            {r.coordinator && (
              <>
                <dt>{t("roundtables:coordinator")}</dt>
                <dd>{r.coordinator}</dd>
              </>
            )}
            <dt>{t("roundtables:membersCount")}</dt>
            <dd>{r.members}</dd>
            <dt>{t("roundtables:nextSession")}</dt>
            <dd>{r.nextSession ? dateTime(ctx, r.nextSession, timeZone) : t("roundtables:noNextSession")}</dd>
            <dt>{t("roundtables:agreementsCount")}</dt>
            <dd>{t("roundtables:agreementsOpen", { total: r.agreements, open: r.openAgreements })}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** The section on the process page (registered with the participation core). */
export function RoundtablesSection({ ctx, process, timeZone, roundtables, total }: Base & { roundtables: RoundtableSummary[]; total: number }) {
  const t = ctx.t;
  const base = publicBase(ctx.municipality!.slug, process.slug);
  return (
    <section aria-labelledby="mesas-de-trabajo">
      <h2 id="mesas-de-trabajo">{t("roundtables:title")}</h2>
      <p>{t("roundtables:intro")}</p>
      <RoundtableCards ctx={ctx} process={process} timeZone={timeZone} roundtables={roundtables} headingLevel={3} />
      <ul>
        {total > roundtables.length && (
          <li>
            <a href={base}>{t("roundtables:allRoundtables", { count: total })}</a>
          </li>
        )}
        <li>
          <a href={`${base}/acuerdos`}>{t("roundtables:agreementsLink")}</a>
        </li>
        <li>
          <a href={`${base}/sesiones.ics`}>{t("roundtables:icalLink")}</a>
        </li>
      </ul>
    </section>
  );
}

export function RoundtableListPage({ ctx, process, timeZone, roundtables, info }: Base & { roundtables: RoundtableSummary[]; info: PageInfo }) {
  const t = ctx.t;
  const base = publicBase(ctx.municipality!.slug, process.slug);
  return (
    <Layout ctx={ctx} title={`${t("roundtables:title")} · ${process.title}`}>
      {crumbs(ctx, process, [{ label: t("roundtables:title") }])}
      <h1>{t("roundtables:title")}</h1>
      <p>{t("roundtables:intro")}</p>
      <p>
        <a href={`${base}/acuerdos`}>{t("roundtables:agreementsLink")}</a> · <a href={`${base}/sesiones.ics`}>{t("roundtables:icalLink")}</a>
      </p>
      {roundtables.length === 0 ? <p class="empty">{t("roundtables:none")}</p> : <RoundtableCards ctx={ctx} process={process} timeZone={timeZone} roundtables={roundtables} headingLevel={2} />}
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

export function MembersBySector({ ctx, members }: { ctx: PageContext; members: PublicMember[] }) {
  const t = ctx.t;
  const active = members.filter((m) => m.active);
  const former = members.filter((m) => !m.active);
  if (members.length === 0) return <p class="empty">{t("roundtables:noMembers")}</p>;
  const describe = (m: PublicMember) => (
    <li>
      <strong>{m.organisation}</strong>
      {m.coordinator && ` (${t("roundtables:coordinatorShort")})`}
      {(m.representativeRole || m.representativeName) && " — "}
      {[m.representativeName, m.representativeRole].filter(Boolean).join(", ")}
    </li>
  );
  return (
    <>
      {bySector(active).map((g) => (
        <>
          <h3>{sectorLabel(ctx, g.sector)}</h3>
          <ul>{g.members.map(describe)}</ul>
        </>
      ))}
      {former.length > 0 && (
        <>
          <h3>{t("roundtables:formerMembers")}</h3>
          <ul>{former.map(describe)}</ul>
        </>
      )}
    </>
  );
}

function SessionList({ ctx, base, sessions, timeZone }: { ctx: PageContext; base: string; sessions: SessionSummary[]; timeZone: string }) {
  const t = ctx.t;
  return (
    <ul class="timeline">
      {sessions.map((s) => (
        <li>
          <a href={`${base}/sesiones/${s.id}`}>
            <SessionWhen ctx={ctx} session={s} timeZone={timeZone} />
          </a>
          {s.cancelled && (
            <>
              {" · "}
              <strong class="flag-overdue">{t("roundtables:cancelled")}</strong>
            </>
          )}
          <p>
            {s.title && <>{s.title} · </>}
            <SessionWhere ctx={ctx} session={s} />
            {s.minutesPublished && <> · {t("roundtables:minutesAvailable")}</>}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function AgreementsTable({ ctx, base, agreements, caption, showRoundtable }: { ctx: PageContext; base: string; agreements: AgreementView[]; caption: string; showRoundtable: boolean }) {
  const t = ctx.t;
  return (
    <Table<AgreementView>
      caption={caption}
      empty={t("roundtables:noAgreements")}
      rows={agreements}
      columns={[
        ...(showRoundtable ? [{ header: t("roundtables:roundtable"), cell: (a: AgreementView) => <a href={`${base}/${a.roundtableId}`}>{a.roundtableName}</a> }] : []),
        { header: t("roundtables:number"), cell: (a) => <a href={`${base}/${a.roundtableId}/acuerdos/${a.id}`}>{t("roundtables:agreementNumber", { number: a.number })}</a> },
        { header: t("roundtables:agreement"), cell: (a) => <span class="description">{a.text}</span> },
        { header: t("roundtables:responsible"), cell: (a) => a.responsible?.organisation ?? "—" },
        { header: t("roundtables:dueOn"), cell: (a) => (a.dueOn ? longDate(ctx, a.dueOn) : "—") },
        { header: t("roundtables:statusHeader"), cell: (a) => <AgreementStatusText ctx={ctx} agreement={a} /> },
      ]}
    />
  );
}

export interface RoundtablePageProps extends Base {
  roundtable: RoundtableDetail;
  members: PublicMember[];
  upcoming: SessionSummary[];
  past: SessionSummary[];
  pastInfo: PageInfo;
  agreements: AgreementView[];
  agreementsInfo: PageInfo;
}

export function RoundtablePage({ ctx, process, timeZone, roundtable, members, upcoming, past, pastInfo, agreements, agreementsInfo }: RoundtablePageProps) {
  const t = ctx.t;
  const base = publicBase(ctx.municipality!.slug, process.slug);
  const here = `${base}/${roundtable.ref.id}`;
  return (
    <Layout ctx={ctx} title={roundtable.name}>
      {crumbs(ctx, process, [{ href: base, label: t("roundtables:title") }, { label: roundtable.name }])}
      <h1>{roundtable.name}</h1>
      {roundtable.topic && <p class="lead">{roundtable.topic}</p>}
      {roundtable.description && <p class="description">{roundtable.description}</p>}
      <section aria-labelledby="integrantes">
        <h2 id="integrantes">{t("roundtables:members")}</h2>
        <MembersBySector ctx={ctx} members={members} />
      </section>
      <section aria-labelledby="proximas">
        <h2 id="proximas">{t("roundtables:upcomingSessions")}</h2>
        {upcoming.length === 0 ? <p class="empty">{t("roundtables:noUpcoming")}</p> : <SessionList ctx={ctx} base={here} sessions={upcoming} timeZone={timeZone} />}
        <p>
          <a href={`${base}/sesiones.ics`}>{t("roundtables:icalLink")}</a>
        </p>
      </section>
      <section aria-labelledby="pasadas">
        <h2 id="pasadas">{t("roundtables:pastSessions")}</h2>
        {past.length === 0 ? <p class="empty">{t("roundtables:noPast")}</p> : <SessionList ctx={ctx} base={here} sessions={past} timeZone={timeZone} />}
        <Pagination ctx={ctx} info={pastInfo} param="sesiones" label={t("roundtables:pastSessions")} />
      </section>
      <section aria-labelledby="acuerdos">
        <h2 id="acuerdos">{t("roundtables:agreements")}</h2>
        <AgreementsTable ctx={ctx} base={base} agreements={agreements} caption={t("roundtables:agreementsOf", { name: roundtable.name })} showRoundtable={false} />
        <Pagination ctx={ctx} info={agreementsInfo} param="acuerdos" label={t("roundtables:agreements")} />
        <p>
          <a href={`${base}/acuerdos?mesa=${roundtable.ref.id}`}>{t("roundtables:filterAgreements")}</a>
        </p>
      </section>
    </Layout>
  );
}

export function SessionPage({ ctx, process, timeZone, roundtable, session, members }: Base & { roundtable: RoundtableDetail; session: SessionDetail; members: PublicMember[] }) {
  const t = ctx.t;
  const base = publicBase(ctx.municipality!.slug, process.slug);
  const here = `${base}/${roundtable.ref.id}/sesiones/${session.id}`;
  const title = session.title || t("roundtables:sessionOf", { date: instantDate(ctx, session.startsAt, timeZone) });
  const present = members.filter((m) => session.attendance.includes(m.id));
  const photos = session.files.filter((f) => f.hasThumbnail);
  const documents = session.files.filter((f) => !f.hasThumbnail);
  return (
    <Layout ctx={ctx} title={`${title} · ${roundtable.name}`}>
      {crumbs(ctx, process, [{ href: base, label: t("roundtables:title") }, { href: `${base}/${roundtable.ref.id}`, label: roundtable.name }, { label: title }])}
      <h1>{title}</h1>
      {session.cancelled && (
        <p>
          <strong class="flag-overdue">{t("roundtables:cancelledSession")}</strong>
        </p>
      )}
      <dl class="facts">
        <dt>{t("roundtables:roundtable")}</dt>
        <dd>
          <a href={`${base}/${roundtable.ref.id}`}>{roundtable.name}</a>
        </dd>
        <dt>{t("roundtables:when")}</dt>
        <dd>
          <SessionWhen ctx={ctx} session={session} timeZone={timeZone} />
        </dd>
        <dt>{t("roundtables:where")}</dt>
        <dd>
          <SessionWhere ctx={ctx} session={session} />
        </dd>
      </dl>
      <section aria-labelledby="orden">
        <h2 id="orden">{t("roundtables:agenda")}</h2>
        {session.agenda.length === 0 ? (
          <p class="empty">{t("roundtables:noAgenda")}</p>
        ) : (
          <ol>
            {session.agenda.map((a) => (
              <li>{a}</li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="asistencia">
        <h2 id="asistencia">{t("roundtables:attendance")}</h2>
        {present.length === 0 ? (
          <p class="empty">{t("roundtables:noAttendance")}</p>
        ) : (
          <>
            <p>{t("roundtables:attendanceCount", { present: present.length, total: members.filter((m) => m.active).length })}</p>
            <ul>
              {present.map((m) => (
                <li>
                  {m.organisation} ({sectorLabel(ctx, m.sector)})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="acta">
        <h2 id="acta">{t("roundtables:minutes")}</h2>
        {session.minutes !== null && session.minutesPublishedAt ? (
          <>
            <p class="hint">{t("roundtables:minutesPublishedOn", { date: instantDate(ctx, session.minutesPublishedAt, timeZone) })}</p>
            <div class="description">{session.minutes}</div>
          </>
        ) : (
          <p class="empty">{t("roundtables:minutesPending")}</p>
        )}
      </section>
      {photos.length > 0 && (
        <section aria-labelledby="fotos">
          <h2 id="fotos">{t("roundtables:photos")}</h2>
          <ul class="photos">
            {photos.map((f) => (
              <li>
                <a href={`${here}/archivos/${f.id}`}>
                  <img src={`${here}/archivos/${f.id}?miniatura=1`} alt={f.title} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {documents.length > 0 && (
        <section aria-labelledby="documentos">
          <h2 id="documentos">{t("roundtables:documents")}</h2>
          <ul>
            {documents.map((f) => (
              <li>
                <a href={`${here}/archivos/${f.id}`}>{f.title}</a> ({f.fileType.toUpperCase()}, {bytes(f.bytes)})
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

export function AgreementPage({ ctx, process, roundtable, agreement, events, timeZone, proposalUrl }: Base & { roundtable: RoundtableDetail; agreement: AgreementView; events: AgreementEventView[]; proposalUrl: string | null }) {
  const t = ctx.t;
  const base = publicBase(ctx.municipality!.slug, process.slug);
  const title = `${t("roundtables:agreementNumber", { number: agreement.number })} · ${roundtable.name}`;
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, process, [{ href: base, label: t("roundtables:title") }, { href: `${base}/${roundtable.ref.id}`, label: roundtable.name }, { label: t("roundtables:agreementNumber", { number: agreement.number }) }])}
      <h1>{title}</h1>
      <p class="description">{agreement.text}</p>
      <dl class="facts">
        <dt>{t("roundtables:statusHeader")}</dt>
        <dd>
          <AgreementStatusText ctx={ctx} agreement={agreement} />
        </dd>
        {agreement.statusReason && (
          <>
            <dt>{agreement.status === "descartado" ? t("roundtables:discardReason") : t("roundtables:statusNote")}</dt>
            <dd class="description">{agreement.statusReason}</dd>
          </>
        )}
        <dt>{t("roundtables:responsible")}</dt>
        <dd>{agreement.responsible ? `${agreement.responsible.organisation} (${sectorLabel(ctx, agreement.responsible.sector)})` : "—"}</dd>
        <dt>{t("roundtables:dueOn")}</dt>
        <dd>{agreement.dueOn ? longDate(ctx, agreement.dueOn) : t("roundtables:noDueDate")}</dd>
        {agreement.sessionId && (
          <>
            <dt>{t("roundtables:agreedIn")}</dt>
            <dd>
              <a href={`${base}/${roundtable.ref.id}/sesiones/${agreement.sessionId}`}>{t("roundtables:theSession")}</a>
            </dd>
          </>
        )}
        {proposalUrl && (
          <>
            <dt>{t("roundtables:becameProposal")}</dt>
            <dd>
              <a href={proposalUrl}>{t("roundtables:seeProposal")}</a>
            </dd>
          </>
        )}
      </dl>
      <h2>{t("roundtables:history")}</h2>
      <AgreementTimeline ctx={ctx} events={events} timeZone={timeZone} />
    </Layout>
  );
}
