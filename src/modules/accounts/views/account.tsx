import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { AccountView } from "../presenters.js";

export function AccountPage({ ctx, account, errors }: { ctx: PageContext; account: AccountView; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts:account.title")}>
      <h1>{t("accounts:account.title")}</h1>
      <section aria-labelledby="datos">
        <h2 id="datos">{t("accounts:account.details")}</h2>
        <dl>
          <dt>{t("accounts:fields.displayName")}</dt>
          <dd>{account.displayName}</dd>
          <dt>{t("accounts:fields.email")}</dt>
          <dd>
            {account.email} ({account.emailVerified ? t("accounts:account.verified") : t("accounts:account.notVerified")})
          </dd>
        </dl>
      </section>
      <section aria-labelledby="roles">
        <h2 id="roles">{t("accounts:account.roles")}</h2>
        {account.platformRole && <p>{t("accounts:account.platformRole", { role: t(`accounts:roles.${account.platformRole}`) })}</p>}
        {account.oversees.length > 0 && <p>{t("accounts:account.oversees", { list: account.oversees.join(", ") })}</p>}
        {account.roles.length === 0 ? (
          <p>{t("accounts:account.noRoles")}</p>
        ) : (
          <ul>
            {account.roles.map((r) => (
              <li>
                <strong>{r.municipalityName}</strong>: {t(`accounts:roles.${r.role}`)}
                {r.department && ` (${r.department})`}
                {r.slug && (
                  <>
                    {" · "}
                    <a href={`/${r.slug}/admin`}>{t("accounts:account.goAdmin", { name: r.municipalityName })}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="contrasena">
        <h2 id="contrasena">{t("accounts:account.changePassword")}</h2>
        <Form ctx={ctx} action="/cuenta/contrasena" errors={errors}>
          <TextField ctx={ctx} name="current" type="password" label={t("accounts:fields.current")} error={errors?.current} required autocomplete="current-password" />
          <TextField ctx={ctx} name="password" type="password" label={t("accounts:fields.newPassword")} hint={t("accounts:fields.passwordHint")} error={errors?.password} required autocomplete="new-password" />
          <TextField ctx={ctx} name="confirm" type="password" label={t("accounts:fields.confirm")} error={errors?.confirm} required autocomplete="new-password" />
          <Button>{t("form.save")}</Button>
        </Form>
      </section>
    </Layout>
  );
}

export interface InvitationView {
  token: string;
  municipalityName: string;
  role: string;
  email: string;
}

/** Accept an invitation: as the signed-in person when the e-mail matches, otherwise by creating the account. */
export function InvitationPage({ ctx, invitation, errors, displayName }: { ctx: PageContext; invitation: InvitationView; errors?: FieldErrors; displayName?: string }) {
  const { t, actor } = ctx;
  const signedInAsInvitee = actor.kind === "user" && actor.email === invitation.email;
  return (
    <Layout ctx={ctx} title={t("accounts:invitation.title")}>
      <h1>{t("accounts:invitation.title")}</h1>
      <p class="lead">{t("accounts:invitation.intro", { municipality: invitation.municipalityName, role: t(`accounts:roles.${invitation.role}`) })}</p>
      <p>{t("accounts:invitation.forEmail", { email: invitation.email })}</p>
      <Form ctx={ctx} action="/invitacion" errors={errors}>
        <input type="hidden" name="token" value={invitation.token} />
        {signedInAsInvitee ? (
          <p>{t("accounts:invitation.acceptAsYou", { name: actor.displayName })}</p>
        ) : (
          <>
            <h2>{t("accounts:invitation.createAccount")}</h2>
            <TextField ctx={ctx} name="displayName" label={t("accounts:fields.displayName")} value={displayName} error={errors?.displayName} required autocomplete="name" />
            <TextField ctx={ctx} name="password" type="password" label={t("accounts:fields.password")} hint={t("accounts:fields.passwordHint")} error={errors?.password} required autocomplete="new-password" />
            <TextField ctx={ctx} name="confirm" type="password" label={t("accounts:fields.confirm")} error={errors?.confirm} required autocomplete="new-password" />
          </>
        )}
        <Button>{t("accounts:invitation.submit")}</Button>
      </Form>
    </Layout>
  );
}
