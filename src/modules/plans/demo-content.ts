/**
 * The texts of the action-plans demo: León's plan, its commitments at every stage, and the
 * partner municipalities' commitments of the shared security agreement. Dates are days from
 * today, so the stages hold whenever the demo is loaded. People and organisations are fictitious.
 */
import type { CommitmentInput } from "./commitments-service.js";

export interface DemoEvidence {
  title: string;
  /** A page of this Cabildo (prefixed with PUBLIC_URL), or an outside address. */
  path?: string;
  url?: string;
}

export interface DemoMilestone {
  deliverable: string;
  description?: string;
  due: number;
  weight: number;
  responsible: string;
  /** Delivered this many days from today (negative: in the past). */
  deliveredOn?: number;
  started?: boolean;
  evidence?: DemoEvidence[];
}

/** The OGP Local fields as the commitments service takes them; department, dates and co-leads in demo terms. */
export interface DemoCommitment extends Pick<CommitmentInput, "title" | "problem" | "statusQuo" | "description" | "howItSolves" | "relevance" | "leadOfficial"> {
  /** A word of the lead department's name. */
  department: string;
  starts: number;
  coleadOrganisation?: string;
  coleadObservatory?: boolean;
  milestones: DemoMilestone[];
}

export const PLAN_SLUG = "plan-2026-2027";
export const PLAN_STARTS = -240;
export const PLAN_ENDS = 490;
export const SHARED_SLUG = "seguridad-ciudadana-intermunicipal";

export const LEON_PLAN = {
  title: "Plan de Acción Local de Gobierno Abierto León 2026–2027",
  description: [
    "Compromisos que el Ayuntamiento de León y la sociedad civil cocrearon en el programa OGP Local de la Alianza para el Gobierno Abierto.",
    "Cada compromiso tiene hitos con fecha y peso; el avance se calcula con los hitos entregados y sus evidencias, y un equipo de revisión independiente lo valora en cada momento de revisión.",
  ].join("\n"),
  sourceReference: "Programa OGP Local — Alianza para el Gobierno Abierto (demostración)",
  team: [
    { sector: "gobierno" as const, organisation: "Dirección de Participación Ciudadana (demostración)", role: "Coordinación del plan", personName: "Lic. Mariana Ejemplo Torres", namePublic: true },
    { sector: "gobierno" as const, organisation: "Dirección de Tecnologías de la Información (demostración)", role: "Enlace de datos abiertos", personName: "Ing. Ricardo Muestra Ávila", namePublic: false },
    { sector: "sociedad_civil" as const, organisation: "Observatorio Ciudadano del Bajío (ficticio)", role: "Secretariado técnico", personName: "Mtra. Sofía Prueba Lozano", namePublic: true },
    { sector: "sociedad_civil" as const, organisation: "Red Vecinal de Colonias del Poniente (ficticia)", role: "Integrante del Foro Multiactor", personName: "C. Joaquín Ficticio Ramos", namePublic: false },
  ],
};

export const SHARED = {
  title: "Red intermunicipal de seguridad ciudadana con datos abiertos",
  description: [
    "León convoca a otros municipios a publicar la incidencia delictiva y la respuesta policial por colonia con un mismo formato abierto, cada mes, y a evaluarse juntos.",
    "Cada municipio lleva el acuerdo en su propio plan de acción, con sus hitos, su dependencia responsable y su avance; esta página los compara.",
  ].join("\n"),
};

