import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { addDays } from "../../platform/calendar/dates.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { curpCheckDigit, identityHash, validateCurp } from "./curp.js";
import { addPhase, assertOpen, createProcess, currentPhase, isOpen, loadProcess, todayIn, updatePhase } from "./processes.js";
import { inPersonParticipant, meetsLevel, requiredLevel, verifyIdentity, type Participant } from "./participants.js";
import { setRules } from "./participation-rules.js";
import { CURPS, guestParticipant, seedParticipationWorld, verifiedParticipant, type ParticipationWorld } from "./test-support.js";
import { ParticipationInputError } from "./errors.js";

describe("CURP", () => {
  it("accepts real-format CURPs whose check digit matches RENAPO's algorithm", () => {
    // Wikipedia's example (Luis Raúl Bello Mena, 13-03-1992, Estado de México), digit 9 checked by hand:
    // Σ value×(18−i) over the first 17 characters = 1971; 10 − (1971 mod 10) = 9.
    assert.deepEqual(validateCurp("BEML920313HMCLNS09"), { ok: true, curp: "BEML920313HMCLNS09" });
    assert.equal(curpCheckDigit("BEML920313HMCLNS0"), 9);
    for (const curp of Object.values(CURPS)) assert.equal(validateCurp(curp).ok, true, curp);
    // Lower case, spaces and dashes are normalised.
    assert.deepEqual(validateCurp(" beml-920313-hmclns09 "), { ok: true, curp: "BEML920313HMCLNS09" });
    // Born in 2000 or later: the 17th character is a letter.
    assert.equal(validateCurp(CURPS.carla).ok, true);
  });

  it("refuses a wrong check digit, a wrong format and impossible dates with Spanish messages", () => {
    const wrongDigit = validateCurp("BEML920313HMCLNS08");
    assert.equal(wrongDigit.ok, false);
    assert.match(!wrongDigit.ok ? wrongDigit.message : "", /dígito verificador/);
    for (const bad of ["BEML920313HMCLNS0", "BEML920313HMCLNS099", "1EML920313HMCLNS09", "BEML920313HZZLNS09", "BEML920313QMCLNS09", "BEML921313HMCLNS09", ""]) {
      const r = validateCurp(bad);
      assert.equal(r.ok, false, bad);
    }
    const feb30 = validateCurp("BEML920230HMCLNS0" + curpCheckDigit("BEML920230HMCLNS0"));
    assert.equal(feb30.ok, false);
    assert.match(!feb30.ok ? feb30.message : "", /fecha de nacimiento/);
  });
});

