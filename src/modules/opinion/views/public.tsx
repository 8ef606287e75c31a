/** Public pages: the list of conversations, the voting page (one statement at a time) and the results. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, TextArea, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { AnalysisResult, StatementStats } from "../analysis/index.js";
import type { ConversationView } from "../conversations.js";
import type { NextStatement } from "../voting.js";
import { MapLegend, OpinionMap } from "./map.js";
import { ConsensusSection, GroupsSection, GroupsTable, StatementsTable, type StatementTexts } from "./results-parts.js";

export const conversationBase = (slug: string, id: number) => `/${slug}/opinion/${id}`;

function Crumbs({ ctx, conversation, here }: { ctx: PageContext; conversation?: ConversationView; here: string }) {
  const m = ctx.municipality!;
  const items: { href?: string; label: string }[] = [{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/opinion`, label: ctx.t("opinion:list.crumb") }];
  if (conversation) items.push({ href: conversationBase(m.slug, conversation.id), label: conversation.topic });
  items.push({ label: here });
  return <Breadcrumbs items={items} />;
}

export function ConversationListPage({ ctx, rows, info }: { ctx: PageContext; rows: (ConversationView & { voters: number; statements: number })[]; info: PageInfo }) {
  const t = ctx.t;
  const m = ctx.municipality!;
  return (
    <Layout ctx={ctx} title={t("opinion:list.title")}>
      <Crumbs ctx={ctx} here={t("opinion:list.crumb")} />
      <h1>{t("opinion:list.title")}</h1>
      <p class="lead">{t("opinion:list.lead")}</p>
      {rows.length === 0 ? (
        <p class="empty">{t("opinion:list.empty")}</p>
      ) : (
        <ul class="cards">
          {rows.map((c) => (
            <li class="card">
              <h2>
                <a href={conversationBase(m.slug, c.id)}>{c.topic}</a>
              </h2>
              <p class="folio">
                {t(`opinion:status.${c.status}`)} · {t("opinion:list.counts", { voters: c.voters, statements: c.statements })}
                {c.processTitle && <> · {c.processTitle}</>}
              </p>
              <p>
                <a href={`${conversationBase(m.slug, c.id)}/resultados`}>{t("opinion:vote.seeResults")}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

export interface VotePageProps {
  ctx: PageContext;
  conversation: ConversationView;
  next: NextStatement;
  canWrite: boolean;
  mustSignIn: string | null;
  values?: { body: string };
  errors?: FieldErrors;
}

export function VotePage({ ctx, conversation: c, next, canWrite, mustSignIn, values, errors }: VotePageProps) {
  const t = ctx.t;
  const base = conversationBase(ctx.municipality!.slug, c.id);
  return (
    <Layout ctx={ctx} title={c.topic}>
      <Crumbs ctx={ctx} here={t("opinion:vote.crumb")} />
      <h1>{c.topic}</h1>
      {c.description && <p class="lead">{c.description}</p>}
      {c.processSlug && (
        <p>
          {t("opinion:vote.partOf")} <a href={`/${ctx.municipality!.slug}/participa/${c.processSlug}`}>{c.processTitle}</a>
        </p>
      )}
      {c.status === "closed" ? (
        <p class="flash flash-info" role="status">{t("opinion:vote.closed")}</p>
      ) : mustSignIn ? (
        <p>
          {t("opinion:vote.accountOnly")} <a href={mustSignIn}>{t("opinion:vote.signIn")}</a>
        </p>
      ) : (
        <>
          <h2 id="progreso">{t("opinion:vote.progress", { voted: next.voted, total: next.total })}</h2>
          <progress max={Math.max(1, next.total)} value={next.voted} aria-labelledby="progreso" />
          {next.statement ? (
            <section aria-labelledby="afirmacion" class="card">
              <p class="hint">{t("opinion:vote.statementNumber", { number: next.statement.number })}</p>
              <p id="afirmacion" class="lead">
                <strong>{next.statement.body}</strong>
              </p>
              <form method="post" action={`${base}/votos`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <input type="hidden" name="statement" value={String(next.statement.number)} />
                <button type="submit" name="vote" value="agree" class="button button-primary">{t("opinion:vote.agree")}</button>{" "}
                <button type="submit" name="vote" value="disagree" class="button button-primary">{t("opinion:vote.disagree")}</button>{" "}
                <button type="submit" name="vote" value="pass" class="button button-secondary">{t("opinion:vote.pass")}</button>
              </form>
            </section>
          ) : (
            <p class="flash flash-success" role="status">{next.total === 0 ? t("opinion:vote.noStatements") : t("opinion:vote.allDone")}</p>
          )}
          {canWrite && (
            <>
              <h2>{t("opinion:vote.writeTitle")}</h2>
              <Form ctx={ctx} action={`${base}/afirmaciones`} errors={errors}>
                <TextArea ctx={ctx} name="body" label={t("opinion:vote.writeLabel")} hint={t(c.moderation === "pre" ? "opinion:vote.writeHintPre" : "opinion:vote.writeHintPost")} value={values?.body} error={errors?.body} rows={3} required />
                <Button>{t("opinion:vote.writeSubmit")}</Button>
              </Form>
            </>
          )}
        </>
      )}
      <p>
        <a href={`${base}/resultados`}>{t("opinion:vote.seeResults")}</a>
      </p>
    </Layout>
  );
}

export interface ResultsProps {
  ctx: PageContext;
  conversation: ConversationView;
  result: AnalysisResult | null;
  computedAt: Date | null;
  texts: StatementTexts;
  statementRows: StatementStats[];
  info: PageInfo;
  timeZone: string;
}

export function formatDateTime(ctx: PageContext, date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(ctx.locale === "en" ? "en-US" : "es-MX", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

export function ResultsPage({ ctx, conversation: c, result, computedAt, texts, statementRows, info, timeZone }: ResultsProps) {
  const t = ctx.t;
  const base = conversationBase(ctx.municipality!.slug, c.id);
  return (
    <Layout ctx={ctx} title={t("opinion:results.title", { topic: c.topic })}>
      <Crumbs ctx={ctx} conversation={c} here={t("opinion:results.crumb")} />
      <h1>{t("opinion:results.title", { topic: c.topic })}</h1>
      {/* The live region: a script-free page reloads by hand; the SSE stream at /eventos tells scripts when to. */}
      <p role="status" id="estado-analisis" data-eventos={c.status === "open" ? `${base}/eventos` : undefined} data-nuevo={t("opinion:results.liveNew")} data-recargar={t("opinion:results.liveReload")}>
        {result && computedAt ? t("opinion:results.computedAt", { when: formatDateTime(ctx, computedAt, timeZone), participants: result.counts.participants, votes: result.counts.votes }) : t("opinion:results.pending")}
      </p>
      <p>
        {c.status === "open" && <><a href={base}>{t("opinion:results.goVote")}</a> · </>}
        <a href={`${base}/informe`}>{t("opinion:results.report")}</a>
      </p>
      {result && (
        <>
          <h2>{t("opinion:results.mapTitle")}</h2>
          <p>{t("opinion:results.mapLead")}</p>
          <figure>
            <OpinionMap ctx={ctx} result={result} />
            <figcaption>
              <MapLegend ctx={ctx} result={result} />
            </figcaption>
          </figure>
          <GroupsTable ctx={ctx} result={result} />
          <h2>{t("opinion:results.groupsTitle")}</h2>
          <p>{t("opinion:results.groupsLead")}</p>
          <GroupsSection ctx={ctx} result={result} texts={texts} />
          <h2>{t("opinion:results.consensusTitle")}</h2>
          <p>{t("opinion:results.consensusLead")}</p>
          <ConsensusSection ctx={ctx} result={result} texts={texts} />
          <h2>{t("opinion:results.statementsTitle")}</h2>
          <StatementsTable ctx={ctx} result={result} rows={statementRows} texts={texts} />
          <Pagination ctx={ctx} info={info} />
        </>
      )}
      {c.status === "open" && <script src={`/${ctx.municipality!.slug}/opinion/en-vivo.js`} defer />}
      <h2>{t("opinion:results.dataTitle")}</h2>
      <ul>
        <li><a href={`${base}/comments.csv`}>comments.csv</a> — {t("opinion:results.dataComments")}</li>
        <li><a href={`${base}/votes.csv`}>votes.csv</a> — {t("opinion:results.dataVotes")}</li>
        <li><a href={`${base}/participants-votes.csv`}>participants-votes.csv</a> — {t("opinion:results.dataParticipants")}</li>
      </ul>
      <p class="hint">{t("opinion:results.dataLicence")}</p>
    </Layout>
  );
}
