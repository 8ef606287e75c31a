/**
 * What inter-municipal commitments add to the public plan and commitment pages (sections.ts):
 * on a partner's commitment page, the agreement and the other partners' progress; on a plan page,
 * the plan's commitments that belong to an agreement.
 */
import { registerCommitmentSection, registerPlanSection } from "./sections.js";
import { activePartnerCounts, findSharedByIds, partnerProgress } from "./shared-queries.js";
import { CommitmentSharedSection, PlanSharedSection } from "./views/shared-public.js";

export function registerSharedSections(): void {
  registerCommitmentSection({
    id: "shared-commitment",
    order: 30,
    async render(ctx, { services, municipality, commitment }) {
      if (commitment.sharedCommitmentId === null) return null;
      const [shared] = await findSharedByIds(services.db, [commitment.sharedCommitmentId]);
      if (!shared) return null;
      const others = (await partnerProgress(services.db, shared)).filter((p) => p.municipality.id !== municipality.id);
      return CommitmentSharedSection({ ctx, shared, others });
    },
  });
  registerPlanSection({
    id: "shared-commitments",
    order: 30,
    async render(ctx, { services, commitments }) {
      const linked = commitments.filter((c) => c.sharedCommitmentId !== null);
      if (linked.length === 0) return null;
      const shared = await findSharedByIds(services.db, [...new Set(linked.map((c) => c.sharedCommitmentId!))]);
      if (shared.length === 0) return null;
      const counts = await activePartnerCounts(services.db, shared.map((s) => s.id));
      const items = shared.map((s) => ({
        shared: s,
        ownNumber: linked.find((c) => c.sharedCommitmentId === s.id)!.number,
        partners: counts.get(s.id) ?? 0,
      }));
      return PlanSharedSection({ ctx, items });
    },
  });
}
