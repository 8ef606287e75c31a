import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/context.js";
import type { Problem } from "./problem.js";

export function ErrorPage({ ctx, problem }: { ctx: PageContext; problem: Problem }) {
  const { t } = ctx;
  const title = problem.status === 404 ? t("errors.notFoundTitle") : problem.status >= 500 ? t("errors.genericTitle") : problem.title;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{problem.detail}</p>
      {problem.errors && (
        <ul>
          {problem.errors.map((e) => (
            <li>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={ctx.municipality ? `/${ctx.municipality.slug}` : "/"}>{t("errors.backHome")}</a>
      </p>
    </Layout>
  );
}
