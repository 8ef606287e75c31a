/** Staff pages: the items of a process, the approval limit and budget, and paper ballots. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ProcessView } from "../../participation/processes.js";
import type { ItemValues, ItemView } from "../items.js";
import type { PrioritisationSettings } from "../settings.js";
import { METHODS } from "../tables.js";
import { pesos } from "./parts.js";

export function adminBase(ctx: PageContext, process: ProcessView): string {
  return `/${ctx.municipality!.slug}/admin/participa/${process.slug}/priorizacion`;
}

function StaffCrumbs({ ctx, process, trail }: { ctx: PageContext; process: ProcessView; trail: { href?: string; label: string }[] }) {
  const slug = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${slug}/admin/participa/${process.slug}`, label: process.title }, ...trail]} />;
}

function ItemFields({ ctx, values, errors }: { ctx: PageContext; values: ItemValues; errors: FieldErrors }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("prioritisation:admin.itemTitle")} value={values.title} error={errors.title} required />
      <TextArea ctx={ctx} name="description" label={t("prioritisation:admin.description")} value={values.description} error={errors.description} rows={4} />
      <TextField ctx={ctx} name="colonia" label={t("prioritisation:colonia")} hint={t("prioritisation:admin.coloniaHint")} value={values.colonia} error={errors.colonia} />
      <TextField ctx={ctx} name="cost" label={t("prioritisation:admin.costLabel")} hint={t("prioritisation:admin.costHint")} value={values.cost} error={errors.cost} inputmode="numeric" />
      <TextField ctx={ctx} name="proposalId" label={t("prioritisation:admin.proposalId")} hint={t("prioritisation:admin.proposalHint")} value={values.proposalId} error={errors.proposalId} inputmode="numeric" />
      <fieldset class={errors.methods ? "form-section field-error" : "form-section"} id="campo-methods">
        <legend>{t("prioritisation:admin.methods")}</legend>
        {errors.methods && <p class="error-message">{errors.methods}</p>}
        {METHODS.map((m) => (
          <div class="checkbox">
            <input type="checkbox" id={`metodo-${m}`} name="methods" value={m} checked={values.methods.includes(m)} />
            <label for={`metodo-${m}`}>{t(`prioritisation:method.${m}`)}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}

export interface AdminPageProps {
  ctx: PageContext;
  process: ProcessView;
  settings: PrioritisationSettings;
  items: ItemView[];
  info: PageInfo;
  newItem: ItemValues;
  itemErrors: FieldErrors;
  settingsValues: { approvalLimit: string; budgetTotal: string };
  settingsErrors: FieldErrors;
}

export function AdminPage(p: AdminPageProps) {
  const { ctx, process } = p;
  const t = ctx.t;
  const base = adminBase(ctx, process);
  const pub = `/${ctx.municipality!.slug}/participa/${process.slug}`;
  return (
    <Layout ctx={ctx} title={`${t("prioritisation:admin.title")} · ${process.title}`}>
      <StaffCrumbs ctx={ctx} process={process} trail={[{ label: t("prioritisation:admin.title") }]} />
      <h1>{t("prioritisation:admin.title")}</h1>
      <h2>{t("prioritisation:admin.paperTitle")}</h2>
      <ul>
        <li><a href={`${base}/votaciones/presencial`}>{t("prioritisation:admin.paperApproval")}</a></li>
        <li><a href={`${base}/presupuesto/presencial`}>{t("prioritisation:admin.paperBudget")}</a></li>
        <li><a href={`${base}/comparaciones/presencial`}>{t("prioritisation:admin.paperPairwise")}</a></li>
      </ul>
      <h2>{t("prioritisation:results")}</h2>
      <ul>
        <li><a href={`${pub}/votaciones/resultados`}>{t("prioritisation:approval.resultsTitle")}</a></li>
        <li><a href={`${pub}/presupuesto/resultados`}>{t("prioritisation:budget.resultsTitle")}</a></li>
        <li><a href={`${pub}/comparaciones/resultados`}>{t("prioritisation:pairwise.resultsTitle")}</a></li>
      </ul>
      <h2>{t("prioritisation:admin.settings")}</h2>
      <Form ctx={ctx} action={`${base}/ajustes`} errors={p.settingsErrors}>
        <TextField ctx={ctx} name="approvalLimit" label={t("prioritisation:admin.approvalLimit")} value={p.settingsValues.approvalLimit} error={p.settingsErrors.approvalLimit} inputmode="numeric" required />
        <TextField ctx={ctx} name="budgetTotal" label={t("prioritisation:admin.budgetTotal")} hint={t("prioritisation:admin.budgetHint")} value={p.settingsValues.budgetTotal} error={p.settingsErrors.budgetTotal} inputmode="numeric" />
        <Button kind="secondary">{t("prioritisation:admin.saveSettings")}</Button>
      </Form>
      <h2 id="elementos">{t("prioritisation:admin.items")}</h2>
      <Table
        caption={t("prioritisation:admin.items")}
        empty={t("prioritisation:noItems")}
        rows={p.items}
        columns={[
          { header: t("prioritisation:item"), cell: (i) => <a href={`${base}/elementos/${i.id}`}>{i.title}</a> },
          { header: t("prioritisation:colonia"), cell: (i) => i.colonia?.name ?? "—" },
          { header: t("prioritisation:cost"), cell: (i) => (i.cost === null ? "—" : pesos(i.cost)), numeric: true },
          { header: t("prioritisation:admin.methods"), cell: (i) => i.methods.map((m) => t(`prioritisation:method.${m}`)).join(", ") },
        ]}
      />
      <Pagination ctx={ctx} info={p.info} />
      <h2>{t("prioritisation:admin.newItem")}</h2>
      <Form ctx={ctx} action={`${base}/elementos`} errors={p.itemErrors}>
        <ItemFields ctx={ctx} values={p.newItem} errors={p.itemErrors} />
        <Button>{t("prioritisation:admin.addItem")}</Button>
      </Form>
    </Layout>
  );
}

export function ItemEditPage({ ctx, process, item, values, errors }: { ctx: PageContext; process: ProcessView; item: ItemView; values: ItemValues; errors: FieldErrors }) {
  const t = ctx.t;
  const base = adminBase(ctx, process);
  return (
    <Layout ctx={ctx} title={`${item.title} · ${t("prioritisation:admin.title")}`}>
      <StaffCrumbs ctx={ctx} process={process} trail={[{ href: base, label: t("prioritisation:admin.title") }, { label: item.title }]} />
      <h1>{t("prioritisation:admin.editItem")}</h1>
      <Form ctx={ctx} action={`${base}/elementos/${item.id}`} errors={errors}>
        <ItemFields ctx={ctx} values={values} errors={errors} />
        <Button>{t("prioritisation:admin.saveItem")}</Button>
      </Form>
      <h2>{t("prioritisation:admin.deleteTitle")}</h2>
      <p>{t("prioritisation:admin.deleteHint")}</p>
      <Form ctx={ctx} action={`${base}/elementos/${item.id}/eliminar`}>
        <Button kind="danger">{t("prioritisation:admin.delete")}</Button>
      </Form>
    </Layout>
  );
}

export function PaperBallotPage({ ctx, process, kind, items, values, errors, limitText }: {
  ctx: PageContext; process: ProcessView; kind: "approval" | "budget" | "pairwise"; items: ItemView[];
  values: { curp: string; items: number[]; left: string; right: string; outcome: string }; errors: FieldErrors; limitText: string;
}) {
  const t = ctx.t;
  const base = adminBase(ctx, process);
  const path = kind === "approval" ? "votaciones" : kind === "budget" ? "presupuesto" : "comparaciones";
  const title = t(`prioritisation:admin.paper_${kind}`);
  const options = items.map((i) => ({ value: String(i.id), label: i.title }));
  return (
    <Layout ctx={ctx} title={`${title} · ${process.title}`}>
      <StaffCrumbs ctx={ctx} process={process} trail={[{ href: base, label: t("prioritisation:admin.title") }, { label: title }]} />
      <h1>{title}</h1>
      <p>{t("prioritisation:admin.paperIntro")}</p>
      <p>{limitText}</p>
      <Form ctx={ctx} action={`${base}/${path}/presencial`} errors={errors}>
        <TextField ctx={ctx} name="curp" label={t("prioritisation:admin.curp")} hint={t("prioritisation:admin.curpHint")} value={values.curp} error={errors.curp} autocomplete="off" />
        {kind === "pairwise" ? (
          <>
            <SelectField ctx={ctx} name="left" label={t("prioritisation:admin.left")} value={values.left} error={errors.left} options={options} placeholder="" required />
            <SelectField ctx={ctx} name="right" label={t("prioritisation:admin.right")} value={values.right} error={errors.right} options={options} placeholder="" required />
            <SelectField ctx={ctx} name="outcome" label={t("prioritisation:admin.outcome")} value={values.outcome} error={errors.outcome} required
              options={[{ value: "left", label: t("prioritisation:admin.outcomeLeft") }, { value: "right", label: t("prioritisation:admin.outcomeRight") }, { value: "unsure", label: t("prioritisation:pairwise.unsure") }]} />
          </>
        ) : (
          <fieldset class={errors.items ? "form-section field-error" : "form-section"} id="campo-items">
            <legend>{t("prioritisation:admin.ballotItems")}</legend>
            {errors.items && <p class="error-message">{errors.items}</p>}
            {items.map((i) => (
              <div class="checkbox">
                <input type="checkbox" id={`item-${i.id}`} name="item" value={String(i.id)} checked={values.items.includes(i.id)} />
                <label for={`item-${i.id}`}>
                  {i.title}
                  {kind === "budget" && i.cost !== null && <> — {pesos(i.cost)}</>}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <Button>{t("prioritisation:admin.record")}</Button>
      </Form>
    </Layout>
  );
}
