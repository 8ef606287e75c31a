/** Pieces of the results page and the printable report: groups, consensus, statements by group. */
import type { PageContext } from "../../../platform/views/context.js";
import { Table } from "../../../platform/views/components.js";
import type { AnalysisResult, GroupResult, StatementStats } from "../analysis/index.js";
import { groupCentroids, groupLetter } from "./map.js";

export type StatementTexts = Map<number, { body: string; status: string }>;

export function statementText(ctx: PageContext, texts: StatementTexts, n: number): string {
  const s = texts.get(n);
  if (!s || s.status === "rejected") return ctx.t("opinion:results.withdrawn", { number: n });
  return s.body;
}

const pct = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((100 * part) / whole)} %`);

function position(ctx: PageContext, x: number, y: number): string {
  const h = Math.abs(x) < 0.15 ? ctx.t("opinion:map.centre") : x < 0 ? ctx.t("opinion:map.left") : ctx.t("opinion:map.right");
  const v = Math.abs(y) < 0.15 ? "" : y < 0 ? ctx.t("opinion:map.below") : ctx.t("opinion:map.above");
  return v ? `${h}, ${v}` : h;
}

/** The map's table alternative: each group, its size, share and place on the map. */
export function GroupsTable({ ctx, result }: { ctx: PageContext; result: AnalysisResult }) {
  const t = ctx.t;
  const centroids = groupCentroids(result);
  const scale = Math.max(1e-9, ...result.participants.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y))));
  const rows = result.groups.map((g, i) => ({ g, i, c: centroids.get(g.id) }));
  return (
    <Table
      caption={t("opinion:results.groupsCaption")}
      empty={t("opinion:results.noGroups")}
      rows={rows}
      columns={[
        { header: t("opinion:results.group"), cell: (r) => t("opinion:results.groupName", { letter: groupLetter(r.i) }) },
        { header: t("opinion:results.size"), cell: (r) => r.g.size, numeric: true },
        { header: t("opinion:results.share"), cell: (r) => pct(r.g.size, result.counts.clustered), numeric: true },
        { header: t("opinion:results.where"), cell: (r) => (r.c ? position(ctx, r.c.x / scale, r.c.y / scale) : "—") },
      ]}
    />
  );
}

function Representative({ ctx, group, index, texts, limit }: { ctx: PageContext; group: GroupResult; index: number; texts: StatementTexts; limit: number }) {
  const t = ctx.t;
  return (
    <section aria-labelledby={`grupo-${index}`}>
      <h3 id={`grupo-${index}`}>{t("opinion:results.groupHeading", { letter: groupLetter(index), count: group.size })}</h3>
      {group.representative.length === 0 ? (
        <p class="empty">{t("opinion:results.noRepresentative")}</p>
      ) : (
        <ol>
          {group.representative.slice(0, limit).map((r) => (
            <li>
              <strong>{statementText(ctx, texts, r.statement)}</strong>
              <br />
              <span class="hint">
                {t(r.direction === "agree" ? "opinion:results.repAgree" : "opinion:results.repDisagree", {
                  share: pct(r.direction === "agree" ? r.agrees : r.disagrees, r.seen), seen: r.seen, number: r.statement,
                })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function GroupsSection({ ctx, result, texts, limit = 5 }: { ctx: PageContext; result: AnalysisResult; texts: StatementTexts; limit?: number }) {
  return (
    <>
      {result.groups.map((g, i) => (
        <Representative ctx={ctx} group={g} index={i} texts={texts} limit={limit} />
      ))}
    </>
  );
}

export function ConsensusSection({ ctx, result, texts, limit = 5 }: { ctx: PageContext; result: AnalysisResult; texts: StatementTexts; limit?: number }) {
  const t = ctx.t;
  const stats = new Map(result.statements.map((s) => [s.statement, s]));
  const item = (n: number, dir: "agree" | "disagree") => {
    const s = stats.get(n);
    return (
      <li>
        <strong>{statementText(ctx, texts, n)}</strong>
        {s && (
          <>
            <br />
            <span class="hint">{t(dir === "agree" ? "opinion:results.consensusAgreeShare" : "opinion:results.consensusDisagreeShare", { share: pct(dir === "agree" ? s.agrees : s.disagrees, s.agrees + s.disagrees + s.passes) })}</span>
          </>
        )}
      </li>
    );
  };
  return (
    <>
      <h3>{t("opinion:results.consensusAgree")}</h3>
      {result.consensus.agree.length ? <ol>{result.consensus.agree.slice(0, limit).map((n) => item(n, "agree"))}</ol> : <p class="empty">{t("opinion:results.noConsensus")}</p>}
      <h3>{t("opinion:results.consensusDisagree")}</h3>
      {result.consensus.disagree.length ? <ol>{result.consensus.disagree.slice(0, limit).map((n) => item(n, "disagree"))}</ol> : <p class="empty">{t("opinion:results.noConsensus")}</p>}
    </>
  );
}

/** Each statement's agree / disagree / pass, overall and by group. */
export function StatementsTable({ ctx, result, rows, texts }: { ctx: PageContext; result: AnalysisResult; rows: StatementStats[]; texts: StatementTexts }) {
  const t = ctx.t;
  const triple = (a: number, d: number, p: number) => {
    const seen = a + d + p;
    return t("opinion:results.triple", { agree: pct(a, seen), disagree: pct(d, seen), pass: pct(p, seen), seen });
  };
  return (
    <Table
      caption={t("opinion:results.statementsCaption")}
      empty={t("opinion:results.noStatements")}
      rows={rows}
      columns={[
        { header: t("opinion:results.statement"), cell: (s) => <>{`${s.statement}. `}{statementText(ctx, texts, s.statement)}</> },
        { header: t("opinion:results.everyone"), cell: (s) => triple(s.agrees, s.disagrees, s.passes) },
        ...result.groups.map((g, i) => ({
          header: t("opinion:results.groupName", { letter: groupLetter(i) }),
          cell: (s: StatementStats) => {
            const b = s.byGroup.find((x) => x.group === g.id);
            return b ? triple(b.agrees, b.disagrees, b.passes) : "—";
          },
        })),
      ]}
    />
  );
}
