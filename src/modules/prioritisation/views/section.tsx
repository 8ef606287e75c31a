/** The "Priorización" block of a process page: each method with items, open or not, and its turnout. */
import type { PageContext } from "../../../platform/views/context.js";
import type { ProcessView } from "../../participation/processes.js";

export interface MethodSummary {
  method: "approval" | "budget" | "pairwise";
  items: number;
  participants: number;
  open: boolean;
}

const PATHS = { approval: "votaciones", budget: "presupuesto", pairwise: "comparaciones" } as const;

export function PrioritisationSection({ ctx, process, methods }: { ctx: PageContext; process: ProcessView; methods: MethodSummary[] }) {
  const t = ctx.t;
  const base = `/${ctx.municipality!.slug}/participa/${process.slug}`;
  return (
    <section aria-labelledby="priorizacion">
      <h2 id="priorizacion">{t("prioritisation:section.title")}</h2>
      <ul class="cards">
        {methods.map((m) => (
          <li class="card">
            <h3>{t(`prioritisation:method.${m.method}`)}</h3>
            <p>
              {t("prioritisation:section.figures", { items: m.items, participants: m.participants })}
              {" · "}
              {m.open ? t("prioritisation:section.open") : t("prioritisation:section.closed")}
            </p>
            <p>
              {m.open && (
                <>
                  <a href={`${base}/${PATHS[m.method]}`}>{t(`prioritisation:section.take_${m.method}`)}</a>
                  {" · "}
                </>
              )}
              <a href={`${base}/${PATHS[m.method]}/resultados`}>{t("prioritisation:seeResults")}</a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