describe("participation core services", () => {
  let t: TestContext;
  let w: ParticipationWorld;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedParticipationWorld(t.services);
  });
  after(async () => t.close());

  it("hashes a CURP stably and with a different salt per municipality", async () => {
    const a1 = await identityHash(t.services.db, w.cuauhtemoc.id, CURPS.ana);
    const a2 = await identityHash(t.services.db, w.cuauhtemoc.id, CURPS.ana.toLowerCase());
    const b = await identityHash(t.services.db, w.leon.id, CURPS.ana);
    assert.match(a1, /^[0-9a-f]{64}$/);
    assert.equal(a1, a2);
    assert.notEqual(a1, b);
    assert.notEqual(a1, await identityHash(t.services.db, w.cuauhtemoc.id, CURPS.beto));
  });

  it("keeps phases from overlapping and orders them by date", async () => {
    const today = todayIn(w.cuauhtemoc.timeZone);
    const p = w.process;
    await assert.rejects(
      addPhase(t.services.db, w.cuauhtemoc.id, anonymous, p.id, { title: "Priorización", startsOn: addDays(today, 30), endsOn: addDays(today, 40), components: ["approval_voting"] }),
      (e: unknown) => e instanceof ParticipationInputError && e.status === 422 && /traslapan/.test(e.message),
    );
    await addPhase(t.services.db, w.cuauhtemoc.id, anonymous, p.id, { title: "Priorización", startsOn: addDays(today, 31), endsOn: addDays(today, 40), components: ["approval_voting"] });
    const diag = await addPhase(t.services.db, w.cuauhtemoc.id, anonymous, p.id, { title: "Diagnóstico", startsOn: addDays(today, -60), endsOn: addDays(today, -31), components: [] });
    let process = (await loadProcess(t.services.db, w.cuauhtemoc.id, p.slug))!;
    assert.deepEqual(process.phases.map((x) => [x.position, x.title]), [[1, "Diagnóstico"], [2, "Participación abierta"], [3, "Priorización"]]);
    await assert.rejects(updatePhase(t.services.db, w.cuauhtemoc.id, anonymous, p.id, diag.id, { title: "Diagnóstico", startsOn: addDays(today, -60), endsOn: addDays(today, -30), components: [] }), /traslapan/);
    assert.equal(currentPhase(process, today)?.title, "Participación abierta");
    assert.equal(isOpen(process, "proposals", today), true);
    assert.equal(isOpen(process, "approval_voting", today), true);
    // Narrow the current phase to proposals only: votes are refused with a Spanish 422.
    const current = process.phases[1]!;
    await updatePhase(t.services.db, w.cuauhtemoc.id, anonymous, p.id, current.id, { title: current.title, startsOn: current.startsOn, endsOn: current.endsOn, components: ["proposals"] });
    process = (await loadProcess(t.services.db, w.cuauhtemoc.id, p.slug))!;
    assert.equal(isOpen(process, "approval_voting", today), false);
    assert.throws(() => assertOpen(process, "approval_voting", today), (e: unknown) => e instanceof HttpProblem && e.status === 422 && /Esta etapa del proceso no admite votación por aprobación/.test(e.message) && /Priorización/.test(e.message));
    assert.doesNotThrow(() => assertOpen(process, "proposals", today));
    assert.equal(isOpen(process, "proposals", addDays(today, 35)), false);
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("action", "like", "participation.phase.%").execute();
    assert.equal(audit.length, 3);
  });

  it("refuses a phase ending before it starts and a draft without phases from being published", async () => {
    await assert.rejects(addPhase(t.services.db, w.cuauhtemoc.id, anonymous, w.process.id, { title: "Mala", startsOn: "2026-05-10", endsOn: "2026-05-01", components: [] }), /antes de empezar/);
    await assert.rejects(createProcess(t.services.db, w.cuauhtemoc.id, anonymous, { slug: "sin-etapas", title: "Sin etapas", status: "published" }), /al menos una etapa/);
    await assert.rejects(createProcess(t.services.db, w.cuauhtemoc.id, anonymous, { slug: "plan-de-accion", title: "Repetido" }), /Ya existe/);
    await assert.rejects(createProcess(t.services.db, w.cuauhtemoc.id, anonymous, { slug: "confirmar", title: "Reservado" }), /reservada/);
  });

  it("uses the default levels and stored overrides", async () => {
    assert.equal(await requiredLevel(t.services.db, w.cuauhtemoc.id, w.process.id, "comment"), "guest");
    assert.equal(await requiredLevel(t.services.db, w.cuauhtemoc.id, w.process.id, "support"), "account");
    assert.equal(await requiredLevel(t.services.db, w.cuauhtemoc.id, w.process.id, "budget_vote"), "identity");
    await setRules(t.services.db, w.cuauhtemoc.id, anonymous, w.process.id, { comment: "account" });
    assert.equal(await requiredLevel(t.services.db, w.cuauhtemoc.id, w.process.id, "comment"), "account");
    await assert.rejects(setRules(t.services.db, w.cuauhtemoc.id, anonymous, w.process.id, { comment: "nadie" }), ParticipationInputError);
  });

  it("orders levels: identity meets all, a verified account meets guest", () => {
    const base: Participant = { municipalityId: 1, id: 1, kind: "guest", userId: null, emailConfirmed: true, identityVerified: false };
    assert.equal(meetsLevel(null, "guest"), false);
    assert.equal(meetsLevel(base, "guest"), true);
    assert.equal(meetsLevel(base, "account"), false);
    assert.equal(meetsLevel({ ...base, emailConfirmed: false }, "guest"), false);
    assert.equal(meetsLevel({ ...base, kind: "account", userId: 3 }, "account"), true);
    assert.equal(meetsLevel({ ...base, kind: "account", userId: 3 }, "identity"), false);
    assert.equal(meetsLevel({ ...base, identityVerified: true }, "identity"), true);
  });

  it("counts a person once: the same CURP in person and online is one participant", async () => {
    const staff = { kind: "user" as const, userId: w.team.userId, email: w.team.email, displayName: "participa", emailVerified: true, platformRole: null, oversees: [], memberships: [{ municipalityId: w.cuauhtemoc.id, role: "participation_team" as const, departmentId: null }] };
    // Online first, then in person: the paper ballot goes to the same participant.
    const online = await verifiedParticipant(t.services, w.cuauhtemoc, CURPS.ana);
    const paper = await t.services.db.transaction().execute((trx) => inPersonParticipant(trx, w.cuauhtemoc.id, CURPS.ana.toLowerCase(), staff));
    assert.equal(paper.id, online.participant.id);
    // In person first, then online: the online person takes the in-person participant over.
    const inPerson = await t.services.db.transaction().execute((trx) => inPersonParticipant(trx, w.cuauhtemoc.id, CURPS.beto, staff));
    assert.equal(inPerson.kind, "in_person");
    const again = await t.services.db.transaction().execute((trx) => inPersonParticipant(trx, w.cuauhtemoc.id, CURPS.beto, staff));
    assert.equal(again.id, inPerson.id);
    const later = await verifiedParticipant(t.services, w.cuauhtemoc, CURPS.beto);
    assert.equal(later.participant.id, inPerson.id);
    assert.equal(later.participant.kind, "guest");
    // A third person cannot claim a CURP that an online participant holds.
    const other = await guestParticipant(t.services, w.cuauhtemoc, "otra@correo.test");
    await assert.rejects(
      t.services.db.transaction().execute((trx) => verifyIdentity(trx, w.cuauhtemoc.id, other.participant.id, CURPS.ana, anonymous)),
      /ya está registrada/,
    );
    // Anonymous in-person participants are each their own; a bad CURP is a 422 and stores nothing.
    const before = await t.services.db.selectFrom("participants").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    await assert.rejects(t.services.db.transaction().execute((trx) => inPersonParticipant(trx, w.cuauhtemoc.id, "BEML920313HMCLNS08", staff)), (e: unknown) => e instanceof HttpProblem && e.status === 422);
    const a = await t.services.db.transaction().execute((trx) => inPersonParticipant(trx, w.cuauhtemoc.id, null, staff));
    const b = await t.services.db.transaction().execute((trx) => inPersonParticipant(trx, w.cuauhtemoc.id, "", staff));
    assert.notEqual(a.id, b.id);
    const afterCount = await t.services.db.selectFrom("participants").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n) + 2);
    // The CURP itself is stored nowhere.
    const rows = await t.services.db.selectFrom("participants").selectAll().execute();
    assert.ok(!JSON.stringify(rows).includes(CURPS.ana) && !JSON.stringify(rows).includes(CURPS.beto));
  });
});
