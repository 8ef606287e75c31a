import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Checker } from "../plans/staff-inputs.js";
import { checkHours, localClock, normaliseTime, openingState } from "./office-hours.js";

const WEEKDAYS_9_TO_3 = [1, 2, 3, 4, 5].map((day) => ({ day, opens: "09:00", closes: "15:00" }));

describe("office hours", () => {
  it("reads the grid: both times or neither per day, 24-hour HH:MM, closing after opening", () => {
    const c = new Checker();
    const hours = checkHours(c, [
      { day: 1, opens: "8:30", closes: "14:30" },
      { day: 2, opens: "", closes: "" },
      { day: 6, opens: "09:00:00", closes: "13:00" },
    ]);
    assert.deepEqual(c.errors, []);
    assert.deepEqual(hours, [{ day: 1, opens: "08:30", closes: "14:30" }, { day: 6, opens: "09:00", closes: "13:00" }]);
    assert.equal(normaliseTime("24:00"), null);
    assert.equal(normaliseTime("9h"), null);

    const bad = new Checker();
    checkHours(bad, [
      { day: 1, opens: "15:00", closes: "15:00" },
      { day: 4, opens: "", closes: "12:00" },
      { day: 7, opens: "las nueve", closes: "14:00" },
    ]);
    assert.deepEqual(bad.errors.map((e) => e.field), ["hours-1", "hours-4", "hours-7"]);
    assert.match(bad.errors[0]!.message, /El lunes la hora de cierre \(15:00\) debe ser posterior a la de apertura \(15:00\)/);
    assert.match(bad.errors[1]!.message, /del jueves/);
    assert.match(bad.errors[2]!.message, /La hora de apertura del domingo no es válida/);
  });

  it("tells open from closed in the municipality's time zone (Mexico City has been UTC−6 all year since 2022)", () => {
    // Monday 2 March 2026, 16:00 UTC = 10:00 in Mexico City.
    assert.deepEqual(localClock("America/Mexico_City", new Date("2026-03-02T16:00:00Z")), { day: 1, time: "10:00" });
    assert.equal(openingState(WEEKDAYS_9_TO_3, "America/Mexico_City", new Date("2026-03-02T16:00:00Z")), "open");
    // 21:00 UTC = 15:00 local: closing time is already closed.
    assert.equal(openingState(WEEKDAYS_9_TO_3, "America/Mexico_City", new Date("2026-03-02T21:00:00Z")), "closed");
    // Tuesday 02:00 UTC is still Monday 20:00 in Mexico City.
    assert.deepEqual(localClock("America/Mexico_City", new Date("2026-03-03T02:00:00Z")), { day: 1, time: "20:00" });
    // Sunday 8 March 2026 at noon local.
    assert.deepEqual(localClock("America/Mexico_City", new Date("2026-03-08T18:00:00Z")), { day: 7, time: "12:00" });
    assert.equal(openingState(WEEKDAYS_9_TO_3, "America/Mexico_City", new Date("2026-03-08T18:00:00Z")), "closed");
    // The same instant is another hour in Tijuana.
    assert.equal(openingState(WEEKDAYS_9_TO_3, "America/Tijuana", new Date("2026-03-02T16:00:00Z")), "closed");
    assert.equal(openingState([], "America/Mexico_City", new Date()), "unknown");
  });
});
