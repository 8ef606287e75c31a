import type { Actor } from "../policy.js";
import type { Locale, Translate } from "../i18n/index.js";

export interface FlashMessage {
  kind: "success" | "info" | "warning" | "error";
  text: string;
}

/** The tenant a page belongs to, in the shape the layout needs. */
export interface PageMunicipality {
  id: number;
  slug: string;
  name: string;
  stateName: string;
  brandColor?: string;
}

/** What every page needs from the request: built once per request by the HTTP layer. */
export interface PageContext {
  t: Translate;
  locale: Locale;
  actor: Actor;
  csrfToken: string;
  flash: FlashMessage[];
  path: string;
  /** The full URL of the current request without the query string, for language links. */
  query: URLSearchParams;
  municipality?: PageMunicipality;
}
