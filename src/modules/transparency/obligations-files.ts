/**
 * What a published record's file is, read from its bytes (never from its name or header):
 * PDF, XLSX (a ZIP holding a workbook) or CSV (UTF-8 text without control bytes).
 */
import type { RecordFileType } from "./obligations-tables.js";

export const MAX_RECORD_BYTES = 10 * 1024 * 1024;

function isXlsx(data: Buffer): boolean {
  // ZIP local headers carry entry names uncompressed: a workbook has xl/workbook.xml.
  return data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && data.includes("[Content_Types].xml") && data.includes("xl/workbook");
}

function isCsv(data: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return false;
  }
  // Text only: tabs and line breaks are the only control characters a CSV has.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  return text.replace(/^\ufeff/, "").trim().length > 0;
}

/** The file's type, or null when it is none of the accepted ones. */
export function detectRecordFileType(data: Buffer): RecordFileType | null {
  if (data.length === 0) return null;
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (isXlsx(data)) return "xlsx";
  if (isCsv(data)) return "csv";
  return null;
}

export const CONTENT_TYPES: Record<RecordFileType, string> = {
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
