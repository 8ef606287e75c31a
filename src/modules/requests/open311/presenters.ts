/**
 * Open311 GeoReport v2 output shapes. Like every public shape in this module they name each
 * field they show: no contact data, no typed address (Open311's `address` is the colonia's
 * name), coordinates rounded with roundCoordinate.
 */
import type { ServiceDefinition } from "../catalogue.js";
import { roundCoordinate, type PublicRequestRow } from "../presenters.js";
import type { RequestStatus } from "../tables.js";

/** GeoReport has two states: our open statuses are work still to do. */
export const OPEN_STATUSES: readonly RequestStatus[] = ["recibida", "asignada", "en_proceso"];
export const CLOSED_STATUSES: readonly RequestStatus[] = ["atendida", "cerrada", "rechazada", "duplicada"];

export function open311Status(status: RequestStatus): "open" | "closed" {
  return OPEN_STATUSES.includes(status) ? "open" : "closed";
}

/** Elements that wrap each item of a list in the XML documents. */
export const XML_ITEM_NAMES: Record<string, string> = { attributes: "attribute", values: "value", endpoints: "endpoint", formats: "format" };

export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: "realtime";
  keywords: string;
  group: string;
};

export function presentOpen311Service(s: ServiceDefinition): Open311Service {
  return {
    service_code: s.code,
    service_name: s.name,
    description: s.description,
    // Only questions the client must answer make a definition worth fetching.
    metadata: s.attributes.length > 0,
    type: "realtime",
    keywords: s.keywords.trim().split(/\s+/).filter(Boolean).join(", "),
    group: s.group,
  };
}

export type Open311ServiceDefinition = {
  service_code: string;
  attributes: {
    variable: boolean;
    code: string;
    datatype: string;
    required: boolean;
    datatype_description: string | null;
    order: number;
    description: string;
    values: { key: string; name: string }[];
  }[];
};

export function presentServiceDefinition(s: ServiceDefinition): Open311ServiceDefinition {
  return {
    service_code: s.code,
    attributes: s.attributes.map((a, i) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription || null,
      order: i + 1,
      description: a.description,
      values: a.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

/** The public row plus the colonia's own public identifiers (Open311's address_id and zipcode). */
export interface Open311RequestRow extends PublicRequestRow {
  colonia_postal_code: string | null;
}

export type Open311Request = {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

/** Open311 wants a UTC offset on every datetime; ISO with Z is one. Seconds are enough. */
function w3cDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function presentOpen311Request(r: Open311RequestRow, mediaUrl: string | null = null): Open311Request {
  return {
    service_request_id: r.folio,
    status: open311Status(r.status),
    status_notes: r.status_reason,
    service_name: r.service_name,
    service_code: r.service_code,
    description: r.description,
    agency_responsible: r.department_name,
    service_notice: null,
    requested_datetime: w3cDate(r.created_at),
    updated_datetime: w3cDate(r.updated_at),
    expected_datetime: w3cDate(r.due_at),
    // The colonia, never the address the citizen typed (it may be a home).
    address: r.colonia_name,
    address_id: r.colonia_slug,
    zipcode: r.colonia_postal_code,
    lat: roundCoordinate(r.lat),
    long: roundCoordinate(r.lon),
    media_url: mediaUrl,
  };
}

export type Open311Created = { service_request_id: string; service_notice: string; account_id: string | null };
export type Open311Token = { service_request_id: string; token: string };
export type Open311Error = { code: number; description: string };
