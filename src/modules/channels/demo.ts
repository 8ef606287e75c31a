/**
 * Demo channels: offices and the procedures catalogue (Cuauhtémoc and León), León's "Miércoles
 * abierto" hearings (one held, with its petitions and summary; the next four scheduled), and
 * Cuauhtémoc's "Mi barrio habla" brigade with its synchronised records, and a few requests
 * filed by staff for people at an office and on the phone. Each part's seed lives
 * beside its code and skips itself when its rows already exist.
 */
import type { Services } from "../../platform/services.js";
import { seedDemoOffices } from "./office-demo.js";
import { seedDemoHearings } from "./hearing-demo.js";
import { seedDemoBrigades } from "./brigade-demo.js";
import { seedDemoAssisted } from "./assisted-demo.js";

export async function seedDemoChannels(services: Services, log: (line: string) => void): Promise<void> {
  await seedDemoOffices(services, log);
  await seedDemoAssisted(services, log);
  await seedDemoHearings(services, log);
  await seedDemoBrigades(services, log);
}
