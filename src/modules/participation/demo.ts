/**
 * Demo: one published OGP Local co-creation process per active municipality, its phases around
 * today (diagnóstico → propuestas → deliberación → priorización → compromisos), a government and
 * civil-society team (fictitious people and organisations) and a document. Component modules add
 * their demo data to it through demoProcess().
 */
import { addDays } from "../../platform/calendar/dates.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { SYSTEM } from "../../platform/audit/audit.js";
import type { Services } from "../../platform/services.js";
import { createProcess, loadProcess, todayIn, type ProcessView } from "./processes.js";
import { addDocument, addMember } from "./team.js";
import type { Sector } from "./tables.js";

export const DEMO_PROCESS_SLUG = "plan-de-accion-2026-2027";

/** The demo process of a municipality (null before the demo seed ran, or for a municipality without one). */
export async function demoProcess(db: Executor, municipalityId: number): Promise<ProcessView | null> {
  return loadProcess(db, municipalityId, DEMO_PROCESS_SLUG);
}

interface DemoContent {
  title: string;
  summary: string;
  description: string;
  team: { name: string; organisation: string; sector: Sector; role: string }[];
}

function contentFor(name: string): DemoContent {
  const common = (themes: string): DemoContent => ({
    title: `Plan de Acción Local de Gobierno Abierto 2026–2027 de ${name}`,
    summary: `Cocreación, entre el Ayuntamiento y la sociedad civil, de los compromisos de gobierno abierto de ${name} para 2026–2027: ${themes}.`,
    description: [
      `El Ayuntamiento de ${name} se sumó al programa OGP Local de la Alianza para el Gobierno Abierto. Este proceso construye su Plan de Acción con la ciudadanía, siguiendo los Estándares de Participación y Cocreación de OGP.`,
      "",
      "1. Diagnóstico: revisamos los datos de solicitudes ciudadanas, transparencia y servicios por colonia.",
      "2. Propuestas: cualquier persona puede proponer temas, ideas, retos y propuestas, en línea o en las sesiones presenciales.",
      "3. Deliberación: mesas de trabajo con organizaciones, cámaras empresariales y academia depuran las propuestas.",
      "4. Priorización: la ciudadanía vota qué atender primero.",
      "5. Compromisos: el Foro Multiactor redacta los compromisos y el Ayuntamiento responde de forma razonada a cada aportación.",
    ].join("\n"),
    team: [],
  });
  if (name === "León") {
    const c = common("seguridad en las colonias, servicios públicos por colonia y datos abiertos");
    c.team = [
      { name: "Lic. Mariana Ejemplo Torres", organisation: "Dirección de Participación Ciudadana (demostración)", sector: "gobierno", role: "Coordinación del proceso" },
      { name: "Ing. Ricardo Muestra Ávila", organisation: "Dirección de Tecnologías de la Información (demostración)", sector: "gobierno", role: "Enlace de datos abiertos" },
      { name: "Mtra. Sofía Prueba Lozano", organisation: "Observatorio Ciudadano del Bajío (ficticio)", sector: "sociedad_civil", role: "Secretariado técnico" },
      { name: "C. Joaquín Ficticio Ramos", organisation: "Red Vecinal de Colonias del Poniente (ficticia)", sector: "sociedad_civil", role: "Integrante del Foro Multiactor" },
      { name: "Lic. Daniela Inventada Cruz", organisation: "Cámara de la Industria del Calzado — comisión de ciudad (demostración)", sector: "empresarial", role: "Integrante del Foro Multiactor" },
      { name: "Dr. Héctor Modelo Salinas", organisation: "Universidad del Bajío — Laboratorio de Datos Urbanos (ficticio)", sector: "academia", role: "Asesoría metodológica" },
    ];
    return c;
  }
  if (name === "Cuauhtémoc") {
    const c = common("espacio público, servicios urbanos por colonia y transparencia de obras");
    c.team = [
      { name: "Lic. Andrea Ejemplo Navarro", organisation: "Dirección General de Participación Ciudadana (demostración)", sector: "gobierno", role: "Coordinación del proceso" },
      { name: "Mtro. Luis Muestra Bravo", organisation: "Unidad de Transparencia (demostración)", sector: "gobierno", role: "Enlace de transparencia" },
      { name: "Mtra. Paula Prueba Ochoa", organisation: "Colectivo Ciudad Abierta (ficticio)", sector: "sociedad_civil", role: "Secretariado técnico" },
      { name: "C. Ernesto Ficticio Vela", organisation: "Comité Vecinal Roma–Condesa (ficticio)", sector: "ciudadania", role: "Representante vecinal" },
      { name: "Lic. Carmen Inventada Ruiz", organisation: "Asociación de Comercios del Centro Histórico (ficticia)", sector: "empresarial", role: "Integrante del Foro Multiactor" },
      { name: "Dra. Irene Modelo Campos", organisation: "Centro de Estudios Urbanos (ficticio)", sector: "academia", role: "Asesoría metodológica" },
    ];
    return c;
  }
  const c = common("servicios públicos por colonia, seguridad y datos abiertos");
  c.team = [
    { name: "Lic. Rosa Ejemplo Medina", organisation: "Coordinación de Participación Ciudadana (demostración)", sector: "gobierno", role: "Coordinación del proceso" },
    { name: "Mtro. Julián Prueba Soto", organisation: "Iniciativa Ciudadana por la Transparencia (ficticia)", sector: "sociedad_civil", role: "Secretariado técnico" },
    { name: "Dra. Lucía Modelo Ríos", organisation: "Instituto Tecnológico Regional (ficticio)", sector: "academia", role: "Asesoría metodológica" },
  ];
  return c;
}

