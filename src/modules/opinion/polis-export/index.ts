/** Polis open-data exports: reader and writers (see reader.ts for the vote sign convention). */
export { PolisExportError, latestVotes, readPolisExport, type PolisComment, type PolisExport, type PolisVote } from "./reader.js";
export { polisDatetime, writeComments, writeParticipantsVotes, writeVotes, type ParticipantsVotesInput } from "./writer.js";
export { formatCsv, parseCsv } from "./csv.js";
export { analysePolisExport, type PolisComparison } from "./compare.js";
