import type { ComponentChildren } from "preact";
import type { PageContext } from "./context.js";
import { FlashMessages } from "./components.js";

import { municipalityNavItems, type NavItem } from "./nav.js";

export type { NavItem } from "./nav.js";

interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Extra links beyond those the modules contribute to every municipality page. */
  nav?: NavItem[];
  /** Extra elements of <head> a page needs (an installable app's manifest link). */
  head?: ComponentChildren;
  children: ComponentChildren;
}

function Crest({ name, label }: { name: string; label: string }) {
  const initials = name
    .split(/\s+/)
    .filter((w) => w.length > 2 || /^[A-ZÁÉÍÓÚÑ]/.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  return (
    <span class="crest" role="img" aria-label={label}>
      {initials}
    </span>
  );
}

function languageHref(ctx: PageContext, lang: string): string {
  const q = new URLSearchParams(ctx.query);
  q.set("lang", lang);
  return `${ctx.path}?${q.toString()}`;
}

export function Layout({ ctx, title, nav, head, children }: LayoutProps) {
  const { t, actor, municipality } = ctx;
  const homeHref = municipality ? `/${municipality.slug}` : "/";
  const fullTitle = municipality ? `${title} · ${municipality.name} · Cabildo` : `${title} · Cabildo`;
  const navItems: NavItem[] = municipality
    ? [...municipalityNavItems(ctx), ...(nav ?? [])]
    : [{ href: "/", label: t("nav.home") }, { href: "/municipios", label: t("nav.municipalities") }, ...(nav ?? [])];
  const style = municipality?.brandColor ? `--brand:${municipality.brandColor}` : undefined;
  return (
    <html lang={ctx.locale === "en" ? "en" : "es-MX"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/static/cabildo.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {head}
      </head>
      <body style={style}>
        <a class="skip-link" href="#contenido">
          {t("skipToContent")}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={homeHref}>
              {municipality ? (
                <>
                  <Crest name={municipality.name} label={t("crest", { name: municipality.name })} />
                  <span class="brand-text">
                    <span class="brand-name">{municipality.name}</span>
                    <span class="brand-sub">{municipality.stateName}</span>
                  </span>
                </>
              ) : (
                <span class="brand-text">
                  <span class="brand-name">{t("appName")}</span>
                  <span class="brand-sub">{t("tagline")}</span>
                </span>
              )}
            </a>
            <div class="account-links">
              {actor.kind === "user" ? (
                <>
                  <a href="/cuenta">{actor.displayName || t("nav.account")}</a>
                  <form method="post" action="/salir" class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link-button">
                      {t("nav.logout")}
                    </button>
                  </form>
                </>
              ) : (
                <a href={`/entrar?next=${encodeURIComponent(ctx.path)}`}>{t("nav.login")}</a>
              )}
            </div>
          </div>
          <nav class="site-nav" aria-label={t("nav.main")}>
            <ul class="wrap">
              {navItems.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.href === ctx.path ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="contenido" class="wrap" tabIndex={-1}>
          <FlashMessages messages={ctx.flash} />
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t("footer.about")}</p>
            <p>{t("footer.sources")}</p>
            <p>
              <span id="idioma">{t("nav.language")}:</span>{" "}
              <a href={languageHref(ctx, "es-MX")} lang="es-MX" aria-describedby="idioma">
                Español
              </a>{" "}
              ·{" "}
              <a href={languageHref(ctx, "en")} lang="en" aria-describedby="idioma">
                English
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
