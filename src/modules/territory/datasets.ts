/** Territory's entry in the open-data catalogue: the colonia polygons served by api.ts. */
import type { DatasetContributor } from "../../platform/datasets.js";

export const territoryDatasets: DatasetContributor = async ({ db }, m) => {
  const row = await db
    .selectFrom("colonias")
    .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.max("updated_at").as("modified")])
    .where("municipality_id", "=", m.id)
    .where("geometry", "is not", null)
    .executeTakeFirst();
  if (!row || Number(row.n) === 0) return [];
  return [
    {
      id: `${m.slug}-colonias`,
      municipalitySlug: m.slug,
      title: `Colonias de ${m.name}`,
      description: `Nombre, tipo de asentamiento, código postal y polígono de cada colonia de ${m.name} con límites publicados.`,
      keywords: ["colonias", "límites territoriales", "asentamientos"],
      frequency: "irregular",
      temporal: null,
      modified: row.modified ? new Date(row.modified as Date | string).toISOString() : null,
      distributions: [
        {
          id: "geojson",
          title: "Polígonos de las colonias (GeoJSON)",
          format: "GeoJSON",
          mediaType: "application/geo+json",
          downloadPath: `/api/v1/municipalities/${m.slug}/colonias.geojson`,
        },
      ],
    },
  ];
};
