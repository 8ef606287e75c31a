import { after, before, beforeEach, describe, it, type TestContext as NodeTestContext } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { createTestContext, type TestContext } from "../testing.js";
import type { Actor } from "../policy.js";
import { GENESIS_HASH, recordAudit } from "./audit.js";
import { verifyAuditChain } from "./verify.js";
import { AUDIT_TAMPERED_EXIT_CODE, auditVerifyCommand } from "./cli.js";

const ana: Actor = {
  kind: "user",
  userId: 7,
  email: "ana.lopez@leon.gob.mx",
  displayName: "Ana López",
  emailVerified: true,
  platformRole: null,
  oversees: [],
  memberships: [{ municipalityId: 11020, role: "administrator", departmentId: null }],
};

const LEON = 11020;

async function tamper(t: TestContext, statement: string): Promise<void> {
  // What a superuser could do: switch the guard off, edit, switch it back on.
  await t.services.handle.exec(`alter table audit_log disable trigger audit_log_append_only; ${statement}; alter table audit_log enable trigger audit_log_append_only;`);
}

async function recordMany(t: TestContext, municipalityId: number | null, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await t.services.db.transaction().execute((trx) =>
      recordAudit(trx, {
        actor: ana,
        municipalityId,
        action: "request.assign",
        subjectType: "citizen_request",
        subjectId: `LEON-2026-${String(i).padStart(6, "0")}`,
        details: { from: null, to: { department: "Alumbrado público", id: i }, nota: "Asignación por zona — ñandú" },
      }),
    );
  }
}

async function runVerify(t: TestContext, nt: NodeTestContext, args: string[]): Promise<{ code: number | void; output: string }> {
  const lines: string[] = [];
  nt.mock.method(console, "log", (...parts: unknown[]) => lines.push(parts.join(" ")));
  const code = await auditVerifyCommand.run(args, t.services);
  nt.mock.restoreAll();
  return { code, output: lines.join("\n") };
}

