/** Staff pages: the list of processes, a new process, and one process's forms (details, status, phases, team, documents, rules). */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PhaseView, ProcessView } from "../processes.js";
import { COMPONENTS, PARTICIPATION_ACTIONS, PARTICIPATION_LEVELS, SECTORS, type ParticipationAction, type ParticipationLevel, type ProcessStatus } from "../tables.js";
import type { DocumentView, MemberView } from "../team.js";
import { componentList, formatDate } from "./public.js";

type Values = Record<string, string | string[]>;
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export function AdminListPage({ ctx, rows, info }: { ctx: PageContext; rows: { slug: string; title: string; status: ProcessStatus }[]; info: PageInfo }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("participation:admin.title")}>
      <h1>{t("participation:admin.title")}</h1>
      <p>{t("participation:admin.intro")}</p>
      <p>
        <a class="button button-primary" href={`/${slug}/admin/participa/nuevo`}>
          {t("participation:admin.new")}
        </a>
      </p>
      <Table
        caption={t("participation:admin.title")}
        empty={t("participation:admin.empty")}
        rows={rows}
        columns={[
          { header: t("participation:admin.process"), cell: (r) => <a href={`/${slug}/admin/participa/${r.slug}`}>{r.title}</a> },
          { header: t("participation:admin.status"), cell: (r) => t(`participation:status_${r.status}`) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

function ProcessFields({ ctx, values, errors }: { ctx: PageContext; values: Values; errors?: FieldErrors }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("participation:admin.titleField")} value={str(values.title)} error={errors?.title} required />
      <TextField ctx={ctx} name="slug" label={t("participation:admin.slug")} hint={t("participation:admin.slugHint")} value={str(values.slug)} error={errors?.slug} required />
      <TextArea ctx={ctx} name="summary" rows={3} label={t("participation:admin.summary")} value={str(values.summary)} error={errors?.summary} />
      <TextArea ctx={ctx} name="description" rows={8} label={t("participation:admin.descriptionField")} value={str(values.description)} error={errors?.description} />
    </>
  );
}

export function AdminNewPage({ ctx, values = {}, errors }: { ctx: PageContext; values?: Values; errors?: FieldErrors }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("participation:admin.new")}>
      <Breadcrumbs items={[{ href: `/${slug}/admin/participa`, label: t("participation:admin.title") }, { label: t("participation:admin.new") }]} />
      <h1>{t("participation:admin.new")}</h1>
      <Form ctx={ctx} action={`/${slug}/admin/participa/nuevo`} errors={errors}>
        <ProcessFields ctx={ctx} values={values} errors={errors} />
        <Button>{t("participation:admin.create")}</Button>
      </Form>
    </Layout>
  );
}

