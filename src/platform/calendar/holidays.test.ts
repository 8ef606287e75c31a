import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DATA_FIRST_YEAR, DATA_LAST_YEAR, shippedHolidays, statutoryHolidays, statutoryHolidaysByRule } from "./holidays.js";

describe("statutory rest days (LFT art. 74)", () => {
  it("the article's rules reproduce the shipped 2020–2030 file exactly", () => {
    const file = shippedHolidays();
    assert.deepEqual([...file.keys()].sort(), Array.from({ length: DATA_LAST_YEAR - DATA_FIRST_YEAR + 1 }, (_, i) => DATA_FIRST_YEAR + i));
    for (const [year, holidays] of file) assert.deepEqual(statutoryHolidaysByRule(year), holidays, `año ${year}`);
  });

  it("moves Constitution, Juárez and Revolution days to Mondays since 2006", () => {
    assert.deepEqual(
      statutoryHolidays(2031).map((h) => h.date),
      ["2031-01-01", "2031-02-03", "2031-03-17", "2031-05-01", "2031-09-16", "2031-11-17", "2031-12-25"],
    );
    assert.deepEqual(
      statutoryHolidays(2005).map((h) => h.date),
      ["2005-01-01", "2005-02-05", "2005-03-21", "2005-05-01", "2005-09-16", "2005-11-20", "2005-12-25"],
    );
  });

  it("adds the transfer of the Federal Executive: 1 December until 2018, 1 October from 2024", () => {
    const transfer = (year: number) => statutoryHolidays(year).find((h) => h.nameEs === "Transmisión del Poder Ejecutivo Federal")?.date;
    assert.equal(transfer(2018), "2018-12-01");
    assert.equal(transfer(2012), "2012-12-01");
    assert.equal(transfer(2024), "2024-10-01");
    assert.equal(transfer(2036), "2036-10-01");
    assert.equal(transfer(2019), undefined);
    assert.equal(transfer(2035), undefined);
  });
});
