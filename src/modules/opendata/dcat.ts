/**
 * DCAT-AP style JSON-LD of the catalogue: dcat:Catalog → dcat:Dataset → dcat:Distribution, with
 * the EU frequency vocabulary for dct:accrualPeriodicity. Only catalogue fields leave here.
 */
import type { DatasetFrequency } from "../../platform/datasets.js";
import type { CatalogueDataset } from "./catalogue.js";

const FREQUENCY: Record<DatasetFrequency, string> = {
  continuous: "CONT",
  daily: "DAILY",
  weekly: "WEEKLY",
  monthly: "MONTHLY",
  quarterly: "QUARTERLY",
  annual: "ANNUAL",
  irregular: "IRREG",
};

export const DCAT_CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

export function frequencyUri(f: DatasetFrequency): string {
  return `http://publications.europa.eu/resource/authority/frequency/${FREQUENCY[f]}`;
}

function presentDcatDataset(d: CatalogueDataset, base: string) {
  return {
    "@id": `${base}${d.landingPath}`,
    "@type": "dcat:Dataset",
    "dct:identifier": d.id,
    "dct:title": { "@value": d.title, "@language": "es" },
    "dct:description": { "@value": d.description, "@language": "es" },
    "dcat:keyword": d.keywords,
    "dct:publisher": { "@id": `${base}/${d.publisher.slug}`, "@type": "foaf:Organization", "foaf:name": d.publisher.name },
    "dct:license": { "@id": d.licence.url },
    "dct:accrualPeriodicity": { "@id": frequencyUri(d.frequency) },
    "dcat:landingPage": { "@id": `${base}${d.landingPath}` },
    ...(d.modified ? { "dct:modified": { "@value": d.modified, "@type": "xsd:dateTime" } } : {}),
    ...(d.temporal
      ? {
          "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": { "@value": d.temporal.start, "@type": "xsd:date" },
            "dcat:endDate": { "@value": d.temporal.end, "@type": "xsd:date" },
          },
        }
      : {}),
    "dcat:distribution": d.distributions.map((r) => ({
      "@id": `${base}${d.landingPath}#${r.id}`,
      "@type": "dcat:Distribution",
      "dct:title": { "@value": r.title, "@language": "es" },
      "dct:format": r.format,
      "dcat:mediaType": r.mediaType,
      "dcat:downloadURL": { "@id": `${base}${r.downloadPath}` },
      "dcat:accessURL": { "@id": `${base}${r.downloadPath}` },
      "dct:license": { "@id": d.licence.url },
    })),
  };
}

/** `path` is the catalogue's own URL path (e.g. `/datos/catalogo.jsonld`); `base` the public site URL without a trailing slash. */
export function presentDcatCatalog(datasets: CatalogueDataset[], opts: { base: string; path: string; title: string; description: string; publisherName: string; publisherPath: string }) {
  const { base } = opts;
  return {
    "@context": DCAT_CONTEXT,
    "@id": `${base}${opts.path}`,
    "@type": "dcat:Catalog",
    "dct:title": { "@value": opts.title, "@language": "es" },
    "dct:description": { "@value": opts.description, "@language": "es" },
    "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/SPA" },
    "dct:publisher": { "@id": `${base}${opts.publisherPath}`, "@type": "foaf:Organization", "foaf:name": opts.publisherName },
    "foaf:homepage": { "@id": `${base}${opts.path.replace(/\/catalogo\.jsonld$/, "")}` },
    "dcat:dataset": datasets.map((d) => presentDcatDataset(d, base)),
  };
}
