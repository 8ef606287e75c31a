/** RFC 9457 problem details with a Spanish `detail`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Field-level messages for form and validation errors. */
  errors?: { field: string; message: string }[];
}

export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors?: Problem["errors"];
  constructor(status: number, detail: string, options: { title?: string; errors?: Problem["errors"] } = {}) {
    super(detail);
    this.status = status;
    this.title = options.title ?? STATUS_TITLES[status] ?? "Error";
    this.errors = options.errors;
  }
}

export const STATUS_TITLES: Record<number, string> = {
  400: "Solicitud incorrecta",
  401: "Se requiere iniciar sesión",
  403: "Acceso denegado",
  404: "No encontrado",
  405: "Método no permitido",
  409: "Conflicto",
  413: "Contenido demasiado grande",
  415: "Tipo de contenido no admitido",
  422: "Datos no válidos",
  429: "Demasiadas solicitudes",
  500: "Error interno",
  503: "Servicio no disponible",
};

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: "about:blank",
    title: STATUS_TITLES[status] ?? "Error",
    status,
    detail,
    ...extra,
  };
}

export const notFound = (detail = "El recurso solicitado no existe.") => new HttpProblem(404, detail);
export const forbidden = (detail = "No tiene permiso para realizar esta acción.") => new HttpProblem(403, detail);
export const unauthorized = (detail = "Inicie sesión para continuar.") => new HttpProblem(401, detail);
export const unprocessable = (detail: string, errors?: Problem["errors"]) => new HttpProblem(422, detail, { errors });