export const LEON_COMMITMENTS: DemoCommitment[] = [
  {
    title: "Seguridad ciudadana con datos abiertos de incidencia por colonia",
    problem: "Los vecinos no saben qué pasa en su colonia: la incidencia delictiva se publica por municipio y con meses de retraso.",
    statusQuo: "La Secretaría de Seguridad publica un informe anual en PDF; los comités vecinales piden los datos por solicitud de información.",
    description: "Publicar cada mes la incidencia y los tiempos de respuesta policial por colonia en datos abiertos, con el formato acordado con los municipios de la red intermunicipal.",
    howItSolves: "Con datos por colonia y comparables, los comités vecinales y la policía priorizan juntos, y los municipios vecinos coordinan operativos.",
    relevance: { transparency: true, accountability: true, participation: false },
    department: "Seguridad",
    leadOfficial: "Dirección de Análisis e Inteligencia Policial",
    starts: PLAN_STARTS,
    coleadOrganisation: "Consejo Ciudadano de Seguridad de León (ficticio)",
    milestones: [
      { deliverable: "Diagnóstico de incidencia por colonia publicado", due: -150, weight: 25, responsible: "Dirección de Análisis e Inteligencia Policial", deliveredOn: -152, evidence: [{ title: "Proceso de cocreación: diagnóstico", path: "/leon/participa/plan-de-accion-2026-2027" }] },
      { deliverable: "Convenio intermunicipal de intercambio de datos firmado", due: -40, weight: 25, responsible: "Secretaría del Ayuntamiento", deliveredOn: -45, evidence: [{ title: "Acuerdo intermunicipal y municipios participantes", path: `/compromisos-intermunicipales/${SHARED_SLUG}` }] },
      { deliverable: "Tablero mensual de incidencia por colonia en datos abiertos", due: 120, weight: 30, responsible: "Dirección de Tecnologías de la Información", started: true },
      { deliverable: "Evaluación conjunta con los municipios de la red", due: 400, weight: 20, responsible: "Dirección de Participación Ciudadana" },
    ],
  },
  {
    title: "Servicios digitales por colonia",
    problem: "Hacer un trámite o reportar un problema obliga a ir a oficinas del centro; en las colonias periféricas eso cuesta medio día.",
    statusQuo: "Hay trámites en línea sueltos, sin seguimiento; los reportes ciudadanos por teléfono no tienen folio público.",
    description: "Un catálogo de trámites y servicios por colonia, reportes ciudadanos en línea con folio y seguimiento público, y módulos itinerantes en las colonias más alejadas.",
    howItSolves: "Acerca los servicios a cada colonia y hace visible cuánto tarda el Ayuntamiento en atender, colonia por colonia.",
    relevance: { transparency: true, accountability: false, participation: true },
    department: "Servicios",
    leadOfficial: "Dirección General de Servicios Públicos Municipales",
    starts: PLAN_STARTS,
    coleadOrganisation: "Red Vecinal de Colonias del Poniente (ficticia)",
    milestones: [
      { deliverable: "Catálogo de trámites y servicios por colonia publicado", due: -60, weight: 25, responsible: "Dirección de Tecnologías de la Información", deliveredOn: -62, evidence: [{ title: "Servicios de atención ciudadana de León", path: "/leon/solicitudes" }] },
      { deliverable: "Reportes ciudadanos en línea con folio y seguimiento público", due: 45, weight: 35, responsible: "Dirección General de Servicios Públicos Municipales", started: true, evidence: [{ title: "Versión de prueba: reportar un problema", path: "/leon/solicitudes/nueva" }] },
      { deliverable: "Módulos itinerantes en 20 colonias periféricas", due: 200, weight: 40, responsible: "Dirección de Desarrollo Social" },
    ],
  },
  {
    title: "Datos abiertos de obra pública y presupuesto",
    problem: "No se sabe cuánto cuesta, quién construye ni cuánto avanza cada obra pública en cada colonia.",
    statusQuo: "Los contratos se publican en la Plataforma Nacional de Transparencia, sin avance físico ni ubicación.",
    description: "Publicar en datos abiertos cada obra pública con monto, contratista, avance físico y financiero y colonia, actualizado cada mes, y el presupuesto municipal en formato abierto.",
    howItSolves: "Los comités vecinales pueden dar seguimiento a las obras de su colonia y comparar lo pagado con lo construido.",
    relevance: { transparency: true, accountability: true, participation: false },
    department: "Obras",
    leadOfficial: "Dirección General de Obra Pública",
    starts: PLAN_STARTS,
    coleadObservatory: true,
    milestones: [
      { deliverable: "Padrón de obra pública en datos abiertos", due: -180, weight: 30, responsible: "Dirección General de Obra Pública", deliveredOn: -185, evidence: [{ title: "Catálogo de datos abiertos de Cabildo", path: "/datos" }] },
      { deliverable: "Presupuesto municipal en formato abierto", due: -120, weight: 30, responsible: "Tesorería Municipal", deliveredOn: -121, evidence: [{ title: "Conjuntos de datos publicados (API CKAN)", path: "/api/3/action/package_list" }] },
      { deliverable: "Avance físico y financiero mensual por obra y colonia", due: -60, weight: 40, responsible: "Dirección General de Obra Pública", deliveredOn: -65, evidence: [{ title: "Ejemplo del formato por colonia: solicitudes ciudadanas (CSV)", path: "/leon/datos/solicitudes.csv" }, { title: "OGP Local: estándares de datos abiertos", url: "https://www.opengovpartnership.org/ogp-local/" }] },
    ],
  },
  {
    title: "Capacitación de servidores públicos en gobierno abierto",
    problem: "Las dependencias no saben publicar datos abiertos ni responder a la ciudadanía de forma razonada.",
    statusQuo: "La capacitación en transparencia se limita a un curso anual obligatorio en línea.",
    description: "Capacitar a 240 servidoras y servidores públicos en dos generaciones: datos abiertos, lenguaje ciudadano, respuesta razonada y participación.",
    howItSolves: "Con personal capacitado en cada dependencia, los demás compromisos se sostienen más allá de esta administración.",
    relevance: { transparency: true, accountability: false, participation: true },
    department: "Transparencia",
    leadOfficial: "Titular de la Unidad de Transparencia",
    starts: PLAN_STARTS,
    milestones: [
      { deliverable: "Programa de capacitación aprobado", due: -150, weight: 20, responsible: "Unidad de Transparencia", deliveredOn: -149, evidence: [{ title: "Programa OGP Local", url: "https://www.opengovpartnership.org/ogp-local/" }] },
      { deliverable: "Primera generación: 120 servidores públicos capacitados", due: -25, weight: 40, responsible: "Unidad de Transparencia", started: true },
      { deliverable: "Segunda generación: 120 servidores públicos capacitados", due: 150, weight: 40, responsible: "Unidad de Transparencia" },
    ],
  },
];

