/**
 * Page weight and load time of the citizen path over an emulated "Slow 3G" connection.
 *
 *   npx tsx bench/page-weight.ts [runs=3] [--identity]
 *
 * Starts Cabildo (`src/main.ts`) on a free port with a fresh embedded database and the demo, files
 * one request through the citizen form to have a folio, then loads each page in Debian's Chromium
 * (playwright-core) with the cache disabled and Chrome DevTools' "Slow 3G" conditions, and prints,
 * per page, the bytes transferred on the wire by resource type (CDP Network.loadingFinished
 * encodedDataLength: headers plus the body as sent — compressed when the server compressed it),
 * DOMContentLoaded and load times, and the number of requests: the median of `runs` loads.
 * `--identity` asks for uncompressed responses (Accept-Encoding: identity), to compare.
 *
 * Map tiles: MAP_TILE_URL points to a closed local port, so a tile request fails at once instead of
 * waiting for the internet (this workplace is offline); tiles are counted apart ("tiles") and never
 * in the HTML + CSS + JS figure. The citizen pages measured load no map until the person opens it.
 */
import { type CDPSession } from "playwright-core";
import { launchChromium } from "../src/platform/test-browser.js";
import { spawnCabildo } from "../test/support/spawn-cabildo.js";

/**
 * Chrome DevTools' "Slow 3G" preset, as defined in ChromeDevTools/devtools-frontend,
 * front_end/core/sdk/NetworkManager.ts (Slow3GConditions):
 *   download: 500 * 1000 / 8 * .8   // ~500 kbit/s down (bytes per second)
 *   upload:   500 * 1000 / 8 * .8   // ~500 kbit/s up
 *   latency:  slow3GTargetLatency * 5, with slow3GTargetLatency = 400   // 2000 ms
 */
export const SLOW_3G = { offline: false, latency: 400 * 5, downloadThroughput: ((500 * 1000) / 8) * 0.8, uploadThroughput: ((500 * 1000) / 8) * 0.8 };

/** Port 9 (discard) on this machine: nothing listens, so a tile request is refused at once. */
const NO_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png";

const KINDS = ["document", "stylesheet", "script", "image", "tiles", "other"] as const;
type Kind = (typeof KINDS)[number];

interface Measure {
  bytes: Record<Kind, number>;
  requests: number;
  failed: number;
  domContentLoadedMs: number;
  loadMs: number;
}

function kindOf(type: string | undefined, url: string): Kind {
  if (url.startsWith("http://127.0.0.1:9/")) return "tiles";
  switch (type) {
    case "Document":
      return "document";
    case "Stylesheet":
      return "stylesheet";
    case "Script":
      return "script";
    case "Image":
      return "image";
    default:
      return "other";
  }
}

async function fileOneRequest(base: string): Promise<string> {
  const form = await fetch(`${base}/cuauhtemoc/solicitudes/nueva?servicio=alumbrado`);
  const cookie = (form.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error("no CSRF token on the citizen form");
  const body = new URLSearchParams({ _csrf: csrf, servicio: "alumbrado", colonia: "centro", description: "La luminaria frente al número 25 lleva tres noches apagada.", confirmar: "1" });
  const res = await fetch(`${base}/cuauhtemoc/solicitudes`, { method: "POST", body, headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
  const folio = /\/solicitudes\/recibida\/([^/?]+)$/.exec(res.headers.get("location") ?? "")?.[1];
  if (res.status !== 303 || !folio) throw new Error(`filing a request failed: ${res.status}`);
  return decodeURIComponent(folio);
}

async function measure(browser: import("playwright-core").Browser, url: string, identity: boolean): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
  if (identity) await cdp.send("Network.setExtraHTTPHeaders", { headers: { "accept-encoding": "identity" } });
  const requests = new Map<string, { url: string; type?: string }>();
  const bytes = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  let failed = 0;
  cdp.on("Network.requestWillBeSent", (e) => requests.set(e.requestId, { url: e.request.url, type: e.type }));
  cdp.on("Network.responseReceived", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.type = e.type;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = requests.get(e.requestId);
    if (r) bytes[kindOf(r.type, r.url)] += e.encodedDataLength;
  });
  cdp.on("Network.loadingFailed", () => failed++);
  const response = await page.goto(url, { waitUntil: "load", timeout: 180_000 });
  if (!response || response.status() !== 200) throw new Error(`${url} → ${response?.status()}`);
  await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => {});
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return { dcl: nav.domContentLoadedEventEnd - nav.startTime, load: nav.loadEventEnd - nav.startTime };
  });
  await context.close();
  return { bytes, requests: requests.size, failed, domContentLoadedMs: timing.dcl, loadMs: timing.load };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kb = (n: number) => (n / 1024).toFixed(1);
