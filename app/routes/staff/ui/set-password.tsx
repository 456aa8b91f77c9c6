import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { FormMessage, TextField, useZodForm } from './form';
import { setPasswordSchema } from './set-password-schema';

// Shared by the invitation and password-reset links: choose a password, once.

export function SetPasswordPage({ titleKey, leadKey }: { titleKey: string; leadKey: string }) {
  const { t } = useT();
  const loaderData = useLoaderData<{ valid: boolean; email: string | null }>();
  const actionData = useActionData<{ errors: Record<string, string> | null; formError: string | null }>();
  const form = useZodForm(setPasswordSchema, actionData?.errors);
  if (!loaderData.valid) {
    return (
      <>
        <h1>{t(titleKey)}</h1>
        <FormMessage kind="error">{t('staff:setPassword.invalidLink')}</FormMessage>
        <p><Link to="/staff/forgot-password">{t('staff:login.forgot')}</Link></p>
      </>
    );
  }
  return (
    <>
      <h1>{t(titleKey)}</h1>
      <p>{t(leadKey, { email: loaderData.email })}</p>
      {actionData?.formError ? <FormMessage kind="error">{t(actionData.formError)}</FormMessage> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <input type="text" name="username" autoComplete="username" value={loaderData.email ?? ''} readOnly hidden aria-label={t('staff:login.email')} />
        <TextField form={form} name="password" type="password" label={t('staff:setPassword.password')} autoComplete="new-password" required
          hint={t('staff:password.rules')} />
        <TextField form={form} name="confirm" type="password" label={t('staff:setPassword.confirm')} autoComplete="new-password" required />
        <button type="submit" className="button button--primary">{t('staff:setPassword.submit')}</button>
      </Form>
    </>
  );
}
