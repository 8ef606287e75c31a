/**
 * datos.json of the brigade app: what a member's phone keeps to capture offline — the active
 * brigades the person may capture in, with their route (colonia ids with today's names: a renamed
 * colonia keeps its id) and whether they take proposals; the municipality's active services with
 * what createRequest will demand of each (location, photo, required questions). Also the person's
 * account id (records are kept per account on a shared phone) and a fresh CSRF token (the page
 * may come from the phone's cache, older than the cookie). No one else's personal data.
 */
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { isOpen, loadProcessById, todayIn } from "../participation/processes.js";
import { listServices } from "../requests/catalogue.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { capturableBrigades, listRoute } from "./brigade-queries.js";

export interface AppData {
  municipality: { slug: string; name: string };
  account: { id: number };
  csrfToken: string;
  generatedAt: string;
  brigades: {
    slug: string;
    name: string;
    startsOn: string;
    endsOn: string;
    role: string | null;
    proposals: { process: string; open: boolean } | null;
    route: { coloniaId: number; colonia: string; visitOn: string }[];
  }[];
  services: {
    code: string;
    name: string;
    group: string;
    locationRequired: boolean;
    photoRequired: boolean;
    questions: { code: string; datatype: string; required: boolean; label: string; hint: string; values: { key: string; name: string }[] }[];
  }[];
}

export async function appData(db: Executor, m: ActiveMunicipality, actor: Actor & { kind: "user" }, csrfToken: string, now = new Date()): Promise<AppData> {
  const today = todayIn(m.timeZone, now);
  const [brigades, services] = await Promise.all([capturableBrigades(db, m.id, actor), listServices(db, m.id)]);
  const details = await Promise.all(
    brigades.map(async (b) => {
      const [route, process] = await Promise.all([listRoute(db, m.id, b.id), b.processId === null ? null : loadProcessById(db, m.id, b.processId)]);
      return { route: route.rows, process };
    }),
  );
  return {
    municipality: { slug: m.slug, name: m.name },
    account: { id: actor.userId },
    csrfToken,
    generatedAt: now.toISOString(),
    brigades: brigades.map((b, i) => {
      const { route, process } = details[i]!;
      return {
        slug: b.slug, name: b.name, startsOn: b.startsOn, endsOn: b.endsOn, role: b.role,
        proposals: process ? { process: process.title, open: isOpen(process, "proposals", today) } : null,
        route: route.map((s) => ({ coloniaId: s.coloniaId, colonia: s.colonia, visitOn: s.visitOn })),
      };
    }),
    services: services.map((s) => ({
      code: s.code, name: s.name, group: s.group, locationRequired: s.locationRequired, photoRequired: s.photoRequired,
      questions: s.attributes.filter((a) => a.variable).map((a) => ({
        code: a.code, datatype: a.datatype, required: a.required, label: a.description, hint: a.datatypeDescription, values: a.values.map((v) => ({ key: v.key, name: v.name })),
      })),
    })),
  };
}
