/**
 * Public hearing pages: the list (upcoming first), one hearing (when, where, officials, turns left
 * online and the form to ask for one; after it, the public summary), and the attendee's private
 * turn page. Numbers, service names and folios only: never what an attendee typed or who they are.
 */
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, Pagination, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { HearingView, PetitionLink, PrivateTurn, PublicSummary } from "../hearing-queries.js";
import { hearingIcalPath, hearingPath, hearingScreenPath, hearingsIcalPath, hearingTurnsPath } from "../urls.js";
import { Folios, formState, GeneralError, HearingBasics, hearingWhen, petitionHref, Place, PublicCrumbs, statusLabel, turnStatusLabel, type FailedForm } from "./hearing-parts.js";

export function HearingsPage({ ctx, hearings, info, timeZone }: { ctx: PageContext; hearings: HearingView[]; info: PageInfo; timeZone: string }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("hearings:title")}>
      <PublicCrumbs ctx={ctx} items={[]} />
      <h1>{t("hearings:title")}</h1>
      <p class="lead">{t("hearings:lead")}</p>
      <p>
        <a href={hearingsIcalPath(m)}>{t("hearings:icalAll")}</a>
      </p>
      <Table<HearingView>
        caption={t("hearings:listCaption")}
        empty={t("hearings:none")}
        rows={hearings}
        columns={[
          { header: t("hearings:fields.title"), cell: (h) => <a href={hearingPath(m, h.slug)}>{h.title}</a> },
          { header: t("hearings:fields.when"), cell: (h) => hearingWhen(ctx, h, timeZone) },
          { header: t("hearings:fields.place"), cell: (h) => <Place h={h} slug={m} /> },
          { header: t("hearings:fields.status"), cell: (h) => statusLabel(ctx, h.status) },
        ]}
      />
      <Pagination ctx={ctx} info={info} />
    </Layout>
  );
}

export interface HearingPageProps {
  ctx: PageContext;
  hearing: HearingView;
  timeZone: string;
  onlineLeft: number;
  /** Why the form is not shown (a key of hearings:closedReason), or null when it is. */
  closedReason: string | null;
  summary: PublicSummary | null;
  foliosInfo: PageInfo | null;
  failed?: FailedForm;
}

function Summary({ ctx, hearing: h, summary: s, info }: { ctx: PageContext; hearing: HearingView; summary: PublicSummary; info: PageInfo }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <section aria-labelledby="resumen">
      <h2 id="resumen">{t("hearings:summary.title")}</h2>
      {h.summary && <p class="description">{h.summary}</p>}
      <dl class="stats">
        <div>
          <dt>{t("hearings:summary.registered")}</dt>
          <dd>{s.registered}</dd>
        </div>
        <div>
          <dt>{t("hearings:summary.attended")}</dt>
          <dd>{s.attended}</dd>
        </div>
        <div>
          <dt>{t("hearings:summary.petitions")}</dt>
          <dd>{s.petitions}</dd>
        </div>
      </dl>
      <Table<{ topic: string; count: number }>
        caption={t("hearings:summary.byTopic")}
        empty={t("hearings:summary.noPetitions")}
        rows={s.byTopic}
        columns={[
          { header: t("hearings:summary.topic"), cell: (r) => r.topic },
          { header: t("hearings:summary.count"), cell: (r) => r.count, numeric: true },
        ]}
      />
      <h3>{t("hearings:summary.commitments")}</h3>
      {h.commitments.length ? (
        <ol>
          {h.commitments.map((c) => (
            <li>{c}</li>
          ))}
        </ol>
      ) : (
        <p class="empty">{t("hearings:summary.noCommitments")}</p>
      )}
      {s.listed > 0 && (
        <>
          <h3>{t("hearings:summary.folios")}</h3>
          <p>{t("hearings:summary.foliosHint")}</p>
          <ul>
            {s.folios.map((p: PetitionLink) => (
              <li>
                <a href={petitionHref(m, p)}>{p.folio}</a> · {p.topic}
              </li>
            ))}
          </ul>
          <Pagination ctx={ctx} info={info} param="folios" label={t("hearings:summary.foliosPages")} />
        </>
      )}
    </section>
  );
}

