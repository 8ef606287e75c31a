/** Pieces shared by the public and staff obligation pages. */
import type { PageContext } from "../../../platform/views/context.js";
import type { Light, ObligationStatus } from "../compliance.js";

const LIGHT_STYLE: Record<Light, string> = {
  verde: "background:#1e6b34;color:#fff",
  amarillo: "background:#7a4a00;color:#fff",
  rojo: "background:#a4161a;color:#fff",
};

/** The colour is decoration: the label always says the state in words. */
export function LightBadge({ ctx, light }: { ctx: PageContext; light: Light }) {
  return (
    <span class={`semaforo semaforo-${light}`} style={`${LIGHT_STYLE[light]};padding:0.1em 0.5em;border-radius:0.3em;font-weight:600`}>
      {ctx.t(`trObligations:light_${light}`)}
    </span>
  );
}

export function StatusText({ ctx, status }: { ctx: PageContext; status: ObligationStatus }) {
  return <span class={`obligation-${status}`}>{ctx.t(`trObligations:status_${status}`)}</span>;
}

export function obligationName(o: { article: string; fraction: string; title: string }): string {
  return `Art. ${o.article}, fracc. ${o.fraction}: ${o.title}`;
}

export function days(ctx: PageContext, count: number): string {
  return ctx.t("trObligations:daysCount", { count });
}
