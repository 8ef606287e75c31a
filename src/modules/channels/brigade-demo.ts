/**
 * Demo: in Cuauhtémoc (it has real colonia polygons) the brigade "Mi barrio habla — Centro y
 * Guerrero", active around today, with its route over three colonias, a coordinator and a
 * volunteer (fictitious accounts, passwords printed once), and records synchronised through the
 * real batch sync as the volunteer's phone would send them: requests by service, visits without a
 * request, a follow-up contact, and a proposal when the demo process takes proposals today.
 * Run again on a database that has it, it does nothing.
 */
import crypto from "node:crypto";
import { SYSTEM } from "../../platform/audit/audit.js";
import { addDays } from "../../platform/calendar/dates.js";
import type { Services } from "../../platform/services.js";
import { hashPassword, randomPassword } from "../accounts/password.js";
import { createAccount } from "../accounts/provision.js";
import { loadActor } from "../accounts/queries.js";
import { demoProcess } from "../participation/demo.js";
import { isOpen, todayIn } from "../participation/processes.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { addStop, createBrigade, saveMember } from "./brigade-service.js";
import { syncBatch } from "./brigade-sync.js";

const LABEL = "datos de demostración";
export const DEMO_BRIGADE = { slug: "centro-guerrero", name: "Mi barrio habla — Centro y Guerrero" };
const COORDINATOR = { email: "coordinacion.brigadas@cuauhtemoc.demo.cabildo.mx", name: "Coordinación de brigadas (demostración)" };
const VOLUNTEER = { email: "brigadista@cuauhtemoc.demo.cabildo.mx", name: "Brigadista voluntaria (demostración)" };
/** Points inside colonia Centro: the Zócalo and the Alameda. */
const ZOCALO = { lat: 19.4326, lon: -99.1332 };
const ALAMEDA = { lat: 19.4355, lon: -99.1445 };

