/**
 * How proposals appear on a process's pages: a section with counts and the most supported
 * proposals, a link on the staff page, and the reasoned-response count (answered/total).
 */
import { registerInputSource, registerProcessAdminLink, registerProcessSection } from "../participation/sections.js";
import { isOpen } from "../participation/processes.js";
import { answeredCounts, listPublicProposals } from "./queries.js";
import { ProposalsSection } from "./views/section.js";

export function registerProposalSections(): void {
  registerProcessSection({
    id: "proposals",
    order: 20,
    async render(ctx, { services, municipality, process, today }) {
      const open = isOpen(process, "proposals", today);
      const [top, counts] = await Promise.all([
        listPublicProposals(services.db, municipality.id, process.id, { tipo: "", colonia: "", categoria: "", estado: "", orden: "apoyos", semilla: 1 }, 1, 3),
        answeredCounts(services.db, municipality.id, process.id),
      ]);
      if (!open && counts.total === 0) return null;
      return ProposalsSection({ ctx, process: { slug: process.slug, title: process.title }, top: top.rows, counts, open, timeZone: municipality.timeZone });
    },
  });
  registerProcessAdminLink({
    id: "proposals",
    order: 20,
    label: (ctx) => ctx.t("proposals:staff.adminLink"),
    href: (slug, processSlug) => `/${slug}/admin/participa/${processSlug}/propuestas`,
  });
  registerProcessAdminLink({
    id: "proposals-commitments",
    order: 21,
    label: (ctx) => ctx.t("proposals:commitments.adminLink"),
    href: (slug, processSlug) => `/${slug}/admin/participa/${processSlug}/compromisos`,
  });
  registerInputSource({ id: "proposals", count: answeredCounts });
}
