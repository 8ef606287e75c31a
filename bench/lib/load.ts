/**
 * A closed-loop HTTP load generator: `connections` workers on keep-alive sockets, each sending
 * its next request as soon as the previous answer arrives, for a fixed time. No dependency:
 * node:http with one Agent. Prints nothing; returns throughput and latency percentiles.
 */
import http from "node:http";

export interface LoadOptions {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A body per request (so each request may differ). */
  body?: (i: number) => string;
  connections: number;
  durationMs: number;
  /** Status codes that count as success. */
  ok?: (status: number) => boolean;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  firstError?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const url = new URL(o.url);
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  let firstError: string | undefined;
  const ok = o.ok ?? ((s: number) => s >= 200 && s < 300);
  const started = performance.now();
  const deadline = started + o.durationMs;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const body = o.body?.(i);
      const t0 = performance.now();
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: o.method ?? "GET", headers: { ...(o.headers ?? {}), ...(body !== undefined ? { "content-length": Buffer.byteLength(body) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            if (!ok(res.statusCode ?? 0)) {
              errors++;
              firstError ??= `${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`;
            }
            resolve();
          });
        },
      );
      req.on("error", (e) => {
        errors++;
        firstError ??= e.message;
        resolve();
      });
      if (body !== undefined) req.write(body);
      req.end();
    });
  const worker = async () => {
    while (performance.now() < deadline) await one(counter++);
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), firstError };
}
