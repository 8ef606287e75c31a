/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
import { csvField } from "../../../platform/csv.js";

export interface CsvRecord {
  /** Physical line (1-based) where the record starts, for error messages. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      const openedAt = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(`comillas sin cerrar (abiertas en la línea ${openedAt}); el archivo parece truncado`, openedAt);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') (field += '"'), (i += 2);
          else {
            i++;
            break;
          }
        } else {
          if (c === "\n") line++;
          field += c;
          i++;
        }
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") throw new CsvSyntaxError("texto después de un campo entre comillas", line);
      atFieldStart = false;
      continue;
    }
    if (ch === ",") {
      fields.push(field);
      field = "";
      atFieldStart = true;
      i++;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      atFieldStart = true;
      line++;
      recordLine = line;
    } else {
      if (ch === '"') throw new CsvSyntaxError("comillas dentro de un campo sin comillas", line);
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

/** Rows joined with the platform's CSV field rule (RFC 4180 quoting, formula neutralising). */
export function formatCsv(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}
