/**
 * Demo: León's "Miércoles abierto" — every Wednesday the municipal president and directors hear
 * residents at the Presidencia Municipal. Last Wednesday's session is concluded (turns asked online
 * and given on arrival, petitions recorded as citizen requests with their folios, a public summary
 * with commitments); the next four Wednesdays are scheduled. Written through the same operations
 * staff use; skipped when León already has them.
 */
import { addDays, instantAtLocal, weekday } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { todayIn } from "../participation/processes.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { recordRequestPetition } from "./hearing-petitions.js";
import { changeHearingStatus, closeHearing, scheduleHearings, type HearingInput } from "./hearing-service.js";
import { callNextTurn, registerTurn } from "./hearing-turns.js";

const SLUG = "miercoles-abierto";
const WEDNESDAY = 3;

const BASE: Omit<HearingInput, "date" | "slug" | "repeatWeeks"> = {
  title: "Miércoles abierto",
  description:
    "Audiencia pública semanal: el Presidente Municipal y las direcciones escuchan a vecinas y vecinos. Cada petición se registra como solicitud ciudadana o propuesta y recibe un folio.",
  startTime: "10:00",
  endTime: "13:00",
  officeId: "",
  place: "Explanada de la Presidencia Municipal de León, Plaza Principal s/n, Zona Centro",
  officials: "Presidencia Municipal\nDirección General de Obras Públicas\nDirección General de Servicios Públicos Municipales\nSistema de Agua Potable y Alcantarillado de León (SAPAL)",
  capacity: "40",
  onlineCapacity: "20",
};

/** Who came last Wednesday (fictitious people; their names and contacts stay on staff pages). */
const ATTENDEES: { via: "en_linea" | "llegada"; topic: string; name?: string; phone?: string; email?: string; petition?: { service: string; description: string; address: string } }[] = [
  { via: "en_linea", topic: "Luminarias apagadas en mi calle", email: "vecina.demo1@example.test", petition: { service: "alumbrado", description: "Tres luminarias apagadas desde hace dos semanas en la cuadra; la calle queda a oscuras.", address: "Calle Hidalgo, entre Juárez y Madero" } },
  { via: "en_linea", topic: "Recolección de basura", email: "vecino.demo2@example.test", petition: { service: "basura", description: "El camión recolector no ha pasado en una semana; hay bolsas acumuladas en la esquina.", address: "Blvd. Adolfo López Mateos y calle Brasil" } },
  { via: "llegada", topic: "Banqueta rota frente a la escuela", name: "Graciela Demo Ramírez", phone: "477 555 0101", petition: { service: "banqueta", description: "La banqueta frente a la primaria está levantada por raíces; los niños tropiezan al salir.", address: "Calle Álvaro Obregón, frente a la escuela primaria" } },
  { via: "llegada", topic: "Árbol seco en el parque", name: "Jorge Demo Hernández", petition: { service: "poda", description: "Un árbol seco en el parque del barrio amenaza con caer sobre los juegos infantiles.", address: "Parque del barrio, junto a los juegos" } },
  { via: "llegada", topic: "Consulta sobre un trámite", name: "Persona Demo Sin Petición" },
  { via: "en_linea", topic: "Alumbrado en el camino a la secundaria", petition: { service: "alumbrado", description: "El camino peatonal a la secundaria no tiene luz en las tardes; pedimos revisar las luminarias.", address: "Andador junto a la secundaria técnica" } },
];

const SUMMARY =
  "Se atendió a las personas registradas en línea y a quienes llegaron a la explanada. Las peticiones se registraron como solicitudes ciudadanas con folio y se turnaron a las direcciones responsables. " +
  "Las direcciones presentes explicaron los tiempos de atención de cada servicio.";

const COMMITMENTS = [
  "Revisar el alumbrado de los caminos escolares del centro en un plazo de 10 días hábiles.",
  "Publicar cada semana el calendario de recolección de basura por colonia.",
  "Reparar la banqueta frente a la escuela primaria antes del fin de mes.",
];

export async function seedDemoHearings(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const leon = await findActiveMunicipalityBySlug(db, "leon");
  if (!leon) return;
  const existing = await db.selectFrom("hearings").select("id").where("municipality_id", "=", leon.id).where("slug", "like", `${SLUG}-%`).executeTakeFirst();
  if (existing) return;
  const today = todayIn(leon.timeZone);
  // The Wednesdays strictly before and after today.
  const lastWednesday = addDays(today, -((weekday(today) - WEDNESDAY + 7) % 7 || 7));
  const nextWednesday = addDays(today, (WEDNESDAY - weekday(today) + 7) % 7 || 7);
  const at = (minutes: number) => new Date(instantAtLocal(lastWednesday, { hour: 10, minute: 0, second: 0 }, leon.timeZone).getTime() + minutes * 60_000);

  const [pastSlug] = await db.transaction().execute((trx) => scheduleHearings(trx, leon, { ...BASE, date: lastWednesday, slug: `${SLUG}-${lastWednesday}` }, anonymous));
  const past = await db.selectFrom("hearings").select("id").where("municipality_id", "=", leon.id).where("slug", "=", pastSlug!).executeTakeFirstOrThrow();
  const ref = { municipalityId: leon.id, id: past.id };

  // Online turns in the days before, then the session opens and arrivals get the next numbers.
  const online = ATTENDEES.filter((a) => a.via === "en_linea");
  const arrivals = ATTENDEES.filter((a) => a.via === "llegada");
  const give = (a: (typeof ATTENDEES)[number], when: Date) =>
    db.transaction().execute((trx) => registerTurn(trx, ref, a.via, { topic: a.topic, name: a.name, phone: a.phone, email: a.email }, anonymous, when));
  for (const [i, a] of online.entries()) await give(a, at(-2 * 24 * 60 + i * 30));
  await db.transaction().execute((trx) => changeHearingStatus(trx, ref, "abrir", anonymous, at(0)));
  for (const [i, a] of arrivals.entries()) await give(a, at(i * 5));
  const inOrder = [...online, ...arrivals];

  let minute = 10;
  for (const a of inOrder) {
    minute += 15;
    const called = await db.transaction().execute((trx) => callNextTurn(trx, ref, "atendido", anonymous, at(minute)));
    if (called !== null && a.petition) {
      await recordRequestPetition(
        services,
        leon,
        { ...ref, title: BASE.title },
        called,
        { serviceCode: a.petition.service, description: a.petition.description, address: a.petition.address, coloniaId: null, location: null, attributes: {}, shareContact: false },
        anonymous,
        at(minute + 5),
      );
    }
  }
  await db.transaction().execute((trx) => closeHearing(trx, ref, { summary: SUMMARY, commitments: COMMITMENTS.join("\n") }, anonymous, at(180)));

  const upcoming = await db.transaction().execute((trx) => scheduleHearings(trx, leon, { ...BASE, date: nextWednesday, slug: SLUG, repeatWeeks: "4" }, anonymous));
  log(`audiencias públicas: «Miércoles abierto» del ${lastWednesday} concluida con ${inOrder.length} turnos y su resumen; ${upcoming.length} próximas desde el ${nextWednesday}`);
}
