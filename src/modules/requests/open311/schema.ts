/** OpenAPI descriptions of the Open311 routes (tag "Open311"); checks beyond shape live in params.ts. */
import type { Format } from "./http.js";

const str = (description: string, maxLength = 200) => ({ type: "string", maxLength, description }) as const;
const jurisdictionId = str("Identificador del municipio (su slug en la URL), por ejemplo cuauhtemoc. Obligatorio: Cabildo aloja varias jurisdicciones.", 80);
const tags = ["Open311"];
const produces = (fmt: Format) => (fmt === "json" ? "JSON" : "XML");

export const schemas = {
  discovery: (fmt: Format) => ({ tags, summary: `Descubrimiento del servicio Open311 (${produces(fmt)})` }),

  services: (fmt: Format) => ({
    tags,
    summary: `Catálogo de servicios del municipio (${produces(fmt)})`,
    querystring: { type: "object", properties: { jurisdiction_id: jurisdictionId } },
  }),

  serviceDefinition: (fmt: Format) => ({
    tags,
    summary: `Definición de un servicio: sus atributos (${produces(fmt)})`,
    params: { type: "object", properties: { service_code: str("Código del servicio", 60) }, required: ["service_code"] },
    querystring: { type: "object", properties: { jurisdiction_id: jurisdictionId } },
  }),

  createRequest: (fmt: Format) => ({
    tags,
    summary: `Crear una solicitud de servicio (${produces(fmt)})`,
    consumes: ["application/x-www-form-urlencoded", "application/json"],
    description:
      "Formulario application/x-www-form-urlencoded (o JSON). Requiere api_key emitida por la administración del municipio. " +
      "Ubicación: lat y long, address_string (se guarda solo para el personal) o address_id (identificador de la colonia). " +
      "Respuestas a los atributos como attribute[codigo]=valor (repetido para multivaluelist). " +
      "media_url no se descarga ni se guarda; device_id no se guarda. El folio es el service_request_id.",
    body: {
      type: "object",
      properties: {
        api_key: str("Clave emitida en /<municipio>/admin/open311", 128),
        jurisdiction_id: jurisdictionId,
        service_code: str("Código del servicio", 60),
        lat: { type: "string", maxLength: 32, description: "Latitud WGS84" },
        long: { type: "string", maxLength: 32, description: "Longitud WGS84" },
        address_string: str("Dirección escrita (privada: no se publica)", 300),
        address_id: str("Identificador de la colonia (address_id de requests.json)", 120),
        email: str("Correo del solicitante (privado)", 254),
        device_id: str("Identificador del dispositivo (no se guarda)", 200),
        account_id: str("Cuenta en la aplicación cliente (se devuelve tal cual)", 100),
        first_name: str("Nombre (privado)", 60),
        last_name: str("Apellidos (privado)", 60),
        phone: str("Teléfono (privado)", 30),
        description: str("Descripción del problema", 5000),
        media_url: str("URL de una imagen (no se descarga)", 2000),
      },
    },
  }),

  listRequests: (fmt: Format) => ({
    tags,
    summary: `Consultar solicitudes (${produces(fmt)})`,
    description: "Sin filtros de fecha: los últimos 90 días. Máximo 1000 resultados, las más recientes primero. Con service_request_id se ignoran los demás filtros.",
    querystring: {
      type: "object",
      properties: {
        jurisdiction_id: jurisdictionId,
        service_request_id: str("Folios separados por comas", 5000),
        service_code: str("Códigos de servicio separados por comas", 2000),
        start_date: str("Desde (ISO 8601 con zona horaria)", 40),
        end_date: str("Hasta (ISO 8601 con zona horaria)", 40),
        status: str("open, closed o ambos separados por comas", 20),
        page: str("Página (extensión de paginación)", 7),
        page_size: str("Resultados por página, hasta 1000", 7),
      },
    },
  }),

  getRequest: (fmt: Format) => ({
    tags,
    summary: `Una solicitud por su folio (${produces(fmt)})`,
    params: { type: "object", properties: { service_request_id: str("Folio", 60) }, required: ["service_request_id"] },
    querystring: { type: "object", properties: { jurisdiction_id: jurisdictionId } },
  }),

  token: (fmt: Format) => ({
    tags,
    summary: `El folio correspondiente a un token (${produces(fmt)})`,
    description: "Las solicitudes se crean al instante: el token es el mismo folio.",
    params: { type: "object", properties: { token: str("Token (el folio)", 60) }, required: ["token"] },
    querystring: { type: "object", properties: { jurisdiction_id: jurisdictionId } },
  }),
};
