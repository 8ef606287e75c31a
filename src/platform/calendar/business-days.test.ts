import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BusinessCalendar } from "./business-days.js";
import { eachDate } from "./dates.js";

const national = new BusinessCalendar();
// Semana Santa 2026: Easter Sunday is 5 April; a town hall closes Monday 30 March – Friday 3 April.
const withSemanaSanta = new BusinessCalendar(eachDate("2026-03-30", "2026-04-03"));

describe("business days", () => {
  it("weekends and statutory rest days are not business days", () => {
    assert.equal(national.isBusinessDay("2026-11-13"), true); // Friday
    assert.equal(national.isBusinessDay("2026-11-14"), false); // Saturday
    assert.equal(national.isBusinessDay("2026-11-15"), false); // Sunday
    assert.equal(national.isBusinessDay("2026-11-16"), false); // Día de la Revolución
    assert.equal(national.isBusinessDay("2031-11-17"), false); // third Monday of November, from the rules
  });

  it("counts from the business day after: addBusinessDays(Monday, 1) is Tuesday", () => {
    assert.equal(national.addBusinessDays("2026-06-01", 1), "2026-06-02");
    assert.equal(national.addBusinessDays("2026-06-01", 0), "2026-06-01");
    assert.equal(national.addBusinessDays("2026-06-05", 1), "2026-06-08"); // Friday → Monday
  });

  it("counts 20 business days from a request received on a Friday, skipping Día de la Constitución", () => {
    // Friday 9 January 2026 + 20: four full weeks would end on Friday 6 February, but Monday
    // 2 February is a rest day, so the term ends Monday 9 February.
    assert.equal(national.addBusinessDays("2026-01-09", 20), "2026-02-09");
    assert.equal(national.businessDaysBetween("2026-01-09", "2026-02-09"), 20);
  });

  it("skips a municipality's Semana Santa días inhábiles", () => {
    assert.equal(national.addBusinessDays("2026-03-27", 1), "2026-03-30");
    assert.equal(withSemanaSanta.addBusinessDays("2026-03-27", 1), "2026-04-06");
    assert.equal(withSemanaSanta.addBusinessDays("2026-03-26", 10), "2026-04-16");
    assert.equal(withSemanaSanta.businessDaysBetween("2026-03-27", "2026-04-06"), 1);
  });

  it("businessDaysBetween is the inverse of addBusinessDays and negative backwards", () => {
    for (const n of [0, 1, 5, 15, 60]) {
      const end = withSemanaSanta.addBusinessDays("2026-03-20", n);
      assert.equal(withSemanaSanta.businessDaysBetween("2026-03-20", end), n);
    }
    assert.equal(national.businessDaysBetween("2026-06-08", "2026-06-01"), -5);
    assert.equal(national.businessDaysBetween("2026-06-06", "2026-06-07"), 0); // a weekend
  });

  it("refuses impossible dates and negative terms", () => {
    assert.throws(() => national.isBusinessDay("2026-02-30"), /Fecha inválida/);
    assert.throws(() => national.addBusinessDays("2026-13-01", 1), /Fecha inválida/);
    assert.throws(() => national.addBusinessDays("2026-06-01", -1), /entero ≥ 0/);
    assert.throws(() => national.addBusinessDays("2026-06-01", 1.5), /entero ≥ 0/);
  });
});

describe("effective receipt date", () => {
  const mx = "America/Mexico_City";

  it("a request received on 2026-11-13 (Friday) after 18:00 counts as received on Tuesday 2026-11-17, because Monday 16 is Día de la Revolución", () => {
    // 18:30 in Mexico City (UTC−6) is 00:30 UTC on the 14th.
    assert.equal(national.effectiveReceiptDate(new Date("2026-11-14T00:30:00Z"), mx, 18), "2026-11-17");
  });

  it("before the cut-off it counts the same day; at 18:00 sharp, the next business day", () => {
    assert.equal(national.effectiveReceiptDate(new Date("2026-11-13T23:59:59Z"), mx, 18), "2026-11-13"); // 17:59:59
    assert.equal(national.effectiveReceiptDate(new Date("2026-11-14T00:00:00Z"), mx, 18), "2026-11-17"); // 18:00:00
    assert.equal(national.effectiveReceiptDate(new Date("2026-11-13T20:45:00Z"), mx, 14.5), "2026-11-17"); // 14:45 after a 14:30 cut-off
  });

  it("effective receipt on a Saturday is the next Monday", () => {
    assert.equal(national.effectiveReceiptDate(new Date("2026-06-06T16:00:00Z"), mx, 18), "2026-06-08"); // Saturday 10:00
  });

  it("uses Mexico City's year-round UTC−6 (no daylight saving since 2022)", () => {
    // 23:30 UTC in July is 17:30 in Mexico City; under the old summer time it would have been 18:30.
    assert.equal(national.effectiveReceiptDate(new Date("2026-07-15T23:30:00Z"), mx, 18), "2026-07-15");
    assert.equal(national.effectiveReceiptDate(new Date("2026-01-14T23:30:00Z"), mx, 18), "2026-01-14");
  });

  it("follows Tijuana's daylight saving time (UTC−7 in summer, UTC−8 in winter)", () => {
    const tj = "America/Tijuana";
    // 01:30 UTC: 18:30 of the day before in July (late), 17:30 in January (in time).
    assert.equal(national.effectiveReceiptDate(new Date("2026-07-16T01:30:00Z"), tj, 18), "2026-07-16");
    assert.equal(national.effectiveReceiptDate(new Date("2026-01-15T01:30:00Z"), tj, 18), "2026-01-14");
    // Local date differs from the UTC date: 05:00 UTC Saturday is still Friday evening in Tijuana.
    assert.equal(national.effectiveReceiptDate(new Date("2026-06-06T05:00:00Z"), tj, 23), "2026-06-05");
  });
});
