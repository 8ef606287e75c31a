/**
 * Demo data: the catalogue in every active municipality, obligations shared among its
 * departments with a (fictitious) responsible official each, and a mixed semáforo: the first
 * department publishes everything on time, the second misses a few, the rest miss about half.
 */
import { instantAtLocal, localDateTimeAt, addDays } from "../../platform/calendar/dates.js";
import { SYSTEM } from "../../platform/audit/audit.js";
import type { Services } from "../../platform/services.js";
import { loadObligationCatalogue } from "./obligations-catalogue.js";
import { dueDate, latestDuePeriod, previousPeriod } from "./obligations-periods.js";

const DEMO_OFFICIALS = ["Laura Méndez Ruiz", "Jorge Salas Ortega", "Ana Beltrán Cruz", "Ricardo Núñez Vega", "Patricia Ocampo Lara"];

export async function seedDemoObligations(services: Services, log: (line: string) => void): Promise<void> {
  const { db, storage } = services;
  const municipalities = await db.selectFrom("municipalities").select(["id", "time_zone"]).where("active", "=", true).execute();
  let records = 0;
  for (const m of municipalities) {
    const departments = await db.selectFrom("departments").select(["id", "name"]).where("municipality_id", "=", m.id).where("active", "=", true).orderBy("id").execute();
    if (departments.length === 0) continue;
    const today = localDateTimeAt(new Date(), m.time_zone).date;
    const files: { key: string; data: Buffer }[] = [];
    await db.transaction().execute(async (trx) => {
      await loadObligationCatalogue(trx, m.id, { actor: SYSTEM.actor, label: "demostración" });
      const obligations = await trx.selectFrom("obligations").select(["id", "fraction", "title", "update_period", "due_days"]).where("municipality_id", "=", m.id).orderBy("id").execute();
      const already = await trx.selectFrom("obligation_records").select("obligation_id").where("municipality_id", "=", m.id).limit(1).execute();
      if (already.length > 0) return;
      for (const [i, o] of obligations.entries()) {
        const d = i % departments.length;
        const k = Math.floor(i / departments.length);
        const dept = departments[d]!;
        await trx
          .updateTable("obligations")
          .set({ department_id: dept.id, official_name: DEMO_OFFICIALS[d % DEMO_OFFICIALS.length]!, official_title: `Titular de ${dept.name}`, updated_at: new Date() })
          .where("municipality_id", "=", m.id)
          .where("id", "=", o.id)
          .execute();
        const current = latestDuePeriod(o.update_period, o.due_days, today);
        const missing = (d === 1 && k % 5 === 0) || (d >= 2 && k % 2 === 0);
        const late = k % 3 === 1;
        // The period before the current one is always there (sometimes late): a history to read.
        const periods = [{ period: previousPeriod(o.update_period, current), late: k % 4 === 2 }, ...(missing ? [] : [{ period: current, late }])];
        for (const p of periods) {
          const due = dueDate(p.period, o.due_days);
          let on = p.late ? addDays(due, 3 + (k % 20)) : addDays(due, -(2 + (k % 10)));
          if (on > today) on = today;
          const key = `obligations/${m.id}/${o.id}/${p.period.name.toLowerCase()}.csv`;
          const data = Buffer.from(`fraccion,periodo,descripcion\n${o.fraction},${p.period.name},"${o.title.replace(/"/g, '""')} (datos de demostración)"\n`);
          files.push({ key, data });
          await trx
            .insertInto("obligation_records")
            .values({ municipality_id: m.id, obligation_id: o.id, period: p.period.name, published_at: instantAtLocal(on, { hour: 12, minute: 0, second: 0 }, m.time_zone), published_by: null, published_by_label: `Enlace de transparencia de ${dept.name}`, file_key: key, file_type: "csv", file_bytes: data.length, link: null, note: "" })
            .execute();
          records++;
        }
      }
    });
    for (const f of files) await storage.put(f.key, f.data);
  }
  log(`transparencia: catálogo de obligaciones y ${records} publicaciones de periodos en ${municipalities.length} municipios`);
}
