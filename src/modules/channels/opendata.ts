/** Public datasets of the channels module (offices, procedures, hearing summaries). */
import type { DatasetContributor } from "../../platform/datasets.js";

export const channelDatasets: DatasetContributor = async () => [];
