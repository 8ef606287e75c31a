/**
 * The demo catalogue: fifteen common municipal procedures and services, described in general
 * terms that hold in most Mexican municipalities. No amount is invented: where a fee depends on
 * the municipality's Ley de Ingresos the cost says so; "Gratuito" only where it is free by law or
 * by the nature of the public service. Requirements are the usual ones and each page reminds the
 * reader that these are demonstration data.
 */
import type { ProcedureKind } from "./tables.js";

export interface DemoProcedure {
  slug: string;
  name: string;
  kind: ProcedureKind;
  summary: string;
  requirements: string[];
  costText: string;
  duration: string;
  howTo: string;
  /** A word of the department's name in each demo municipality ("Obras", "Servicios"…); none when no demo department fits. */
  department: string | null;
  /** The demo request service it corresponds to (requests/seed.ts), when there is one. */
  requestService: string | null;
  legalBasis: string;
}

const LEY_DE_INGRESOS = "Consulte la Ley de Ingresos vigente";
const DEMO = "Datos de demostración: confirme requisitos y costo antes de acudir.";

export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    slug: "licencia-de-funcionamiento", name: "Licencia de funcionamiento", kind: "tramite",
    summary: "Permiso para abrir y operar un negocio o establecimiento mercantil en el municipio.",
    requirements: ["Identificación oficial vigente", "Comprobante de domicilio del establecimiento", "Constancia de situación fiscal (RFC)", "Uso de suelo compatible con el giro", "Visto bueno de Protección Civil, según el giro"],
    costText: LEY_DE_INGRESOS, duration: "Varía según el giro", department: "Gobierno", requestService: null, legalBasis: "",
    howTo: `Presente la solicitud con sus documentos en la ventanilla de la oficina sede. Los giros de bajo impacto suelen resolverse más rápido que los de mediano o alto impacto. ${DEMO}`,
  },
  {
    slug: "pago-del-impuesto-predial", name: "Pago del impuesto predial", kind: "tramite",
    summary: "Pago anual del impuesto sobre la propiedad de un inmueble (casa, departamento o terreno).",
    requirements: ["Número de cuenta predial o boleta del año anterior"],
    costText: "Según el valor catastral del inmueble (Ley de Ingresos vigente)", duration: "Inmediato", department: null, requestService: null, legalBasis: "",
    howTo: `Acuda a una caja recaudadora con su número de cuenta predial. Muchos municipios ofrecen descuento por pago anticipado en los primeros meses del año. ${DEMO}`,
  },
  {
    slug: "constancia-de-residencia", name: "Constancia de residencia", kind: "tramite",
    summary: "Documento que hace constar que una persona vive en el municipio, para trámites escolares, laborales o de gobierno.",
    requirements: ["Identificación oficial vigente", "Comprobante de domicilio reciente", "Dos testigos con identificación que vivan en la misma colonia, si el comprobante no está a su nombre"],
    costText: LEY_DE_INGRESOS, duration: "1 a 3 días hábiles", department: "Gobierno", requestService: null, legalBasis: "",
    howTo: `Solicítela en persona en cualquier módulo de atención con sus documentos originales y una copia. ${DEMO}`,
  },
  {
    slug: "licencia-de-construccion", name: "Licencia de construcción", kind: "tramite",
    summary: "Autorización para construir, ampliar, remodelar o demoler una obra.",
    requirements: ["Identificación oficial del propietario", "Documento que acredite la propiedad", "Alineamiento y número oficial vigente", "Planos firmados por un director responsable de obra", "Pago del impuesto predial al corriente"],
    costText: "Según los metros cuadrados de construcción (Ley de Ingresos vigente)", duration: "Varía según el tipo de obra", department: "Obras", requestService: null, legalBasis: "",
    howTo: `Ingrese la solicitud con los planos en la ventanilla de Obras de la oficina sede. Si la obra es menor, pregunte si basta con un aviso. ${DEMO}`,
  },
  {
    slug: "alineamiento-y-numero-oficial", name: "Alineamiento y número oficial", kind: "tramite",
    summary: "Constancia del límite del predio con la vía pública y del número que le corresponde.",
    requirements: ["Identificación oficial del propietario", "Documento que acredite la propiedad", "Croquis de ubicación del predio"],
    costText: LEY_DE_INGRESOS, duration: "Varía según el municipio", department: "Obras", requestService: null, legalBasis: "",
    howTo: `Solicítelo en la ventanilla de Obras. Suele ser requisito previo de la licencia de construcción. ${DEMO}`,
  },
  {
    slug: "permiso-para-eventos-en-via-publica", name: "Permiso para eventos en la vía pública", kind: "tramite",
    summary: "Autorización para usar calles o plazas en fiestas, ferias, eventos culturales o deportivos.",
    requirements: ["Identificación oficial de quien organiza", "Escrito con fecha, horario, lugar y aforo estimado", "Visto bueno de Protección Civil, según el tamaño del evento"],
    costText: LEY_DE_INGRESOS, duration: "Solicítelo con anticipación", department: "Gobierno", requestService: null, legalBasis: "",
    howTo: `Presente su escrito con anticipación a la fecha del evento; si se cierra una calle, se avisa también a Tránsito. ${DEMO}`,
  },
  {
    slug: "poda-o-retiro-de-arbol", name: "Poda o retiro de árbol", kind: "servicio",
    summary: "Poda o retiro de un árbol en la vía pública que representa un riesgo o afecta el alumbrado o el cableado.",
    requirements: ["Ubicación del árbol (calle, número o entre qué calles)", "Fotografía del árbol, si es posible"],
    costText: "Gratuito en la vía pública", duration: "Según la valoración técnica", department: "Servicios", requestService: "poda", legalBasis: "",
    howTo: `Repórtelo como solicitud ciudadana o en un módulo de atención. Personal técnico valora el árbol antes de podar o retirar. ${DEMO}`,
  },
  {
    slug: "recoleccion-de-residuos-voluminosos", name: "Recolección de residuos voluminosos", kind: "servicio",
    summary: "Recolección de muebles, colchones, electrodomésticos y otros objetos que no se llevan en la recolección ordinaria.",
    requirements: ["Domicilio de recolección", "Descripción de los objetos"],
    costText: "Gratuito en jornadas programadas; fuera de ellas, consulte la Ley de Ingresos vigente", duration: "Según el calendario de jornadas", department: "Servicios", requestService: null, legalBasis: "",
    howTo: `Pregunte en un módulo de atención por la próxima jornada en su colonia. No deje los objetos en la calle antes del día indicado. ${DEMO}`,
  },
  {
    slug: "registro-de-nacimiento", name: "Registro de nacimiento (Registro Civil)", kind: "tramite",
    summary: "Inscripción del nacimiento de una niña o un niño y entrega de su acta.",
    requirements: ["Certificado de nacimiento expedido por el hospital o la partera", "Identificación oficial de la madre y/o el padre", "Actas de nacimiento de la madre y/o el padre", "Comprobante de domicilio"],
    costText: "Gratuito, incluida la primera copia certificada del acta", duration: "Inmediato", department: null, requestService: null,
    legalBasis: "Constitución Política de los Estados Unidos Mexicanos, art. 4",
    howTo: `Acuda con la niña o el niño a un juzgado u oficialía del Registro Civil. El registro y la primera copia certificada del acta son gratuitos. ${DEMO}`,
  },
  {
    slug: "certificado-de-no-adeudo", name: "Certificado de no adeudo", kind: "tramite",
    summary: "Constancia de que un inmueble no tiene adeudos de contribuciones municipales, como el impuesto predial.",
    requirements: ["Número de cuenta predial", "Identificación oficial del propietario o carta poder"],
    costText: LEY_DE_INGRESOS, duration: "1 a 3 días hábiles", department: null, requestService: null, legalBasis: "",
    howTo: `Solicítelo en la caja recaudadora de la oficina sede; suele pedirse para escriturar o vender un inmueble. ${DEMO}`,
  },
  {
    slug: "visto-bueno-de-proteccion-civil", name: "Visto bueno de Protección Civil", kind: "tramite",
    summary: "Revisión de las medidas de seguridad de un establecimiento o evento (extintores, salidas, señalización).",
    requirements: ["Solicitud por escrito", "Programa interno de protección civil, según el giro", "Identificación oficial del responsable"],
    costText: LEY_DE_INGRESOS, duration: "Incluye una visita de inspección", department: "Gobierno", requestService: null, legalBasis: "",
    howTo: `Presente la solicitud; personal de Protección Civil programa una visita al lugar antes de emitir el visto bueno. ${DEMO}`,
  },
  {
    slug: "precartilla-del-servicio-militar", name: "Cartilla del Servicio Militar (precartilla)", kind: "tramite",
    summary: "Inscripción de los jóvenes en edad de hacer el Servicio Militar Nacional, en la junta municipal de reclutamiento.",
    requirements: ["Acta de nacimiento", "CURP", "Comprobante de domicilio", "Comprobante de estudios", "Fotografías tamaño cartilla (consulte las características)"],
    costText: "Gratuito", duration: "Según la convocatoria anual", department: null, requestService: null, legalBasis: "Ley del Servicio Militar",
    howTo: `Acuda a la junta municipal de reclutamiento dentro del periodo de la convocatoria anual con sus documentos en original y copia. ${DEMO}`,
  },
  {
    slug: "bacheo", name: "Bacheo", kind: "servicio",
    summary: "Reparación de baches en calles y avenidas a cargo del municipio.",
    requirements: ["Ubicación del bache", "Fotografía, si es posible"],
    costText: "Gratuito", duration: "Según el programa de bacheo", department: "Obras", requestService: "bache", legalBasis: "",
    howTo: `Repórtelo como solicitud ciudadana con la ubicación exacta: recibirá un folio para darle seguimiento. ${DEMO}`,
  },
  {
    slug: "alumbrado-publico", name: "Alumbrado público", kind: "servicio",
    summary: "Reparación de luminarias apagadas, intermitentes o dañadas en la vía pública.",
    requirements: ["Ubicación de la luminaria", "Número del poste, si lo tiene"],
    costText: "Gratuito", duration: "Según la carga de trabajo", department: "Servicios", requestService: "alumbrado", legalBasis: "",
    howTo: `Repórtelo como solicitud ciudadana con la ubicación de la luminaria y, si lo ve, el número del poste. ${DEMO}`,
  },
  {
    slug: "vacunacion-antirrabica", name: "Vacunación antirrábica de perros y gatos", kind: "servicio",
    summary: "Vacuna contra la rabia para perros y gatos, en campañas y en el centro de atención animal.",
    requirements: ["Llevar a la mascota con correa o en transportadora", "Cartilla de vacunación, si la tiene"],
    costText: "Gratuito", duration: "Inmediato", department: null, requestService: null, legalBasis: "",
    howTo: `Acuda durante las jornadas de vacunación o a un módulo de atención que la ofrezca. Las mascotas deben tener al menos un mes de edad. ${DEMO}`,
  },
];

/** Which procedures each kind of demo office offers (the headquarters offer them all). */
export const MODULE_PROCEDURES = ["pago-del-impuesto-predial", "constancia-de-residencia", "poda-o-retiro-de-arbol", "recoleccion-de-residuos-voluminosos", "bacheo", "alumbrado-publico"];
export const MOBILE_PROCEDURES = ["constancia-de-residencia", "vacunacion-antirrabica", "recoleccion-de-residuos-voluminosos"];
