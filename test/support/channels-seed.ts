/**
 * The channels seeded for the personal-data crawl, through their real operations: an office and
 * a procedure it offers; a field brigade whose member synchronises a request and a household visit
 * with the resident's consented contact and a note (markers); an open hearing with an online turn
 * (topic and e-mail markers) and an arrival (name, phone), whose petition becomes a request with
 * the turn's contact, then closed with its public summary; and a request a clerk filed for a
 * person at the office (contact and typed address markers). Every marker contains "zyx".
 */
import assert from "node:assert/strict";
import crypto from "node:crypto";
import type { FastifyInstance } from "fastify";
import { SYSTEM } from "../../src/platform/audit/audit.js";
import { addDays } from "../../src/platform/calendar/dates.js";
import type { Services } from "../../src/platform/services.js";
import { makeUser } from "../../src/modules/accounts/test-support.js";
import { loadActor } from "../../src/modules/accounts/queries.js";
import { login, type ParticipationWorld } from "../../src/modules/participation/test-support.js";
import { todayIn } from "../../src/modules/participation/processes.js";
import { Browser } from "../../src/platform/testing.js";
import { createOffice, setOfficeProcedures } from "../../src/modules/channels/office-service.js";
import { createProcedure } from "../../src/modules/channels/procedure-service.js";
import { addStop, createBrigade, saveMember } from "../../src/modules/channels/brigade-service.js";
import { syncBatch } from "../../src/modules/channels/brigade-sync.js";
import { scheduleHearings, closeHearing, changeHearingStatus } from "../../src/modules/channels/hearing-service.js";
import { findHearing } from "../../src/modules/channels/hearing-queries.js";
import { registerTurn } from "../../src/modules/channels/hearing-turns.js";
import { recordRequestPetition } from "../../src/modules/channels/hearing-petitions.js";
import { fileAssistedRequest } from "../../src/modules/channels/assisted-filing.js";

export const CHANNEL_MARKERS = {
  brigadeName: "Zyxbrigname7Q Vecina",
  brigadePhone: "55 9933 1177",
  brigadeEmail: "zyx.brigada7q@ejemplo.mx",
  brigadeNote: "Zyxvisitnote7Q la señora vive sola en el 3B",
  volunteerEmail: "zyx.voluntaria7q@ejemplo.mx",
  turnTopic: "Zyxtopic7Q el vecino del 4 tira basura",
  turnEmail: "zyx.turno7q@ejemplo.mx",
  arrivalName: "Zyxarrival7Q Asistente",
  arrivalPhone: "55 9944 2288",
  assistedName: "Zyxassisted7Q Persona",
  assistedPhone: "55 9955 3399",
  assistedAddress: "Calle Zyxassaddr 12",
};

/** Needles for test/personal-data.test.ts (label → lower-case pieces). */
export const CHANNEL_NEEDLES: [string, string[]][] = [
  ["nombre de residente (brigada)", ["zyxbrigname7q"]],
  ["teléfono de residente (brigada)", ["9933 1177", "99331177", "9933-1177", "9933%201177", "9933+1177"]],
  ["correo de residente (brigada)", ["zyx.brigada7q"]],
  ["nota de visita (brigada)", ["zyxvisitnote7q"]],
  ["correo de brigadista", ["zyx.voluntaria7q"]],
  ["tema escrito de un turno (audiencia)", ["zyxtopic7q"]],
  ["correo de un turno (audiencia)", ["zyx.turno7q"]],
  ["nombre de asistente (audiencia)", ["zyxarrival7q"]],
  ["teléfono de asistente (audiencia)", ["9944 2288", "99442288", "9944-2288", "9944%202288", "9944+2288"]],
  ["nombre de persona atendida (oficina)", ["zyxassisted7q"]],
  ["teléfono de persona atendida (oficina)", ["9955 3399", "99553399", "9955-3399", "9955%203399", "9955+3399"]],
  ["dirección escrita (oficina)", ["zyxassaddr"]],
];

/**
 * The labels of contact data: an observer on the staff pages must not read them either. (Staff of
 * every role read a request's typed address, a visit's notes and a turn's topic: that is the work.)
 */
