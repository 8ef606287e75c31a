/** The pages behind the links in subscription e-mails: confirm, unsubscribe. They act only on a button press (a mail scanner opening the link changes nothing). */
import { Layout } from "../../../platform/views/layout.js";
import { Form } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { PlansCrumbs } from "./public-parts.js";

export function SubscriptionLinkPage({ ctx, title, lead, action, token, button, back }: { ctx: PageContext; title: string; lead: string; action: string | null; token: string; button: string; back: { href: string; label: string } | null }) {
  return (
    <Layout ctx={ctx} title={title}>
      <PlansCrumbs ctx={ctx} items={[{ label: title }]} />
      <h1>{title}</h1>
      <p class="lead">{lead}</p>
      {action && (
        <Form ctx={ctx} action={action}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button button-primary">
            {button}
          </button>
        </Form>
      )}
      {back && (
        <p>
          <a href={back.href}>{back.label}</a>
        </p>
      )}
    </Layout>
  );
}
