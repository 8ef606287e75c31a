/** The GeoReport service discovery document: one production endpoint, JSON and XML. */
export const OPEN311_SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
/** When this endpoint's behaviour last changed (clients cache discovery by it). */
export const OPEN311_CHANGESET = "2026-01-15T00:00:00Z";

export type Open311Discovery = {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: "production"; formats: string[] }[];
};

export function discoveryDocument(publicUrl: string, contactEmail: string): Open311Discovery {
  return {
    changeset: OPEN311_CHANGESET,
    contact: `Cabildo — cada municipio es una jurisdicción (jurisdiction_id = identificador del municipio en la URL, por ejemplo cuauhtemoc). Contacto: ${contactEmail}`,
    key_service: `La administración de cada municipio emite las claves (api_key) en ${publicUrl}/<municipio>/admin/open311.`,
    endpoints: [{ specification: OPEN311_SPECIFICATION, url: `${publicUrl}/open311/v2`, changeset: OPEN311_CHANGESET, type: "production", formats: ["text/xml", "application/json"] }],
  };
}
