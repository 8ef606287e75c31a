/**
 * Demo information requests: in every active municipality with departments, requests in every
 * state of the legal workflow (some overdue), answered ones on real-sounding municipal topics so
 * the archive search has something to find, and two ARCO requests (never public). Everything
 * goes through createInformationRequest and applyInfoStep with past receipt dates, so the legal
 * checks and the deadline engine apply. Idempotent: a municipality with requests is left alone.
 */
import { SYSTEM } from "../../platform/audit/audit.js";
import { addDays, instantAtLocal, localDateTimeAt, type LocalDate } from "../../platform/calendar/dates.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import type { Services } from "../../platform/services.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { createInformationRequest } from "./info-service.js";
import { applyInfoStep, type InfoStep } from "./info-workflow.js";

/** A step `after` business days after the receipt (`null`: today). */
type DemoStep = (on: (after: number | null) => LocalDate, dept: number[]) => InfoStep[];

interface DemoRequest {
  body: string;
  /** Calendar days ago the request was received. */
  ago: number;
  arco?: boolean;
  steps: DemoStep;
}

const turn = (on: (n: number) => LocalDate, dept: number[], n = 1): InfoStep => ({ step: "turn", departmentIds: dept, on: on(n) });

const DEMO_REQUESTS: DemoRequest[] = [
  { body: "Solicito el informe de las inundaciones del último temporal de lluvias: colonias afectadas, número de viviendas dañadas y obras de desazolve realizadas.", ago: 200,
    steps: (on, d) => [turn(on, d), { step: "answer", partial: false, text: "Se anexa el informe de Protección Civil sobre las inundaciones: 14 colonias afectadas, 312 viviendas dañadas y 9 obras de desazolve de drenaje pluvial con su costo.", on: on(8) }] },
  { body: "¿Cuántas luminarias del alumbrado público se repararon el año pasado y cuánto se gastó en refacciones?", ago: 150,
    steps: (on, d) => [turn(on, d), { step: "answer", partial: false, text: "Se repararon 2,418 luminarias del alumbrado público; el gasto en refacciones y lámparas LED fue de $3,215,400.00.", on: on(12) }] },
  { body: "Presupuesto de obra, contrato y estimaciones pagadas de la pavimentación con concreto hidráulico de la avenida principal.", ago: 120,
    steps: (on, d) => [turn(on, d), { step: "extend", resolutionNumber: "CT-DEMO-007", resolutionDate: on(14), on: on(15) },
      { step: "answer", partial: false, text: "Se entrega el presupuesto de obra autorizado, el contrato de obra pública y las cuatro estimaciones pagadas de la pavimentación.", on: on(25) }] },
  { body: "Nómina de la policía municipal de enero a junio, con puesto, sueldo bruto y compensaciones.", ago: 90,
    steps: (on, d) => [turn(on, d), { step: "answer", partial: true, text: "Se entrega la nómina con puestos y sueldos brutos; las compensaciones por riesgo se entregarán al concluir la auditoría de la tesorería.", on: on(10) }] },
  { body: "Estudio de impacto ambiental del relleno sanitario municipal y su autorización.", ago: 80,
    steps: (on, d) => [turn(on, d), { step: "inexistent", text: "Tras la búsqueda exhaustiva en Obras Públicas y Ecología no se localizó un estudio de impacto ambiental del relleno sanitario.", resolutionNumber: "CT-DEMO-011", resolutionDate: on(9), on: on(10) }] },
  { body: "Ubicación exacta de todas las cámaras de videovigilancia de seguridad pública en la ciudad.", ago: 70,
    steps: (on, d) => [turn(on, d), { step: "classify", classification: "reservada", legalBasis: "Artículo 113, fracción I, de la Ley General de Transparencia y Acceso a la Información Pública.", years: "5",
      text: "La ubicación de las cámaras de videovigilancia compromete la seguridad pública; se entrega únicamente el número total de cámaras por sector.", resolutionNumber: "CT-DEMO-015", resolutionDate: on(13), on: on(14) }] },
  { body: "Padrón de beneficiarios del programa federal de pensiones para adultos mayores en el municipio.", ago: 60,
    steps: (on) => [{ step: "incompetent", competentBody: "Secretaría de Bienestar del Gobierno Federal", on: on(2) }] },
  { body: "Contratos de recolección de basura y de barrido de calles vigentes, con sus montos.", ago: 100,
    steps: (on, d) => [turn(on, d), { step: "answer", partial: false, text: "Se entregan los dos contratos de recolección de residuos sólidos y barrido manual con sus montos mensuales.", on: on(28) }] },
  { body: "Relación de permisos de construcción otorgados en el último trimestre.", ago: 2, steps: () => [] },
  { body: "Gastos de comunicación social y publicidad oficial del ayuntamiento en el año en curso.", ago: 60, steps: () => [] },
  { body: "Actas de las sesiones de cabildo en las que se aprobó el aumento al impuesto predial.", ago: 45, steps: (on, d) => [turn(on, d)] },
  { body: "Inventario de vehículos oficiales y bitácoras de combustible de la dirección de servicios públicos.", ago: 5, steps: (on, d) => [turn(on, d, 0)] },
  { body: "Quiero los documentos del programa de bacheo.", ago: 6,
    steps: (on) => [{ step: "prevent", on: on(2), note: "Precise el periodo y las colonias del programa de bacheo cuyos documentos solicita." }] },
  { body: "Solicito información sobre el mercado municipal.", ago: 30,
    steps: (on, d) => [{ step: "prevent", on: on(2), note: "Indique qué información del mercado municipal busca (concesiones, ingresos, obras de remodelación…)." }, { step: "clarify", on: on(5) }, turn(on, d, 6)] },
  { body: "Todo lo del agua.", ago: 60,
    steps: (on) => [{ step: "prevent", on: on(2), note: "Precise qué documentos o datos sobre el servicio de agua potable solicita." }, { step: "notFiled", on: on(null) }] },
];

