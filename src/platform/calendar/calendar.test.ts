import { after, before, beforeEach, describe, it, type TestContext as NodeTestContext } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { createTestContext, type TestContext } from "../testing.js";
import type { Actor } from "../policy.js";
import { verifyAuditChain } from "../audit/verify.js";
import { addNonWorkingDays, CalendarInputError, setCutoffTime } from "./service.js";
import { businessDeadline, listNonWorkingDays, loadCalendar, loadCalendarSettings } from "./queries.js";
import { addBusinessDaysCommand, addNonWorkingCommand, listCalendarCommand } from "./cli.js";

const LEON = 11020;
const admin: Actor = {
  kind: "user",
  userId: 3,
  email: "secretaria@leon.gob.mx",
  displayName: "Secretaría del Ayuntamiento",
  emailVerified: true,
  platformRole: null,
  oversees: [],
  memberships: [{ municipalityId: LEON, role: "administrator", departmentId: null }],
};
const semanaSanta = {
  startsOn: "2026-03-30",
  endsOn: "2026-04-03",
  reason: "Semana Santa",
  officialNotice: "Gaceta Municipal núm. 12, acuerdo de cabildo 45/2026",
  noticeUrl: "https://leon.gob.mx/gaceta/12",
};

async function seedLeon(t: TestContext): Promise<void> {
  await sql`insert into states (code, name, abbreviation) values ('11', 'Guanajuato', 'Gto.'), ('02', 'Baja California', 'B.C.')`.execute(t.services.db);
  await sql`insert into municipalities (id, state_code, code, name, slug, active, folio_prefix, time_zone) values
    (11020, '11', '020', 'León', 'leon', true, 'LEON', 'America/Mexico_City'),
    (2004, '02', '004', 'Tijuana', 'tijuana', true, 'TIJ', 'America/Tijuana')`.execute(t.services.db);
}

async function cli(nt: NodeTestContext, run: () => Promise<number | void>): Promise<{ code: number | void; out: string }> {
  const lines: string[] = [];
  nt.mock.method(console, "log", (...parts: unknown[]) => lines.push(parts.join(" ")));
  nt.mock.method(console, "error", () => {});
  try {
    return { code: await run(), out: lines.join("\n") };
  } finally {
    nt.mock.restoreAll();
  }
}

