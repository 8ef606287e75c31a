/**
 * OGP's commitment sheet (the official column layout of opengovpartnership.org's commitment
 * data, as mirrored by g0v/ogp-commitments) read into Cabildo plans, without a database: columns
 * are found by name (files carry 165 to 171 columns in varying order), every row is checked
 * before anything is stored, and each Action Plan ID becomes one plan whose commitments keep
 * OGP's identifiers, texts and the IRM's ratings (ogp-import-ratings.ts). Dates: see
 * ogp-import-dates.ts; contact data in texts: see ogp-import-text.ts.
 */
import type { LocalDate } from "../../platform/calendar/dates.js";
import { CsvSyntaxError, parseCsv } from "../opinion/polis-export/csv.js";
import { dayOrderEvidence, parseOgpDate, type DayOrder } from "./ogp-import-dates.js";
import { IRM_COLUMNS, irmCheckpointTitle, readIrmRatings, type IrmReading, type IrmReportKind } from "./ogp-import-ratings.js";
import { clip, isBlank, oneLine, withoutContactData } from "./ogp-import-text.js";
import type { PlanStatus } from "./tables.js";

/** A file that is not OGP's layout, or a malformed row: the message is Spanish and names the line. */
export class OgpImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OgpImportError";
  }
}

/** The columns read, by OGP's names. */
export const OGP_COLUMNS = {
  identifier: "Commitment Unique Identifier",
  planId: "Action Plan ID",
  country: "Country/Locality",
  planNumber: "Action Plan Number",
  commitmentNumber: "Commitment Number",
  submissionYear: "Year Of Submission",
  planEndYear: "Action Plan End Year",
  title: "Commitment Title",
  shortTitle: "Short Title",
  fullText: "Full Text",
  startDate: "Start Date",
  endDate: "End Date",
  leadInstitution: "Lead Institution",
  supportingInstitutions: "Supporting Institution(s)",
  theme: "Theme",
  valueInformation: "OGP Value Access To Information",
  valueParticipation: "OGP Value Civic Participation",
  valueAccountability: "OGP Value Public Accountability",
  valueTechnology: "OGP Value Technology",
  url: "URL",
  latestIrmReport: "Latest IRM Report",
  ...IRM_COLUMNS,
} as const;
const REQUIRED = Object.values(OGP_COLUMNS);
/** Kept in ogp_data as published (contact data removed): the facts that have no column of their own. */
const KEPT: string[] = REQUIRED.filter((c) => c !== OGP_COLUMNS.fullText && c !== OGP_COLUMNS.title);

export interface OgpRow {
  /** Physical line where the record starts (1 = header). */
  line: number;
  cells: Record<string, string>;
}

/** Parse and check a whole file; throws OgpImportError before anything could be stored. */
export function readOgpCsv(text: string): OgpRow[] {
  let records;
  try {
    records = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ""));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new OgpImportError(`Línea ${error.line}: ${error.message}.`);
    throw error;
  }
  if (records.length === 0) throw new OgpImportError("El archivo está vacío.");
  const header = records[0]!.fields.map((h) => h.trim());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new OgpImportError(`El archivo no tiene el formato de compromisos de OGP: faltan las columnas ${missing.map((c) => `«${c}»`).join(", ")}.`);
  }
  const index = new Map(REQUIRED.map((c) => [c, header.indexOf(c)]));
  const seen = new Map<string, number>();
  return records.slice(1).map((record) => {
    if (record.fields.length !== header.length) {
      throw new OgpImportError(`Línea ${record.line}: la fila tiene ${record.fields.length} columnas y el encabezado ${header.length}; el archivo parece truncado o mal formado.`);
    }
    const cells: Record<string, string> = {};
    for (const [column, i] of index) cells[column] = record.fields[i]!;
    const id = cells[OGP_COLUMNS.identifier]!.trim();
    const plan = cells[OGP_COLUMNS.planId]!.trim();
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(id)) throw new OgpImportError(`Línea ${record.line}: falta o no es válido el identificador del compromiso («${OGP_COLUMNS.identifier}»).`);
    if (!/^[A-Za-z0-9][A-Za-z0-9_]{0,39}$/.test(plan)) throw new OgpImportError(`Línea ${record.line}: falta o no es válido el identificador del plan («${OGP_COLUMNS.planId}»).`);
    const key = `${plan}/${id}`;
    if (seen.has(key)) throw new OgpImportError(`Línea ${record.line}: el compromiso ${id} del plan ${plan} ya aparece en la línea ${seen.get(key)}.`);
    seen.set(key, record.line);
    return { line: record.line, cells: { ...cells, [OGP_COLUMNS.identifier]: id, [OGP_COLUMNS.planId]: plan } };
  });
}

