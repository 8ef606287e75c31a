import path from "node:path";

/** Every environment variable Cabildo reads, typed, with its default, in one place. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A postgres:// URL switches from the embedded PGlite database to a PostgreSQL server. */
  databaseUrl: string | null;
  /** Seed the demo municipalities on an empty database. */
  demo: boolean;
  /** Base URL used in e-mailed links; derived from host/port when unset. */
  publicUrl: string;
  /** smtp:// or smtps:// URL; when unset, mail goes to the outbox folder. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Secret for signing cookies; generated into DATA_DIR when unset. */
  sessionSecret: string | null;
  /** Mark cookies Secure (set automatically when PUBLIC_URL is https). */
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  loginRateLimit: number;
  submissionRateLimit: number;
  /** Open311 requests per minute per address; 0 turns the limit off (benchmarks, trusted networks). */
  open311ReadRateLimit: number;
  open311WriteRateLimit: number;
  /** Map tiles for the citizen map (Leaflet URL template); its origin is allowed in the CSP img-src. */
  mapTileUrl: string;
  /** Run the modules' background jobs (reminders) in this process; off under the test runner. */
  jobs: boolean;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on", "si", "sí"].includes(value.toLowerCase());
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} debe ser un número entero (se recibió "${value}")`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000, "PORT");
  const host = env.HOST || "0.0.0.0";
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL debe empezar con postgres:// (se recibió "${databaseUrl}")`);
  }
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, "");
  return {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR || "./data"),
    databaseUrl,
    demo: bool(env.CABILDO_DEMO, databaseUrl === null),
    publicUrl,
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM || "Cabildo <no-responder@cabildo.local>",
    sessionSecret: env.SESSION_SECRET || null,
    secureCookies: bool(env.SECURE_COOKIES, publicUrl.startsWith("https://")),
    trustProxy: bool(env.TRUST_PROXY, false),
    logLevel: env.LOG_LEVEL || "info",
    loginRateLimit: int(env.LOGIN_RATE_LIMIT, 10, "LOGIN_RATE_LIMIT"),
    submissionRateLimit: int(env.SUBMISSION_RATE_LIMIT, 30, "SUBMISSION_RATE_LIMIT"),
    open311ReadRateLimit: int(env.OPEN311_READ_RATE_LIMIT, 600, "OPEN311_READ_RATE_LIMIT"),
    open311WriteRateLimit: int(env.OPEN311_WRITE_RATE_LIMIT, 120, "OPEN311_WRITE_RATE_LIMIT"),
    mapTileUrl: env.MAP_TILE_URL?.trim() || "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    jobs: bool(env.JOBS, env.NODE_ENV !== "test"),
  };
}

/** The CSP source of a tile URL template: its origin, with a {s} subdomain as a wildcard. */
export function tileOrigin(template: string): string | null {
  try {
    const url = new URL(template.replace(/\{s\}/g, "a").replace(/\{[a-z]+\}/gi, "0"));
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    const host = template.includes("{s}.") ? url.host.replace(/^a\./, "*.") : url.host;
    return `${url.protocol}//${host}`;
  } catch {
    return null;
  }
}
