/** Every URL of the channels module, in one place (public and staff). */
export const officesPath = (slug: string) => `/${slug}/oficinas`;
export const officePath = (slug: string, office: string) => `/${slug}/oficinas/${office}`;
export const proceduresPath = (slug: string) => `/${slug}/tramites`;
export const procedurePath = (slug: string, procedure: string) => `/${slug}/tramites/${procedure}`;
export const nearestOfficePath = (slug: string, procedure: string) => `/${slug}/tramites/${procedure}/oficina-cercana`;
export const hearingsPath = (slug: string) => `/${slug}/audiencias`;
export const hearingPath = (slug: string, hearing: string) => `/${slug}/audiencias/${hearing}`;
export const hearingScreenPath = (slug: string, hearing: string) => `/${slug}/audiencias/${hearing}/pantalla`;
export const hearingsIcalPath = (slug: string) => `/${slug}/audiencias.ics`;
export const turnPath = (slug: string, hearing: string, token: string) => `/${slug}/audiencias/${hearing}/turno/${token}`;
export const brigadesPath = (slug: string) => `/${slug}/brigadas`;
export const brigadePath = (slug: string, brigade: string) => `/${slug}/brigadas/${brigade}`;
/** The installable offline app of brigade members (its service worker's scope). */
export const brigadeAppPath = (slug: string) => `/${slug}/brigada/`;

export const adminOfficesPath = (slug: string) => `/${slug}/admin/oficinas`;
export const adminProceduresPath = (slug: string) => `/${slug}/admin/tramites`;
export const adminHearingsPath = (slug: string) => `/${slug}/admin/audiencias`;
export const adminHearingPath = (slug: string, hearing: string) => `/${slug}/admin/audiencias/${hearing}`;
export const adminBrigadesPath = (slug: string) => `/${slug}/admin/brigadas`;
export const adminBrigadePath = (slug: string, brigade: string) => `/${slug}/admin/brigadas/${brigade}`;
export const assistedRequestPath = (slug: string) => `/${slug}/admin/solicitudes/nueva`;
export const channelStatsPath = (slug: string) => `/${slug}/admin/canales`;

// Open hearings (helper B): the rest of their addresses.
export const hearingIcalPath = (slug: string, hearing: string) => `/${slug}/audiencias/${hearing}/calendario.ics`;
export const hearingTurnsPath = (slug: string, hearing: string) => `/${slug}/audiencias/${hearing}/turnos`;
export const hearingScreenEventsPath = (slug: string, hearing: string) => `/${slug}/audiencias/${hearing}/pantalla/eventos`;
export const hearingsCsvPath = (slug: string) => `/${slug}/datos/audiencias.csv`;
export const hearingsJsonPath = (slug: string) => `/${slug}/datos/audiencias.json`;
export const adminHearingEditPath = (slug: string, hearing: string) => `/${slug}/admin/audiencias/${hearing}/editar`;
export const adminHearingTurnPath = (slug: string, hearing: string, turn: number) => `/${slug}/admin/audiencias/${hearing}/turnos/${turn}`;
/** Public pages of what a petition became (the requests and proposals modules' pages). */
export const requestFolioPath = (slug: string, folio: string) => `/${slug}/solicitudes/${encodeURIComponent(folio)}`;
export const proposalPagePath = (slug: string, process: string, number: number) => `/${slug}/participa/${process}/propuestas/${number}`;

// Assisted filing and the dashboard by channel (helper D).
/** The printable receipt of a request filed on someone's behalf (staff only; shows the private link once). */
export const assistedReceiptPath = (slug: string, folio: string) => `/${slug}/admin/solicitudes/nueva/recibo/${encodeURIComponent(folio)}`;
export const channelStatsCsvPath = (slug: string) => `/${slug}/admin/canales.csv`;
/** Open data: requests by month, colonia and channel (aggregated, no personal data). */
export const requestsByChannelCsvPath = (slug: string) => `/${slug}/datos/solicitudes-por-canal.csv`;
/** Where a person follows a folio without an account (the requests module's folio search). */
export const folioSearchPath = (slug: string, folio?: string) => `/${slug}/solicitudes/buscar${folio ? `?folio=${encodeURIComponent(folio)}` : ""}`;

// Offices and the procedures catalogue (helper C): the rest of their addresses.
export const officesGeojsonPath = (slug: string) => `/${slug}/oficinas.geojson`;
export const adminOfficePath = (slug: string, office: string) => `/${slug}/admin/oficinas/${office}`;
/** The procedures offered at an office (a form of its staff page). */
export const adminOfficeProceduresPath = (slug: string, office: string) => `/${slug}/admin/oficinas/${office}/tramites`;
export const adminProcedurePath = (slug: string, procedure: string) => `/${slug}/admin/tramites/${procedure}`;
/** The offices where a procedure can be done (a form of its staff page). */
export const adminProcedureOfficesPath = (slug: string, procedure: string) => `/${slug}/admin/tramites/${procedure}/oficinas`;
/** The JSON twin of the nearest-office page (the /api/v1/municipalities/:slug prefix every JSON route uses). */
export const nearestOfficeApiPath = (slug: string, procedure: string) => `/api/v1/municipalities/${slug}/tramites/${procedure}/oficina-cercana`;
/** Open data: offices (CSV, GeoJSON) and the procedures catalogue (CSV, JSON). */
export const officeDataPath = (slug: string, format: "csv" | "geojson") => `/${slug}/datos/oficinas.${format}`;
export const procedureDataPath = (slug: string, format: "csv" | "json") => `/${slug}/datos/tramites.${format}`;
/** The citizen-request form of one service (the requests module's form accepts ?servicio=). */
export const newRequestForServicePath = (slug: string, serviceCode: string) => `/${slug}/solicitudes/nueva?servicio=${encodeURIComponent(serviceCode)}`;

// Field brigades (helper A): the members' app below its scope, and the staff forms of a brigade.
export const brigadeSwPath = (slug: string) => `${brigadeAppPath(slug)}sw.js`;
export const brigadeManifestPath = (slug: string) => `${brigadeAppPath(slug)}manifest.webmanifest`;
/** What the app needs offline: the person's active brigades with their route, the services (JSON). */
export const brigadeDataPath = (slug: string) => `${brigadeAppPath(slug)}datos.json`;
/** Batch synchronisation of captured records (POST, JSON). */
export const brigadeSyncPath = (slug: string) => `${brigadeAppPath(slug)}sincronizar`;
export const adminBrigadeRoutePath = (slug: string, brigade: string) => `${adminBrigadePath(slug, brigade)}/ruta`;
export const adminBrigadeMembersPath = (slug: string, brigade: string) => `${adminBrigadePath(slug, brigade)}/integrantes`;
/** The staff page of a request (the requests module's), linked from the follow-up list. */
export const adminRequestPath = (slug: string, folio: string) => `/${slug}/admin/solicitudes/${encodeURIComponent(folio)}`;
