import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import { addLocaleFolder } from "../../platform/i18n/index.js";
import { registerOpenDataRoutes } from "./routes.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const locales = path.join(here, "locales");
addLocaleFolder(locales);

/** The open-data catalogue: every public dataset of Cabildo, in DCAT and through a CKAN-compatible API. */
export const opendataModule: ModuleManifest = {
  name: "opendata",
  locales,
  routes: registerOpenDataRoutes,
  pageLinks: {
    municipality: (ctx, slug) => [{ href: `/${slug}/datos`, label: ctx.t("openData:nav") }],
  },
};
