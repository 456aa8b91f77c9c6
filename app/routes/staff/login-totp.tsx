import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { completeSecondFactor } from '~/auth/second-factor.server';
import { getSessionState } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { assertSameOrigin } from '~/security/csrf.server';
import { safeRedirectPath } from '~/utils/safe-redirect';
import { FormMessage, TextField, useZodForm } from './ui/form';
import { parseForm } from './ui/form-schema';

// The second step of sign-in for accounts with TOTP: the session exists but counts only
// once a code from the authenticator app is accepted.
export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const totpCodeSchema = z.object({
  code: z.preprocess((v) => (typeof v === 'string' ? v.normalize('NFKC').replace(/\s+/g, '') : v),
    z.string({ required_error: 'staff:validation.required' }).regex(/^\d{6}$/, 'staff:totp.codeFormat')),
});

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

function target(value: string | null): string {
  const to = safeRedirectPath(value, '/staff');
  return to.startsWith('/staff') ? to : '/staff';
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = target(new URL(request.url).searchParams.get('redirectTo'));
  const state = await getSessionState(request, context);
  if (!state) throw redirect('/staff/login');
  if (!state.awaitingSecondFactor) throw redirect(redirectTo);
  return { redirectTo, title: serverT(requestLanguage(request), 'staff')('totp.loginTitle') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context.config);
  const state = await getSessionState(request, context);
  if (!state) throw redirect('/staff/login');
  const form = await request.formData();
  const redirectTo = target(typeof form.get('redirectTo') === 'string' ? (form.get('redirectTo') as string) : null);
  if (!state.awaitingSecondFactor) throw redirect(redirectTo);
  const parsed = parseForm(totpCodeSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const verdict = await completeSecondFactor(context.db, {
    userId: state.user.id, sessionToken: state.token, code: parsed.data.code, keys: context.config.keys,
    actor: auditActor(request, context, state.user),
  });
  if (verdict === 'ok') throw redirect(redirectTo);
  return data({ errors: null, formError: verdict === 'throttled' ? 'staff:login.throttled' : 'staff:totp.wrongCode' }, { status: verdict === 'throttled' ? 429 : 401 });
}

export default function LoginTotp() {
  const { t } = useT();
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(totpCodeSchema, actionData?.errors);
  return (
    <>
      <h1>{t('staff:totp.loginTitle')}</h1>
      <p>{t('staff:totp.loginLead')}</p>
      {actionData?.formError ? <FormMessage kind="error">{t(actionData.formError)}</FormMessage> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField form={form} name="code" label={t('staff:totp.code')} inputMode="numeric" autoComplete="one-time-code" required
          hint={t('staff:totp.codeHint')} />
        <button type="submit" className="button button--primary">{t('staff:totp.verify')}</button>
      </Form>
      <Form method="post" action="/staff/logout">
        <button type="submit" className="button-link">{t('staff:totp.cancel')}</button>
      </Form>
    </>
  );
}
