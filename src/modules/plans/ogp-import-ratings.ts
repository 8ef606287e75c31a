/**
 * The Independent Reporting Mechanism's published ratings of one commitment, as Cabildo
 * assessments on the IRM's scales (plan_assessments, source 'irm'). Two reports can rate a
 * commitment: the progress report (mid-term; design and completion so far) and the end-of-term
 * report (completion and "did it open government?"). "ND", "NR", "NA" or an empty cell mean the
 * IRM did not rate it: a report whose completion is not rated gives no assessment — the raw
 * values stay in ogp_data. Nothing is inferred that the IRM did not publish, except where the
 * schema needs a value; each such case is named below and said in the narrative.
 */
import { isStarred } from "./progress.js";
import type { CompletionLevel, OpenedGovernmentLevel, PotentialLevel } from "./tables.js";

export type IrmReportKind = "avance" | "fin";

/** The IRM's cells this module reads, by OGP's column names. */
export const IRM_COLUMNS = {
  progressYear: "Report Publication Year (Progress Report)",
  verifiable: "Verifiable",
  potentialImpact: "Potential Impact",
  potentialForResults: "Potential for Results",
  progressCompletion: "Completion (Progress Report)",
  progressStarred: "Starred (Current Formula) Progress Report",
  endYear: "Report Publication Year (End Of Term)",
  endCompletion: "Completion (End Of Term)",
  openedGovernment: "Did It Open Government (Overall)",
  endStarred: "Starred (Current Formula) End of Term",
} as const;

export interface IrmAssessment {
  report: IrmReportKind;
  year: number;
  verifiable: boolean;
  potential: PotentialLevel | null;
  completion: CompletionLevel;
  openedGovernment: OpenedGovernmentLevel | null;
  starred: boolean;
  narrative: string;
}

export interface IrmReading {
  assessments: IrmAssessment[];
  /** Year of the report that says the commitment was withdrawn, when one does. */
  withdrawnIn: number | null;
}

/** Who the imported assessments are by, on every page that shows them. */
export const IRM_PUBLIC_NAME = "Mecanismo de Revisión Independiente (IRM) de OGP";

export function irmCheckpointTitle(report: IrmReportKind, year: number): string {
  return report === "avance" ? `Informe de avance del IRM (${year})` : `Informe de fin de periodo del IRM (${year})`;
}

/**
 * Completion. "Unclear" (the IRM could not establish it) is Cabildo's "sin evidencia";
 * "Withdrawn" is not a completion level: the commitment is marked withdrawn instead.
 */
const COMPLETION: Record<string, CompletionLevel> = {
  "not started": "no_iniciado", limited: "limitado", substantial: "sustancial", complete: "completo", completed: "completo", unclear: "sin_evidencia",
};

const OPENED_GOVERNMENT: Record<string, OpenedGovernmentLevel> = {
  worsens: "empeoro", "did not change": "sin_cambio", marginal: "marginal", major: "mayor", outstanding: "sobresaliente",
};

/** Since 2021 the IRM rates "potential for results"; its three levels are Cabildo's. */
const POTENTIAL_FOR_RESULTS: Record<string, PotentialLevel> = { unclear: "poco_claro", modest: "modesto", substantial: "sustancial" };

/**
 * Before 2021 the IRM rated "potential impact" on four levels. Mapping to the current three:
 * Transformative → sustancial (each was the level a starred commitment needed in its era);
 * Moderate and Minor → modesto (some but not transformative change); None → poco_claro (no
 * discernible potential, the lowest level). The original level stays in ogp_data and the narrative.
 */
const POTENTIAL_IMPACT: Record<string, PotentialLevel> = { none: "poco_claro", minor: "modesto", moderate: "modesto", transformative: "sustancial" };

const COMPLETION_ES: Record<CompletionLevel, string> = {
  sin_evidencia: "sin evidencia suficiente (el IRM lo calificó «Unclear»)", no_iniciado: "no iniciado", limitado: "limitado", sustancial: "sustancial", completo: "completo",
};
const OPENED_GOVERNMENT_ES: Record<OpenedGovernmentLevel, string> = {
  empeoro: "empeoró", sin_cambio: "no cambió", marginal: "marginalmente", mayor: "significativamente", sobresaliente: "de manera sobresaliente",
};
const POTENTIAL_ES: Record<PotentialLevel, string> = { poco_claro: "poco claro", modesto: "modesto", sustancial: "sustancial" };
const IMPACT_ES: Record<string, string> = { none: "ninguno", minor: "menor", moderate: "moderado", transformative: "transformador" };

const key = (value: string | undefined) => (value ?? "").trim().toLowerCase();
const rated = (value: string | undefined) => !["", "nd", "nr", "na", "n/a"].includes(key(value));