export const CHANNEL_CONTACT_LABELS = CHANNEL_NEEDLES.map(([label]) => label).filter((l) => !/^(nota|tema|dirección)/.test(l));

export interface ChannelsSeed {
  values: Record<string, string[]>;
  mustServe: string[];
  staffSeeds: string[];
}

export async function seedChannels(app: FastifyInstance, services: Services, w: ParticipationWorld): Promise<ChannelsSeed> {
  const { db } = services;
  const m = w.cuauhtemoc;
  const admin = (await loadActor(db, w.users.admin))!;
  const today = todayIn(m.timeZone);
  const centro = (await db.selectFrom("colonias").select("id").where("municipality_id", "=", m.id).where("slug", "=", "centro").executeTakeFirstOrThrow()).id;

  // Offices and procedures: public by nature (an office's own phone), no marker.
  const { office, procedure } = await db.transaction().execute(async (trx) => {
    const office = await createOffice(trx, m.id, SYSTEM, {
      name: "Módulo de atención Centro", slug: "modulo-centro", kind: "modulo", address: "Plaza de la Constitución s/n, Centro",
      lat: "19.4326", lon: "-99.1332", hours: [{ day: 3, opens: "09:00", closes: "14:00" }], phone: "", email: "", accessibility: "Rampa de acceso.", notes: "", active: true,
    });
    const procedure = await createProcedure(trx, m.id, SYSTEM, {
      name: "Constancia de residencia", slug: "constancia-de-residencia", kind: "tramite", summary: "Documento que acredita el domicilio en la alcaldía.",
      requirements: "Identificación oficial\nComprobante de domicilio", costText: "Gratuito", costMxn: "", duration: "3 días hábiles", howTo: "Acuda al módulo con sus documentos.",
      onlineUrl: "", departmentId: null, requestServiceCode: "", legalBasis: "", active: true,
    });
    await setOfficeProcedures(trx, m.id, SYSTEM, office.id, { shown: [procedure.id], chosen: [procedure.id] });
    return { office, procedure };
  });

  // A brigade: a volunteer synchronises a request with the resident's consented contact, and a visit with a note.
  const volunteer = await makeUser(db, CHANNEL_MARKERS.volunteerEmail);
  const brigade = await db.transaction().execute(async (trx) => {
    const b = await createBrigade(trx, m.id, admin, { slug: "mi-barrio-habla", name: "Mi barrio habla — Centro", description: "Recorrido casa por casa.", startsOn: addDays(today, -3), endsOn: addDays(today, 7), status: "activa", processId: null });
    await addStop(trx, m.id, admin, b.id, { coloniaId: centro, visitOn: today });
    await saveMember(trx, m.id, admin, b.id, { email: CHANNEL_MARKERS.volunteerEmail, role: "brigadista" });
    return b;
  });
  const household = crypto.randomUUID();
  const results = await syncBatch(services, m, (await loadActor(db, volunteer))!, [
    {
      clientId: crypto.randomUUID(), brigade: brigade.slug, kind: "solicitud", householdId: household, capturedAt: new Date().toISOString(), coloniaId: centro,
      serviceCode: "alumbrado", description: "La luminaria del andador no enciende desde el lunes.", consent: true,
      contact: { name: CHANNEL_MARKERS.brigadeName, phone: CHANNEL_MARKERS.brigadePhone, email: CHANNEL_MARKERS.brigadeEmail }, paperForm: "F-0042",
    },
    { clientId: crypto.randomUUID(), brigade: brigade.slug, kind: "visita", householdId: crypto.randomUUID(), capturedAt: new Date().toISOString(), coloniaId: centro, consent: false, notes: CHANNEL_MARKERS.brigadeNote },
  ]);
  assert.deepEqual(results.map((r) => r.status), ["creado", "creado"], JSON.stringify(results));
  const brigadeFolio = results[0]!.folio!;

  // An open hearing: an online turn with a topic and an e-mail, an arrival with name and phone; a petition; closed.
  const [hearingSlug] = await db.transaction().execute((trx) =>
    scheduleHearings(trx, m, {
      title: "Miércoles abierto", slug: "miercoles-abierto", description: "Audiencia pública semanal.", date: addDays(today, 1), startTime: "10:00", endTime: "13:00",
      officeId: String(office.id), place: "Módulo de atención Centro", officials: "Alcaldesa\nDirector de Obras", capacity: "10", onlineCapacity: "5",
    }, admin),
  );
  let hearing = (await findHearing(db, m.id, hearingSlug!))!;
  const online = await db.transaction().execute((trx) => registerTurn(trx, hearing, "en_linea", { topic: CHANNEL_MARKERS.turnTopic, email: CHANNEL_MARKERS.turnEmail }, { kind: "anonymous" }));
  const arrival = await db.transaction().execute((trx) => registerTurn(trx, hearing, "llegada", { topic: "Bache en la calle", name: CHANNEL_MARKERS.arrivalName, phone: CHANNEL_MARKERS.arrivalPhone }, admin));
  await db.transaction().execute((trx) => changeHearingStatus(trx, hearing, "abrir", admin));
  hearing = (await findHearing(db, m.id, hearingSlug!))!;
  const petition = await recordRequestPetition(services, m, hearing, arrival.number, {
    serviceCode: "bache", description: "Bache profundo frente al mercado.", address: "", coloniaId: centro, location: { lat: 19.4326, lon: -99.1332 }, attributes: { tamano: "2" }, shareContact: true,
  }, admin);
  await db.transaction().execute((trx) => closeHearing(trx, hearing, { summary: "Se atendieron dos turnos.", commitments: "Bachear la calle del mercado" }, admin));

  // A clerk files a request for a person at the office.
  const assisted = await fileAssistedRequest(services, m, {
    channel: "office", officeId: office.id, serviceCode: "basura", description: "No pasó el camión de la basura en toda la semana.", address: CHANNEL_MARKERS.assistedAddress,
    coloniaId: centro, contact: { name: CHANNEL_MARKERS.assistedName, phone: CHANNEL_MARKERS.assistedPhone },
  }, admin);

  // The staff pages exist and show the contacts to the administrator (so the crawl is not vacuous).
  const b = new Browser(app);
  await login(b, w.emails.admin);
  const followUp = await b.get(`/cuauhtemoc/admin/brigadas/${brigade.slug}`);
  assert.equal(followUp.statusCode, 200, followUp.body);
  assert.ok(followUp.body.includes(CHANNEL_MARKERS.brigadeName), "the brigade's follow-up list shows the consented contact to the administrator");

  return {
    values: {
      office: [office.slug],
      procedure: [procedure.slug],
      hearing: [hearingSlug!],
      brigade: [brigade.slug],
      token: [online.token, arrival.token],
      folio: [brigadeFolio, petition.folio, assisted.folio],
    },
    mustServe: [
      "/cuauhtemoc/oficinas", `/cuauhtemoc/oficinas/${office.slug}`, "/cuauhtemoc/tramites", `/cuauhtemoc/tramites/${procedure.slug}`,
      "/cuauhtemoc/audiencias", `/cuauhtemoc/audiencias/${hearingSlug}`, `/cuauhtemoc/audiencias/${hearingSlug}/pantalla`, "/cuauhtemoc/audiencias.ics",
      `/cuauhtemoc/audiencias/${hearingSlug}/turno/${online.token}`,
      "/cuauhtemoc/brigadas", `/cuauhtemoc/brigadas/${brigade.slug}`,
      `/cuauhtemoc/solicitudes/${brigadeFolio}`, `/cuauhtemoc/solicitudes/${petition.folio}`, `/cuauhtemoc/solicitudes/${assisted.folio}`,
    ],
    staffSeeds: [
      "/cuauhtemoc/admin/brigadas", `/cuauhtemoc/admin/brigadas/${brigade.slug}`, "/cuauhtemoc/admin/audiencias", `/cuauhtemoc/admin/audiencias/${hearingSlug}`,
      "/cuauhtemoc/admin/canales", "/cuauhtemoc/admin/oficinas", "/cuauhtemoc/admin/tramites",
      `/cuauhtemoc/admin/solicitudes/${brigadeFolio}`, `/cuauhtemoc/admin/solicitudes/${petition.folio}`, `/cuauhtemoc/admin/solicitudes/${assisted.folio}`,
    ],
  };
}
