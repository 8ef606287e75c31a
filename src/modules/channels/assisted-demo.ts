/**
 * Demo requests on several channels for the dashboard by channel and colonia: in each demo
 * municipality, two through the website and two filed by the front desk on someone's behalf (one
 * at the first demo office, one on the phone), one of them already attended. Through the real
 * services (createRequest, fileAssistedRequest, applyStaffChange), acting as the demo staff; no
 * contact data is invented. Needs the territory, the requests catalogue, the demo staff accounts
 * and, for the office filing, the demo offices. Re-runnable: a municipality that already has an
 * assisted filing is left alone.
 */
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { loadActor } from "../accounts/queries.js";
import { DEMO_SLUGS } from "../accounts/seed.js";
import { createRequest } from "../requests/create.js";
import { findServiceByCode } from "../requests/catalogue.js";
import { applyStaffChange } from "../requests/workflow.js";
import { findActiveMunicipalityBySlug, listColonias } from "../territory/queries.js";
import { fileAssistedRequest } from "./assisted-filing.js";
import { listOfficeOptions } from "./office-queries.js";
import "./assisted-tables.js";

const DAY = 24 * 3_600_000;

async function demoUser(services: Services, email: string) {
  const row = await services.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  return row ? loadActor(services.db, row.id) : null;
}

export async function seedDemoAssisted(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  for (const slug of DEMO_SLUGS) {
    const m = await findActiveMunicipalityBySlug(db, slug);
    if (!m) continue;
    const done = await db.selectFrom("assisted_filings").select("request_id").where("municipality_id", "=", m.id).limit(1).executeTakeFirst();
    if (done) continue;
    const [clerk, admin] = await Promise.all([demoUser(services, `dependencia@${slug}.demo.cabildo.mx`), demoUser(services, `admin@${slug}.demo.cabildo.mx`)]);
    const service = (await findServiceByCode(db, m.id, "alumbrado")) ?? (await findServiceByCode(db, m.id, "basura"));
    const colonias = (await listColonias(db, m.id, { page: 1, perPage: 3 })).rows;
    if (!clerk || !admin || !service || service.locationRequired) continue;
    const [office] = await listOfficeOptions(db, m.id);
    const now = Date.now();
    const colonia = (i: number) => (colonias.length ? colonias[i % colonias.length]!.id : null);
    const web = await createRequest(
      services, m,
      { serviceCode: service.code, description: "Demostración: la luminaria de la esquina parpadea toda la noche.", coloniaId: colonia(0), channel: "web" },
      anonymous, new Date(now - 12 * DAY),
    );
    await createRequest(services, m, { serviceCode: service.code, description: "Demostración: dos luminarias apagadas en la misma cuadra.", coloniaId: colonia(1), channel: "web" }, anonymous, new Date(now - 3 * DAY));
    if (office) {
      await fileAssistedRequest(
        services, m,
        { serviceCode: service.code, description: "Demostración: reporte recibido en ventanilla; la calle queda a oscuras.", coloniaId: colonia(2), channel: "office", officeId: office.id },
        clerk, [], new Date(now - 5 * DAY),
      );
    }
    await fileAssistedRequest(
      services, m,
      { serviceCode: service.code, description: "Demostración: reporte recibido por teléfono; luminaria apagada frente a la escuela.", coloniaId: colonia(0), channel: "phone", officeId: null },
      clerk, [], new Date(now - 2 * DAY),
    );
    await applyStaffChange(services, m.id, [web.id], { kind: "status", to: "atendida" }, admin, new Date(now - 8 * DAY));
    log(`  ${m.name}: ${office ? 4 : 3} solicitudes de demostración por canal (web, ${office ? "oficina, " : ""}teléfono)`);
  }
}
