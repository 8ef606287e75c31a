/** Results pages: charts (SVG) with the same figures in a table, turnout, and the open-data links. */
import type { ComponentChildren } from "preact";
import { Layout } from "../../../platform/views/layout.js";
import { Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ProcessView } from "../../participation/processes.js";
import type { ApprovalResults, BudgetResults, PairwiseResults, Turnout } from "../results.js";
import { BarChart, IntervalChart } from "./charts.js";
import { ProcessCrumbs, percent, pesos, processBase } from "./parts.js";

interface Common {
  ctx: PageContext;
  process: ProcessView;
  info: PageInfo;
  /** Voting still open: figures may change. */
  open: boolean;
}

function ResultsFrame({ ctx, process, method, title, turnout, open, extra, children }: Omit<Common, "info"> & { method: string; title: string; turnout: Turnout; extra?: ComponentChildren; children: ComponentChildren }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const data = `/${slug}/datos/priorizacion`;
  return (
    <Layout ctx={ctx} title={`${title} · ${process.title}`}>
      <ProcessCrumbs ctx={ctx} process={process} trail={[{ href: `${processBase(ctx, process)}/${method}`, label: t(`prioritisation:${method}`) }, { label: t("prioritisation:results") }]} />
      <h1>{title}</h1>
      {open && <p class="flash flash-info">{t("prioritisation:preliminary")}</p>}
      <dl class="stats">
        <div>
          <dt>{t("prioritisation:participants")}</dt>
          <dd>{turnout.participants.toLocaleString("es-MX")}</dd>
        </div>
        <div>
          <dt>{t("prioritisation:online")}</dt>
          <dd>{turnout.online.toLocaleString("es-MX")}</dd>
        </div>
        <div>
          <dt>{t("prioritisation:inPerson")}</dt>
          <dd>{turnout.inPerson.toLocaleString("es-MX")}</dd>
        </div>
        {extra}
      </dl>
      {children}
      <h2>{t("prioritisation:openData")}</h2>
      <ul>
        <li>
          <a href={`${data}.csv?proceso=${process.slug}`}>{t("prioritisation:downloadCsv")}</a>
        </li>
        <li>
          <a href={`${data}.json?proceso=${process.slug}`}>{t("prioritisation:downloadJson")}</a>
        </li>
      </ul>
    </Layout>
  );
}

const pageOf = <R,>(rows: R[], info: PageInfo) => rows.slice((info.page - 1) * info.perPage, info.page * info.perPage);

