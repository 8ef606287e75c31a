/**
 * Cabildo's analysis of a Polis export, and how far its groups agree with Polis' own
 * (`group-id` in participants-votes.csv), for `opinion analyze` and the Polis benchmark.
 */
import { adjustedRandIndex, analyse, type AnalysisResult } from "../analysis/index.js";
import { latestVotes, type PolisExport } from "./reader.js";
import { writeParticipantsVotes } from "./writer.js";

export interface PolisComparison {
  result: AnalysisResult;
  /** Milliseconds of the full recompute (analyse only, not reading the files). */
  ms: number;
  /** Adjusted Rand index over the participants Polis grouped; null without Polis groups. */
  ari: number | null;
  polisGrouped: number;
  polisGroupSizes: number[];
  /** Participants Polis grouped that Cabildo did not (too few votes): each counts as a mismatch. */
  polisGroupedNotClustered: number;
  participantsVotesCsv: () => string;
}

export function analysePolisExport(data: PolisExport): PolisComparison {
  const votes = latestVotes(data.votes);
  const statementIds = data.comments.map((c) => c.id);
  const t0 = performance.now();
  const result = analyse({ statementIds, moderatedOut: data.comments.filter((c) => c.moderated === -1).map((c) => c.id), votes });
  const ms = performance.now() - t0;

  const groupOf = new Map<number, number | null>(result.participants.map((p) => [p.participant, p.group]));
  const polis = (data.participantsVotes ?? []).filter((p) => p.group !== null);
  let ari: number | null = null;
  let notClustered = 0;
  const sizes = new Map<number, number>();
  if (polis.length > 0) {
    const ours = polis.map((p) => {
      const g = groupOf.get(p.participant);
      if (g === null || g === undefined) {
        notClustered++;
        return -1 - p.participant; // a label of its own: never agrees with anyone
      }
      return g;
    });
    for (const p of polis) sizes.set(p.group!, (sizes.get(p.group!) ?? 0) + 1);
    ari = adjustedRandIndex(
      ours,
      polis.map((p) => p.group!),
    );
  }
  const commentsBy = new Map<number, number>();
  for (const c of data.comments) commentsBy.set(c.authorId, (commentsBy.get(c.authorId) ?? 0) + 1);
  return {
    result,
    ms,
    ari,
    polisGrouped: polis.length,
    polisGroupSizes: [...sizes].sort((a, b) => a[0] - b[0]).map(([, n]) => n),
    polisGroupedNotClustered: notClustered,
    participantsVotesCsv: () => writeParticipantsVotes({ statementIds, votes, groupOf, commentsBy }),
  };
}
