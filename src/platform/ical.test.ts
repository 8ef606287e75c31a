import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildCalendar, escapeText, foldLine, icalUtc } from "./ical.js";

describe("iCalendar (RFC 5545)", () => {
  it("escapes backslashes, semicolons, commas and line breaks in TEXT values", () => {
    assert.equal(escapeText("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds content lines at 75 octets without splitting a UTF-8 character", () => {
    const line = "DESCRIPTION:" + "ñ".repeat(100);
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    assert.ok(parts.length > 1);
    for (const [i, p] of parts.entries()) {
      assert.ok(Buffer.byteLength(p, "utf8") <= 75, `line ${i} has ${Buffer.byteLength(p, "utf8")} octets`);
      if (i > 0) assert.equal(p[0], " ");
      assert.ok(!p.includes("\uFFFD"));
    }
    // Unfolding (remove CRLF + one space) gives the original line back.
    assert.equal(folded.replace(/\r\n /g, ""), line);
    assert.equal(foldLine("SUMMARY:corto"), "SUMMARY:corto");
    assert.equal(foldLine("X:" + "a".repeat(73)), "X:" + "a".repeat(73));
    assert.equal(foldLine("X:" + "a".repeat(74)), "X:" + "a".repeat(73) + "\r\n a");
  });

  it("writes a calendar with CRLF line ends, UTC times, and cancelled events marked", () => {
    const text = buildCalendar({ prodId: "-//Cabildo//Prueba//ES", name: "Mesas, León", timeZone: "America/Mexico_City", now: new Date("2026-03-01T12:00:00Z") }, [
      {
        uid: "mesa-sesion-11020-1@ejemplo.mx",
        startsAt: new Date("2026-03-14T16:00:00Z"),
        endsAt: new Date("2026-03-14T18:00:00Z"),
        summary: "Seguridad; colonias, León",
        description: "Orden del día:\n1. Bienvenida",
        location: "Sala de Cabildo, Palacio Municipal",
        url: "https://ejemplo.mx/leon/participa/plan/mesas/1/sesiones/1",
        cancelled: true,
        updatedAt: new Date("2026-03-02T10:00:00Z"),
      },
    ]);
    assert.ok(text.endsWith("\r\n"));
    assert.ok(!/[^\r]\n/.test(text), "every line ends with CRLF");
    const lines = text.split("\r\n").filter(Boolean);
    assert.equal(lines[0], "BEGIN:VCALENDAR");
    assert.equal(lines.at(-1), "END:VCALENDAR");
    assert.ok(lines.includes("VERSION:2.0"));
    assert.ok(lines.includes("DTSTART:20260314T160000Z"));
    assert.ok(lines.includes("DTEND:20260314T180000Z"));
    assert.ok(lines.includes("DTSTAMP:20260301T120000Z"));
    assert.ok(lines.includes("SUMMARY:Seguridad\\; colonias\\, León"));
    assert.ok(lines.includes("DESCRIPTION:Orden del día:\\n1. Bienvenida"));
    assert.ok(lines.includes("STATUS:CANCELLED"));
    assert.ok(lines.includes("X-WR-CALNAME:Mesas\\, León"));
    assert.equal(icalUtc(new Date("2026-01-02T03:04:05.678Z")), "20260102T030405Z");
    for (const l of text.split("\r\n")) assert.ok(Buffer.byteLength(l, "utf8") <= 75);
  });
});
