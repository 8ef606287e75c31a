/**
 * What a session file is: the platform's document check (src/platform/documents.ts) — PDF, Office
 * Open XML (DOCX, XLSX), OpenDocument text (ODT), CSV tables, or a JPEG/PNG photo — from its bytes.
 */
import { detectDocumentType, DOCUMENT_CONTENT_TYPES } from "../../platform/documents.js";
import type { SessionFileType } from "./tables.js";

export const MAX_SESSION_FILE_BYTES = 8 * 1024 * 1024;

export const detectSessionFileType: (data: Buffer) => SessionFileType | null = detectDocumentType;

export const CONTENT_TYPES: Record<SessionFileType, string> = DOCUMENT_CONTENT_TYPES;
