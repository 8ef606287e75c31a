/** The "Propuestas" block of the public process page. */
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicProposal } from "../queries.js";
import { ProposalCard, proposalsBase, type ProcessRef } from "./parts.js";

export function ProposalsSection({ ctx, process, top, counts, open, timeZone }: {
  ctx: PageContext; process: ProcessRef; top: PublicProposal[]; counts: { total: number; answered: number }; open: boolean; timeZone: string;
}) {
  const t = ctx.t;
  const base = proposalsBase(ctx, process);
  return (
    <section aria-labelledby="seccion-propuestas">
      <h2 id="seccion-propuestas">{t("proposals:section.title")}</h2>
      <p>{t("proposals:section.counts", { count: counts.total, answered: counts.answered })}</p>
      {top.length > 0 && (
        <>
          <h3>{t("proposals:section.top")}</h3>
          <ul class="cards">
            {top.map((p) => <ProposalCard ctx={ctx} process={process} p={p} timeZone={timeZone} />)}
          </ul>
        </>
      )}
      <p>
        <a href={base}>{t("proposals:section.all")}</a>
        {open && (
          <>
            {" · "}
            <a href={`${base}/nueva`}>{t("proposals:list.new")}</a>
          </>
        )}
      </p>
    </section>
  );
}
