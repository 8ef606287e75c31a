/**
 * The room's public screen (a TV by the officials' table): the hearing's title, the turn being
 * heard in very large figures and the next waiting numbers. Numbers only. A document of its own,
 * without the site's navigation: it runs full-screen for hours. Without JavaScript it reloads
 * every 20 seconds (the refresh inside <noscript>); the script follows the live event stream.
 */
import type { PageContext } from "../../../platform/views/context.js";
import type { HearingView, ScreenState } from "../hearing-queries.js";
import { hearingPath, hearingScreenEventsPath } from "../urls.js";
import { clock, hearingDay, statusLabel } from "./hearing-parts.js";

export function HearingScreen({ ctx, hearing: h, state, timeZone }: { ctx: PageContext; hearing: HearingView; state: ScreenState; timeZone: string }) {
  const t = ctx.t;
  const m = ctx.municipality!;
  const running = state.status === "en_curso";
  return (
    <html lang={ctx.locale === "en" ? "en" : "es-MX"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <noscript>
          <meta http-equiv="refresh" content="20" />
        </noscript>
        <title>{`${t("hearings:screen.title")} · ${h.title} · ${m.name}`}</title>
        <link rel="stylesheet" href="/static/cabildo.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="hearing-screen">
        <main
          id="pantalla"
          data-events={hearingScreenEventsPath(m.slug, h.slug)}
          data-none={t("hearings:screen.noneYet")}
          data-no-waiting={t("hearings:screen.noWaiting")}
          data-announce={t("hearings:screen.announce", { number: "{number}" })}
          data-statuses={JSON.stringify({ programada: statusLabel(ctx, "programada"), en_curso: statusLabel(ctx, "en_curso"), concluida: statusLabel(ctx, "concluida"), cancelada: statusLabel(ctx, "cancelada") })}
        >
          <header class="screen-head">
            <p class="screen-municipality">{m.name}</p>
            <h1>{h.title}</h1>
            <p>
              {hearingDay(ctx, h.startsAt, timeZone)} · {clock(ctx, h.startsAt, timeZone)}–{clock(ctx, h.endsAt, timeZone)} ·{" "}
              <span id="pantalla-estado">{statusLabel(ctx, state.status)}</span>
            </p>
          </header>
          <section class="screen-current" aria-labelledby="turno-actual-titulo">
            <h2 id="turno-actual-titulo">{t("hearings:screen.current")}</h2>
            <p id="turno-actual" class="screen-number">
              {state.currentTurn > 0 ? state.currentTurn : running ? t("hearings:screen.noneYet") : "—"}
            </p>
          </section>
          <section class="screen-next" aria-labelledby="siguientes-titulo">
            <h2 id="siguientes-titulo">{t("hearings:screen.next")}</h2>
            <ul id="siguientes">
              {state.next.map((n) => (
                <li>{n}</li>
              ))}
            </ul>
            <p id="sin-espera" hidden={state.next.length > 0}>
              {t("hearings:screen.noWaiting")}
            </p>
          </section>
          <p id="pantalla-aviso" class="screen-live" role="status" aria-live="polite"></p>
          <p class="screen-foot">
            <a href={hearingPath(m.slug, h.slug)}>{t("hearings:screen.back")}</a>
          </p>
        </main>
        <script type="module" src="/static/js/hearing-screen.js"></script>
      </body>
    </html>
  );
}
