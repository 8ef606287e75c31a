/** How consultations appear on the core's process pages: a public section and a staff link. */
import type { PageContext } from "../../platform/views/context.js";
import { registerProcessAdminLink, registerProcessSection, type ProcessSectionArgs } from "../participation/sections.js";
import { consultationState, listConsultations, listSessions } from "./queries.js";
import { ConsultationCards, SessionList, processBase } from "./views/public.js";

async function renderSection(ctx: PageContext, { services, municipality: m, process: p, today }: ProcessSectionArgs) {
  const [consultations, sessions] = await Promise.all([listConsultations(services.db, m.id, p.id, { includeDrafts: false }), listSessions(services.db, m.id, p.id)]);
  if (consultations.length === 0 && sessions.length === 0) return null;
  const { t } = ctx;
  return (
    <section aria-labelledby="seccion-consultas">
      <h2 id="seccion-consultas">{t("consultations:section.title")}</h2>
      <ConsultationCards ctx={ctx} municipality={m} process={p} consultations={consultations.slice(0, 6).map((c) => ({ c, state: consultationState(c, today) }))} />
      {sessions.length > 0 && <SessionList ctx={ctx} municipality={m} process={p} sessions={sessions.slice(0, 5)} />}
      <p>
        <a href={`${processBase(m, p)}/consultas`}>{t("consultations:section.all", { consultations: consultations.length, sessions: sessions.length })}</a>
      </p>
    </section>
  );
}

/** Registration by id: safe to call once per app build. */
export function registerConsultationSections(): void {
  registerProcessSection({ id: "consultations", order: 20, render: renderSection });
  registerProcessAdminLink({
    id: "consultations",
    order: 20,
    label: (ctx) => ctx.t("consultations:section.adminLink"),
    href: (municipalitySlug, processSlug) => `/${municipalitySlug}/admin/participa/${processSlug}/consultas`,
  });
}
