/** Reads of request attachments and departments' contributions. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { ANSWERED_STATUSES } from "./info-tables.js";
import type { AttachmentType } from "./info-attachments-tables.js";
import "./info-attachments-tables.js";

/** An attachment as staff see it. */
export interface AttachmentRow {
  id: number;
  requestId: number;
  eventId: number;
  departmentId: number | null;
  departmentName: string | null;
  fileKey: string;
  fileName: string;
  fileType: AttachmentType;
  byteSize: number;
  sha256: string;
  publicVersion: boolean;
  uploadedAt: Date;
}

function attachmentQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("information_request_attachments as a")
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "a.municipality_id").onRef("d.id", "=", "a.department_id"))
    .select([
      "a.id", "a.request_id as requestId", "a.event_id as eventId", "a.department_id as departmentId", "d.name as departmentName", "a.file_key as fileKey",
      "a.file_name as fileName", "a.file_type as fileType", "a.byte_size as byteSize", "a.sha256", "a.public_version as publicVersion", "a.uploaded_at as uploadedAt",
    ])
    .where("a.municipality_id", "=", municipalityId);
}

const normalize = <R extends { id: number; requestId: number; eventId: number }>(r: R): R => ({ ...r, id: Number(r.id), requestId: Number(r.requestId), eventId: Number(r.eventId) });

/** Every attachment of a request, oldest first (at most MAX_ATTACHMENTS_PER_REQUEST exist). */
export async function listAttachments(db: Executor, municipalityId: number, requestId: number): Promise<AttachmentRow[]> {
  return (await attachmentQuery(db, municipalityId).where("a.request_id", "=", requestId).orderBy("a.id").execute()).map(normalize);
}

export async function countAttachments(db: Executor, municipalityId: number, requestId: number): Promise<number> {
  const row = await db
    .selectFrom("information_request_attachments")
    .select(sql<string>`count(*)`.as("n"))
    .where("municipality_id", "=", municipalityId)
    .where("request_id", "=", requestId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One attachment of the request `requestId`, whoever added it (staff download). */
export async function findAttachment(db: Executor, municipalityId: number, requestId: number, attachmentId: number): Promise<AttachmentRow | null> {
  const row = await attachmentQuery(db, municipalityId).where("a.request_id", "=", requestId).where("a.id", "=", attachmentId).executeTakeFirst();
  return row ? normalize(row) : null;
}

/**
 * The attachments anyone may download, of the given requests: files the transparency unit
 * confirmed as versión pública, of answered access-to-information requests (never ARCO, never a
 * department's own file, never before the answer).
 */
export async function publicAttachments(db: Executor, municipalityId: number, requestIds: number[], attachmentId?: number): Promise<AttachmentRow[]> {
  if (requestIds.length === 0) return [];
  let q = attachmentQuery(db, municipalityId)
    .innerJoin("information_requests as r", (j) => j.onRef("r.municipality_id", "=", "a.municipality_id").onRef("r.id", "=", "a.request_id"))
    .where("a.request_id", "in", requestIds)
    .where("a.public_version", "=", true)
    .where("a.department_id", "is", null)
    .where("r.kind", "=", "information")
    .where("r.status", "in", [...ANSWERED_STATUSES]);
  if (attachmentId !== undefined) q = q.where("a.id", "=", attachmentId);
  return (await q.orderBy("a.request_id").orderBy("a.id").execute()).map(normalize);
}

export interface ContributionRow {
  departmentId: number;
  departmentName: string;
  body: string | null;
  contributedBy: string | null;
  updatedAt: Date | null;
}

/** Each department the request was turned to, with its contribution when it recorded one. */
export async function loadContributions(db: Executor, municipalityId: number, requestId: number): Promise<ContributionRow[]> {
  return db
    .selectFrom("information_request_turns as t")
    .innerJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "t.municipality_id").onRef("d.id", "=", "t.department_id"))
    .leftJoin("information_request_contributions as c", (j) =>
      j.onRef("c.municipality_id", "=", "t.municipality_id").onRef("c.request_id", "=", "t.request_id").onRef("c.department_id", "=", "t.department_id"),
    )
    .leftJoin("users as u", "u.id", "c.contributed_by")
    .select(["t.department_id as departmentId", "d.name as departmentName", "c.body", "u.display_name as contributedBy", "c.updated_at as updatedAt"])
    .where("t.municipality_id", "=", municipalityId)
    .where("t.request_id", "=", requestId)
    .orderBy("d.name")
    .execute();
}
