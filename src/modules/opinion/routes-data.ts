/** The exports of a conversation in Polis' open-data layout: comments.csv, votes.csv, participants-votes.csv. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { conversationParams, publicConversationOr404 } from "./http.js";
import { commentsCsv, participantsVotesCsv, votesCsv } from "./exports.js";

const FILES = {
  "comments.csv": commentsCsv,
  "votes.csv": votesCsv,
  "participants-votes.csv": participantsVotesCsv,
} as const;

export function dataRoutes(app: FastifyInstance, services: Services): void {
  for (const [file, build] of Object.entries(FILES)) {
    app.get(`/:slug/opinion/:conversationId/${file}`, { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
      const { municipality: m, conversation: c } = await publicConversationOr404(request, services);
      const body = await build(services.db, m.id, c.id);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${m.slug}-conversacion-${c.id}-${file}"`)
        .header("access-control-allow-origin", "*")
        .send(body);
    });
  }
}