const ARCO_DEMO: DemoRequest[] = [
  { body: "Solicito acceso a mis datos personales que obran en el padrón de contribuyentes del impuesto predial.", ago: 20, arco: true,
    steps: (on) => [{ step: "verifyIdentity", method: "Credencial para votar presentada en ventanilla de la Unidad de Transparencia" },
      { step: "answer", partial: false, text: "Se entrega copia de los datos personales del titular que obran en el padrón.", on: on(5) }] },
  { body: "Solicito acceso a mi expediente de licencia de funcionamiento.", ago: 3, arco: true, steps: () => [] },
];

export async function seedDemoInformationRequests(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const municipalities = await db.selectFrom("municipalities").select(["id", "slug"]).where("active", "=", true).orderBy("id").execute();
  let count = 0;
  for (const { id, slug } of municipalities) {
    const departments = await db.selectFrom("departments").select("id").where("municipality_id", "=", id).where("active", "=", true).orderBy("id").execute();
    if (departments.length === 0) continue;
    const existing = await db.selectFrom("information_requests").select("id").where("municipality_id", "=", id).limit(1).execute();
    if (existing.length > 0) continue;
    const m = (await findActiveMunicipalityBySlug(db, slug!))!;
    const calendar = await loadCalendar(db, id);
    const today = localDateTimeAt(new Date(), m.timeZone).date;
    for (const [i, r] of [...DEMO_REQUESTS, ...ARCO_DEMO].entries()) {
      const receivedOn = calendar.businessDayOnOrAfter(addDays(today, -r.ago));
      const created = await createInformationRequest(db, m, SYSTEM.actor, {
        kind: r.arco ? "arco" : "information", arcoRight: r.arco ? "access" : null, channel: i % 3 === 0 ? "web" : i % 3 === 1 ? "in_person" : "email",
        body: r.body, receivedAt: instantAtLocal(receivedOn, { hour: 10, minute: 30, second: 0 }, m.timeZone),
        name: `Persona solicitante ${i + 1}`, email: `solicitante${i + 1}@example.mx`,
      });
      const on = (after: number | null) => {
        const d = after === null ? today : calendar.addBusinessDays(created.deadlines.receivedOn, after);
        return d > today ? today : d;
      };
      const dept = [departments[i % departments.length]!.id];
      for (const step of r.steps(on, dept)) await applyInfoStep(db, id, SYSTEM.actor, created.folio, step);
      count++;
    }
  }
  log(`transparencia: ${count} solicitudes de información y ARCO de demostración`);
}
