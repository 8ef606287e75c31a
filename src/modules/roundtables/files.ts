/**
 * What a session file is, read from its bytes (never from its name or header): PDF, Office Open
 * XML (DOCX, XLSX), OpenDocument text (ODT), CSV, or a JPEG/PNG photo.
 */
import type { SessionFileType } from "./tables.js";

export const MAX_SESSION_FILE_BYTES = 8 * 1024 * 1024;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function zipKind(data: Buffer): "docx" | "xlsx" | "odt" | null {
  if (!data.subarray(0, 4).equals(ZIP)) return null;
  // An ODF package stores its uncompressed "mimetype" entry first (ODF 1.2 §3.3).
  if (data.subarray(30, 38).toString("latin1") === "mimetype" && data.subarray(38, 38 + 39).toString("latin1") === "application/vnd.oasis.opendocument.text") return "odt";
  // ZIP local headers carry entry names uncompressed.
  if (data.includes("[Content_Types].xml") && data.includes("word/")) return "docx";
  if (data.includes("[Content_Types].xml") && data.includes("xl/workbook")) return "xlsx";
  return null;
}

function isCsv(data: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return false;
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  return text.replace(/^\ufeff/, "").trim().length > 0;
}

export function detectSessionFileType(data: Buffer): SessionFileType | null {
  if (data.length < 4) return null;
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpeg";
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  const zipped = zipKind(data);
  if (zipped) return zipped;
  if (isCsv(data)) return "csv";
  return null;
}

export const CONTENT_TYPES: Record<SessionFileType, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  csv: "text/csv; charset=utf-8",
  png: "image/png",
  jpeg: "image/jpeg",
};
