/** Public ballot pages: approval voting, the participatory budget, and one pair to compare. */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ProcessView } from "../../participation/processes.js";
import type { ItemView } from "../items.js";
import type { Offer } from "../pairwise.js";
import { ItemFacts, ProcessCrumbs, pesos, processBase } from "./parts.js";

export interface Gate {
  /** The rule in plain Spanish (who may vote). */
  rule: string;
  /** Where to identify when the visitor does not meet the level yet; null when they do. */
  identifyHref: string | null;
}

export interface BallotPageProps {
  ctx: PageContext;
  process: ProcessView;
  kind: "approval" | "budget";
  items: ItemView[];
  /** The ticked items: the stored ballot, or what was just submitted. */
  selected: number[];
  hasBallot: boolean;
  open: boolean;
  closedReason: string | null;
  gate: Gate;
  approvalLimit: number;
  budgetTotal: number | null;
  errors?: FieldErrors;
}

export function BallotPage(p: BallotPageProps) {
  const { ctx, process, kind, items } = p;
  const t = ctx.t;
  const base = `${processBase(ctx, process)}/${kind === "approval" ? "votaciones" : "presupuesto"}`;
  const title = t(kind === "approval" ? "prioritisation:approval.title" : "prioritisation:budget.title");
  const chosen = new Set(p.selected);
  const chosenCost = items.filter((i) => chosen.has(i.id)).reduce((a, i) => a + (i.cost ?? 0), 0);
  const canVote = p.open && p.gate.identifyHref === null && (kind === "approval" || p.budgetTotal !== null);
  return (
    <Layout ctx={ctx} title={`${title} · ${process.title}`}>
      <ProcessCrumbs ctx={ctx} process={process} trail={[{ label: title }]} />
      <h1>{title}</h1>
      <p class="lead">
        {kind === "approval"
          ? t("prioritisation:approval.intro", { limit: p.approvalLimit })
          : p.budgetTotal === null
            ? t("prioritisation:budget.noBudget")
            : t("prioritisation:budget.intro", { budget: pesos(p.budgetTotal) })}
      </p>
      <p>{p.gate.rule}</p>
      <p>
        <a href={`${base}/resultados`}>{t("prioritisation:seeResults")}</a>
      </p>
      {!p.open && (
        <p class="flash flash-info" role="status">
          {p.closedReason}
        </p>
      )}
      {p.open && p.gate.identifyHref !== null && (
        <p>
          <a class="button button-primary" href={p.gate.identifyHref}>
            {t("prioritisation:identifyToVote")}
          </a>
        </p>
      )}
      {p.hasBallot && (
        <p class="flash flash-success" role="status">
          {t("prioritisation:hasBallot")}
        </p>
      )}
      {items.length === 0 ? (
        <p class="empty">{t("prioritisation:noItems")}</p>
      ) : (
        <Form ctx={ctx} action={base} errors={p.errors}>
          <fieldset class="form-section" id="campo-items" aria-describedby={p.errors?.items ? "error-items" : undefined}>
            <legend>{kind === "approval" ? t("prioritisation:approval.legend", { limit: p.approvalLimit }) : t("prioritisation:budget.legend")}</legend>
            {p.errors?.items && (
              <p class="error-message" id="error-items">
                {p.errors.items}
              </p>
            )}
            {items.map((item) => (
              <div class="checkbox">
                <input type="checkbox" id={`item-${item.id}`} name="item" value={String(item.id)} checked={chosen.has(item.id)} disabled={!canVote} />
                <label for={`item-${item.id}`}>
                  <strong>{item.title}</strong>
                  {kind === "budget" && item.cost !== null && <> — {pesos(item.cost)}</>}
                  {item.description && <span class="description"> {item.description}</span>}
                  <ItemFacts ctx={ctx} process={process} item={item} />
                </label>
              </div>
            ))}
          </fieldset>
          {kind === "budget" && p.budgetTotal !== null && (
            <p>{t("prioritisation:budget.selectedTotal", { total: pesos(chosenCost), budget: pesos(p.budgetTotal) })}</p>
          )}
          {canVote && <Button>{p.hasBallot ? t("prioritisation:changeVote") : t("prioritisation:castVote")}</Button>}
        </Form>
      )}
    </Layout>
  );
}

export interface PairwisePageProps {
  ctx: PageContext;
  process: ProcessView;
  offer: Offer | null;
  itemCount: number;
  open: boolean;
  closedReason: string | null;
  gate: Gate;
}

export function PairwisePage({ ctx, process, offer, itemCount, open, closedReason, gate }: PairwisePageProps) {
  const t = ctx.t;
  const base = `${processBase(ctx, process)}/comparaciones`;
  return (
    <Layout ctx={ctx} title={`${t("prioritisation:pairwise.title")} · ${process.title}`}>
      <ProcessCrumbs ctx={ctx} process={process} trail={[{ label: t("prioritisation:pairwise.title") }]} />
      <h1>{t("prioritisation:pairwise.title")}</h1>
      <p class="lead">{t("prioritisation:pairwise.intro")}</p>
      <p>{gate.rule}</p>
      <p>
        <a href={`${base}/resultados`}>{t("prioritisation:seeResults")}</a>
      </p>
      {!open ? (
        <p class="flash flash-info" role="status">
          {closedReason}
        </p>
      ) : itemCount < 3 ? (
        <p class="empty">{t("prioritisation:pairwise.tooFew")}</p>
      ) : gate.identifyHref !== null ? (
        <p>
          <a class="button button-primary" href={gate.identifyHref}>
            {t("prioritisation:identifyToCompare")}
          </a>
        </p>
      ) : offer ? (
        <Form ctx={ctx} action={base} class="pair-form">
          <input type="hidden" name="left" value={String(offer.left.id)} />
          <input type="hidden" name="right" value={String(offer.right.id)} />
          <h2 id="pregunta">{t("prioritisation:pairwise.question")}</h2>
          <ul class="cards" aria-labelledby="pregunta">
            {[
              { item: offer.left, outcome: "left" },
              { item: offer.right, outcome: "right" },
            ].map(({ item, outcome }) => (
              <li class="card">
                <h3>{item.title}</h3>
                {item.description && <p class="description">{item.description}</p>}
                <ItemFacts ctx={ctx} process={process} item={item} />
                <button type="submit" name="outcome" value={outcome} class="button button-primary">
                  {t("prioritisation:pairwise.choose", { title: item.title })}
                </button>
              </li>
            ))}
          </ul>
          <p>
            <button type="submit" name="outcome" value="unsure" class="button button-secondary">
              {t("prioritisation:pairwise.unsure")}
            </button>
          </p>
          <p class="hint">{t("prioritisation:pairwise.answered", { count: offer.answered })}</p>
        </Form>
      ) : null}
    </Layout>
  );
}
