/**
 * The only code that turns request rows into output. Public shapes name every field they
 * show and never touch contact data, the typed address, internal notes, assignees or exact
 * coordinates of a home; staff shapes add what the viewer's policy allows.
 */
import type { RequestStatus, Priority, Channel } from "./tables.js";

/** Coordinates in public output: rounded to 3 decimals (~110 m), enough for a map, not for a doorstep. */
export const PUBLIC_COORDINATE_DECIMALS = 3;

export function roundCoordinate(value: number | null): number | null {
  if (value === null) return null;
  const f = 10 ** PUBLIC_COORDINATE_DECIMALS;
  return Math.round(value * f) / f;
}

/** The columns public output may read: select exactly these for public pages, feeds and APIs. */
export const PUBLIC_REQUEST_COLUMNS = [
  "r.id",
  "r.folio",
  "r.status",
  "r.status_reason",
  "r.description",
  "r.lat",
  "r.lon",
  "r.created_at",
  "r.updated_at",
  "r.attended_at",
  "r.closed_at",
  "r.due_at",
  "r.supporters_count",
  "r.rating",
  "r.channel",
  "s.code as service_code",
  "s.name as service_name",
  "c.name as colonia_name",
  "c.slug as colonia_slug",
  "d.name as department_name",
] as const;

export interface PublicRequestRow {
  id: string;
  folio: string;
  status: RequestStatus;
  status_reason: string | null;
  description: string;
  lat: number | null;
  lon: number | null;
  created_at: Date;
  updated_at: Date;
  attended_at: Date | null;
  closed_at: Date | null;
  due_at: Date;
  supporters_count: number;
  rating: number | null;
  channel: Channel;
  service_code: string;
  service_name: string;
  colonia_name: string | null;
  colonia_slug: string | null;
  department_name: string | null;
}

export interface PublicRequest {
  folio: string;
  status: RequestStatus;
  statusReason: string | null;
  service: { code: string; name: string };
  description: string;
  colonia: { name: string; slug: string } | null;
  department: string | null;
  /** Rounded: see PUBLIC_COORDINATE_DECIMALS. */
  location: { lat: number; lon: number } | null;
  createdAt: string;
  updatedAt: string;
  attendedAt: string | null;
  closedAt: string | null;
  dueAt: string;
  supporters: number;
  rating: number | null;
  channel: Channel;
}

export function presentPublicRequest(r: PublicRequestRow): PublicRequest {
  return {
    folio: r.folio,
    status: r.status,
    statusReason: r.status_reason,
    service: { code: r.service_code, name: r.service_name },
    description: r.description,
    colonia: r.colonia_name && r.colonia_slug ? { name: r.colonia_name, slug: r.colonia_slug } : null,
    department: r.department_name,
    location: r.lat !== null && r.lon !== null ? { lat: roundCoordinate(r.lat)!, lon: roundCoordinate(r.lon)! } : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    attendedAt: r.attended_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    dueAt: r.due_at.toISOString(),
    supporters: r.supporters_count,
    rating: r.rating,
    channel: r.channel,
  };
}

export interface PublicEventRow {
  occurred_at: Date;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  body: string | null;
}

export interface PublicEvent {
  at: string;
  kind: string;
  from: string | null;
  to: string | null;
  /** Public updates and status reasons written for the citizen; never internal notes. */
  text: string | null;
}

/** Timeline entries are read only from rows marked public; assignee and note rows never are. */
export function presentPublicEvent(e: PublicEventRow): PublicEvent {
  return { at: e.occurred_at.toISOString(), kind: e.kind, from: e.from_value, to: e.to_value, text: e.body };
}

export interface StaffRequest extends PublicRequest {
  id: string;
  priority: Priority;
  departmentId: number | null;
  assignee: { id: number; name: string } | null;
  address: string | null;
  /** Exact position for the crew. */
  exactLocation: { lat: number; lon: number } | null;
  attributes: Record<string, string | string[]>;
  /** Present only when the viewer may see personal data (requests.viewContact). */
  contact?: { name: string | null; email: string | null; phone: string | null } | null;
}

export interface StaffRequestRow extends PublicRequestRow {
  priority: Priority;
  department_id: number | null;
  assignee_user_id: number | null;
  assignee_name: string | null;
  address: string | null;
  attributes: Record<string, string | string[]>;
}

export function presentStaffRequest(r: StaffRequestRow, contact?: { name: string | null; email: string | null; phone: string | null } | null): StaffRequest {
  return {
    ...presentPublicRequest(r),
    id: r.id,
    priority: r.priority,
    departmentId: r.department_id,
    assignee: r.assignee_user_id !== null ? { id: r.assignee_user_id, name: r.assignee_name ?? "" } : null,
    address: r.address,
    exactLocation: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    attributes: r.attributes ?? {},
    ...(contact !== undefined ? { contact } : {}),
  };
}
