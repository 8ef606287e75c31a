/** Pieces shared by the hearing pages: breadcrumbs, dates in the municipality's zone, labels, folios. */
import { Breadcrumbs } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { HearingView, PetitionLink } from "../hearing-queries.js";
import type { HearingStatus, TurnStatus, TurnVia } from "../tables.js";
import { adminHearingsPath, hearingsPath, officePath, proposalPagePath, requestFolioPath } from "../urls.js";

export { Checkbox, formState, GeneralError, type FailedForm } from "../../plans/views/staff-parts.js";

const lang = (ctx: PageContext) => (ctx.locale === "en" ? "en" : "es-MX");

/** "miércoles, 4 de marzo de 2026" */
export function hearingDay(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone }).format(d);
}

export function clock(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(d);
}

/** "miércoles, 4 de marzo de 2026, de 10:00 a 13:00" */
export function hearingWhen(ctx: PageContext, h: Pick<HearingView, "startsAt" | "endsAt">, timeZone: string): string {
  return ctx.t("hearings:when", { day: hearingDay(ctx, h.startsAt, timeZone), from: clock(ctx, h.startsAt, timeZone), to: clock(ctx, h.endsAt, timeZone) });
}

export function dateTime(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
}

export const statusLabel = (ctx: PageContext, s: HearingStatus) => ctx.t(`hearings:status.${s}`);
export const turnStatusLabel = (ctx: PageContext, s: TurnStatus) => ctx.t(`hearings:turnStatus.${s}`);
export const viaLabel = (ctx: PageContext, v: TurnVia) => ctx.t(`hearings:via.${v}`);

/** The place, linked to the office's page when the hearing is at one of the offices. */
export function Place({ h, slug }: { h: HearingView; slug: string }) {
  if (!h.office) return <>{h.place}</>;
  return <a href={officePath(slug, h.office.slug)}>{h.place}</a>;
}

export function petitionHref(slug: string, p: PetitionLink): string {
  return p.kind === "solicitud" || p.processSlug === null ? requestFolioPath(slug, p.folio) : proposalPagePath(slug, p.processSlug, p.proposalNumber!);
}

/** Folios linked to their public pages (never the attendee's words). */
export function Folios({ slug, petitions }: { slug: string; petitions: PetitionLink[] }) {
  if (petitions.length === 0) return <>—</>;
  return (
    <>
      {petitions.map((p, i) => (
        <>
          {i > 0 && ", "}
          <a href={petitionHref(slug, p)}>{p.folio}</a>
        </>
      ))}
    </>
  );
}

export function PublicCrumbs({ ctx, items }: { ctx: PageContext; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!;
  return <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: hearingsPath(m.slug), label: ctx.t("hearings:title") }, ...items]} />;
}

export function StaffCrumbs({ ctx, items }: { ctx: PageContext; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${m}/admin`, label: ctx.t("hearings:crumbs.admin") }, { href: adminHearingsPath(m), label: ctx.t("hearings:title") }, ...items]} />;
}

/** Messages of a refused form the page no longer shows (the hearing moved on), at the top of the page. */
export function RefusedMessages({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      {messages.map((message) => (
        <p class="error-message">{message}</p>
      ))}
    </div>
  );
}

/** When, where (and who): the facts every page of a hearing lists, inside its <dl class="facts">. */
export function HearingBasics({ ctx, hearing: h, timeZone, officials = true }: { ctx: PageContext; hearing: HearingView; timeZone: string; officials?: boolean }) {
  const t = ctx.t;
  return (
    <>
      <dt>{t("hearings:fields.when")}</dt>
      <dd>{hearingWhen(ctx, h, timeZone)}</dd>
      <dt>{t("hearings:fields.place")}</dt>
      <dd>
        <Place h={h} slug={ctx.municipality!.slug} />
      </dd>
      {officials && (
        <>
          <dt>{t("hearings:fields.officials")}</dt>
          <dd>{h.officials.length ? h.officials.join(" · ") : t("hearings:noOfficials")}</dd>
        </>
      )}
    </>
  );
}
