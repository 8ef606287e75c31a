import { Layout } from "../../views/layout.js";
import { Breadcrumbs, Button, Form, Table, TextField, type FieldErrors } from "../../views/components.js";
import type { PageContext } from "../../views/context.js";
import type { Holiday } from "../holidays.js";
import type { NonWorkingDays } from "../queries.js";

/** "martes, 17 de noviembre de 2026" — a LocalDate shown without any time-zone shift. */
export function formatLocalDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-US" : "es-MX", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

export interface CalculatorResult {
  from: string;
  days: number;
  due: string;
}

interface CalendarPageProps {
  ctx: PageContext;
  year: number;
  holidays: Holiday[];
  municipal: NonWorkingDays[];
  cutoffTime: string;
  calculator: { values: Record<string, string>; errors?: FieldErrors; result?: CalculatorResult };
}

function YearNav({ ctx, year }: { ctx: PageContext; year: number }) {
  const base = `/${ctx.municipality!.slug}/calendario`;
  return (
    <p>
      <a href={`${base}?anio=${year - 1}`}>← {year - 1}</a> · <strong>{year}</strong> · <a href={`${base}?anio=${year + 1}`}>{year + 1} →</a>
    </p>
  );
}

function MunicipalTable({ ctx, rows }: { ctx: PageContext; rows: NonWorkingDays[] }) {
  const { t, locale } = ctx;
  return (
    <Table
      caption={t("calendar:municipalCaption")}
      empty={t("calendar:noMunicipal")}
      rows={rows}
      columns={[
        { header: t("calendar:from"), cell: (r) => formatLocalDate(r.startsOn, locale) },
        { header: t("calendar:to"), cell: (r) => formatLocalDate(r.endsOn, locale) },
        { header: t("calendar:reason"), cell: (r) => r.reason },
        { header: t("calendar:notice"), cell: (r) => (r.noticeUrl ? <a href={r.noticeUrl}>{r.officialNotice}</a> : r.officialNotice) },
      ]}
    />
  );
}

export function CalendarPage({ ctx, year, holidays, municipal, cutoffTime, calculator }: CalendarPageProps) {
  const { t, locale } = ctx;
  const m = ctx.municipality!;
  return (
    <Layout ctx={ctx} title={t("calendar:title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { label: t("calendar:title") }]} />
      <h1>{t("calendar:title")}</h1>
      <p class="lead">{t("calendar:intro", { cutoff: cutoffTime })}</p>
      <YearNav ctx={ctx} year={year} />
      <h2>{t("calendar:statutoryTitle", { year })}</h2>
      <Table
        caption={t("calendar:statutoryCaption", { year })}
        empty={t("empty")}
        rows={holidays}
        columns={[
          { header: t("calendar:date"), cell: (h) => formatLocalDate(h.date, locale) },
          { header: t("calendar:holiday"), cell: (h) => (locale === "en" ? h.nameEn : h.nameEs) },
        ]}
      />
      <h2>{t("calendar:municipalTitle", { year })}</h2>
      <MunicipalTable ctx={ctx} rows={municipal} />
      <h2 id="calculadora">{t("calendar:calculatorTitle")}</h2>
      <p>{t("calendar:calculatorIntro")}</p>
      <Form ctx={ctx} method="get" action={`/${m.slug}/calendario#calculadora`} errors={calculator.errors}>
        <input type="hidden" name="anio" value={String(year)} />
        <TextField ctx={ctx} name="desde" type="date" label={t("calendar:calcFrom")} value={calculator.values.desde} error={calculator.errors?.desde} required />
        <TextField ctx={ctx} name="dias" type="number" inputmode="numeric" label={t("calendar:calcDays")} value={calculator.values.dias} error={calculator.errors?.dias} required />
        <Button>{t("calendar:calculate")}</Button>
      </Form>
      {calculator.result && (
        <p class="flash flash-info" role="status">
          {t("calendar:calcResult", {
            days: calculator.result.days,
            from: formatLocalDate(calculator.result.from, locale),
            due: formatLocalDate(calculator.result.due, locale),
          })}
        </p>
      )}
    </Layout>
  );
}

interface AdminCalendarProps {
  ctx: PageContext;
  municipal: NonWorkingDays[];
  cutoffTime: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  cutoffError?: string;
}

export function AdminCalendarPage({ ctx, municipal, cutoffTime, values, errors, cutoffError }: AdminCalendarProps) {
  const { t } = ctx;
  const m = ctx.municipality!;
  return (
    <Layout ctx={ctx} title={t("calendar:adminTitle")}>
      <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/admin`, label: t("nav.admin") }, { label: t("calendar:adminTitle") }]} />
      <h1>{t("calendar:adminTitle")}</h1>
      <p>
        <a href={`/${m.slug}/calendario`}>{t("calendar:publicLink")}</a>
      </p>
      <h2>{t("calendar:addTitle")}</h2>
      <Form ctx={ctx} action={`/${m.slug}/admin/calendario`} errors={errors}>
        <TextField ctx={ctx} name="startsOn" type="date" label={t("calendar:from")} value={values.startsOn} error={errors?.startsOn} required />
        <TextField ctx={ctx} name="endsOn" type="date" label={t("calendar:to")} value={values.endsOn} error={errors?.endsOn} required />
        <TextField ctx={ctx} name="reason" label={t("calendar:reason")} hint={t("calendar:reasonHint")} value={values.reason} error={errors?.reason} required />
        <TextField ctx={ctx} name="officialNotice" label={t("calendar:notice")} hint={t("calendar:noticeHint")} value={values.officialNotice} error={errors?.officialNotice} required />
        <TextField ctx={ctx} name="noticeUrl" type="url" label={t("calendar:noticeUrl")} value={values.noticeUrl} error={errors?.noticeUrl} />
        <Button>{t("calendar:add")}</Button>
      </Form>
      <h2>{t("calendar:cutoffTitle")}</h2>
      <Form ctx={ctx} action={`/${m.slug}/admin/calendario/corte`} errors={cutoffError ? { cutoffTime: cutoffError } : undefined}>
        <TextField ctx={ctx} name="cutoffTime" type="time" label={t("calendar:cutoffLabel")} hint={t("calendar:cutoffHint")} value={cutoffTime} error={cutoffError} required />
        <Button>{t("form.save")}</Button>
      </Form>
      <h2>{t("calendar:registered")}</h2>
      <MunicipalTable ctx={ctx} rows={municipal} />
    </Layout>
  );
}
