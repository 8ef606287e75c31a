/**
 * CSV fields for open-data exports: RFC 4180 quoting, and text that a spreadsheet would run as
 * a formula (starting with = + - @, a tab or a carriage return) prefixed with an apostrophe —
 * the OWASP "CSV injection" defence — so that a citizen's text never executes on a reader's
 * machine. Numbers (and numeric text such as "-99.13") are left as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+([.,]\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
