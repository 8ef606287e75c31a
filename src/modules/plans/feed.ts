/**
 * The Atom feed of a published plan: its milestones' public events (status, due date, evidence),
 * and commitments added and withdrawn, newest first. Entries carry what the commitment page
 * already shows — never who recorded a change. The document is written by the requests module's
 * Atom writer (one XML writer for every feed on the site).
 */
import { translator } from "../../platform/i18n/index.js";
import type { Executor } from "../../platform/db/database.js";
import { atomFeed, tagUri, type FeedItem } from "../requests/feeds.js";
import { describeMilestoneEvent, type Say } from "./public-event-text.js";
import { presentMilestoneEvent } from "./presenters.js";
import { commitmentPath, planFeedPath, planPath } from "./public-urls.js";
import type { PlanRow } from "./queries.js";
import "./tables.js";

export const FEED_SIZE = 50;

export async function planFeedItems(db: Executor, municipality: { id: number; slug: string }, plan: PlanRow, publicUrl: string, limit = FEED_SIZE): Promise<FeedItem[]> {
  const say: Say = (key, options) => translator("es-MX")(key, options ?? {}) as string;
  const m = municipality.id;
  const link = (number: number) => `${publicUrl}${commitmentPath(municipality.slug, plan.slug, number)}`;
  const [events, commitments, withdrawn] = await Promise.all([
    db
      .selectFrom("plan_milestone_events as e")
      .innerJoin("plan_milestones as ms", (j) => j.onRef("ms.municipality_id", "=", "e.municipality_id").onRef("ms.id", "=", "e.milestone_id"))
      .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "ms.municipality_id").onRef("c.id", "=", "ms.commitment_id"))
      .select(["e.id", "e.milestone_id", "ms.deliverable", "e.kind", "e.from_value", "e.to_value", "e.note", "e.at", "c.number", "c.title"])
      .where("e.municipality_id", "=", m)
      .where("c.plan_id", "=", plan.id)
      .orderBy("e.at", "desc")
      .orderBy("e.id", "desc")
      .limit(limit)
      .execute(),
    // Each kind of entry is read up to `limit`: together they hold the newest `limit` entries overall.
    db
      .selectFrom("plan_commitments")
      .select(["id", "number", "title", "created_at"])
      .where("municipality_id", "=", m)
      .where("plan_id", "=", plan.id)
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute(),
    db
      .selectFrom("plan_commitments")
      .select(["id", "number", "title", "withdrawn_at", "withdrawn_reason"])
      .where("municipality_id", "=", m)
      .where("plan_id", "=", plan.id)
      .where("withdrawn_at", "is not", null)
      .orderBy("withdrawn_at", "desc")
      .limit(limit)
      .execute(),
  ]);
  const items: FeedItem[] = [
    ...events.map((r) => {
      const e = presentMilestoneEvent(r);
      const what = describeMilestoneEvent(say, "es-MX", e);
      return {
        id: tagUri(publicUrl, `plan-evento-${m}-${e.id}`),
        title: say("plansPublic:feed.eventTitle", { number: r.number, deliverable: e.deliverable, what }),
        link: link(r.number),
        summary: [say("plansPublic:feed.eventSummary", { number: r.number, title: r.title, deliverable: e.deliverable, what }), e.note].filter(Boolean).join("\n"),
        updated: e.at,
      };
    }),
    ...commitments.map((c) => ({
      id: tagUri(publicUrl, `plan-compromiso-${m}-${c.id}`),
      title: say("plansPublic:feed.added", { number: c.number, title: c.title }),
      link: link(c.number),
      summary: say("plansPublic:feed.addedSummary", { number: c.number, title: c.title, plan: plan.title }),
      updated: new Date(c.created_at),
    })),
    ...withdrawn.map((c) => ({
      id: tagUri(publicUrl, `plan-compromiso-retirado-${m}-${c.id}`),
      title: say("plansPublic:feed.withdrawn", { number: c.number, title: c.title }),
      link: link(c.number),
      summary: [say("plansPublic:feed.withdrawnSummary", { number: c.number, title: c.title }), c.withdrawn_reason].filter(Boolean).join("\n"),
      updated: new Date(c.withdrawn_at!),
    })),
  ];
  return items.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, limit);
}

export async function planAtomFeed(db: Executor, municipality: { id: number; slug: string; name: string }, plan: PlanRow, publicUrl: string): Promise<string> {
  const say: Say = (key, options) => translator("es-MX")(key, options ?? {}) as string;
  return atomFeed({
    title: say("plansPublic:feed.title", { plan: plan.title, municipality: municipality.name }),
    description: say("plansPublic:feed.description", { plan: plan.title }),
    link: `${publicUrl}${planPath(municipality.slug, plan.slug)}`,
    self: `${publicUrl}${planFeedPath(municipality.slug, plan.slug)}`,
    id: tagUri(publicUrl, `plan-${municipality.id}-${plan.id}`),
    items: await planFeedItems(db, municipality, plan, publicUrl),
  });
}
