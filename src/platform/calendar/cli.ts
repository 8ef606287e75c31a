import { CliError, municipalityOption, operatorLabel, parseOptions, requiredOption, type Options } from "../../cli/options.js";
import type { CliCommand } from "../module.js";
import { anonymous } from "../policy.js";
import { isLocalDate, withSpanishWeekday, type LocalDate } from "./dates.js";
import { statutoryHolidays } from "./holidays.js";
import { listNonWorkingDays, loadCalendar } from "./queries.js";
import { addNonWorkingDays, CalendarInputError } from "./service.js";

const withWeekday = withSpanishWeekday;

function dateOption(options: Options, name: string, label: string): LocalDate {
  const value = requiredOption(options, name, label);
  if (!isLocalDate(value)) throw new CliError(`--${name}: "${value}" no es una fecha válida (use AAAA-MM-DD)`);
  return value;
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
      reason: requiredOption(options, "reason", "motivo"),
      officialNotice: requiredOption(options, "notice", "publicación oficial"),
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
    const yearText = requiredOption(options, "year", "año");
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
    const daysText = requiredOption(options, "days", "número de días hábiles");
    if (!/^\d{1,4}$/.test(daysText)) throw new CliError(`--days: "${daysText}" debe ser un número entero de 0 a 9999`);
    const calendar = await loadCalendar(services.db, municipality.id);
    const result = calendar.addBusinessDays(from, Number(daysText));
    console.log(result);
    console.error(`${daysText} días hábiles después del ${withWeekday(from)} en ${municipality.name}: ${withWeekday(result)}`);
  },
};

export const calendarCommands: CliCommand[] = [addNonWorkingCommand, listCalendarCommand, addBusinessDaysCommand];
