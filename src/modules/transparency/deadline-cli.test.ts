import { after, before, beforeEach, describe, it, type TestContext as NodeTestContext } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { addNonWorkingDays } from "../../platform/calendar/service.js";
import { LEON, login, makeUser, seedTowns } from "../accounts/test-support.js";
import { deadlineCommand } from "./deadline-cli.js";

async function cli(nt: NodeTestContext, run: () => Promise<number | void>): Promise<string> {
  const lines: string[] = [];
  nt.mock.method(console, "log", (...parts: unknown[]) => lines.push(parts.join(" ")));
  try {
    await run();
    return lines.join("\n");
  } finally {
    nt.mock.restoreAll();
  }
}

describe("cabildo deadline", () => {
  let t: TestContext;
  let app: FastifyInstance;
  const run = (nt: NodeTestContext, args: string[]) => cli(nt, () => deadlineCommand.run(args, t.services));
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    await seedTowns(t.services.db);
  });
  after(async () => t.close());

  it("--json without a municipality: Friday 13 Nov 2026 19:00 (after the cut-off, Monday 16 a rest day) → received Tue 17", async (nt) => {
    // lgtaip-2015 from Tue 17: +5 → Tue 24 Nov; +20 → Tue 15 Dec; +10 more (25 Dec a rest day) → Wed 30 Dec.
    assert.equal(await run(nt, ["--profile", "lgtaip-2015", "--received", "2026-11-13T19:00", "--json"]), '{"preventionBy":"2026-11-24","due":"2026-12-15","extendedDue":"2026-12-30"}');
    // edomex-2016: +15 → Tue 8 Dec; +7 → Thu 17 Dec. The same instant written in UTC gives the same dates.
    assert.equal(await run(nt, ["--profile", "edomex-2016", "--received", "2026-11-14T01:00Z", "--json"]), '{"preventionBy":"2026-11-24","due":"2026-12-08","extendedDue":"2026-12-17"}');
    assert.equal(await run(nt, ["--profile", "arco-2017", "--received", "2026-11-13T19:00-06:00", "--json"]), '{"preventionBy":"2026-11-24","due":"2026-12-15","extendedDue":"2026-12-30"}');
  });

  it("prints the dates in Spanish with the articles", async (nt) => {
    const out = await run(nt, ["--profile", "lgtaip-2015", "--received", "2026-11-13T19:00"]);
    assert.match(out, /Fecha de recepción efectiva: martes 2026-11-17/);
    assert.match(out, /Prevención a más tardar: +martes 2026-11-24 \(5 días hábiles, art\. 128\)/);
    assert.match(out, /Vencimiento: +martes 2026-12-15 \(20 días hábiles, art\. 132\)/);
    assert.match(out, /Con ampliación: +miércoles 2026-12-30 \(10 días hábiles más, aprobada por el Comité de Transparencia/);
  });

  it("with --municipality agrees with the staff calculator page, días inhábiles included", async (nt) => {
    // León closes 23–27 Nov: from Tue 17, +5 → Tue 1 Dec; +20 → Tue 22 Dec; +10 → Thu 7 Jan 2027.
    await t.services.db.transaction().execute((trx) =>
      addNonWorkingDays(trx, LEON, { startsOn: "2026-11-23", endsOn: "2026-11-27", reason: "Feria", officialNotice: "Gaceta Municipal núm. 40", noticeUrl: null }, anonymous),
    );
    const json = JSON.parse(await run(nt, ["--profile", "lgtaip-2015", "--received", "2026-11-13T19:00", "--municipality", "leon", "--json"]));
    assert.deepEqual(json, { preventionBy: "2026-12-01", due: "2026-12-22", extendedDue: "2027-01-07" });

    await makeUser(t.services.db, "admin@leon.test", { role: "administrator", municipalityId: LEON });
    const browser = new Browser(app);
    await login(browser, "admin@leon.test");
    const page = await browser.get("/leon/admin/transparencia/plazos?perfil=lgtaip-2015&fecha=2026-11-13&hora=19:00");
    assert.equal(page.statusCode, 200);
    // Rows in order: receipt, prevención, incompetence, due, extended due.
    const dates = [...page.body.matchAll(/<time datetime="([\d-]+)">/g)].map((m) => m[1]);
    assert.deepEqual({ preventionBy: dates[1], due: dates[3], extendedDue: dates[4] }, json);
  });

  it("refuses a malformed date, an unknown profile or municipality with a Spanish message", async () => {
    const fails = (args: string[], pattern: RegExp) => assert.rejects(deadlineCommand.run(args, t.services), pattern);
    await fails(["--profile", "lgtaip-2015", "--received", "13/11/2026 19:00"], /--received: "13\/11\/2026 19:00" no es una fecha y hora válida/);
    await fails(["--profile", "lgtaip-2015", "--received", "2026-02-30T10:00"], /no es una fecha y hora válida/);
    await fails(["--profile", "lgtaip-2015", "--received", "2026-11-13T25:00"], /no es una fecha y hora válida/);
    await fails(["--profile", "lgtaip-2099", "--received", "2026-11-13T19:00"], /No existe el perfil legal "lgtaip-2099". Perfiles disponibles: .*lgtaip-2015/);
    await fails(["--profile", "lgtaip-2015", "--received", "2026-11-13T19:00", "--municipality", "atlantida"], /No existe un municipio activo/);
    await fails(["--received", "2026-11-13T19:00"], /Falta la opción --profile/);
  });
});