export function PhaseFields({ ctx, values, errors, prefix }: { ctx: PageContext; values: Values; errors?: FieldErrors; prefix: string }) {
  const t = ctx.t;
  const chosen = Array.isArray(values.components) ? values.components : values.components ? [values.components] : [];
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("participation:admin.phaseTitle")} value={str(values.title)} error={errors?.title} required />
      <TextField ctx={ctx} name="startsOn" type="date" label={t("participation:admin.startsOn")} value={str(values.startsOn)} error={errors?.startsOn} required />
      <TextField ctx={ctx} name="endsOn" type="date" label={t("participation:admin.endsOn")} value={str(values.endsOn)} error={errors?.endsOn} required />
      <TextArea ctx={ctx} name="description" rows={3} label={t("participation:admin.descriptionField")} value={str(values.description)} error={errors?.description} />
      <fieldset class="form-section" id="campo-components">
        <legend>{t("participation:admin.components")}</legend>
        {errors?.components && <p class="error-message">{errors.components}</p>}
        {COMPONENTS.map((c) => (
          <div class="checkbox">
            <input type="checkbox" id={`${prefix}-${c}`} name="components" value={c} checked={chosen.includes(c)} />
            <label for={`${prefix}-${c}`}>{t(`participation:component_${c}`)}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}

export interface AdminProcessProps {
  ctx: PageContext;
  process: ProcessView;
  members: MemberView[];
  documents: DocumentView[];
  rules: Record<ParticipationAction, ParticipationLevel>;
  links: { href: string; label: string }[];
  /** Which form the values and errors belong to. */
  form?: "status" | "phase" | "member" | "document" | "rules";
  values?: Values;
  errors?: FieldErrors;
}

export function AdminProcessPage({ ctx, process, members, documents, rules, links, form, values = {}, errors }: AdminProcessProps) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const base = `/${slug}/admin/participa/${process.slug}`;
  const v = (f: AdminProcessProps["form"]) => (form === f ? values : {});
  const e = (f: AdminProcessProps["form"]) => (form === f ? errors : undefined);
  const transitions: { status: ProcessStatus; label: string }[] =
    process.status === "draft"
      ? [{ status: "published", label: t("participation:admin.publish") }]
      : process.status === "published"
        ? [
            { status: "closed", label: t("participation:admin.close") },
            { status: "draft", label: t("participation:admin.toDraft") },
          ]
        : [{ status: "published", label: t("participation:admin.reopen") }];
  return (
    <Layout ctx={ctx} title={process.title}>
      <Breadcrumbs items={[{ href: `/${slug}/admin/participa`, label: t("participation:admin.title") }, { label: process.title }]} />
      <h1>{process.title}</h1>
      <p>
        {t("participation:admin.status")}: <strong>{t(`participation:status_${process.status}`)}</strong> · <a href={`/${slug}/participa/${process.slug}`}>{t("participation:admin.publicPage")}</a> · <a href={`${base}/editar`}>{t("participation:admin.editDetails")}</a>
      </p>

      <section aria-labelledby="componentes">
        <h2 id="componentes">{t("participation:admin.componentLinks")}</h2>
        {links.length === 0 ? (
          <p class="empty">{t("participation:admin.componentLinksEmpty")}</p>
        ) : (
          <ul>
            {links.map((l) => (
              <li>
                <a href={l.href}>{l.label}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="estado">
        <h2 id="estado">{t("participation:admin.statusTitle")}</h2>
        {e("status")?.status && (
          <p class="error-message" role="alert">
            {e("status")!.status}
          </p>
        )}
        {transitions.map((tr) => (
          <form method="post" action={`${base}/estado`} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="status" value={tr.status} />
            <Button kind={tr.status === "published" ? "primary" : "secondary"}>{tr.label}</Button>
          </form>
        ))}
      </section>

      <section>
        <h2 id="etapas">{t("participation:admin.phasesTitle")}</h2>
        <Table<PhaseView>
          caption={t("participation:admin.phasesTitle")}
          empty={t("participation:admin.noPhases")}
          rows={process.phases}
          columns={[
            { header: "#", cell: (p) => p.position, numeric: true },
            { header: t("participation:admin.phaseTitle"), cell: (p) => <a href={`${base}/etapas/${p.id}`}>{p.title}</a> },
            { header: t("participation:admin.dates"), cell: (p) => `${formatDate(ctx, p.startsOn)} – ${formatDate(ctx, p.endsOn)}` },
            { header: t("participation:admin.components"), cell: (p) => componentList(ctx, p.components) || "—" },
          ]}
        />
        <h3>{t("participation:admin.addPhase")}</h3>
        <Form ctx={ctx} action={`${base}/etapas`} errors={e("phase")}>
          <PhaseFields ctx={ctx} values={v("phase")} errors={e("phase")} prefix="nueva" />
          <Button>{t("participation:admin.addPhase")}</Button>
        </Form>
      </section>

      <section>
        <h2 id="equipo">{t("participation:admin.teamTitle")}</h2>
        <Table<MemberView>
          caption={t("participation:admin.teamTitle")}
          empty={t("participation:teamEmpty")}
          rows={members}
          columns={[
            { header: t("participation:admin.memberName"), cell: (m) => m.name },
            { header: t("participation:admin.organisation"), cell: (m) => m.organisation || "—" },
            { header: t("participation:admin.sector"), cell: (m) => t(`participation:sector_${m.sector}`) },
            { header: t("participation:admin.role"), cell: (m) => m.role || "—" },
            {
              header: t("participation:admin.actions"),
              cell: (m) => (
                <form method="post" action={`${base}/equipo/${m.id}/quitar`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="link-button" aria-label={`${t("participation:admin.removeMember")}: ${m.name}`}>
                    {t("participation:admin.removeMember")}
                  </button>
                </form>
              ),
            },
          ]}
        />
        <h3>{t("participation:admin.addMember")}</h3>
        <Form ctx={ctx} action={`${base}/equipo`} errors={e("member")}>
          <TextField ctx={ctx} name="name" label={t("participation:admin.memberName")} value={str(v("member").name)} error={e("member")?.name} required />
          <TextField ctx={ctx} name="organisation" label={t("participation:admin.organisation")} value={str(v("member").organisation)} error={e("member")?.organisation} />
          <SelectField ctx={ctx} name="sector" label={t("participation:admin.sector")} value={str(v("member").sector)} error={e("member")?.sector} required placeholder="" options={SECTORS.map((s) => ({ value: s, label: t(`participation:sector_${s}`) }))} />
          <TextField ctx={ctx} name="role" label={t("participation:admin.role")} value={str(v("member").role)} error={e("member")?.role} />
          <Button>{t("participation:admin.addMember")}</Button>
        </Form>
      </section>

      <section>
        <h2 id="documentos">{t("participation:admin.documentsTitle")}</h2>
        <Table<DocumentView>
          caption={t("participation:admin.documentsTitle")}
          empty={t("participation:documentsEmpty")}
          rows={documents}
          columns={[
            { header: t("participation:admin.documentTitle"), cell: (d) => <a href={`/${slug}/participa/${process.slug}/documentos/${d.id}`}>{d.title}</a> },
            { header: t("participation:admin.fileType"), cell: (d) => d.fileType.toUpperCase() },
            {
              header: t("participation:admin.actions"),
              cell: (d) => (
                <form method="post" action={`${base}/documentos/${d.id}/quitar`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="link-button" aria-label={`${t("participation:admin.removeDocument")}: ${d.title}`}>
                    {t("participation:admin.removeDocument")}
                  </button>
                </form>
              ),
            },
          ]}
        />
        <h3>{t("participation:admin.addDocument")}</h3>
        <Form ctx={ctx} action={`${base}/documentos`} errors={e("document")} multipart>
          <TextField ctx={ctx} name="documentTitle" label={t("participation:admin.documentTitle")} value={str(v("document").documentTitle)} error={e("document")?.documentTitle} required />
          <div class={e("document")?.file ? "field field-error" : "field"}>
            <label for="campo-file">{t("participation:admin.file")}</label>
            {e("document")?.file && (
              <p class="error-message" id="error-file">
                {e("document")!.file}
              </p>
            )}
            <input id="campo-file" name="file" type="file" accept=".pdf,.xlsx,.csv,.docx,.odt,.png,.jpg,.jpeg" aria-describedby={e("document")?.file ? "error-file" : undefined} />
          </div>
          <Button>{t("participation:admin.addDocument")}</Button>
        </Form>
      </section>

      <section aria-labelledby="reglas">
        <h2 id="reglas">{t("participation:admin.rulesTitle")}</h2>
        <p>{t("participation:admin.rulesIntro")}</p>
        <Form ctx={ctx} action={`${base}/reglas`} errors={e("rules")}>
          {PARTICIPATION_ACTIONS.map((a) => (
            <SelectField
              ctx={ctx}
              name={a}
              label={t(`participation:action_${a}`).replace(/^./, (c) => c.toUpperCase())}
              value={form === "rules" ? str(values[a]) : rules[a]}
              error={e("rules")?.[a]}
              options={PARTICIPATION_LEVELS.map((l) => ({ value: l, label: t(`participation:level_${l}`) }))}
            />
          ))}
          <Button>{t("participation:admin.saveRules")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export function AdminPhasePage({ ctx, process, phase, values, errors }: { ctx: PageContext; process: ProcessView; phase: PhaseView; values?: Values; errors?: FieldErrors }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const base = `/${slug}/admin/participa/${process.slug}`;
  const current: Values = values ?? { title: phase.title, description: phase.description, startsOn: phase.startsOn, endsOn: phase.endsOn, components: phase.components };
  return (
    <Layout ctx={ctx} title={t("participation:admin.editPhase")}>
      <Breadcrumbs items={[{ href: `/${slug}/admin/participa`, label: t("participation:admin.title") }, { href: base, label: process.title }, { label: phase.title }]} />
      <h1>{t("participation:admin.editPhase")}</h1>
      <Form ctx={ctx} action={`${base}/etapas/${phase.id}`} errors={errors}>
        <PhaseFields ctx={ctx} values={current} errors={errors} prefix="etapa" />
        <Button>{t("participation:admin.save")}</Button>
      </Form>
      <form method="post" action={`${base}/etapas/${phase.id}/eliminar`} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Button kind="danger">{t("participation:admin.deletePhase")}</Button>
      </form>
    </Layout>
  );
}

export function AdminEditPage({ ctx, process, values, errors }: { ctx: PageContext; process: ProcessView; values?: Values; errors?: FieldErrors }) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const base = `/${slug}/admin/participa/${process.slug}`;
  const current: Values = values ?? { title: process.title, slug: process.slug, summary: process.summary, description: process.description };
  return (
    <Layout ctx={ctx} title={t("participation:admin.editDetails")}>
      <Breadcrumbs items={[{ href: `/${slug}/admin/participa`, label: t("participation:admin.title") }, { href: base, label: process.title }, { label: t("participation:admin.editDetails") }]} />
      <h1>{t("participation:admin.editDetails")}</h1>
      <Form ctx={ctx} action={`${base}/editar`} errors={errors}>
        <ProcessFields ctx={ctx} values={current} errors={errors} />
        <Button>{t("participation:admin.save")}</Button>
      </Form>
    </Layout>
  );
}
