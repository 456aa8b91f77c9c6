import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { readKnownDevices, rememberDevice } from '~/auth/device-cookie.server';
import { attemptLogin } from '~/auth/login.server';
import type { RouteAccess } from '~/auth/route-access';
import { deleteSession, getSessionState, readSessionToken, sessionCookie } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { assertSameOrigin } from '~/security/csrf.server';
import { safeRedirectPath } from '~/utils/safe-redirect';
import { FormMessage, TextField, useZodForm } from './ui/form';
import { emailField, parseForm } from './ui/form-schema';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ required_error: 'staff:validation.required' }).min(1, 'staff:validation.required'),
});

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

function target(value: FormDataEntryValue | string | null): string {
  const to = safeRedirectPath(typeof value === 'string' ? value : null, '/staff');
  return to.startsWith('/staff') ? to : '/staff';
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = target(url.searchParams.get('redirectTo'));
  const state = await getSessionState(request, context);
  if (state && !state.awaitingSecondFactor) throw redirect(redirectTo);
  const t = serverT(requestLanguage(request), 'staff');
  return { redirectTo, notice: url.searchParams.get('notice'), title: t('login.title') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context.config);
  const form = await request.formData();
  const redirectTo = target(form.get('redirectTo'));
  const parsed = parseForm(loginSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const outcome = await attemptLogin(context.db, {
    email: parsed.data.email,
    password: parsed.data.password,
    actor: { ip: context.clientIp, userAgent: request.headers.get('user-agent'), requestId: context.requestId },
    knownDevices: readKnownDevices(request, context.config),
    appUrl: context.config.APP_URL,
  });
  if (!outcome.ok) {
    const throttled = outcome.reason === 'throttled';
    return data({ errors: null, formError: throttled ? 'staff:login.throttled' : 'staff:login.invalid' }, { status: throttled ? 429 : 401 });
  }
  // A new session id at every sign-in: whatever session the browser carried is ended.
  const previous = readSessionToken(request, context.config);
  if (previous) await deleteSession(context.db, previous);
  const next = outcome.secondFactorRequired ? `/staff/login/totp?${new URLSearchParams({ redirectTo })}` : redirectTo;
  // This browser now counts as a known device of the account (docs/decisions/security-sign-in-throttling.md).
  const headers = new Headers();
  headers.append('Set-Cookie', sessionCookie(context.config, outcome.token));
  headers.append('Set-Cookie', rememberDevice(request, context.config, outcome.userId));
  return redirect(next, { headers });
}

export default function Login() {
  const { t } = useT();
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = useZodForm(loginSchema, actionData?.errors);
  return (
    <>
      <h1>{t('staff:login.title')}</h1>
      {notice === 'passwordSet' ? <FormMessage kind="success">{t('staff:login.passwordSet')}</FormMessage> : null}
      {notice === 'signedOut' ? <FormMessage kind="info">{t('staff:login.signedOut')}</FormMessage> : null}
      {notice === 'unlocked' ? <FormMessage kind="success">{t('staff:login.unlocked')}</FormMessage> : null}
      {actionData?.formError ? <FormMessage kind="error">{t(actionData.formError)}</FormMessage> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField form={form} name="email" type="email" label={t('staff:login.email')} autoComplete="username" required spellCheck={false} />
        <TextField form={form} name="password" type="password" label={t('staff:login.password')} autoComplete="current-password" required />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('staff:login.submit')}
        </button>
      </Form>
      <p><Link to="/staff/forgot-password">{t('staff:login.forgot')}</Link></p>
    </>
  );
}
