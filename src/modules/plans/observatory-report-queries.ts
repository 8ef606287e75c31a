/**
 * Read model of observatory reports: published ones for the public (an observatory's page, a
 * commitment's page), every report for the members' area, one report with its files. Reports are
 * signed by the observatory: no public shape carries the author's account.
 */
import type { Executor } from "../../platform/db/database.js";
import type { EvidenceFileType, ReportKind, ReportVerdict } from "./tables.js";
import { commitmentRefs, excerpt, serviceNames, type CommitmentRef } from "./observatory-queries.js";
import "./tables.js";

export type ReportTarget = { kind: "compromiso"; commitment: CommitmentRef } | { kind: "servicio"; id: number; name: string } | null;

export interface ReportSummary {
  id: number;
  observatory: { id: number; slug: string; name: string };
  kind: ReportKind;
  title: string;
  verdict: ReportVerdict | null;
  excerpt: string;
  publishedAt: Date | null;
  updatedAt: Date;
  target: ReportTarget;
}

/** For the members' area only: which member wrote it. */
export interface PanelReport extends ReportSummary {
  authorUserId: number | null;
  /** The author's public name inside the observatory ("" when not given). */
  authorName: string;
}

export interface ReportFileView {
  id: number;
  title: string;
  fileType: EvidenceFileType;
  fileName: string;
  bytes: number;
}

export interface ReportDetail extends ReportSummary {
  body: string;
  dataUrl: string | null;
  commitmentId: number | null;
  serviceId: number | null;
  authorUserId: number | null;
  files: ReportFileView[];
}

function reportQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("observatory_reports as r")
    .innerJoin("observatories as o", (j) => j.onRef("o.municipality_id", "=", "r.municipality_id").onRef("o.id", "=", "r.observatory_id"))
    .where("r.municipality_id", "=", municipalityId);
}

const reportColumns = [
  "r.id", "r.kind", "r.title", "r.body", "r.verdict", "r.data_url", "r.commitment_id", "r.service_id", "r.author_user_id", "r.published_at", "r.updated_at",
  "o.id as observatory_id", "o.slug as observatory_slug", "o.name as observatory_name",
] as const;

type ReportRecord = {
  id: number; kind: ReportKind; title: string; body: string; verdict: ReportVerdict | null; data_url: string | null; commitment_id: number | null; service_id: number | null;
  author_user_id: number | null; published_at: Date | string | null; updated_at: Date | string; observatory_id: number; observatory_slug: string; observatory_name: string;
};

async function summaries<R extends ReportRecord>(db: Executor, municipalityId: number, rows: R[]): Promise<(ReportSummary & { record: R })[]> {
  const commitmentIds = [...new Set(rows.flatMap((r) => (r.commitment_id !== null ? [r.commitment_id] : [])))];
  const [refs, services] = await Promise.all([
    commitmentRefs(db, municipalityId, commitmentIds),
    rows.some((r) => r.service_id !== null) ? serviceNames(db, municipalityId) : new Map<number, string>(),
  ]);
  return rows.map((r) => {
    const ref = r.commitment_id !== null ? refs.get(r.commitment_id) : undefined;
    const service = r.service_id !== null ? services.get(r.service_id) : undefined;
    return {
      record: r,
      id: r.id,
      observatory: { id: r.observatory_id, slug: r.observatory_slug, name: r.observatory_name },
      kind: r.kind, title: r.title, verdict: r.verdict, excerpt: excerpt(r.body),
      publishedAt: r.published_at === null ? null : new Date(r.published_at),
      updatedAt: new Date(r.updated_at),
      target: ref ? { kind: "compromiso", commitment: ref } : service !== undefined ? { kind: "servicio", id: r.service_id!, name: service } : null,
    };
  });
}

const strip = <T extends { record: unknown }>({ record: _record, ...rest }: T): Omit<T, "record"> => rest;

/** Published reports of an observatory, or about a commitment; newest first. */
export async function listPublishedReports(
  db: Executor, municipalityId: number, where: { observatoryId: number } | { commitmentId: number }, page: { page: number; perPage: number },
): Promise<{ rows: ReportSummary[]; total: number }> {
  let base = reportQuery(db, municipalityId).where("r.published_at", "is not", null);
  base = "observatoryId" in where ? base.where("r.observatory_id", "=", where.observatoryId) : base.where("r.commitment_id", "=", where.commitmentId);
  const [rows, count] = await Promise.all([
    base.select(reportColumns).orderBy("r.published_at", "desc").orderBy("r.id", "desc").limit(page.perPage).offset((page.page - 1) * page.perPage).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: (await summaries(db, municipalityId, rows)).map(strip), total: Number(count.n) };
}

/** Every report of the observatory, drafts first, for its members. */
export async function listPanelReports(db: Executor, municipalityId: number, observatoryId: number, page: { page: number; perPage: number }): Promise<{ rows: PanelReport[]; total: number }> {
  const base = reportQuery(db, municipalityId).where("r.observatory_id", "=", observatoryId);
  const [rows, count] = await Promise.all([
    base
      .leftJoin("observatory_members as m", (j) => j.onRef("m.municipality_id", "=", "r.municipality_id").onRef("m.observatory_id", "=", "r.observatory_id").onRef("m.user_id", "=", "r.author_user_id"))
      .select([...reportColumns, "m.public_name as author_name"])
      .orderBy((eb) => eb("r.published_at", "is", null), "desc").orderBy("r.updated_at", "desc").orderBy("r.id", "desc")
      .limit(page.perPage).offset((page.page - 1) * page.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: (await summaries(db, municipalityId, rows)).map((s) => ({ ...strip(s), authorUserId: s.record.author_user_id, authorName: s.record.author_name ?? "" })),
    total: Number(count.n),
  };
}

/** One of the observatory's reports (draft or published: callers decide who may see which). */
export async function findReport(db: Executor, municipalityId: number, observatoryId: number, reportId: number): Promise<ReportDetail | undefined> {
  const row = await reportQuery(db, municipalityId).select(reportColumns).where("r.observatory_id", "=", observatoryId).where("r.id", "=", reportId).executeTakeFirst();
  if (!row) return undefined;
  const [summary] = await summaries(db, municipalityId, [row]);
  const files = await db.selectFrom("observatory_report_files").select(["id", "title", "file_type", "file_name", "file_bytes"])
    .where("municipality_id", "=", municipalityId).where("report_id", "=", reportId).orderBy("id").execute();
  return {
    ...strip(summary!),
    body: row.body, dataUrl: row.data_url, commitmentId: row.commitment_id, serviceId: row.service_id, authorUserId: row.author_user_id,
    files: files.map((f) => ({ id: f.id, title: f.title, fileType: f.file_type, fileName: f.file_name, bytes: f.file_bytes })),
  };
}
