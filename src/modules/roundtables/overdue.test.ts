import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BusinessCalendar } from "../../platform/calendar/business-days.js";
import { businessDaysLate, isOverdue, overdueCutoff } from "./overdue.js";

// March 2026: Monday 16 is the statutory rest day for Benito Juárez (third Monday of March).
// The municipality also declares Wednesday 18 a día inhábil.
const calendar = new BusinessCalendar(["2026-03-18"]);

describe("overdue agreements in business days", () => {
  it("moves a due date on a non-business day to the next business day, and is late once a business day passes", () => {
    // Due Friday 13: Sat 14, Sun 15, Mon 16 (rest day) are not business days.
    assert.equal(businessDaysLate(calendar, "2026-03-13", "2026-03-13"), 0);
    assert.equal(businessDaysLate(calendar, "2026-03-13", "2026-03-16"), 0);
    assert.equal(businessDaysLate(calendar, "2026-03-13", "2026-03-17"), 1);
    // Wed 18 is inhábil: still 1 on Wed, 2 on Thu 19.
    assert.equal(businessDaysLate(calendar, "2026-03-13", "2026-03-18"), 1);
    assert.equal(businessDaysLate(calendar, "2026-03-13", "2026-03-19"), 2);
    // Due Saturday 14 → effectively Tuesday 17: not late on Tue 17 nor on Wed 18 (inhábil), late on Thu 19.
    assert.equal(businessDaysLate(calendar, "2026-03-14", "2026-03-17"), 0);
    assert.equal(businessDaysLate(calendar, "2026-03-14", "2026-03-18"), 0);
    assert.equal(businessDaysLate(calendar, "2026-03-14", "2026-03-19"), 1);
  });

  it("only open agreements with a due date are overdue", () => {
    assert.equal(isOverdue(calendar, { status: "pendiente", dueOn: "2026-03-13" }, "2026-03-17"), true);
    assert.equal(isOverdue(calendar, { status: "en_curso", dueOn: "2026-03-13" }, "2026-03-17"), true);
    assert.equal(isOverdue(calendar, { status: "cumplido", dueOn: "2026-03-13" }, "2026-03-17"), false);
    assert.equal(isOverdue(calendar, { status: "descartado", dueOn: "2026-03-13" }, "2026-03-17"), false);
    assert.equal(isOverdue(calendar, { status: "pendiente", dueOn: null }, "2026-03-17"), false);
  });

  it("gives the SQL cutoff that matches the business-day rule for every due date", () => {
    // On Thu 19: the last business day on or before is 19, the one before it is Tue 17 (18 inhábil).
    assert.equal(overdueCutoff(calendar, "2026-03-19"), "2026-03-17");
    // On Mon 16 (rest day): last business day Fri 13, the one before Thu 12.
    assert.equal(overdueCutoff(calendar, "2026-03-16"), "2026-03-12");
    for (const today of ["2026-03-12", "2026-03-13", "2026-03-14", "2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-23"]) {
      const cutoff = overdueCutoff(calendar, today);
      for (let d = 1; d <= 31; d++) {
        const due = `2026-03-${String(d).padStart(2, "0")}`;
        assert.equal(due <= cutoff, businessDaysLate(calendar, due, today) >= 1, `due ${due}, today ${today}`);
      }
    }
  });
});
