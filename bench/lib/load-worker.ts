/** Runs runLoad in a worker thread so the load generator uses the other core, not the server's. */
import { parentPort, workerData } from "node:worker_threads";
import { runLoad, type LoadOptions } from "./load.js";

const { options, bodyTemplate } = workerData as { options: Omit<LoadOptions, "body">; bodyTemplate?: string };
// The body template gets a varying number so each request differs: {{i}} is replaced.
const body = bodyTemplate ? (i: number) => bodyTemplate.replaceAll("{{i}}", String(i)).replaceAll("{{jitter}}", String(1000 + Math.floor(Math.random() * 9000))) : undefined;
const result = await runLoad({ ...options, body });
parentPort!.postMessage(result);
