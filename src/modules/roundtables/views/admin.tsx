/** Staff pages of roundtables: the list with the create form, and one roundtable's management page. */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { AgreementView, SessionSummary, StaffMember } from "../presenters.js";
import type { RoundtableDetail, RoundtableSummary } from "../queries.js";
import { ROUNDTABLE_SECTORS } from "../tables.js";
import { adminBase, publicBase } from "../urls.js";
import { AgreementStatusText, Checkbox, dateTime, formState, longDate, sectorLabel, SessionWhere, type FailedForm } from "./parts.js";
import type { ProcessInfo } from "./public.js";

function adminCrumbs(ctx: PageContext, process: ProcessInfo, more: { href?: string; label: string }[]) {
  const m = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${m}/admin/participa/${process.slug}`, label: process.title }, { href: adminBase(m, process.slug), label: ctx.t("roundtables:title") }, ...more]} />;
}

export function RoundtableFields({ ctx, values, errors }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string> }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="name" label={t("roundtables:name")} value={values.name} error={errors?.name} required />
      <TextField ctx={ctx} name="topic" label={t("roundtables:topic")} hint={t("roundtables:topicHint")} value={values.topic} error={errors?.topic} />
      <TextArea ctx={ctx} name="description" label={t("roundtables:description")} value={values.description} error={errors?.description} rows={4} />
    </>
  );
}

export function AdminRoundtablesPage({ ctx, process, roundtables, info, failed }: { ctx: PageContext; process: ProcessInfo; roundtables: RoundtableSummary[]; info: PageInfo; failed?: FailedForm }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const base = adminBase(m, process.slug);
  const create = formState(failed, "create");
  return (
    <Layout ctx={ctx} title={`${t("roundtables:adminTitle")} · ${process.title}`}>
      {adminCrumbs(ctx, process, [])}
      <h1>{t("roundtables:adminTitle")}</h1>
      <p>
        <a href={publicBase(m, process.slug)}>{t("roundtables:publicPage")}</a>
      </p>
      <Table<RoundtableSummary>
        caption={t("roundtables:title")}
        empty={t("roundtables:none")}
        rows={roundtables}
        columns={[
          { header: t("roundtables:name"), cell: (r) => <a href={`${base}/${r.id}`}>{r.name}</a> },
          { header: t("roundtables:coordinator"), cell: (r) => r.coordinator ?? "—" },
          { header: t("roundtables:membersCount"), cell: (r) => r.members, numeric: true },
          { header: t("roundtables:agreementsCount"), cell: (r) => t("roundtables:agreementsOpen", { total: r.agreements, open: r.openAgreements }) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
      <section aria-labelledby="nueva-mesa">
        <h2 id="nueva-mesa">{t("roundtables:create")}</h2>
        <Form ctx={ctx} action={base} errors={create.errors}>
          <RoundtableFields ctx={ctx} values={create.values} errors={create.errors} />
          <Button>{t("roundtables:createButton")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export function MemberFields({ ctx, values, errors }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string> }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="organisation" label={t("roundtables:organisation")} value={values.organisation} error={errors?.organisation} required />
      <SelectField ctx={ctx} name="sector" label={t("roundtables:sectorLabel")} value={values.sector} error={errors?.sector} placeholder={t("roundtables:choose")} options={ROUNDTABLE_SECTORS.map((s) => ({ value: s, label: sectorLabel(ctx, s) }))} required />
      <TextField ctx={ctx} name="representativeRole" label={t("roundtables:representativeRole")} hint={t("roundtables:representativeRoleHint")} value={values.representativeRole} error={errors?.representativeRole} />
      <TextField ctx={ctx} name="representativeName" label={t("roundtables:representativeName")} value={values.representativeName} error={errors?.representativeName} />
      <Checkbox name="namePublic" label={t("roundtables:namePublic")} checked={values.namePublic === "1"} />
      <Checkbox name="coordinator" label={t("roundtables:isCoordinator")} checked={values.coordinator === "1"} />
    </>
  );
}

export function SessionFields({ ctx, values, errors, withCancel }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string>; withCancel?: boolean }) {
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="title" label={t("roundtables:sessionTitle")} hint={t("roundtables:sessionTitleHint")} value={values.title} error={errors?.title} />
      <TextField ctx={ctx} name="date" type="date" label={t("roundtables:date")} hint={t("roundtables:dateHint")} value={values.date} error={errors?.date} required />
      <TextField ctx={ctx} name="startTime" type="time" label={t("roundtables:startTime")} hint={t("roundtables:timeHint")} value={values.startTime} error={errors?.startTime} required />
      <TextField ctx={ctx} name="endTime" type="time" label={t("roundtables:endTime")} value={values.endTime} error={errors?.endTime} required />
      <TextField ctx={ctx} name="place" label={t("roundtables:place")} hint={t("roundtables:placeHint")} value={values.place} error={errors?.place} />
      <TextField ctx={ctx} name="onlineUrl" type="url" label={t("roundtables:onlineUrl")} value={values.onlineUrl} error={errors?.onlineUrl} />
      <TextArea ctx={ctx} name="agenda" label={t("roundtables:agenda")} hint={t("roundtables:agendaHint")} value={values.agenda} error={errors?.agenda} rows={5} />
      {withCancel && <Checkbox name="cancelled" label={t("roundtables:cancelSession")} checked={values.cancelled === "1"} />}
    </>
  );
}

export function AgreementFields({ ctx, values, errors, members, sessions, timeZone }: { ctx: PageContext; values: Record<string, string>; errors?: Record<string, string>; members: StaffMember[]; sessions: SessionSummary[]; timeZone: string }) {
  const t = ctx.t;
  return (
    <>
      <TextArea ctx={ctx} name="text" label={t("roundtables:agreementText")} value={values.text} error={errors?.text} rows={3} required />
      <SelectField ctx={ctx} name="responsibleMemberId" label={t("roundtables:responsible")} value={values.responsibleMemberId} error={errors?.responsibleMemberId} placeholder={t("roundtables:noResponsible")} options={members.map((m) => ({ value: String(m.id), label: m.organisation }))} />
      <TextField ctx={ctx} name="dueOn" type="date" label={t("roundtables:dueOn")} hint={t("roundtables:dueOnHint")} value={values.dueOn} error={errors?.dueOn} />
      <SelectField ctx={ctx} name="sessionId" label={t("roundtables:agreedIn")} value={values.sessionId} error={errors?.sessionId} placeholder={t("roundtables:noSession")} options={sessions.map((s) => ({ value: String(s.id), label: dateTime(ctx, s.startsAt, timeZone) }))} />
    </>
  );
}

export interface AdminRoundtableProps {
  ctx: PageContext;
  process: ProcessInfo;
  timeZone: string;
  roundtable: RoundtableDetail;
  members: StaffMember[];
  sessions: SessionSummary[];
  sessionsInfo: PageInfo;
  allSessions: SessionSummary[];
  agreements: AgreementView[];
  agreementsInfo: PageInfo;
  failed?: FailedForm;
}

export function AdminRoundtablePage({ ctx, process, timeZone, roundtable, members, sessions, sessionsInfo, allSessions, agreements, agreementsInfo, failed }: AdminRoundtableProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = `${adminBase(m, process.slug)}/${roundtable.ref.id}`;
  const edit = failed?.form === "edit" ? failed : { values: { name: roundtable.name, topic: roundtable.topic, description: roundtable.description }, errors: undefined };
  const member = formState(failed, "member");
  const session = formState(failed, "session");
  const agreement = formState(failed, "agreement");
  return (
    <Layout ctx={ctx} title={roundtable.name}>
      {adminCrumbs(ctx, process, [{ label: roundtable.name }])}
      <h1>{roundtable.name}</h1>
      <p>
        <a href={`${publicBase(m, process.slug)}/${roundtable.ref.id}`}>{t("roundtables:publicPage")}</a>
      </p>
      <section>
        <h2 id="integrantes">{t("roundtables:members")}</h2>
        <Table<StaffMember>
          caption={t("roundtables:members")}
          empty={t("roundtables:noMembers")}
          rows={members}
          columns={[
            { header: t("roundtables:organisation"), cell: (x) => <a href={`${here}/miembros/${x.id}`}>{x.organisation}</a> },
            { header: t("roundtables:sectorLabel"), cell: (x) => sectorLabel(ctx, x.sector) },
            { header: t("roundtables:representative"), cell: (x) => [x.representativeName, x.representativeRole].filter(Boolean).join(", ") || "—" },
            { header: t("roundtables:nameShown"), cell: (x) => (x.namePublic ? t("roundtables:yes") : t("roundtables:no")) },
            { header: t("roundtables:roleHeader"), cell: (x) => [x.coordinator ? t("roundtables:coordinatorShort") : "", x.active ? "" : t("roundtables:inactive")].filter(Boolean).join(", ") || "—" },
          ]}
        />
        <h3>{t("roundtables:addMember")}</h3>
        <Form ctx={ctx} action={`${here}/miembros`} errors={member.errors}>
          <MemberFields ctx={ctx} values={member.values} errors={member.errors} />
          <Button kind="secondary">{t("roundtables:addMemberButton")}</Button>
        </Form>
      </section>
      <section>
        <h2 id="sesiones">{t("roundtables:sessions")}</h2>
        <Table<SessionSummary>
          caption={t("roundtables:sessions")}
          empty={t("roundtables:noSessions")}
          rows={sessions}
          columns={[
            { header: t("roundtables:when"), cell: (s) => <a href={`${here}/sesiones/${s.id}`}>{dateTime(ctx, s.startsAt, timeZone)}</a> },
            { header: t("roundtables:where"), cell: (s) => <SessionWhere ctx={ctx} session={s} /> },
            { header: t("roundtables:minutes"), cell: (s) => (s.cancelled ? t("roundtables:cancelled") : s.minutesPublished ? t("roundtables:minutesPublished") : t("roundtables:minutesNotPublished")) },
          ]}
        />
        <Pagination ctx={ctx} info={sessionsInfo} param="sesiones" label={t("roundtables:sessions")} />
        <h3>{t("roundtables:newSession")}</h3>
        <Form ctx={ctx} action={`${here}/sesiones`} errors={session.errors}>
          <SessionFields ctx={ctx} values={session.values} errors={session.errors} />
          <Button kind="secondary">{t("roundtables:scheduleButton")}</Button>
        </Form>
      </section>
      <section>
        <h2 id="acuerdos">{t("roundtables:agreements")}</h2>
        <Table<AgreementView>
          caption={t("roundtables:agreements")}
          empty={t("roundtables:noAgreements")}
          rows={agreements}
          columns={[
            { header: t("roundtables:number"), cell: (a) => <a href={`${here}/acuerdos/${a.id}`}>{t("roundtables:agreementNumber", { number: a.number })}</a> },
            { header: t("roundtables:agreement"), cell: (a) => a.text },
            { header: t("roundtables:responsible"), cell: (a) => a.responsible?.organisation ?? "—" },
            { header: t("roundtables:dueOn"), cell: (a) => (a.dueOn ? longDate(ctx, a.dueOn) : "—") },
            { header: t("roundtables:statusHeader"), cell: (a) => <AgreementStatusText ctx={ctx} agreement={a} /> },
          ]}
        />
        <Pagination ctx={ctx} info={agreementsInfo} param="acuerdos" label={t("roundtables:agreements")} />
        <h3>{t("roundtables:newAgreement")}</h3>
        <Form ctx={ctx} action={`${here}/acuerdos`} errors={agreement.errors}>
          <AgreementFields ctx={ctx} values={agreement.values} errors={agreement.errors} members={members.filter((x) => x.active)} sessions={allSessions} timeZone={timeZone} />
          <Button kind="secondary">{t("roundtables:addAgreementButton")}</Button>
        </Form>
      </section>
      <section aria-labelledby="datos-mesa">
        <h2 id="datos-mesa">{t("roundtables:editRoundtable")}</h2>
        <Form ctx={ctx} action={here} errors={edit.errors}>
          <RoundtableFields ctx={ctx} values={edit.values} errors={edit.errors} />
          <Button kind="secondary">{t("roundtables:save")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export function AdminMemberPage({ ctx, process, roundtable, member, failed }: { ctx: PageContext; process: ProcessInfo; roundtable: RoundtableDetail; member: StaffMember; failed?: FailedForm }) {
  const t = ctx.t;
  const here = `${adminBase(ctx.municipality!.slug, process.slug)}/${roundtable.ref.id}`;
  const values = failed?.values ?? {
    organisation: member.organisation,
    sector: member.sector,
    representativeRole: member.representativeRole,
    representativeName: member.representativeName,
    namePublic: member.namePublic ? "1" : "",
    coordinator: member.coordinator ? "1" : "",
    active: member.active ? "1" : "",
  };
  return (
    <Layout ctx={ctx} title={member.organisation}>
      {adminCrumbs(ctx, process, [{ href: here, label: roundtable.name }, { label: member.organisation }])}
      <h1>{member.organisation}</h1>
      <Form ctx={ctx} action={`${here}/miembros/${member.id}`} errors={failed?.errors}>
        <MemberFields ctx={ctx} values={values} errors={failed?.errors} />
        <Checkbox name="active" label={t("roundtables:activeMember")} checked={values.active === "1"} />
        <Button>{t("roundtables:save")}</Button>
      </Form>
    </Layout>
  );
}