export function HearingPage(p: HearingPageProps) {
  const { ctx, hearing: h, timeZone } = p;
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const form = formState(p.failed, "turn");
  return (
    <Layout ctx={ctx} title={h.title}>
      <PublicCrumbs ctx={ctx} items={[{ label: h.title }]} />
      <h1>{h.title}</h1>
      <dl class="facts">
        <dt>{t("hearings:fields.status")}</dt>
        <dd>{statusLabel(ctx, h.status)}</dd>
        <HearingBasics ctx={ctx} hearing={h} timeZone={timeZone} />
        <dt>{t("hearings:fields.capacity")}</dt>
        <dd>{t("hearings:capacityText", { count: h.capacity, online: h.onlineCapacity })}</dd>
        {h.status === "programada" && (
          <>
            <dt>{t("hearings:fields.onlineLeft")}</dt>
            <dd>{p.onlineLeft}</dd>
          </>
        )}
        {h.status === "en_curso" && (
          <>
            <dt>{t("hearings:fields.currentTurn")}</dt>
            <dd>{h.currentTurn > 0 ? h.currentTurn : t("hearings:screen.noneYet")}</dd>
          </>
        )}
      </dl>
      {h.description && <p class="description">{h.description}</p>}
      <ul>
        <li>
          <a href={hearingIcalPath(m, h.slug)}>{t("hearings:icalOne")}</a>
        </li>
        {(h.status === "programada" || h.status === "en_curso") && (
          <li>
            <a href={hearingScreenPath(m, h.slug)}>{t("hearings:screenLink")}</a>
          </li>
        )}
      </ul>
      {p.summary && p.foliosInfo && <Summary ctx={ctx} hearing={h} summary={p.summary} info={p.foliosInfo} />}
      {h.status !== "concluida" && (
        <section aria-labelledby="pedir-turno">
          <h2 id="pedir-turno">{t("hearings:ask.title")}</h2>
          {p.closedReason && !p.failed ? (
            <p>{t(`hearings:closedReason.${p.closedReason}`)}</p>
          ) : (
            <>
              <p>{t("hearings:ask.intro")}</p>
              <Form ctx={ctx} action={hearingTurnsPath(m, h.slug)} errors={form.errors}>
                <GeneralError errors={form.errors} />
                <TextArea ctx={ctx} name="topic" label={t("hearings:ask.topic")} hint={t("hearings:ask.topicHint")} value={form.values.topic} error={form.errors?.topic} rows={3} required />
                <TextField ctx={ctx} name="email" type="email" autocomplete="email" inputmode="email" label={t("hearings:ask.email")} hint={t("hearings:ask.emailHint")} value={form.values.email} error={form.errors?.email} />
                <Button>{t("hearings:ask.button")}</Button>
              </Form>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}

export function TurnPage({ ctx, hearing: h, timeZone, turn, petitions }: { ctx: PageContext; hearing: HearingView; timeZone: string; turn: PrivateTurn; petitions: PetitionLink[] }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("hearings:turn.title", { number: turn.number })}>
      <PublicCrumbs ctx={ctx} items={[{ href: hearingPath(m, h.slug), label: h.title }, { label: t("hearings:turn.crumb") }]} />
      <h1>{t("hearings:turn.title", { number: turn.number })}</h1>
      <p class="lead">{t("hearings:turn.keep")}</p>
      <dl class="facts">
        <dt>{t("hearings:turn.hearing")}</dt>
        <dd>
          <a href={hearingPath(m, h.slug)}>{h.title}</a>
        </dd>
        <HearingBasics ctx={ctx} hearing={h} timeZone={timeZone} officials={false} />
        <dt>{t("hearings:turn.status")}</dt>
        <dd>{turnStatusLabel(ctx, turn.status)}</dd>
        <dt>{t("hearings:fields.currentTurn")}</dt>
        <dd>{h.status === "en_curso" && h.currentTurn > 0 ? h.currentTurn : statusLabel(ctx, h.status)}</dd>
        <dt>{t("hearings:turn.folios")}</dt>
        <dd>{petitions.length ? <Folios slug={m} petitions={petitions} /> : t("hearings:turn.noFolios")}</dd>
      </dl>
      {(h.status === "programada" || h.status === "en_curso") && (
        <p>
          <a href={hearingScreenPath(m, h.slug)}>{t("hearings:screenLink")}</a>
        </p>
      )}
    </Layout>
  );
}
