/** The page behind an e-mailed link: a button confirms or cancels (a link opened by a mail scanner changes nothing). */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Button, Form } from "../../../platform/views/components.js";

export function SubscriptionLinkPage({ ctx, title, lead, action, button }: { ctx: PageContext; title: string; lead: string; action: string | null; button: string }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{lead}</p>
      {action && (
        <Form ctx={ctx} action={action}>
          <Button>{button}</Button>
        </Form>
      )}
    </Layout>
  );
}
