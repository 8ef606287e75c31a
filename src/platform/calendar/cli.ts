import os from "node:os";
import { CliError, parseOptions } from "../../cli/main.js";
import type { CliCommand } from "../module.js";
import type { Services } from "../services.js";
import { anonymous } from "../policy.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../../modules/territory/queries.js";
import { isLocalDate, weekday, type LocalDate } from "./dates.js";
import { statutoryHolidays } from "./holidays.js";
import { listNonWorkingDays, loadCalendar } from "./queries.js";
import { addNonWorkingDays, CalendarInputError } from "./service.js";

const WEEKDAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];

function withWeekday(date: LocalDate): string {
  return `${WEEKDAYS[weekday(date)]} ${date}`;
}

function stringOption(options: ReturnType<typeof parseOptions>, name: string, label: string): string {
  const value = options[name];
  if (typeof value !== "string" || value.trim() === "") throw new CliError(`Falta la opción --${name} (${label})`);
  return value;
}

function dateOption(options: ReturnType<typeof parseOptions>, name: string, label: string): LocalDate {
  const value = stringOption(options, name, label);
  if (!isLocalDate(value)) throw new CliError(`--${name}: "${value}" no es una fecha válida (use AAAA-MM-DD)`);
  return value;
}

async function municipalityOption(options: ReturnType<typeof parseOptions>, services: Services): Promise<ActiveMunicipality> {
  const slug = stringOption(options, "municipality", "identificador del municipio");
  const municipality = await findActiveMunicipalityBySlug(services.db, slug);
  if (!municipality) throw new CliError(`No existe un municipio activo con el identificador "${slug}"`);
  return municipality;
}

function operatorLabel(): string {
  let user = "desconocido";
  try {
    user = os.userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return `línea de comandos (${user})`;
}

export const addNonWorkingCommand: CliCommand = {
  name: "calendar add-non-working",
  usage: 'calendar add-non-working --municipality <slug> --from AAAA-MM-DD --to AAAA-MM-DD --reason "…" --notice "…" [--url <liga>]',
  description: "Registra días inhábiles del municipio (publicados en su gaceta)",
  async run(args, services) {
    const options = parseOptions(args);
    const municipality = await municipalityOption(options, services);
    const input = {
      startsOn: dateOption(options, "from", "primer día inhábil"),
      endsOn: dateOption(options, "to", "último día inhábil"),
      reason: stringOption(options, "reason", "motivo"),
      officialNotice: stringOption(options, "notice", "publicación oficial"),
      noticeUrl: typeof options.url === "string" ? options.url : null,
    };
    try {
      const created = await services.db
        .transaction()
        .execute((trx) => addNonWorkingDays(trx, municipality.id, input, anonymous, { actorLabel: operatorLabel() }));
      console.log(`Días inhábiles registrados en ${municipality.name}: del ${withWeekday(created.startsOn)} al ${withWeekday(created.endsOn)} — ${created.reason}.`);
    } catch (error) {
      if (error instanceof CalendarInputError) throw new CliError(error.message);
      throw error;
    }
  },
};

export const listCalendarCommand: CliCommand = {
  name: "calendar list",
  usage: "calendar list --municipality <slug> --year AAAA",
  description: "Lista los días de descanso obligatorio y los días inhábiles de un año",
  async run(args, services) {
    const options = parseOptions(args);
    const municipality = await municipalityOption(options, services);
    const yearText = stringOption(options, "year", "año");
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1970 || year > 2100) throw new CliError(`--year: "${yearText}" no es un año válido (1970–2100)`);
    console.log(`Calendario ${year} de ${municipality.name}, ${municipality.stateName}`);
    console.log("\nDías de descanso obligatorio (Ley Federal del Trabajo, art. 74):");
    for (const h of statutoryHolidays(year)) console.log(`  ${withWeekday(h.date)}  ${h.nameEs}`);
    const ranges = await listNonWorkingDays(services.db, municipality.id, { year });
    console.log("\nDías inhábiles del municipio:");
    if (ranges.length === 0) console.log("  (ninguno registrado)");
    for (const r of ranges) {
      const span = r.startsOn === r.endsOn ? withWeekday(r.startsOn) : `del ${withWeekday(r.startsOn)} al ${withWeekday(r.endsOn)}`;
      console.log(`  ${span}  ${r.reason} — ${r.officialNotice}${r.noticeUrl ? ` (${r.noticeUrl})` : ""}`);
    }
  },
};

export const addBusinessDaysCommand: CliCommand = {
  name: "calendar add-business-days",
  usage: "calendar add-business-days --municipality <slug> --from AAAA-MM-DD --days N",
  description: "Calcula la fecha que resulta de sumar N días hábiles",
  async run(args, services) {
    const options = parseOptions(args);
    const municipality = await municipalityOption(options, services);
    const from = dateOption(options, "from", "fecha de inicio");
    const daysText = stringOption(options, "days", "número de días hábiles");
    if (!/^\d{1,4}$/.test(daysText)) throw new CliError(`--days: "${daysText}" debe ser un número entero de 0 a 9999`);
    const calendar = await loadCalendar(services.db, municipality.id);
    const result = calendar.addBusinessDays(from, Number(daysText));
    console.log(result);
    console.error(`${daysText} días hábiles después del ${withWeekday(from)} en ${municipality.name}: ${withWeekday(result)}`);
  },
};

export const calendarCommands: CliCommand[] = [addNonWorkingCommand, listCalendarCommand, addBusinessDaysCommand];
