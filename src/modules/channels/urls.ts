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