describe("hash-chained audit log", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => t.reset());
  after(async () => t.close());

  it("chains each municipality's entries with gapless numbers and verifies them", async () => {
    await recordMany(t, LEON, 5);
    await recordMany(t, null, 2);
    const rows = await t.services.db.selectFrom("audit_log").selectAll().orderBy("chain_id").orderBy("seq").execute();
    assert.deepEqual(
      rows.map((r) => [r.chain_id, Number(r.seq)]),
      [[0, 1], [0, 2], [LEON, 1], [LEON, 2], [LEON, 3], [LEON, 4], [LEON, 5]],
    );
    const leon = rows.filter((r) => r.chain_id === LEON);
    assert.equal(leon[0]!.prev_hash, GENESIS_HASH);
    for (let i = 1; i < leon.length; i++) assert.equal(leon[i]!.prev_hash, leon[i - 1]!.hash);
    assert.equal(leon[0]!.actor_label, "ana.lopez@leon.gob.mx");
    assert.equal(leon[0]!.actor_user_id, 7);
    assert.deepEqual(await verifyAuditChain(t.services.db), { ok: true, checked: 7 });
    assert.deepEqual(await verifyAuditChain(t.services.db, { municipalityId: LEON }), { ok: true, checked: 5 });
    assert.deepEqual(await verifyAuditChain(t.services.db, { municipalityId: null }), { ok: true, checked: 2 });
  });

  it("verifies across batches and reports progress", async () => {
    await recordMany(t, LEON, 7);
    const seen: number[] = [];
    const result = await verifyAuditChain(t.services.db, { batchSize: 3, onProgress: (checked) => seen.push(checked) });
    assert.deepEqual(result, { ok: true, checked: 7 });
    assert.deepEqual(seen, [0, 3, 6, 7]);
  });

  it("refuses UPDATE and DELETE through ordinary SQL", async () => {
    await recordMany(t, LEON, 2);
    await assert.rejects(
      sql`update audit_log set details = '{}'::jsonb where seq = 1`.execute(t.services.db),
      /no admite UPDATE/,
    );
    await assert.rejects(sql`delete from audit_log where seq = 2`.execute(t.services.db), /no admite DELETE/);
    const n = await t.services.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 2);
  });

  it("detects a row whose details were edited behind the trigger's back, at that row", async () => {
    await recordMany(t, LEON, 5);
    await tamper(t, `update audit_log set details = jsonb_set(details, '{nota}', '"editado"') where chain_id = ${LEON} and seq = 3`);
    const result = await verifyAuditChain(t.services.db);
    assert.equal(result.ok, false);
    assert.equal(result.checked, 2);
    assert.equal(result.firstBadRow?.chainId, LEON);
    assert.equal(result.firstBadRow?.seq, 3);
    assert.match(result.firstBadRow!.reason, /modificado/);
  });

  it("detects a re-hashed row by the broken link to the next one", async () => {
    await recordMany(t, LEON, 4);
    // A careful forger recomputes row 2's hash; row 3 still points to the old one.
    await tamper(t, `update audit_log set hash = repeat('a', 64) where chain_id = ${LEON} and seq = 2`);
    const result = await verifyAuditChain(t.services.db, { municipalityId: LEON });
    assert.equal(result.ok, false);
    assert.equal(result.firstBadRow?.seq, 2);
    await tamper(t, `update audit_log set hash = repeat('b', 64) where chain_id = ${LEON} and seq = 4`);
  });

  it("detects a deleted middle row as a gap", async () => {
    await recordMany(t, LEON, 5);
    await tamper(t, `delete from audit_log where chain_id = ${LEON} and seq = 3`);
    const result = await verifyAuditChain(t.services.db);
    assert.equal(result.ok, false);
    assert.equal(result.checked, 2);
    assert.deepEqual(result.firstBadRow, { chainId: LEON, seq: 3, reason: "falta el registro 3 (la cadena salta al 4)" });
  });

  it("keeps one chain gapless under concurrent writers in parallel transactions", async () => {
    const writers = 12;
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        t.services.db.transaction().execute(async (trx) => {
          await recordAudit(trx, { actor: ana, municipalityId: LEON, action: "request.comment", subjectType: "citizen_request", subjectId: i, details: { i } });
          // Hold the transaction open a moment so the writers really overlap on a server.
          await sql`select pg_sleep(0.02)`.execute(trx);
        }),
      ),
    );
    const seqs = (await t.services.db.selectFrom("audit_log").select("seq").where("chain_id", "=", LEON).orderBy("seq").execute()).map((r) => Number(r.seq));
    assert.deepEqual(seqs, Array.from({ length: writers }, (_, i) => i + 1));
    assert.deepEqual(await verifyAuditChain(t.services.db), { ok: true, checked: writers });
  });

  it("opens its own transaction when called without one", async () => {
    await recordAudit(t.services.db, { actor: { kind: "anonymous" }, municipalityId: null, action: "platform.start", subjectType: "platform", subjectId: null });
    const row = await t.services.db.selectFrom("audit_log").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.actor_label, "anónimo");
    assert.equal(row.chain_id, 0);
    assert.equal(row.subject_id, null);
  });

  it("rolls the entry back with the caller's transaction", async () => {
    await assert.rejects(
      t.services.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: ana, municipalityId: LEON, action: "x.y", subjectType: "x", subjectId: 1 });
        throw new Error("la operación falló");
      }),
      /la operación falló/,
    );
    assert.equal((await t.services.db.selectFrom("audit_log").selectAll().execute()).length, 0);
  });

  it("`audit verify` exits 0 on an intact log and 3 on a tampered one, with a Spanish summary", async (nt) => {
    await recordMany(t, LEON, 3);
    const intact = await runVerify(t, nt, []);
    assert.equal(intact.code, 0);
    assert.match(intact.output, /Bitácora íntegra \(todas las cadenas\): 3 registros verificados/);
    await tamper(t, `update audit_log set actor_label = 'otra persona' where chain_id = ${LEON} and seq = 2`);
    const tampered = await runVerify(t, nt, []);
    assert.equal(tampered.code, AUDIT_TAMPERED_EXIT_CODE);
    assert.equal(AUDIT_TAMPERED_EXIT_CODE, 3);
    assert.match(tampered.output, /¡Bitácora alterada! cadena del municipio 11020, registro 2/);
  });

  it("`audit verify --municipality` checks only that municipality and rejects unknown slugs", async (nt) => {
    await sql`insert into states (code, name, abbreviation) values ('11', 'Guanajuato', 'Gto.')`.execute(t.services.db);
    await sql`insert into municipalities (id, state_code, code, name, slug, active, folio_prefix)
              values (11020, '11', '020', 'León', 'leon', true, 'LEON')`.execute(t.services.db);
    await recordMany(t, LEON, 2);
    await recordMany(t, null, 1);
    await tamper(t, `update audit_log set action = 'otra' where chain_id = 0 and seq = 1`);
    const leon = await runVerify(t, nt, ["--municipality", "leon"]);
    assert.equal(leon.code, 0);
    assert.match(leon.output, /León, Guanajuato\): 2 registros verificados/);
    const all = await runVerify(t, nt, []);
    assert.equal(all.code, 3);
    assert.match(all.output, /cadena de la plataforma, registro 1/);
    await assert.rejects(auditVerifyCommand.run(["--municipality", "atlantida"], t.services), /No existe un municipio activo con el identificador "atlantida"/);
  });
});