export interface OgpSelection {
  /** Action Plan IDs (e.g. AP_UKR02); every plan when empty. */
  planIds?: string[];
  /** Country/Locality as in the file (case and accents ignored). */
  country?: string;
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").trim().toLowerCase();

/** The rows of the chosen plans and country; naming a plan or country the file lacks is an error. */
export function selectOgpRows(rows: OgpRow[], selection: OgpSelection): OgpRow[] {
  let out = rows;
  if (selection.country) {
    const wanted = fold(selection.country);
    out = out.filter((r) => fold(r.cells[OGP_COLUMNS.country]!) === wanted);
    if (out.length === 0) {
      const countries = [...new Set(rows.map((r) => r.cells[OGP_COLUMNS.country]!.trim()))].sort();
      throw new OgpImportError(`Ningún compromiso del archivo es de «${selection.country}». Países y localidades del archivo: ${countries.join(", ")}.`);
    }
  }
  const planIds = (selection.planIds ?? []).map((p) => p.trim().toUpperCase()).filter(Boolean);
  if (planIds.length > 0) {
    const present = new Set(out.map((r) => r.cells[OGP_COLUMNS.planId]!.toUpperCase()));
    const absent = planIds.filter((p) => !present.has(p));
    if (absent.length > 0) throw new OgpImportError(`El archivo no tiene compromisos del plan ${absent.join(", ")}${selection.country ? ` de «${selection.country}»` : ""}.`);
    out = out.filter((r) => planIds.includes(r.cells[OGP_COLUMNS.planId]!.toUpperCase()));
  }
  return out;
}

export interface CommitmentDraft {
  ogpIdentifier: string;
  title: string;
  description: string;
  leadOfficial: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  relevance: { transparency: boolean; participation: boolean; accountability: boolean };
  ogpData: Record<string, string>;
  irm: IrmReading;
}

export interface CheckpointDraft {
  report: IrmReportKind;
  year: number;
  title: string;
  scheduledOn: LocalDate;
}

export interface PlanDraft {
  ogpPlanId: string;
  slug: string;
  title: string;
  description: string;
  sourceReference: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  /** The status a newly created plan gets (finished when its period is over). */
  status: PlanStatus;
  commitments: CommitmentDraft[];
  checkpoints: CheckpointDraft[];
}

const MAX_DESCRIPTION = 12_000;
/** OGP's commitment numbers ("2", "2.1", "10") in their natural order. */
const byNumber = new Intl.Collator("en", { numeric: true });
const yearCell = (v: string | undefined) => (/^\d{4}$/.test((v ?? "").trim()) ? Number(v) : null);
const minDate = (dates: LocalDate[]) => dates.reduce((a, b) => (b < a ? b : a));
const maxDate = (dates: LocalDate[]) => dates.reduce((a, b) => (b > a ? b : a));

/** "AP_UKR02" → "ogp-ap-ukr02" (slugs take no underscore). */
export function ogpPlanSlug(ogpPlanId: string): string {
  return `ogp-${ogpPlanId.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

function titleOf(cells: Record<string, string>, id: string): string {
  const full = oneLine(withoutContactData(cells[OGP_COLUMNS.title]!));
  const short = oneLine(withoutContactData(cells[OGP_COLUMNS.shortTitle]!));
  for (const candidate of [full, short]) if (!isBlank(candidate) && candidate.length >= 5 && candidate.length <= 300) return candidate;
  if (!isBlank(full) && full.length > 300) return clip(full, 300);
  return `Compromiso ${id} de OGP`;
}

function descriptionOf(cells: Record<string, string>): string {
  const text = withoutContactData(cells[OGP_COLUMNS.fullText]!).replace(/\r\n?/g, "\n").trim();
  if (isBlank(text)) return "";
  if (text.length <= MAX_DESCRIPTION) return text;
  const note = `\n\n[Texto recortado: el texto completo está en la ficha del compromiso en OGP: ${cells[OGP_COLUMNS.url]!.trim()}]`;
  return clip(text, MAX_DESCRIPTION - note.length) + note;
}

/**
 * The commitment's period. A date that cannot be read takes the plan's; when OGP's two dates
 * contradict each other (end before start) neither is trusted. A missing bound that would land
 * on the wrong side of the other takes the other's year instead.
 */
function commitmentPeriod(start: LocalDate | null, end: LocalDate | null, plan: { startsOn: LocalDate; endsOn: LocalDate }): [LocalDate, LocalDate] {
  if (start && end && end < start) return [plan.startsOn, plan.endsOn];
  let s = start ?? plan.startsOn;
  let e = end ?? plan.endsOn;
  if (e < s) {
    if (start) e = `${start.slice(0, 4)}-12-31`;
    else s = `${end!.slice(0, 4)}-01-01`;
  }
  return [s, e];
}

function draftPlan(ogpPlanId: string, rows: OgpRow[], today: LocalDate): PlanDraft {
  const first = rows[0]!.cells;
  const c = OGP_COLUMNS;
  const planOrder: DayOrder = dayOrderEvidence(rows.flatMap((r) => [r.cells[c.startDate]!, r.cells[c.endDate]!])) ?? "mdy";
  const read = rows.map((r) => {
    const order = dayOrderEvidence([r.cells[c.startDate]!, r.cells[c.endDate]!]) ?? planOrder;
    return { row: r, start: parseOgpDate(r.cells[c.startDate]!, "start", order), end: parseOgpDate(r.cells[c.endDate]!, "end", order) };
  });
  const submitted = rows.map((r) => yearCell(r.cells[c.submissionYear])).filter((y): y is number => y !== null);
  const ending = rows.map((r) => yearCell(r.cells[c.planEndYear])).filter((y): y is number => y !== null);
  const known = read.flatMap((x) => [x.start, x.end]).filter((d): d is LocalDate => d !== null);
  const base = {
    startsOn: submitted.length ? `${Math.min(...submitted)}-01-01` : known.length ? minDate(known) : null,
    endsOn: ending.length ? `${Math.max(...ending)}-12-31` : known.length ? maxDate(known) : null,
  };
  if (!base.startsOn || !base.endsOn) {
    throw new OgpImportError(`Línea ${rows[0]!.line}: el plan ${ogpPlanId} no tiene año de presentación («${c.submissionYear}») ni fechas legibles.`);
  }
  const planPeriod = { startsOn: base.startsOn, endsOn: base.endsOn < base.startsOn ? `${base.startsOn.slice(0, 4)}-12-31` : base.endsOn };

  const commitments = read
    .sort((a, b) => byNumber.compare(a.row.cells[c.commitmentNumber]!, b.row.cells[c.commitmentNumber]!) || byNumber.compare(a.row.cells[c.identifier]!, b.row.cells[c.identifier]!))
    .map(({ row, start, end }): CommitmentDraft => {
      const cells = row.cells;
      const id = cells[c.identifier]!;
      const relevance = { transparency: cells[c.valueInformation]!.trim() === "1", participation: cells[c.valueParticipation]!.trim() === "1", accountability: cells[c.valueAccountability]!.trim() === "1" };
      const [startsOn, endsOn] = commitmentPeriod(start, end, planPeriod);
      const lead = oneLine(withoutContactData(cells[c.leadInstitution]!));
      const ogpData: Record<string, string> = {};
      for (const column of KEPT) ogpData[column] = withoutContactData(cells[column]!.trim());
      if (oneLine(cells[c.title]!).length > 300) ogpData[c.title] = withoutContactData(oneLine(cells[c.title]!));
      return {
        ogpIdentifier: id, title: titleOf(cells, id), description: descriptionOf(cells),
        leadOfficial: isBlank(lead) ? "" : clip(lead, 200), startsOn, endsOn, relevance, ogpData,
        irm: readIrmRatings(cells, relevance.transparency || relevance.participation || relevance.accountability, cells[c.url]!.trim()),
      };
    });

  // One checkpoint per report and year; a report-year's date is its 1 January (the sheet gives only the year).
  const checkpoints = new Map<string, CheckpointDraft>();
  for (const a of commitments.flatMap((x) => x.irm.assessments)) {
    const title = irmCheckpointTitle(a.report, a.year);
    checkpoints.set(title, { report: a.report, year: a.year, title, scheduledOn: `${a.year}-01-01` });
  }
  const dates = [planPeriod.startsOn, planPeriod.endsOn, ...commitments.flatMap((x) => [x.startsOn, x.endsOn]), ...[...checkpoints.values()].map((k) => k.scheduledOn)];
  const startsOn = minDate(dates);
  const endsOn = maxDate(dates);
  const country = isBlank(first[c.country]) ? "" : ` ${oneLine(first[c.country]!)}`;
  const number = /^\d+$/.test(first[c.planNumber]!.trim()) ? ` ${Number(first[c.planNumber])}.º` : "";
  const years = submitted.length && ending.length ? `, presentado en ${Math.min(...submitted)} con fin en ${Math.max(...ending)}` : "";
  const memberPage = /^(https?:\/\/[^\s]+\/members\/[^/\s]+\/)/.exec(first[c.url]!.trim())?.[1];
  return {
    ogpPlanId,
    slug: ogpPlanSlug(ogpPlanId),
    title: clip(`Plan de acción OGP${country}${number} (${ogpPlanId})`, 200),
    description: `Compromisos del${number} plan de acción${country ? ` de${country}` : ""} ante la Alianza para el Gobierno Abierto (OGP)${years}, tomados de la hoja pública de compromisos de OGP con las valoraciones publicadas por su Mecanismo de Revisión Independiente (IRM). Fuente: Open Government Partnership.`,
    sourceReference: clip(`Plan de acción OGP ${ogpPlanId}${memberPage ? ` — ${memberPage}` : ""}`, 500),
    startsOn,
    endsOn,
    status: endsOn < today ? "finalizado" : "implementacion",
    commitments,
    checkpoints: [...checkpoints.values()].sort((a, b) => a.scheduledOn.localeCompare(b.scheduledOn) || a.title.localeCompare(b.title)),
  };
}

/** One plan per Action Plan ID, in the order the file first names them. */
export function draftOgpPlans(rows: OgpRow[], today: LocalDate): PlanDraft[] {
  const groups = new Map<string, OgpRow[]>();
  for (const r of rows) {
    const id = r.cells[OGP_COLUMNS.planId]!.toUpperCase();
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  return [...groups].map(([id, group]) => draftPlan(id, group, today));
}
