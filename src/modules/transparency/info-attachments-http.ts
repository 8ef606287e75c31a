/** HTTP pieces of request attachments: reading the uploaded files of a form, sending a stored file. */
import type { FastifyContextConfig, FastifyReply, FastifyRequest } from "fastify";
import type { Storage } from "../../platform/storage.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { ATTACHMENT_CONTENT_TYPES, contentDisposition, MAX_ATTACHMENT_BYTES, MAX_FILES_PER_UPLOAD } from "./info-attachments-files.js";
import type { AttachmentRow } from "./info-attachments-queries.js";
import type { Upload } from "./info-attachments.js";

/**
 * Multipart limits of the upload routes: one byte and one file over what is accepted, without
 * throwing, so that an oversized file or one file too many reaches checkUploads and gets its
 * Spanish 422 message instead of the platform's generic 413.
 */
export const UPLOAD_ROUTE_CONFIG: FastifyContextConfig = {
  // @fastify/multipart reads throwFileSizeLimit from these per-route options too; its types list only busboy's.
  multipartOptions: { limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: MAX_FILES_PER_UPLOAD + 1 }, throwFileSizeLimit: false } as FastifyContextConfig["multipartOptions"],
};

/**
 * The files of a form field. The original names come from `request.uploadedFileNames` when the
 * platform's multipart hook records them; without it the bytes arrive alone and names are made
 * from the folio. An empty part without a name is a file input left empty.
 */
export function uploadsFrom(request: FastifyRequest, field: string): Upload[] {
  const value = (request.body as Record<string, unknown> | undefined)?.[field];
  const buffers = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is Buffer => Buffer.isBuffer(v));
  const names = (request as { uploadedFileNames?: Record<string, string[]> | null }).uploadedFileNames?.[field];
  const uploads = buffers.map((data, i) => ({ data, name: names?.[i] ?? null }));
  return uploads.filter((u) => u.data.length > 0 || (u.name !== null && u.name !== ""));
}

/** Sends a stored attachment as a download, never rendered in the site's origin. */
export async function sendAttachment(reply: FastifyReply, storage: Storage, a: AttachmentRow, notFound: string): Promise<FastifyReply> {
  const data = await storage.get(a.fileKey);
  if (!data) throw new HttpProblem(404, notFound);
  return reply
    .header("content-type", ATTACHMENT_CONTENT_TYPES[a.fileType])
    .header("content-disposition", contentDisposition(a.fileName))
    .header("content-length", String(data.length))
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .send(data);
}
