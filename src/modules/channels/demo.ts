/** Demo channels: offices and procedures, hearings, brigades (each part's seed in its own file). */
import type { Services } from "../../platform/services.js";

export async function seedDemoChannels(_services: Services, _log: (line: string) => void): Promise<void> {}
