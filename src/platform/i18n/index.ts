import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type TFunction } from "i18next";

/**
 * es-MX is the source of truth; en is a translation. Each namespace is one JSON file per
 * locale under a `locales/<lang>/` folder: the platform's own here, and any module may ship
 * its own folder and register it with addLocaleFolder().
 */
export const LOCALES = ["es-MX", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "es-MX";

const here = path.dirname(fileURLToPath(import.meta.url));
const folders = new Set<string>([path.join(here, "locales")]);
let instance: i18n | null = null;

export function addLocaleFolder(folder: string): void {
  if (folders.has(folder)) return;
  folders.add(folder);
  instance = null;
}

function loadResources() {
  const resources: Record<string, Record<string, object>> = {};
  for (const folder of folders) {
    for (const lang of LOCALES) {
      const dir = path.join(folder, lang);
      if (!fs.existsSync(dir)) continue;
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
        const ns = file.replace(/\.json$/, "");
        resources[lang] ??= {};
        resources[lang][ns] = { ...(resources[lang][ns] ?? {}), ...JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) };
      }
    }
  }
  return resources;
}

export function i18nInstance(): i18n {
  if (instance) return instance;
  const resources = loadResources();
  const inst = i18next.createInstance();
  void inst.init({
    resources,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources[DEFAULT_LOCALE] ?? { common: {} }),
    defaultNS: "common",
    interpolation: { escapeValue: false }, // Preact escapes when rendering
    initAsync: false,
    returnNull: false,
  });
  instance = inst;
  return inst;
}

export type Translate = TFunction;

export function translator(locale: Locale): Translate {
  return i18nInstance().getFixedT(locale);
}

/**
 * Choose a locale from an explicit choice (the language links set a cookie, or ?lang=).
 * Without one, Spanish: Cabildo serves Mexican town halls, and many residents' phones are set to
 * English without their owners reading it better, so Accept-Language alone does not switch.
 */
export function pickLocale(choice: string | undefined): Locale {
  if (choice && (LOCALES as readonly string[]).includes(choice)) return choice as Locale;
  if (choice === "es") return "es-MX";
  return DEFAULT_LOCALE;
}
