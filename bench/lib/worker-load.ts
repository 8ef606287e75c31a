import { Worker } from "node:worker_threads";
import type { LoadOptions, LoadResult } from "./load.js";

/** Run a load in a worker thread; `bodyTemplate` may contain {{i}} and {{jitter}}. */
export function loadInWorker(options: Omit<LoadOptions, "body">, bodyTemplate?: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker-boot.mjs", import.meta.url), { workerData: { options, bodyTemplate } });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}
