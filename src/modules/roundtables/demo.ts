/**
 * Demo: two roundtables (security; services and open data by colonia) on León's demo process,
 * with member organisations of every sector, past sessions with attendance and published minutes,
 * upcoming sessions, and agreements in every status (some overdue by business days).
 */
import { addDays } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { todayIn } from "../participation/processes.js";
import { demoProcess } from "../participation/demo.js";
import { changeAgreementStatus, createAgreement } from "./agreements-service.js";
import { addMember, createRoundtable, type MemberInput } from "./roundtables-service.js";
import { createSession, saveMinutes, setAttendance } from "./sessions-service.js";

const member = (organisation: string, sector: string, representativeRole: string, extra: Partial<MemberInput> = {}): MemberInput => ({
  organisation, sector, representativeRole, representativeName: "", namePublic: false, coordinator: false, ...extra,
});

const DEMO = [
  {
    name: "Mesa de seguridad ciudadana y prevención",
    topic: "Seguridad en colonias, parques y caminos a la escuela",
    description: "Organizaciones civiles, cámaras empresariales, universidades y dependencias revisan el diagnóstico de incidencia por colonia y acuerdan acciones de prevención con seguimiento público.",
    members: [
      member("Observatorio Ciudadano de León", "sociedad_civil", "Dirección general", { coordinator: true }),
      member("Consejo Coordinador Empresarial de León", "empresarial", "Comisión de seguridad"),
      member("Universidad de Guanajuato, Campus León", "academia", "Departamento de Estudios Sociales"),
      member("Secretaría de Seguridad, Prevención y Protección Ciudadana", "gobierno", "Dirección de Prevención del Delito"),
      member("Red de Comités de Colonos del Poniente", "sociedad_civil", "Vocería"),
    ],
    agenda: ["Bienvenida y objetivos de la mesa", "Diagnóstico de incidencia por colonia", "Propuestas de prevención en parques", "Acuerdos y responsables"],
    minutes: "Se presentó el diagnóstico de incidencia de los últimos doce meses por colonia. Las organizaciones coincidieron en priorizar parques y caminos a escuelas del poniente. Se tomaron los acuerdos 1 a 4.",
    agreements: [
      { text: "Publicar cada mes en datos abiertos la incidencia delictiva por colonia.", responsible: 3, due: -25, status: "en_curso" as const, reason: "Ya se publicó el primer mes; falta automatizar la actualización." },
      { text: "Levantar un recorrido nocturno de alumbrado en los diez parques con más reportes.", responsible: 4, due: -12, status: null },
      { text: "Diseñar un taller de prevención con escuelas secundarias del poniente.", responsible: 2, due: 20, status: null },
      { text: "Instalar botones de pánico en todos los parques.", responsible: 3, due: null, status: "descartado" as const, reason: "La Secretaría prefirió reforzar rondines y alumbrado, con evidencia de mayor efecto." },
    ],
  },
  {
    name: "Mesa de servicios públicos y datos abiertos por colonia",
    topic: "Recolección, alumbrado, agua y la información pública para darles seguimiento",
    description: "Revisa los reportes de atención ciudadana por colonia y acuerda qué datos publicar para que vecinas y vecinos den seguimiento a los servicios.",
    members: [
      member("Dirección General de Innovación y Gobierno Abierto", "gobierno", "Coordinación de datos abiertos", { coordinator: true }),
      member("Colectivo Datos León", "sociedad_civil", "Coordinación"),
      member("Cámara Nacional de la Industria de Transformación, León", "empresarial", "Comité de ciudad"),
      member("Universidad Iberoamericana León", "academia", "Laboratorio de ciudad"),
    ],
    agenda: ["Tablero de tiempos de atención por colonia", "Calendario público de recolección", "Acuerdos"],
    minutes: "Se revisó el tablero de tiempos de atención de reportes. Se acordó publicar el calendario de recolección por colonia y medir su cumplimiento.",
    agreements: [
      { text: "Publicar el calendario de recolección de basura por colonia en formato abierto.", responsible: 0, due: -30, status: "cumplido" as const, reason: "Publicado en el catálogo de datos abiertos." },
      { text: "Agregar al tablero el tiempo de atención de fugas de agua por colonia.", responsible: 1, due: -8, status: null },
      { text: "Presentar un informe trimestral de cumplimiento del calendario de recolección.", responsible: 0, due: 45, status: null },
    ],
  },
];

export async function seedDemoRoundtables(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const leon = await db.selectFrom("municipalities").select(["id", "time_zone"]).where("slug", "=", "leon").executeTakeFirst();
  if (!leon) return;
  const process = await demoProcess(db, leon.id);
  if (!process) {
    log("mesas de trabajo: no hay proceso de demostración en León; se omiten");
    return;
  }
  if (await db.selectFrom("roundtables").select("id").where("municipality_id", "=", leon.id).where("process_id", "=", process.id).executeTakeFirst()) return;
  const today = todayIn(leon.time_zone);
  const actor = anonymous;
  await db.transaction().execute(async (trx) => {
    for (const d of DEMO) {
      const rt = await createRoundtable(trx, process, { name: d.name, topic: d.topic, description: d.description }, actor);
      const members: number[] = [];
      for (const m of d.members) members.push(await addMember(trx, rt, m, actor));
      const session = (offset: number) => ({ title: "", date: addDays(today, offset), startTime: "10:00", endTime: "12:00", place: "Sala de Cabildo, Palacio Municipal de León", onlineUrl: "", agenda: d.agenda.join("\n") });
      const first = await createSession(trx, rt, leon.time_zone, { ...session(-35), title: "Sesión de instalación" }, actor);
      await setAttendance(trx, first, members, actor);
      await saveMinutes(trx, first, d.minutes, true, actor);
      const second = await createSession(trx, rt, leon.time_zone, { ...session(-14), title: "Seguimiento de acuerdos" }, actor);
      await setAttendance(trx, second, members.slice(0, -1), actor);
      await saveMinutes(trx, second, "Borrador: revisión del avance de los acuerdos (pendiente de aprobación).", false, actor);
      await createSession(trx, rt, leon.time_zone, { ...session(10), title: "Tercera sesión" }, actor);
      for (const a of d.agreements) {
        const ref = await createAgreement(trx, rt, { text: a.text, responsibleMemberId: String(members[a.responsible]), dueOn: a.due === null ? "" : addDays(today, a.due), sessionId: String(first.id) }, actor);
        if (a.status) await changeAgreementStatus(trx, ref, { status: a.status, reason: a.reason ?? "" }, actor);
      }
    }
  });
  log(`mesas de trabajo: ${DEMO.length} mesas con sesiones, actas y acuerdos en «${process.title}»`);
}
