/**
 * Participatory budgeting arithmetic: whether a ballot fits the budget, and the budget line.
 * The rule, stated on the results page: projects are taken in order of votes (ties: the cheaper
 * first, then the older); each one is funded if it fits in what is left of the budget, and
 * skipped otherwise — the next ones may still fit.
 */

export interface BallotFit {
  total: number;
  /** Pesos over the budget; 0 when the ballot fits. */
  excess: number;
  fits: boolean;
}

export function ballotFit(costs: readonly number[], budget: number): BallotFit {
  const total = costs.reduce((a, b) => a + b, 0);
  const excess = Math.max(0, total - budget);
  return { total, excess, fits: excess === 0 };
}

export interface BudgetProject {
  itemId: number;
  cost: number;
  votes: number;
}

export interface BudgetLineRow extends BudgetProject {
  rank: number;
  funded: boolean;
  /** Money committed after this project (funded ones only count). */
  committed: number;
}

export function budgetLine(projects: readonly BudgetProject[], budget: number): BudgetLineRow[] {
  const ordered = [...projects].sort((a, b) => b.votes - a.votes || a.cost - b.cost || a.itemId - b.itemId);
  let committed = 0;
  return ordered.map((p, i) => {
    const funded = p.votes > 0 && committed + p.cost <= budget;
    if (funded) committed += p.cost;
    return { ...p, rank: i + 1, funded, committed };
  });
}

/** Whole pesos as Mexicans write them: $1,250,000. */
export const pesos = (n: number) => new Intl.NumberFormat("es-MX", { style: "currency", currency: "MXN", maximumFractionDigits: 0 }).format(n);