/** Milestones of the commitment adopted from the proposals demo's draft, once it starts. */
export const ADOPTED_STARTS = 30;
export const ADOPTED_MILESTONES: DemoMilestone[] = [
  { deliverable: "Rutas y horarios de recolección por colonia en datos abiertos", due: 75, weight: 40, responsible: "Dirección de Aseo Público" },
  { deliverable: "Aviso ciudadano cuando el camión no pasa, con respuesta de la dependencia", due: 150, weight: 60, responsible: "Dirección de Aseo Público" },
];

/** The partners' own commitments in the shared agreement (each in a small plan of its own). */
export const PARTNERS: { slug: string; planTitle: string; commitment: DemoCommitment }[] = [
  {
    slug: "cuauhtemoc",
    planTitle: "Plan de Acción Local de Gobierno Abierto Cuauhtémoc 2026–2027",
    commitment: {
      title: "Incidencia delictiva por colonia en datos abiertos",
      problem: "Las colonias del centro no conocen la incidencia de su cuadrante ni los tiempos de respuesta.",
      statusQuo: "La información se publica por alcaldía, una vez al año.",
      description: "Publicar cada mes la incidencia por colonia con el formato de la red intermunicipal.",
      howItSolves: "Datos comparables con los municipios de la red, útiles a los comités vecinales.",
      relevance: { transparency: true, accountability: true, participation: false },
      department: "Gobierno",
      leadOfficial: "Coordinación de Seguridad Ciudadana",
      starts: PLAN_STARTS,
      milestones: [
        { deliverable: "Primera publicación mensual por colonia", due: -60, weight: 40, responsible: "Dirección General de Gobierno", deliveredOn: -61, evidence: [{ title: "Acuerdo intermunicipal", path: `/compromisos-intermunicipales/${SHARED_SLUG}` }] },
        { deliverable: "Serie histórica de doce meses por colonia", due: 90, weight: 60, responsible: "Dirección General de Gobierno" },
      ],
    },
  },
  {
    slug: "tlalnepantla",
    planTitle: "Plan de Acción Local de Gobierno Abierto Tlalnepantla 2026–2027",
    commitment: {
      title: "Mapa público de seguridad por colonia",
      problem: "Los vecinos no tienen información pública de seguridad de su colonia.",
      statusQuo: "No hay datos abiertos de seguridad municipal.",
      description: "Un mapa público de incidencia por colonia con los datos del formato intermunicipal.",
      howItSolves: "La ciudadanía y la policía municipal comparten un mismo diagnóstico por colonia.",
      relevance: { transparency: true, accountability: false, participation: true },
      department: "Seguridad",
      leadOfficial: "Comisaría de Seguridad Pública",
      starts: PLAN_STARTS,
      milestones: [
        { deliverable: "Datos de incidencia en el formato intermunicipal", due: -10, weight: 30, responsible: "Dirección de Seguridad Pública", started: true },
        { deliverable: "Mapa público por colonia", due: 150, weight: 70, responsible: "Dirección de Seguridad Pública" },
      ],
    },
  },
];
