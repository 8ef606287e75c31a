/** Holds N Server-Sent Events connections and reports when each receives the expected status. */
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { url, cookie, watchers } = workerData as { url: string; cookie: string; watchers: number };
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let expected: string | null = null;
let arrivals: number[] = [];
let waiting = new Set<number>();
let timer: NodeJS.Timeout | null = null;

function finish() {
  if (timer) clearTimeout(timer);
  timer = null;
  parentPort!.postMessage({ type: "round", value: { arrivals, missing: waiting.size } });
  expected = null;
}

function connect(id: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ agent, host: target.hostname, port: target.port, path: target.pathname, headers: { cookie, accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return resolve(false);
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (!data || expected === null || !waiting.has(id)) continue;
          const now = performance.timeOrigin + performance.now();
          if ((JSON.parse(data.slice(6)) as { status?: string }).status === expected) {
            waiting.delete(id);
            arrivals.push(now);
            if (waiting.size === 0) finish();
          }
        }
      });
      resolve(true);
    });
    req.on("error", () => resolve(false));
  });
}

parentPort!.on("message", async (msg: { type: string; status?: string }) => {
  if (msg.type === "connect") {
    let ok = 0;
    for (let i = 0; i < watchers; i += 100) {
      const batch = await Promise.all(Array.from({ length: Math.min(100, watchers - i) }, (_, j) => connect(i + j)));
      ok += batch.filter(Boolean).length;
    }
    parentPort!.postMessage({ type: "connected", value: ok });
  } else if (msg.type === "expect") {
    expected = msg.status!;
    arrivals = [];
    waiting = new Set(Array.from({ length: watchers }, (_, i) => i));
    timer = setTimeout(finish, 10_000);
  }
});
