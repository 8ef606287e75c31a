import { Layout } from "../../../platform/views/layout.js";
import { Button, Form, TextField, type FieldErrors } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";

type Values = Record<string, string>;

/** `?next=` carried through sign-up, the verification e-mail and sign-in, back to where the person was. */
const withNext = (path: string, next?: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);

export function SignUpPage({ ctx, values = {}, errors, next }: { ctx: PageContext; values?: Values; errors?: FieldErrors; next?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts:signup.title")}>
      <h1>{t("accounts:signup.title")}</h1>
      <p class="lead">{t("accounts:signup.intro")}</p>
      <Form ctx={ctx} action={withNext("/registro", next)} errors={errors}>
        <TextField ctx={ctx} name="displayName" label={t("accounts:fields.displayName")} value={values.displayName} error={errors?.displayName} required autocomplete="name" />
        <TextField ctx={ctx} name="email" type="email" label={t("accounts:fields.email")} value={values.email} error={errors?.email} required autocomplete="email" inputmode="email" />
        <TextField ctx={ctx} name="password" type="password" label={t("accounts:fields.password")} hint={t("accounts:fields.passwordHint")} error={errors?.password} required autocomplete="new-password" />
        <TextField ctx={ctx} name="confirm" type="password" label={t("accounts:fields.confirm")} error={errors?.confirm} required autocomplete="new-password" />
        <Button>{t("accounts:signup.submit")}</Button>
      </Form>
      <p>
        <a href={withNext("/entrar", next)}>{t("accounts:signup.haveAccount")}</a>
      </p>
    </Layout>
  );
}

/** A one-paragraph answer page (sign-up sent, verification result, reset requested…). */
export function MessagePage({ ctx, title, message, link }: { ctx: PageContext; title: string; message: string; link?: { href: string; label: string } }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead" role="status">
        {message}
      </p>
      {link && (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      )}
    </Layout>
  );
}

export function LoginPage({ ctx, email, next, error }: { ctx: PageContext; email?: string; next?: string; error?: string }) {
  const { t } = ctx;
  const action = withNext("/entrar", next);
  return (
    <Layout ctx={ctx} title={t("accounts:login.title")}>
      <h1>{t("accounts:login.title")}</h1>
      <Form ctx={ctx} action={action} errors={error ? { email: error } : undefined}>
        <TextField ctx={ctx} name="email" type="email" label={t("accounts:fields.email")} value={email} required autocomplete="username" inputmode="email" />
        <TextField ctx={ctx} name="password" type="password" label={t("accounts:fields.password")} required autocomplete="current-password" />
        <Button>{t("accounts:login.submit")}</Button>
      </Form>
      <p>
        <a href="/recuperar">{t("accounts:login.forgot")}</a>
      </p>
      <p>
        <a href={withNext("/registro", next)}>{t("accounts:login.signup")}</a>
      </p>
    </Layout>
  );
}

export function ForgotPage({ ctx, errors, email }: { ctx: PageContext; errors?: FieldErrors; email?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts:forgot.title")}>
      <h1>{t("accounts:forgot.title")}</h1>
      <p class="lead">{t("accounts:forgot.intro")}</p>
      <Form ctx={ctx} action="/recuperar" errors={errors}>
        <TextField ctx={ctx} name="email" type="email" label={t("accounts:fields.email")} value={email} error={errors?.email} required autocomplete="email" inputmode="email" />
        <Button>{t("accounts:forgot.submit")}</Button>
      </Form>
    </Layout>
  );
}

export function ResetPage({ ctx, token, errors }: { ctx: PageContext; token: string; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts:reset.title")}>
      <h1>{t("accounts:reset.title")}</h1>
      <Form ctx={ctx} action="/restablecer" errors={errors}>
        <input type="hidden" name="token" value={token} />
        <TextField ctx={ctx} name="password" type="password" label={t("accounts:fields.newPassword")} hint={t("accounts:fields.passwordHint")} error={errors?.password} required autocomplete="new-password" />
        <TextField ctx={ctx} name="confirm" type="password" label={t("accounts:fields.confirm")} error={errors?.confirm} required autocomplete="new-password" />
        <Button>{t("accounts:reset.submit")}</Button>
      </Form>
    </Layout>
  );
}