/** A one-page PDF with the call to participate (text only, standard font). */
export function demoPdf(title: string, lines: string[]): Buffer {
  const ascii = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[–—]/g, "-").replace(/[^\x20-\x7e]/g, "").replace(/[()\\]/g, (c) => `\\${c}`);
  const text = [`BT /F1 16 Tf 50 780 Td (${ascii(title)}) Tj ET`, ...lines.map((l, i) => `BT /F1 11 Tf 50 ${750 - i * 16} Td (${ascii(l)}) Tj ET`)].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

export async function seedDemoParticipation(services: Services, log: (line: string) => void): Promise<void> {
  const db: Db = services.db;
  const municipalities = await db.selectFrom("municipalities").select(["id", "name", "time_zone"]).where("active", "=", true).orderBy("id").execute();
  for (const m of municipalities) {
    if (await demoProcess(db, m.id)) continue;
    const today = todayIn(m.time_zone);
    const content = contentFor(m.name);
    const process = await createProcess(db, m.id, SYSTEM.actor, {
      slug: DEMO_PROCESS_SLUG,
      title: content.title,
      summary: content.summary,
      description: content.description,
      status: "published",
      phases: [
        { title: "Diagnóstico", description: "Revisión pública de datos y problemas del municipio.", startsOn: addDays(today, -60), endsOn: addDays(today, -21), components: ["consultations", "comments"] },
        { title: "Propuestas", description: "Recepción de temas, ideas, retos y propuestas, en línea y en sesiones presenciales.", startsOn: addDays(today, -20), endsOn: addDays(today, 10), components: ["proposals", "supports", "comments", "consultations", "roundtables"] },
        { title: "Deliberación", description: "Mesas de trabajo con organizaciones, cámaras y academia.", startsOn: addDays(today, 11), endsOn: addDays(today, 30), components: ["roundtables", "comments"] },
        { title: "Priorización", description: "Votación ciudadana de prioridades y del presupuesto participativo.", startsOn: addDays(today, 31), endsOn: addDays(today, 50), components: ["approval_voting", "budgeting", "pairwise"] },
        { title: "Compromisos", description: "Redacción de compromisos y respuesta razonada a cada aportación.", startsOn: addDays(today, 51), endsOn: addDays(today, 90), components: ["comments"] },
      ],
    });
    for (const member of content.team) await addMember(db, m.id, SYSTEM.actor, process.id, member);
    const pdf = demoPdf(`Convocatoria: ${content.title}`, [
      `Ayuntamiento de ${m.name}`,
      "Convocatoria a participar en la cocreacion del Plan de Accion Local de Gobierno Abierto.",
      "Etapas: diagnostico, propuestas, deliberacion, priorizacion y compromisos.",
      "Participa en linea o en las sesiones presenciales de tu colonia.",
      "Documento de demostracion.",
    ]);
    await addDocument(db, services.storage, m.id, SYSTEM.actor, process.id, { title: "Convocatoria del proceso (PDF)", data: pdf });
    log(`participación: proceso de demostración «${content.title}» con 5 etapas y ${content.team.length} integrantes`);
  }
}