export function ApprovalResultsPage({ ctx, process, info, open, results }: Common & { results: ApprovalResults }) {
  const t = ctx.t;
  const rows = pageOf(results.rows, info);
  const max = Math.max(1, ...results.rows.map((r) => r.approvals));
  return (
    <ResultsFrame ctx={ctx} process={process} method="votaciones" title={t("prioritisation:approval.resultsTitle")} turnout={results.turnout} open={open}>
      <p>{t("prioritisation:approval.resultsIntro", { limit: results.approvalLimit })}</p>
      {rows.length > 0 && (
        <BarChart
          id="grafica-aprobacion"
          title={t("prioritisation:approval.chartTitle")}
          description={t("prioritisation:chartDesc")}
          max={max}
          bars={rows.map((r) => ({ label: r.item.title, value: r.approvals, text: `${r.approvals} (${percent(r.percent)})` }))}
        />
      )}
      <Table
        caption={t("prioritisation:approval.tableCaption")}
        empty={t("prioritisation:noItems")}
        rows={rows}
        columns={[
          { header: t("prioritisation:position"), cell: (r) => results.rows.indexOf(r) + 1, numeric: true },
          { header: t("prioritisation:item"), cell: (r) => r.item.title },
          { header: t("prioritisation:colonia"), cell: (r) => r.item.colonia?.name ?? "—" },
          { header: t("prioritisation:approvals"), cell: (r) => r.approvals.toLocaleString("es-MX"), numeric: true },
          { header: t("prioritisation:share"), cell: (r) => percent(r.percent), numeric: true },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </ResultsFrame>
  );
}

export function BudgetResultsPage({ ctx, process, info, open, results }: Common & { results: BudgetResults }) {
  const t = ctx.t;
  const rows = pageOf(results.rows, info);
  const max = Math.max(1, ...results.rows.map((r) => r.votes));
  // The dashed line goes after the last funded project shown on this page.
  const lastFunded = rows.reduce((acc, r, i) => (r.funded ? i + 1 : acc), 0);
  return (
    <ResultsFrame
      ctx={ctx}
      process={process}
      method="presupuesto"
      title={t("prioritisation:budget.resultsTitle")}
      turnout={results.turnout}
      open={open}
      extra={
        <>
          <div>
            <dt>{t("prioritisation:budget.total")}</dt>
            <dd>{results.budgetTotal === null ? "—" : pesos(results.budgetTotal)}</dd>
          </div>
          <div>
            <dt>{t("prioritisation:budget.funded")}</dt>
            <dd>{pesos(results.funded)}</dd>
          </div>
        </>
      }
    >
      <h2>{t("prioritisation:budget.ruleTitle")}</h2>
      <p>{t("prioritisation:budget.rule")}</p>
      {rows.length > 0 && (
        <BarChart
          id="grafica-presupuesto"
          title={t("prioritisation:budget.chartTitle")}
          description={t("prioritisation:budget.chartDesc")}
          max={max}
          bars={rows.map((r) => ({ label: r.item.title, value: r.votes, text: `${r.votes} · ${r.funded ? t("prioritisation:budget.yes") : t("prioritisation:budget.no")}`, muted: !r.funded }))}
          lineAfter={lastFunded}
          lineLabel={t("prioritisation:budget.line")}
        />
      )}
      <Table
        caption={t("prioritisation:budget.tableCaption")}
        empty={t("prioritisation:noItems")}
        rows={rows}
        columns={[
          { header: t("prioritisation:position"), cell: (r) => r.rank, numeric: true },
          { header: t("prioritisation:project"), cell: (r) => r.item.title },
          { header: t("prioritisation:cost"), cell: (r) => pesos(r.item.cost ?? 0), numeric: true },
          { header: t("prioritisation:votes"), cell: (r) => r.votes.toLocaleString("es-MX"), numeric: true },
          { header: t("prioritisation:share"), cell: (r) => percent(r.percent), numeric: true },
          { header: t("prioritisation:budget.fundedCol"), cell: (r) => (r.funded ? t("prioritisation:budget.yes") : t("prioritisation:budget.no")) },
          { header: t("prioritisation:budget.committed"), cell: (r) => pesos(r.committed), numeric: true },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </ResultsFrame>
  );
}

const prob = (v: number | null) => (v === null ? "—" : percent(Math.round(v * 1000) / 10));

export function PairwiseResultsPage({ ctx, process, info, open, results }: Common & { results: PairwiseResults }) {
  const t = ctx.t;
  const rows = pageOf(results.rows, info);
  return (
    <ResultsFrame
      ctx={ctx}
      process={process}
      method="comparaciones"
      title={t("prioritisation:pairwise.resultsTitle")}
      turnout={results.turnout}
      open={open}
      extra={
        <>
          <div>
            <dt>{t("prioritisation:pairwise.comparisons")}</dt>
            <dd>{results.comparisons.toLocaleString("es-MX")}</dd>
          </div>
          <div>
            <dt>{t("prioritisation:pairwise.unsureCount")}</dt>
            <dd>{results.unsure.toLocaleString("es-MX")}</dd>
          </div>
        </>
      }
    >
      <h2>{t("prioritisation:pairwise.howTitle")}</h2>
      <p>{t("prioritisation:pairwise.how")}</p>
      {rows.length > 0 && (
        <IntervalChart
          id="grafica-comparaciones"
          title={t("prioritisation:pairwise.chartTitle")}
          description={t("prioritisation:pairwise.chartDesc")}
          points={rows.map((r) => ({ label: r.item.title, value: r.score, low: r.low, high: r.high }))}
        />
      )}
      <Table
        caption={t("prioritisation:pairwise.tableCaption")}
        empty={t("prioritisation:noItems")}
        rows={rows}
        columns={[
          { header: t("prioritisation:position"), cell: (r) => results.rows.indexOf(r) + 1, numeric: true },
          { header: t("prioritisation:item"), cell: (r) => r.item.title },
          { header: t("prioritisation:pairwise.score"), cell: (r) => prob(r.score), numeric: true },
          { header: t("prioritisation:pairwise.interval"), cell: (r) => (r.low === null ? "—" : `${prob(r.low)} – ${prob(r.high)}`), numeric: true },
          { header: t("prioritisation:pairwise.wins"), cell: (r) => r.wins.toLocaleString("es-MX"), numeric: true },
          { header: t("prioritisation:pairwise.losses"), cell: (r) => r.losses.toLocaleString("es-MX"), numeric: true },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </ResultsFrame>
  );
}
