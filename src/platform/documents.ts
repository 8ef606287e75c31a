/**
 * Documents people upload (answers' attachments, process documents, roundtable files): their type
 * read from the bytes, never from the name or the browser's header — PDF; PNG and JPEG by their
 * signatures; XLSX, DOCX and ODT as ZIP containers whose declared content type says so (macro-enabled
 * variants declare another one and are refused); CSV only when it is a table. Any other ZIP, an
 * executable, HTML, SVG, a script or an empty file is refused. Also safe file names and headers.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";

export const DOCUMENT_TYPES = ["pdf", "xlsx", "csv", "docx", "odt", "png", "jpeg"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_DOCUMENTS_LABEL = "PDF, Word (DOCX), OpenDocument (ODT), Excel (XLSX), CSV, PNG o JPEG";

export const DOCUMENT_CONTENT_TYPES: Record<DocumentType, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  png: "image/png",
  jpeg: "image/jpeg",
};

const EXTENSIONS: Record<DocumentType, string[]> = {
  pdf: ["pdf"], xlsx: ["xlsx"], csv: ["csv"], docx: ["docx"], odt: ["odt"], png: ["png"], jpeg: ["jpg", "jpeg"],
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The entries of a ZIP file from its central directory; null when it is not a well-formed ZIP. */
function zipEntries(data: Buffer): ZipEntry[] | null {
  if (data.length < 22 || data.readUInt32LE(0) !== 0x04034b50) return null;
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    if (at + 46 + nameLength > data.length) return null;
    entries.push({
      name: data.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      localHeaderOffset: data.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of a small entry (at most 1 MB: a declaration, never a payload). */
function zipEntryData(data: Buffer, entry: ZipEntry): Buffer | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (raw.length !== entry.compressedSize) return null;
  try {
    if (entry.method === 0) return raw;
    if (entry.method === 8) return zlib.inflateRawSync(raw, { maxOutputLength: 1024 * 1024 });
  } catch {
    return null;
  }
  return null;
}

const OOXML_MAIN: [DocumentType, string, string][] = [
  ["docx", "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"],
  ["xlsx", "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"],
];

/** DOCX, XLSX or ODT from the content type the package declares; macro-enabled variants declare another one. */
function zipDocumentType(data: Buffer): DocumentType | null {
  const entries = zipEntries(data);
  if (!entries) return null;
  const byName = new Map(entries.map((e) => [e.name, e]));
  // ODF: the first entry is "mimetype", stored uncompressed, holding the document's media type.
  const first = entries[0];
  if (first?.name === "mimetype" && first.method === 0) {
    const mimetype = zipEntryData(data, first)?.toString("latin1");
    return mimetype === DOCUMENT_CONTENT_TYPES.odt && byName.has("content.xml") ? "odt" : null;
  }
  const declaration = byName.get("[Content_Types].xml");
  const types = declaration ? zipEntryData(data, declaration)?.toString("utf8") : null;
  if (!types) return null;
  // <Override PartName="/word/document.xml" ContentType="…main+xml"/>, attributes in any order.
  const overrides = new Map<string, string>();
  for (const [tag] of types.matchAll(/<Override\b[^>]*>/g)) {
    const part = /PartName="([^"]*)"/.exec(tag)?.[1];
    const contentType = /ContentType="([^"]*)"/.exec(tag)?.[1];
    if (part && contentType) overrides.set(part, contentType);
  }
  for (const [type, part, contentType] of OOXML_MAIN) {
    if (byName.has(part) && overrides.get(`/${part}`) === contentType) return type;
  }
  return null;
}

/** UTF-8 text without control bytes other than tab and line breaks; null otherwise. */
function plainText(data: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return null;
  }
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text.replace(/^\ufeff/, "");
}

/** The document's type from its bytes (never its name or the browser's header), or null when it is none of the accepted ones. */
export function detectDocumentType(data: Buffer): DocumentType | null {
  if (data.length === 0) return null;
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (data.length > 8 && data.subarray(0, 8).equals(PNG_SIGNATURE) && data.subarray(12, 16).toString("latin1") === "IHDR") return "png";
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpeg";
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return zipDocumentType(data);
  const text = plainText(data);
  return text !== null && text.trim().length > 0 && isTable(text) ? "csv" : null;
}

// Markup (HTML, SVG, XML, PHP) anywhere, or a line that starts like a script, is not a data table.
const MARKUP = /<\s*(script|html|svg|iframe|object|embed|body|head|meta|link|style|!doctype|\?xml|\?php)\b|^\s*<|^#!/im;
const CODE_LINE = /^\s*(function\b|(var|let|const|import|export|class)\s|return\b|(if|for|while|switch)\s*\(|(document|window)\.|(alert|eval|require|fetch)\s*\(|@echo\b)|=>|\)\s*\{|\};\s*$/m;

/**
 * A CSV is a table: records of at least two fields (comma, semicolon or tab), every record with
 * as many fields as the first, quotes balanced (RFC 4180). Plain prose, scripts and markup are not.
 */
function isTable(text: string): boolean {
  if (MARKUP.test(text) || CODE_LINE.test(text)) return false;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  let fields = 1;
  let expected = -1;
  let quoted = false;
  let empty = true;
  const endRecord = (): boolean => {
    if (!empty) {
      if (expected === -1) expected = fields;
      else if (fields !== expected) return false;
    }
    fields = 1;
    empty = true;
    return true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === delimiter) fields++;
    else if (c === "\n") {
      if (!endRecord()) return false;
      continue;
    } else if (c === "\r" || c === " " || c === "\t") continue;
    empty = false;
  }
  return !quoted && endRecord() && expected >= 2;
}

export const sha256 = (data: Buffer): string => crypto.createHash("sha256").update(data).digest("hex");

/**
 * A file name fit to show and to send back: no folders, no control or reserved characters, at
 * most 120 characters, ending with the extension of the type found in its bytes.
 */
export function cleanFileName(original: string | null | undefined, type: DocumentType, fallback: string): string {
  let name = (original ?? "").normalize("NFC").split(/[\\/]/).pop()!;
  name = name.replace(/[\u0000-\u001f\u007f-\u009f"<>:|?*]/g, "_").replace(/\s+/g, " ").replace(/^[\s.]+|[\s.]+$/g, "");
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  let stem = EXTENSIONS[type].includes(ext) ? name.slice(0, dot) : name;
  stem = stem.replace(/[\s.]+$/g, "");
  if (!stem) stem = fallback;
  return `${[...stem].slice(0, 110).join("").trimEnd()}.${EXTENSIONS[type].includes(ext) ? ext : EXTENSIONS[type][0]}`;
}

/** A Content-Disposition header that survives accents: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
