/** The identification page: what an action needs and the way to get it (e-mail, account, CURP). */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { loginUrl } from "../../../platform/http/tenant.js";
import type { Participant } from "../participants.js";
import type { ProcessView } from "../processes.js";
import type { ParticipationAction, ParticipationLevel } from "../tables.js";
import { ruleText } from "./public.js";

export interface IdentifyPageProps {
  ctx: PageContext;
  process: ProcessView;
  action: ParticipationAction;
  level: ParticipationLevel;
  volver: string;
  participant: Participant | null;
  satisfied: boolean;
  sent?: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

export function IdentifyPage({ ctx, process, action, level, volver, participant, satisfied, sent, values = {}, errors }: IdentifyPageProps) {
  const t = ctx.t;
  const slug = ctx.municipality!.slug;
  const base = `/${slug}/participa/${process.slug}`;
  const query = `accion=${action}&volver=${encodeURIComponent(volver)}`;
  const signedIn = ctx.actor.kind === "user";
  const hasBase = participant !== null && (participant.emailConfirmed || participant.kind === "account");
  const guestForm = (
    <section aria-labelledby="correo">
      <h2 id="correo">{t("participation:identify.guestTitle")}</h2>
      <p>{t("participation:identify.guestText", { municipality: ctx.municipality!.name })}</p>
      {sent ? (
        <p class="flash flash-success" role="status">
          {t("participation:identify.sent")}
        </p>
      ) : (
        <Form ctx={ctx} action={`${base}/identificate/correo?${query}`} errors={errors?.email ? { email: errors.email } : undefined}>
          <TextField ctx={ctx} name="email" type="email" autocomplete="email" inputmode="email" label={t("participation:identify.email")} value={values.email} error={errors?.email} required />
          <Button>{t("participation:identify.send")}</Button>
        </Form>
      )}
    </section>
  );
  const accountBlock = (
    <section aria-labelledby="cuenta">
      <h2 id="cuenta">{t("participation:identify.accountTitle")}</h2>
      <p>{t("participation:identify.accountText")}</p>
      {signedIn ? <p>{t("participation:identify.verifyEmail")}</p> : <p><a class="button button-primary" href={loginUrl(`${base}/identificate?${query}`)}>{t("participation:identify.signIn")}</a></p>}
    </section>
  );
  return (
    <Layout ctx={ctx} title={t("participation:identify.title")}>
      <Breadcrumbs items={[{ href: `/${slug}/participa`, label: t("participation:listTitle") }, { href: base, label: process.title }, { label: t("participation:identify.title") }]} />
      <h1>{t("participation:identify.title")}</h1>
      <p class="lead">{t("participation:identify.intro", { verb: t(`participation:action_${action}`), process: process.title })}</p>
      <p>{ruleText(ctx, action, level)}</p>
      {satisfied ? (
        <>
          <p class="flash flash-success" role="status">
            {t("participation:identify.already")}
          </p>
          <p>
            <a class="button button-primary" href={volver}>
              {t("participation:identify.continue")}
            </a>
          </p>
        </>
      ) : level === "guest" ? (
        <>
          {guestForm}
          {!signedIn && accountBlock}
        </>
      ) : level === "account" ? (
        accountBlock
      ) : hasBase ? (
        <section aria-labelledby="curp">
          <h2 id="curp">{t("participation:identify.identityTitle")}</h2>
          <p>{t("participation:identify.identityText")}</p>
          <Form ctx={ctx} action={`${base}/identificate/curp?${query}`} errors={errors?.curp ? { curp: errors.curp } : undefined}>
            <TextField ctx={ctx} name="curp" autocomplete="off" label={t("participation:identify.curp")} hint={t("participation:identify.curpHint")} error={errors?.curp} required />
            <Button>{t("participation:identify.verify")}</Button>
          </Form>
        </section>
      ) : (
        <>
          <p>{t("participation:identify.identityText")}</p>
          <p>{t("participation:identify.identityFirst")}</p>
          {guestForm}
          {!signedIn && accountBlock}
        </>
      )}
      <p>
        <a href={base}>{t("participation:identify.backToProcess")}</a>
      </p>
    </Layout>
  );
}

export function ConfirmFailedPage({ ctx, message }: { ctx: PageContext; message: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("participation:identify.confirmFailed")}>
      <h1>{t("participation:identify.confirmFailed")}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href={`/${ctx.municipality!.slug}/participa`}>{t("participation:listTitle")}</a>
      </p>
    </Layout>
  );
}
