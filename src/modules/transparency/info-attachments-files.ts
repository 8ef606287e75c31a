/**
 * Attachments of information requests: the platform's document checks (src/platform/documents.ts)
 * with this module's limits.
 */
import { ACCEPTED_DOCUMENTS_LABEL, cleanFileName, contentDisposition, detectDocumentType, DOCUMENT_CONTENT_TYPES, MAX_DOCUMENT_BYTES, sha256 } from "../../platform/documents.js";

export const MAX_ATTACHMENT_BYTES = MAX_DOCUMENT_BYTES;
/** Files in one submission (the multipart limit of the upload routes is one more, to answer 422 rather than 413). */
export const MAX_FILES_PER_UPLOAD = 5;
/** Files one request can hold: keeps its attachment list short enough for one page. */
export const MAX_ATTACHMENTS_PER_REQUEST = 50;
export const ACCEPTED_TYPES_LABEL = ACCEPTED_DOCUMENTS_LABEL;
export const ATTACHMENT_CONTENT_TYPES = DOCUMENT_CONTENT_TYPES;
export const detectAttachmentType = detectDocumentType;
export { cleanFileName, contentDisposition, sha256 };
