/** `cabildo deadline`: the legal dates of a request, from the command line. */
import { CliError, optionalOption, parseOptions, requiredOption } from "../../cli/options.js";
import type { CliCommand } from "../../platform/module.js";
import { withSpanishWeekday } from "../../platform/calendar/dates.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { deadlinesFor, NATIONAL_RULES, parseReceivedAt } from "./deadlines.js";
import { findLegalProfile, listLegalProfiles } from "./profiles.js";

const day = withSpanishWeekday;

export const deadlineCommand: CliCommand = {
  name: "deadline",
  usage: "deadline --profile <id> --received <AAAA-MM-DDTHH:MM[±HH:MM]> [--municipality <slug>] [--json]",
  description: "Calcula los plazos legales de una solicitud (prevención, vencimiento, ampliación)",
  async run(args, services) {
    const options = parseOptions(args);
    const profileId = requiredOption(options, "profile", "perfil legal, p. ej. lgtaip-2015");
    const receivedText = requiredOption(options, "received", "fecha y hora de recepción, p. ej. 2026-11-13T19:00");
    const slug = optionalOption(options, "municipality");
    const municipality = slug === undefined ? null : await findActiveMunicipalityBySlug(services.db, slug);
    if (slug !== undefined && !municipality) throw new CliError(`No existe un municipio activo con el identificador "${slug}".`);
    const profile = await findLegalProfile(services.db, profileId);
    if (!profile) {
      const known = (await listLegalProfiles(services.db)).map((p) => p.id).join(", ");
      throw new CliError(`No existe el perfil legal "${profileId}". Perfiles disponibles: ${known}.`);
    }
    const timeZone = municipality?.timeZone ?? NATIONAL_RULES.timeZone;
    const receivedAt = parseReceivedAt(receivedText, timeZone);
    if (!receivedAt) throw new CliError(`--received: "${receivedText}" no es una fecha y hora válida (use AAAA-MM-DDTHH:MM, p. ej. 2026-11-13T19:00).`);
    const d = await deadlinesFor(services.db, municipality?.id ?? null, profile, { receivedAt });
    if (options.json === true) {
      console.log(JSON.stringify({ preventionBy: d.preventionBy, due: d.due, extendedDue: d.extendedDue }));
      return;
    }
    console.log(`${profile.name} — ${municipality ? municipality.name : "solo días de descanso obligatorio nacionales"}`);
    console.log(`Fecha de recepción efectiva: ${day(d.receivedOn)}`);
    console.log(`Prevención a más tardar:     ${day(d.preventionBy)} (${profile.prevention.days} días hábiles, ${profile.prevention.article})`);
    console.log(`Aviso de incompetencia:      ${day(d.incompetenceBy)} (${profile.incompetence.days} días hábiles, ${profile.incompetence.article})`);
    console.log(`Vencimiento:                 ${day(d.due)} (${profile.response.days} días hábiles, ${profile.response.article})`);
    console.log(`Con ampliación:              ${day(d.extendedDue)} (${profile.extension.days} días hábiles más, aprobada por el ${profile.extension.approvedBy}, ${profile.extension.article})`);
  },
};
