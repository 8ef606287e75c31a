/** How conversations appear on a participatory process's pages: a section on the public page and a link on the staff page. */
import { registerProcessAdminLink, registerProcessSection } from "../participation/sections.js";
import { listConversations } from "./conversations.js";

export function registerOpinionSections(): void {
  registerProcessSection({
    id: "opinion",
    order: 35,
    async render(ctx, { services, municipality, process }) {
      const { rows } = await listConversations(services.db, municipality.id, 1, 10, { processId: process.id });
      if (rows.length === 0) return null;
      const t = ctx.t;
      return (
        <section aria-labelledby="seccion-opinion">
          <h2 id="seccion-opinion">{t("opinion:section.title")}</h2>
          <p>{t("opinion:section.lead")}</p>
          <ul>
            {rows.map((c) => (
              <li>
                <a href={`/${municipality.slug}/opinion/${c.id}`}>{c.topic}</a> — {t(`opinion:status.${c.status}`)} · {t("opinion:list.counts", { voters: c.voters, statements: c.statements })} ·{" "}
                <a href={`/${municipality.slug}/opinion/${c.id}/resultados`}>{t("opinion:vote.seeResults")}</a>
              </li>
            ))}
          </ul>
        </section>
      );
    },
  });
  registerProcessAdminLink({
    id: "opinion",
    order: 35,
    label: (ctx) => ctx.t("opinion:staff.adminLink"),
    href: (slug) => `/${slug}/admin/opinion`,
  });
}
