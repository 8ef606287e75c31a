/** Public pages: the list of processes and a process's page (where it stands, team, documents, rules, sections). */
import type { VNode } from "preact";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Pagination, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { LocalDate } from "../../../platform/calendar/dates.js";
import { currentPhase, nextPhase, type PhaseView, type ProcessView } from "../processes.js";
import { PARTICIPATION_ACTIONS, SECTORS, type Component, type ParticipationAction, type ParticipationLevel, type ProcessStatus } from "../tables.js";
import type { DocumentView, MemberView } from "../team.js";

export function formatDate(ctx: PageContext, date: LocalDate): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(ctx.locale === "en" ? "en-US" : "es-MX", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function componentList(ctx: PageContext, components: Component[]): string {
  return components.map((c) => ctx.t(`participation:component_${c}`)).join(", ");
}

export function ruleText(ctx: PageContext, action: ParticipationAction, level: ParticipationLevel): string {
  return ctx.t(`participation:rule_${level}`, { verb: ctx.t(`participation:action_${action}`) });
}

function StatusBadge({ ctx, status }: { ctx: PageContext; status: ProcessStatus }) {
  return <strong>{ctx.t(`participation:status_${status}`)}</strong>;
}

export interface ProcessListItem {
  slug: string;
  title: string;
  summary: string;
  status: ProcessStatus;
  current: PhaseView | null;
}

export function ProcessListPage({ ctx, items, info }: { ctx: PageContext; items: ProcessListItem[]; info: PageInfo }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("participation:listTitle")}>
      <h1>{t("participation:listTitle")}</h1>
      <p class="lead">{t("participation:listIntro")}</p>
      {items.length === 0 ? (
        <p class="empty">{t("participation:listEmpty")}</p>
      ) : (
        <ul class="cards">
          {items.map((p) => (
            <li class="card">
              <h2>
                <a href={`/${slug}/participa/${p.slug}`}>{p.title}</a>
              </h2>
              <p>
                <StatusBadge ctx={ctx} status={p.status} />
                {" · "}
                {p.status === "closed" ? t("participation:openNowClosed") : p.current ? t("participation:currentPhase", { title: p.current.title, date: formatDate(ctx, p.current.endsOn) }) : t("participation:noCurrentPhase")}
              </p>
              {p.summary && <p>{p.summary}</p>}
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

export interface ProcessPageProps {
  ctx: PageContext;
  process: ProcessView;
  today: LocalDate;
  members: MemberView[];
  documents: DocumentView[];
  rules: Record<ParticipationAction, ParticipationLevel>;
  responses: { total: number; answered: number };
  sections: VNode[];
  canManage: boolean;
}

function PhaseTimeline({ ctx, process, today }: { ctx: PageContext; process: ProcessView; today: LocalDate }) {
  const t = ctx.t;
  const current = currentPhase(process, today);
  return (
    <ol class="timeline">
      {process.phases.map((p) => {
        const isCurrent = current?.id === p.id;
        const state = isCurrent ? t("participation:phaseCurrent") : p.endsOn < today ? t("participation:phaseDone") : t("participation:phaseUpcoming");
        return (
          <li aria-current={isCurrent ? "step" : undefined}>
            {isCurrent ? (
              <strong>
                {p.position}. {p.title} — {state}
              </strong>
            ) : (
              <span>
                {p.position}. {p.title} — {state}
              </span>
            )}
            <p>
              <time dateTime={p.startsOn}>{formatDate(ctx, p.startsOn)}</time> – <time dateTime={p.endsOn}>{formatDate(ctx, p.endsOn)}</time>
            </p>
            {p.description && <p class="description">{p.description}</p>}
            {p.components.length > 0 && <p class="hint">{t("participation:opens", { list: componentList(ctx, p.components) })}</p>}
          </li>
        );
      })}
    </ol>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ProcessPage({ ctx, process, today, members, documents, rules, responses, sections, canManage }: ProcessPageProps) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const current = currentPhase(process, today);
  const next = nextPhase(process, today);
  const base = `/${slug}/participa/${process.slug}`;
  return (
    <Layout ctx={ctx} title={process.title}>
      <Breadcrumbs items={[{ href: `/${slug}/participa`, label: t("participation:listTitle") }, { label: process.title }]} />
      <h1>{process.title}</h1>
      {process.status === "draft" && <p class="flash flash-warning">{t("participation:draftNotice")}</p>}
      {canManage && (
        <p>
          <a href={`/${slug}/admin/participa/${process.slug}`}>{t("participation:manageLink")}</a>
        </p>
      )}
      {process.summary && <p class="lead">{process.summary}</p>}

      <section aria-labelledby="estado">
        <h2 id="estado">{t("participation:whereItStands")}</h2>
        <p>
          <StatusBadge ctx={ctx} status={process.status} />
          {" · "}
          {current ? t("participation:currentPhase", { title: current.title, date: formatDate(ctx, current.endsOn) }) : t("participation:noCurrentPhase")}
          {next && process.status !== "closed" ? ` · ${t("participation:nextPhase", { title: next.title, date: formatDate(ctx, next.startsOn) })}` : ""}
        </p>
        <h3>{t("participation:openNow")}</h3>
        {process.status === "closed" ? (
          <p>{t("participation:openNowClosed")}</p>
        ) : process.status === "published" && current && current.components.length > 0 ? (
          <ul>
            {current.components.map((c) => (
              <li>{t(`participation:component_${c}`)}</li>
            ))}
          </ul>
        ) : (
          <p>{t("participation:openNowNone")}</p>
        )}
        <PhaseTimeline ctx={ctx} process={process} today={today} />
      </section>

      {sections}

      <section aria-labelledby="respuestas">
        <h2 id="respuestas">{t("participation:responses")}</h2>
        <p>{responses.total > 0 ? t("participation:responsesText", { answered: responses.answered, total: responses.total }) : t("participation:responsesNone")}</p>
        <p class="hint">{t("participation:responsesWhy")}</p>
      </section>

      {process.description && (
        <section aria-labelledby="descripcion">
          <h2 id="descripcion">{t("participation:description")}</h2>
          <p class="description">{process.description}</p>
        </section>
      )}

      <section aria-labelledby="reglas">
        <h2 id="reglas">{t("participation:rules")}</h2>
        <p>{t("participation:rulesIntro")}</p>
        <ul>
          {PARTICIPATION_ACTIONS.map((a) => (
            <li>{ruleText(ctx, a, rules[a])}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="equipo">
        <h2 id="equipo">{t("participation:team")}</h2>
        <p>{t("participation:teamIntro")}</p>
        {members.length === 0 && <p class="empty">{t("participation:teamEmpty")}</p>}
        {SECTORS.filter((s) => members.some((m) => m.sector === s)).map((s) => (
          <>
            <h3>{t(`participation:sector_${s}`)}</h3>
            <ul>
              {members
                .filter((m) => m.sector === s)
                .map((m) => (
                  <li>
                    <strong>{m.name}</strong>
                    {m.role ? `, ${m.role}` : ""}
                    {m.organisation ? ` — ${m.organisation}` : ""}
                  </li>
                ))}
            </ul>
          </>
        ))}
      </section>

      <section aria-labelledby="documentos">
        <h2 id="documentos">{t("participation:documents")}</h2>
        {documents.length === 0 ? (
          <p class="empty">{t("participation:documentsEmpty")}</p>
        ) : (
          <ul>
            {documents.map((d) => (
              <li>
                <a href={`${base}/documentos/${d.id}`} download={d.fileName}>
                  {d.title}
                </a>{" "}
                ({t("participation:documentMeta", { type: d.fileType.toUpperCase(), size: formatBytes(d.fileBytes) })})
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
