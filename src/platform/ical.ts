/**
 * iCalendar (RFC 5545) of scheduled events (roundtable sessions, open hearings): CRLF line ends,
 * content lines folded at 75 octets without splitting a UTF-8 character, TEXT values escaped
 * (backslash, semicolon, comma, newline), times in UTC. Calendar apps (Google, Outlook, Apple,
 * Thunderbird) import it as it is.
 */

export interface CalendarEvent {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  url: string | null;
  cancelled: boolean;
  /** When the event last changed (SEQUENCE is derived from it, so updates replace the old copy). */
  updatedAt: Date;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** 20260314T170000Z */
export function icalUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * Folds a content line into lines of at most 75 octets, continuation lines starting with one
 * space (§3.1). Cuts fall between characters, never inside a multi-byte one.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
      // Continuation lines start with a space, which counts towards their 75 octets.
      limit = 74;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

export function buildCalendar(options: { prodId: string; name: string; timeZone: string; now: Date }, events: CalendarEvent[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${options.prodId}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${options.timeZone}`,
  ];
  const stamp = icalUtc(options.now);
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${icalUtc(e.updatedAt)}`,
      `SEQUENCE:${Math.max(0, Math.floor(e.updatedAt.getTime() / 1000) - 1_700_000_000)}`,
      `DTSTART:${icalUtc(e.startsAt)}`,
      `DTEND:${icalUtc(e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push(`STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "TRANSP:OPAQUE", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
