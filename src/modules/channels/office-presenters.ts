/**
 * The only code that turns office and procedure rows into public output (pages, GeoJSON, the
 * nearest-office API, open data): every field chosen by name. An office's phone and e-mail are
 * its public contact; nothing about a person is ever read here.
 */
import type { NearestOffices } from "./office-nearest.js";
import { openingState } from "./office-hours.js";
import type { OfficeRow } from "./office-queries.js";
import type { ProcedureRow } from "./procedure-queries.js";
import type { ProcedureKind } from "./tables.js";
import { officePath, procedurePath } from "./urls.js";

/** An office as the public sees it: no internal id, and only active offices are ever presented. */
export interface PublicOffice extends Omit<OfficeRow, "id" | "active" | "updatedAt"> {
  /** At the moment of the request, in the municipality's time zone. */
  openNow: "open" | "closed" | "unknown";
  path: string;
}

export function presentOffice(m: { slug: string; timeZone: string }, o: OfficeRow, now: Date): PublicOffice {
  return {
    slug: o.slug, name: o.name, kind: o.kind, address: o.address, colonia: o.colonia, lat: o.lat, lon: o.lon, hours: o.hours,
    phone: o.phone, email: o.email, accessibility: o.accessibility, notes: o.notes, openNow: openingState(o.hours, m.timeZone, now),
    path: officePath(m.slug, o.slug),
  };
}

/** A GeoJSON point of an office with a location (the public map and the open data). */
export function presentOfficeFeature(m: { slug: string }, o: OfficeRow, publicUrl = "") {
  return {
    type: "Feature" as const,
    geometry: { type: "Point" as const, coordinates: [o.lon!, o.lat!] },
    properties: {
      slug: o.slug, name: o.name, kind: o.kind, address: o.address, colonia: o.colonia?.name ?? null, phone: o.phone, email: o.email,
      accessibility: o.accessibility || null, url: `${publicUrl}${officePath(m.slug, o.slug)}`,
    },
  };
}

export interface PublicProcedure {
  slug: string;
  name: string;
  kind: ProcedureKind;
  summary: string;
  requirements: string[];
  costText: string;
  costMxn: number | null;
  duration: string;
  howTo: string;
  onlineUrl: string | null;
  department: string | null;
  requestServiceCode: string | null;
  legalBasis: string;
  path: string;
}

export function presentProcedure(m: { slug: string }, p: ProcedureRow): PublicProcedure {
  return {
    slug: p.slug, name: p.name, kind: p.kind, summary: p.summary, requirements: p.requirements, costText: p.costText,
    costMxn: p.costMxn === null ? null : Number(p.costMxn), duration: p.duration, howTo: p.howTo, onlineUrl: p.onlineUrl,
    department: p.department?.name ?? null, requestServiceCode: p.requestServiceCode, legalBasis: p.legalBasis, path: procedurePath(m.slug, p.slug),
  };
}

/** Kilometres rounded to 10 m, as the answer states them. */
export const roundKm = (km: number) => Math.round(km * 100) / 100;

/** The JSON answer of the nearest-office API (the shape its response schema declares). */
export function presentNearest(
  m: { slug: string },
  publicUrl: string,
  procedure: ProcedureRow,
  from: { lat: number; lon: number; colonia: { slug: string; name: string } | null },
  nearest: NearestOffices,
) {
  const office = (o: OfficeRow) => ({ slug: o.slug, name: o.name, kind: o.kind, address: o.address, phone: o.phone, url: `${publicUrl}${officePath(m.slug, o.slug)}` });
  const located = nearest.located.map((d) => ({ ...office(d.office), lat: d.office.lat!, lon: d.office.lon!, distanceKm: roundKm(d.distanceKm) }));
  return {
    procedure: { slug: procedure.slug, name: procedure.name, url: `${publicUrl}${procedurePath(m.slug, procedure.slug)}` },
    from: { lat: from.lat, lon: from.lon, colonia: from.colonia },
    nearest: located[0] ?? null,
    alternatives: located.slice(1, 3),
    withoutLocation: nearest.unlocated.map(office),
  };
}
