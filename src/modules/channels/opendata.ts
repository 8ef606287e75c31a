/** Public datasets of the channels module: offices and procedures, hearing summaries, requests by channel and colonia. */
import type { DatasetContributor } from "../../platform/datasets.js";
import { officeDatasets } from "./opendata-offices.js";
import { hearingDatasets } from "./opendata-hearings.js";
import { channelStatsDatasets } from "./opendata-stats.js";

export const channelDatasets: DatasetContributor = async (services, m) => {
  const parts = await Promise.all([officeDatasets(services, m), hearingDatasets(services, m), channelStatsDatasets(services, m)]);
  return parts.flat();
};