const sec = (ms: number) => (ms / 1000).toFixed(1);

async function main() {
  const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3);
  const identity = process.argv.includes("--identity");
  delete process.env.DATABASE_URL; // a fresh embedded database, as `npm start` on a laptop
  const cabildo = await spawnCabildo({ MAP_TILE_URL: NO_TILES, CABILDO_DEMO: "1" }, 180_000);
  const browser = await launchChromium();
  try {
    const folio = await fileOneRequest(cabildo.url);
    const pages: [string, string][] = [
      ["Inicio del municipio", "/cuauhtemoc"],
      ["Reportar: elegir servicio", "/cuauhtemoc/solicitudes/nueva"],
      ["Reportar: formulario (bache)", "/cuauhtemoc/solicitudes/nueva?servicio=bache"],
      ["Folio", `/cuauhtemoc/solicitudes/${encodeURIComponent(folio)}`],
      // The folio search (/solicitudes/buscar without a folio renders this same page).
      ["Solicitudes y búsqueda de folio", "/cuauhtemoc/solicitudes"],
    ];
    for (const [label, path] of [["Trámites", "/cuauhtemoc/tramites"], ["Audiencias", "/cuauhtemoc/audiencias"]] as const) {
      if ((await fetch(cabildo.url + path)).status === 200) pages.push([label, path]);
    }
    console.log(`Cabildo en ${cabildo.url} (PGlite, demo), Chromium con «Slow 3G» de DevTools: ${SLOW_3G.latency} ms, ${(SLOW_3G.downloadThroughput * 8) / 1000} kbit/s; caché desactivada; ${identity ? "sin compresión (Accept-Encoding: identity)" : "con compresión"}; mediana de ${runs} cargas.`);
    console.log("KB transferidos (cabeceras + cuerpo tal como viaja). HTML+CSS+JS = document + stylesheet + script.\n");
    const header = ["Página", "HTML", "CSS", "JS", "Imágenes", "Teselas", "Otros", "HTML+CSS+JS", "Total", "Peticiones", "DOMContentLoaded s", "load s"];
    const rows: string[][] = [];
    for (const [label, path] of pages) {
      const results: Measure[] = [];
      for (let i = 0; i < runs; i++) results.push(await measure(browser, cabildo.url + path, identity));
      const m = (f: (r: Measure) => number) => median(results.map(f));
      const core = (r: Measure) => r.bytes.document + r.bytes.stylesheet + r.bytes.script;
      const total = (r: Measure) => KINDS.reduce((s, k) => s + r.bytes[k], 0);
      rows.push([
        `${label} (${path.replace(encodeURIComponent(folio), "<folio>")})`,
        kb(m((r) => r.bytes.document)),
        kb(m((r) => r.bytes.stylesheet)),
        kb(m((r) => r.bytes.script)),
        kb(m((r) => r.bytes.image)),
        kb(m((r) => r.bytes.tiles)),
        kb(m((r) => r.bytes.other)),
        kb(m(core)),
        kb(m(total)),
        String(m((r) => r.requests)),
        sec(m((r) => r.domContentLoadedMs)),
        sec(m((r) => r.loadMs)),
      ]);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
    console.log(line(header));
    console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
    for (const r of rows) console.log(line(r));
  } finally {
    await browser.close();
    await cabildo.stop();
  }
}

await main();