describe("municipal calendar", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    await t.reset();
    await seedLeon(t);
  });
  after(async () => t.close());

  it("declares Semana Santa días inhábiles, records who did it in the audit log, and deadlines skip them", async () => {
    const before = await loadCalendar(t.services.db, LEON);
    assert.equal(before.addBusinessDays("2026-03-27", 1), "2026-03-30");
    const created = await t.services.db.transaction().execute((trx) => addNonWorkingDays(trx, LEON, semanaSanta, admin));
    assert.equal(created.startsOn, "2026-03-30");
    const stored = await listNonWorkingDays(t.services.db, LEON, { year: 2026 });
    assert.deepEqual(stored.map((r) => [r.startsOn, r.endsOn, r.reason, r.createdByLabel]), [["2026-03-30", "2026-04-03", "Semana Santa", "secretaria@leon.gob.mx"]]);
    const calendar = await loadCalendar(t.services.db, LEON);
    assert.equal(calendar.addBusinessDays("2026-03-27", 1), "2026-04-06");
    assert.equal((await loadCalendar(t.services.db, 2004)).addBusinessDays("2026-03-27", 1), "2026-03-30", "Tijuana is not affected");
    const audit = await t.services.db.selectFrom("audit_log").selectAll().execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.chain_id, LEON);
    assert.equal(audit[0]!.action, "calendar.nonWorkingDays.add");
    assert.equal(audit[0]!.actor_user_id, 3);
    assert.deepEqual((await verifyAuditChain(t.services.db)).ok, true);
  });

  it("rejects invalid ranges with Spanish messages and writes nothing", async () => {
    const attempt = (input: Partial<typeof semanaSanta>) =>
      t.services.db.transaction().execute((trx) => addNonWorkingDays(trx, LEON, { ...semanaSanta, ...input }, admin));
    await assert.rejects(attempt({ endsOn: "2026-03-29" }), (e: unknown) => e instanceof CalendarInputError && /no puede ser anterior/.test(e.message));
    await assert.rejects(attempt({ startsOn: "2026-02-30" }), /fecha de inicio no es una fecha válida/);
    await assert.rejects(attempt({ officialNotice: "  " }), /dónde se publicó/);
    await assert.rejects(attempt({ noticeUrl: "javascript:alert(1)" }), /http/);
    await assert.rejects(attempt({ startsOn: "2026-01-01", endsOn: "2027-06-01" }), /más de un año/);
    assert.equal((await listNonWorkingDays(t.services.db, LEON)).length, 0);
    assert.equal((await t.services.db.selectFrom("audit_log").selectAll().execute()).length, 0);
  });

  it("sees days added by another process and forgets days of an emptied database", async () => {
    await t.services.db.transaction().execute((trx) => addNonWorkingDays(trx, LEON, semanaSanta, admin));
    assert.equal((await loadCalendar(t.services.db, LEON)).isBusinessDay("2026-03-31"), false);
    // Another process writes directly: the cached calendar must not hide it.
    await sql`insert into municipal_non_working_days (municipality_id, starts_on, ends_on, reason, official_notice, created_by_label)
              values (11020, '2026-01-17', '2026-01-19', 'Fiesta de la ciudad', 'Gaceta núm. 3', 'otro proceso')`.execute(t.services.db);
    assert.equal((await loadCalendar(t.services.db, LEON)).isBusinessDay("2026-01-19"), false);
    await t.reset();
    await seedLeon(t);
    assert.equal((await loadCalendar(t.services.db, LEON)).isBusinessDay("2026-03-31"), true);
  });

  it("uses an 18:00 cut-off unless the municipality sets another, in its own time zone", async () => {
    assert.deepEqual(await loadCalendarSettings(t.services.db, LEON), { timeZone: "America/Mexico_City", cutoffTime: "18:00", cutoffHour: 18 });
    // Friday 13 November 2026, 18:30 in León: received Tuesday 17 (Monday 16 is Día de la Revolución).
    const late = new Date("2026-11-14T00:30:00Z");
    assert.deepEqual(await businessDeadline(t.services.db, LEON, late, 10), { receivedOn: "2026-11-17", dueOn: "2026-12-01" });
    // The same instant is 16:30 in Tijuana: received that Friday.
    assert.equal((await businessDeadline(t.services.db, 2004, late, 0)).receivedOn, "2026-11-13");
    await t.services.db.transaction().execute((trx) => setCutoffTime(trx, LEON, "19:00", admin));
    assert.deepEqual(await loadCalendarSettings(t.services.db, LEON), { timeZone: "America/Mexico_City", cutoffTime: "19:00", cutoffHour: 19 });
    assert.equal((await businessDeadline(t.services.db, LEON, late, 0)).receivedOn, "2026-11-13");
    await assert.rejects(t.services.db.transaction().execute((trx) => setCutoffTime(trx, LEON, "25:00", admin)), /HH:MM/);
  });

  it("`calendar add-non-working`, `list` and `add-business-days` work from the command line", async (nt) => {
    const added = await cli(nt, () =>
      addNonWorkingCommand.run(
        ["--municipality", "leon", "--from", "2026-03-30", "--to", "2026-04-03", "--reason", "Semana Santa", "--notice", "Gaceta Municipal núm. 12"],
        t.services,
      ),
    );
    assert.match(added.out, /Días inhábiles registrados en León: del lunes 2026-03-30 al viernes 2026-04-03 — Semana Santa/);
    const audit = await t.services.db.selectFrom("audit_log").select("actor_label").executeTakeFirstOrThrow();
    assert.match(audit.actor_label, /^línea de comandos/);

    const listed = await cli(nt, () => listCalendarCommand.run(["--municipality", "leon", "--year", "2026"], t.services));
    assert.match(listed.out, /lunes 2026-11-16  Día de la Revolución/);
    assert.match(listed.out, /del lunes 2026-03-30 al viernes 2026-04-03  Semana Santa — Gaceta Municipal núm. 12/);

    const sum = await cli(nt, () => addBusinessDaysCommand.run(["--municipality", "leon", "--from", "2026-03-27", "--days", "1"], t.services));
    assert.equal(sum.out, "2026-04-06");
  });

  it("command-line errors are Spanish and change nothing", async () => {
    const run = (args: string[]) => addNonWorkingCommand.run(args, t.services);
    await assert.rejects(run(["--municipality", "atlantida", "--from", "2026-03-30", "--to", "2026-04-03", "--reason", "x", "--notice", "y"]), /No existe un municipio activo/);
    await assert.rejects(run(["--municipality", "leon", "--from", "30/03/2026", "--to", "2026-04-03", "--reason", "x", "--notice", "y"]), /no es una fecha válida/);
    await assert.rejects(run(["--municipality", "leon", "--from", "2026-04-03", "--to", "2026-03-30", "--reason", "x", "--notice", "y"]), /no puede ser anterior/);
    await assert.rejects(run(["--municipality", "leon", "--from", "2026-03-30", "--to", "2026-04-03", "--reason", "x"]), /Falta la opción --notice/);
    await assert.rejects(addBusinessDaysCommand.run(["--municipality", "leon", "--from", "2026-03-27", "--days", "-3"], t.services), /--days/);
    await assert.rejects(listCalendarCommand.run(["--municipality", "leon", "--year", "veinte"], t.services), /no es un año válido/);
    assert.equal((await listNonWorkingDays(t.services.db, LEON)).length, 0);
    assert.equal((await t.services.db.selectFrom("audit_log").selectAll().execute()).length, 0);
  });
});