export async function seedDemoBrigades(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const m = await findActiveMunicipalityBySlug(db, "cuauhtemoc");
  if (!m) return;
  if (await db.selectFrom("brigades").select("id").where("municipality_id", "=", m.id).where("slug", "=", DEMO_BRIGADE.slug).executeTakeFirst()) return;
  const colonias = await db.selectFrom("colonias").select(["id", "slug"]).where("municipality_id", "=", m.id).where("slug", "in", ["centro", "guerrero", "morelos"]).execute();
  const colonia = (slug: string) => colonias.find((c) => c.slug === slug)?.id;
  if (!colonia("centro") || !colonia("guerrero") || !colonia("morelos")) return;
  const started = Date.now();
  const today = todayIn(m.timeZone);
  const process = await demoProcess(db, m.id);
  const passwords = [randomPassword(), randomPassword()];
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));

  const volunteerId = await db.transaction().execute(async (trx) => {
    const actor = SYSTEM.actor;
    await createAccount(trx, actor, { email: COORDINATOR.email, displayName: COORDINATOR.name, passwordHash: hashes[0]!, platformRole: null, oversees: [] }, LABEL);
    const volunteer = await createAccount(trx, actor, { email: VOLUNTEER.email, displayName: VOLUNTEER.name, passwordHash: hashes[1]!, platformRole: null, oversees: [] }, LABEL);
    const brigade = await createBrigade(trx, m.id, actor, {
      slug: DEMO_BRIGADE.slug,
      name: DEMO_BRIGADE.name,
      description: "Recorrido casa por casa de la Dirección General de Participación Ciudadana para escuchar a las vecinas y los vecinos del Centro, la Guerrero y Morelos: solicitudes de servicios y propuestas para el Plan de Acción.",
      startsOn: addDays(today, -3),
      endsOn: addDays(today, 7),
      status: "activa",
      processId: process?.id ?? null,
    });
    await addStop(trx, m.id, actor, brigade.id, { coloniaId: colonia("centro")!, visitOn: addDays(today, -2) });
    await addStop(trx, m.id, actor, brigade.id, { coloniaId: colonia("guerrero")!, visitOn: today });
    await addStop(trx, m.id, actor, brigade.id, { coloniaId: colonia("morelos")!, visitOn: addDays(today, 3) });
    await saveMember(trx, m.id, actor, brigade.id, { email: COORDINATOR.email, role: "coordinador" });
    await saveMember(trx, m.id, actor, brigade.id, { email: VOLUNTEER.email, role: "brigadista" });
    return volunteer;
  });

  // The volunteer's phone sends what she captured two days ago in Centro and today in Guerrero.
  const volunteer = (await loadActor(db, volunteerId))!;
  const house = () => crypto.randomUUID();
  const [a, b, c, d, e] = [house(), house(), house(), house(), house()];
  const at = (daysAgo: number, hour: number) => new Date(Date.now() - daysAgo * 86_400_000 - hour * 3_600_000).toISOString();
  const record = (household: string, capturedAt: string, fields: Record<string, unknown>) => ({
    clientId: crypto.randomUUID(), brigade: DEMO_BRIGADE.slug, householdId: household, capturedAt, consent: false, kind: "solicitud", ...fields,
  });
  const records = [
    record(a, at(2, 3), { coloniaId: colonia("centro"), serviceCode: "alumbrado", description: "La luminaria frente al número 30 de Regina está apagada desde hace dos semanas.", attributes: { poste: "CFE 40211" } }),
    record(a, at(2, 3), { coloniaId: colonia("centro"), serviceCode: "basura", description: "El camión no pasa por el callejón desde el lunes; la basura se acumula en la esquina.", attributes: { dias: "4" }, consent: true, contact: { name: "Vecina de Regina (demostración)", phone: "55 0000 0101" }, paperForm: "MBH-0001" }),
    record(b, at(2, 2), { location: ZOCALO, serviceCode: "bache", description: "Bache profundo en el carril derecho de 5 de Febrero, frente a la escuela.", attributes: { tamano: "2" } }),
    record(c, at(2, 1), { location: ALAMEDA, serviceCode: "fuga-agua", description: "Brota agua del piso junto a la jardinera desde la mañana." }),
    record(c, at(2, 1), { kind: "visita", coloniaId: colonia("centro"), notes: "Pidió información del programa de mantenimiento de unidades habitacionales." }),
    record(d, at(0, 2), { coloniaId: colonia("guerrero"), serviceCode: "banqueta", description: "La banqueta de Mina está levantada por las raíces; las personas mayores no pueden pasar." }),
    record(d, at(0, 2), { coloniaId: colonia("guerrero"), serviceCode: "poda", description: "Las ramas del fresno tapan la luminaria de la esquina.", attributes: { riesgo: ["3"] }, consent: true, contact: { email: "vecino.guerrero@correo.demo" } }),
    record(e, at(0, 1), { kind: "visita", coloniaId: colonia("guerrero"), notes: "Nadie abrió; se dejó el volante de la brigada." }),
    ...(process && isOpen(process, "proposals", today)
      ? [record(e, at(0, 1), {
          kind: "propuesta", proposalKind: "propuesta", coloniaId: colonia("guerrero"), title: "Un mercado sobre ruedas los domingos en la Guerrero",
          body: "Proponemos un mercado sobre ruedas los domingos en la calle de Magnolia, para que las familias compren cerca y el comercio local crezca.",
        })]
      : []),
  ];
  const results = await syncBatch(services, m, volunteer, records);
  const failed = results.filter((r) => r.status === "error");
  for (const f of failed) log(`brigadas: un registro de demostración no se pudo sincronizar: ${f.errors?.map((e) => e.message).join(" ")}`);
  log(`brigadas: «${DEMO_BRIGADE.name}» (Cuauhtémoc) con ruta por 3 colonias y ${results.length - failed.length} registros sincronizados (${Date.now() - started} ms)`);
  log("brigadas: cuentas de demostración (las contraseñas se muestran solo esta vez):");
  log(`  ${COORDINATOR.email}  ${passwords[0]}  coordinación de la brigada «${DEMO_BRIGADE.name}»`);
  log(`  ${VOLUNTEER.email}  ${passwords[1]}  brigadista (app de brigada en /cuauhtemoc/brigada/)`);
}
