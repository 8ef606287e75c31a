/**
 * Public pages of inter-municipal commitments: the agreement with every partner's own commitment,
 * and the blocks it adds to a partner's commitment page and plan page.
 */
import { Breadcrumbs } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import type { PartnerProgress, SharedCommitmentView } from "../shared-queries.js";
import { PartnersTable, ProgressChart, sharedHref } from "./shared-parts.js";

export const stateHref = (stateSlug: string) => `/estados/${stateSlug}/planes`;

function Scope({ ctx, shared }: { ctx: PageContext; shared: SharedCommitmentView }) {
  const { t } = ctx;
  return (
    <p>
      {t("plansShared:convenedBy")} <a href={`/${shared.convener.slug}`}>{shared.convener.name}</a>
      {" · "}
      {shared.state ? (
        <>
          {t("plansShared:stateLabel")} <a href={stateHref(shared.state.slug)}>{shared.state.name}</a>
        </>
      ) : (
        t("plansShared:severalStates")
      )}
    </p>
  );
}

export function SharedCommitmentPage({ ctx, shared, partners }: { ctx: PageContext; shared: SharedCommitmentView; partners: PartnerProgress[] }) {
  const { t } = ctx;
  const linked = partners.filter((p) => p.commitment);
  return (
    <Layout ctx={ctx} title={shared.title}>
      <Breadcrumbs
        items={[
          { href: "/", label: t("plansShared:home") },
          ...(shared.state ? [{ href: stateHref(shared.state.slug), label: t("plansShared:stateTitle", { state: shared.state.name }) }] : []),
          { label: shared.title },
        ]}
      />
      <p class="hint">{t("plansShared:eyebrow")}</p>
      <h1>{shared.title}</h1>
      <Scope ctx={ctx} shared={shared} />
      {shared.description && <p class="description">{shared.description}</p>}
      <section aria-labelledby="municipios-socios">
        <h2 id="municipios-socios">{t("plansShared:partnersTitle")}</h2>
        <p>{t("plansShared:partnersIntro", { count: partners.length, linked: linked.length })}</p>
        <ProgressChart
          ctx={ctx}
          id="grafica-socios"
          title={t("plansShared:chartTitle", { title: shared.title })}
          bars={linked.map((p) => ({ label: p.municipality.name, percent: p.commitment!.progress.percent }))}
        />
        <PartnersTable ctx={ctx} caption={t("plansShared:partnersCaption", { title: shared.title })} partners={partners} />
      </section>
    </Layout>
  );
}

/** On a partner's commitment page: the agreement it belongs to and the other partners' progress. */
export function CommitmentSharedSection({ ctx, shared, others }: { ctx: PageContext; shared: SharedCommitmentView; others: PartnerProgress[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="compromiso-intermunicipal">
      <h2 id="compromiso-intermunicipal">{t("plansShared:sectionTitle")}</h2>
      <p>
        {t("plansShared:partOf")} <a href={sharedHref(shared.slug)}>{shared.title}</a>
      </p>
      <Scope ctx={ctx} shared={shared} />
      <PartnersTable ctx={ctx} caption={t("plansShared:othersCaption")} partners={others} />
    </section>
  );
}

export interface PlanSharedItem {
  shared: SharedCommitmentView;
  ownNumber: number;
  partners: number;
}

/** On a plan page: the plan's commitments that are part of an inter-municipal agreement. */
export function PlanSharedSection({ ctx, items }: { ctx: PageContext; items: PlanSharedItem[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="compromisos-intermunicipales">
      <h2 id="compromisos-intermunicipales">{t("plansShared:planSectionTitle")}</h2>
      <ul>
        {items.map((i) => (
          <li>
            <a href={sharedHref(i.shared.slug)}>{i.shared.title}</a>
            {" — "}
            {t("plansShared:planSectionItem", { number: i.ownNumber, count: i.partners })}
          </li>
        ))}
      </ul>
    </section>
  );
}