function reportYear(value: string | undefined): number | null {
  const year = Number(value?.trim());
  return /^\d{4}$/.test(value?.trim() ?? "") && year >= 2000 && year <= 2100 ? year : null;
}

/** The design rating the IRM published (current scale first), with the text that explains it. */
function potentialOf(cells: Record<string, string>): { level: PotentialLevel | null; text: string } {
  const current = POTENTIAL_FOR_RESULTS[key(cells[IRM_COLUMNS.potentialForResults])];
  if (current) return { level: current, text: `potencial de resultados ${POTENTIAL_ES[current]}` };
  const older = key(cells[IRM_COLUMNS.potentialImpact]);
  const mapped = POTENTIAL_IMPACT[older];
  if (mapped) return { level: mapped, text: `impacto potencial ${IMPACT_ES[older]} (escala anterior a 2021; equivale a potencial de resultados ${POTENTIAL_ES[mapped]})` };
  return { level: null, text: "sin valoración de su potencial" };
}

/**
 * "1"/"0" is the star OGP published for that report. It is OGP's own rating and can differ from
 * isStarred (e.g. older reports also required "moderate" or higher impact, or counted relevance
 * differently); only when OGP published none is it computed here with the current rule.
 */
function starOf(published: string | undefined, computed: boolean): { starred: boolean; text: string } {
  const v = key(published);
  if (v === "1" || v === "0") return { starred: v === "1", text: v === "1" ? "compromiso estelar según OGP" : "no estelar según OGP" };
  return { starred: computed, text: computed ? "estelar según la regla actual del IRM (OGP no publicó este dato)" : "no estelar según la regla actual del IRM (OGP no publicó este dato)" };
}

/** The IRM's assessments of one commitment; `relevant` = relevant to at least one OGP value. */
export function readIrmRatings(cells: Record<string, string>, relevant: boolean, url: string): IrmReading {
  const assessments: IrmAssessment[] = [];
  const verifiableCell = key(cells[IRM_COLUMNS.verifiable]);
  // The schema needs a yes or no; with no published finding "no" is stored (a star can never rest
  // on a finding that does not exist) and the narrative says the finding is missing.
  const verifiable = verifiableCell === "yes" || verifiableCell === "1";
  const verifiableText = rated(cells[IRM_COLUMNS.verifiable]) ? (verifiable ? "verificable" : "no verificable") : "sin valoración publicada de su verificabilidad";
  const potential = potentialOf(cells);
  const link = url ? ` Ficha del compromiso en OGP: ${url}` : "";
  let withdrawnIn: number | null = null;

  const progressYear = reportYear(cells[IRM_COLUMNS.progressYear]);
  const progressCompletion = key(cells[IRM_COLUMNS.progressCompletion]);
  if (progressYear !== null && progressCompletion === "withdrawn") withdrawnIn = progressYear;
  const progressLevel = COMPLETION[progressCompletion];
  if (progressYear !== null && progressLevel) {
    const star = starOf(cells[IRM_COLUMNS.progressStarred], isStarred({ verifiable, relevant, potential: potential.level, completion: progressLevel }));
    assessments.push({
      report: "avance", year: progressYear, verifiable, potential: potential.level, completion: progressLevel, openedGovernment: null, starred: star.starred,
      narrative: `Valoración publicada por el IRM de OGP en su informe de avance de ${progressYear}: ${verifiableText}; ${potential.text}; cumplimiento ${COMPLETION_ES[progressLevel]}; ${star.text}.${link}`,
    });
  }

  const endYear = reportYear(cells[IRM_COLUMNS.endYear]);
  const endCompletion = key(cells[IRM_COLUMNS.endCompletion]);
  if (endYear !== null && endCompletion === "withdrawn") withdrawnIn ??= endYear;
  const endLevel = COMPLETION[endCompletion];
  if (endYear !== null && endLevel) {
    const diogCell = cells[IRM_COLUMNS.openedGovernment] ?? "";
    const opened = OPENED_GOVERNMENT[key(diogCell)] ?? null;
    const openedText = opened
      ? `¿abrió el gobierno?: ${OPENED_GOVERNMENT_ES[opened]}`
      : rated(diogCell) ? `sobre si abrió el gobierno, el IRM anotó «${diogCell.trim()}»` : "sin valoración de si abrió el gobierno";
    const star = starOf(cells[IRM_COLUMNS.endStarred], isStarred({ verifiable, relevant, potential: potential.level, completion: endLevel }));
    assessments.push({
      report: "fin", year: endYear, verifiable, potential: potential.level, completion: endLevel, openedGovernment: opened, starred: star.starred,
      narrative: `Valoración publicada por el IRM de OGP en su informe de fin de periodo de ${endYear}: cumplimiento ${COMPLETION_ES[endLevel]}; ${openedText}; ${verifiableText}; ${potential.text}; ${star.text}.${link}`,
    });
  }
  return { assessments, withdrawnIn };
}
