import { useLanguageOptions } from '~/components/language-switch';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { auditActor } from '~/audit/audit.server';
import { changePassword, signOutEverywhere } from '~/auth/accounts.server';
import type { RouteAccess } from '~/auth/route-access';
import { clearedSessionCookie, createSession, requireUser, sessionCookie } from '~/auth/session.server';
import { LANGUAGE_COOKIE, useT } from '~/i18n/i18n';
import { requestLanguage, serverT, supportedLanguages } from '~/i18n/resources.server';
import { getProfile, setPreferredLanguage } from '~/domain/staff-profile.server';
import { FormMessage, SelectField, TextField, useZodForm } from './ui/form';
import { parseForm } from './ui/form-schema';
import { changePasswordSchema, languageSchema } from './profile-schemas';

// One's own account: password, language, second factor, and "sign out everywhere".
export const handle = { access: { signedIn: true } } satisfies { access: RouteAccess };

const intentField = z.enum(['password', 'language', 'signOutEverywhere']);

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const profile = await getProfile(context.db, user.id);
  return {
    title: serverT(requestLanguage(request), 'staff')('profile.title'),
    profile: { ...profile, displayName: user.displayName, role: user.role },
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  const intent = intentField.safeParse(form.get('intent'));
  if (!intent.success) return data({ intent: null, errors: { _form: 'staff:validation.badRequest' }, done: false }, { status: 400 });
  const actor = auditActor(request, context, user);

  if (intent.data === 'signOutEverywhere') {
    await signOutEverywhere(context.db, user.id, actor);
    throw redirect('/staff/login?notice=signedOut', { headers: { 'Set-Cookie': clearedSessionCookie(context.config) } });
  }

  if (intent.data === 'language') {
    const parsed = parseForm(languageSchema, form);
    if (!parsed.ok || !supportedLanguages().includes(parsed.data.language)) {
      return data({ intent: 'language' as const, errors: { language: 'staff:validation.required' }, done: false }, { status: 400 });
    }
    await setPreferredLanguage(context.db, user.id, parsed.data.language, actor);
    throw redirect('/staff/profile?saved=language', {
      headers: { 'Set-Cookie': `${LANGUAGE_COOKIE}=${parsed.data.language}; Path=/; Max-Age=31536000; SameSite=Lax` },
    });
  }

  const parsed = parseForm(changePasswordSchema, form);
  if (!parsed.ok) return data({ intent: 'password' as const, errors: parsed.errors, done: false }, { status: 400 });
  const outcome = await changePassword(
    context.db,
    { userId: user.id, current: parsed.data.current, next: parsed.data.password, actor },
    (tx) => createSession(tx, { userId: user.id, ip: context.clientIp, userAgent: request.headers.get('user-agent'), secondFactorAt: new Date() }),
  );
  if (!outcome.ok && outcome.reason === 'throttled') {
    return data({ intent: 'password' as const, errors: { current: 'staff:profile.throttled' }, done: false }, {
      status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) },
    });
  }
  if (!outcome.ok) {
    const errors: Record<string, string> = outcome.reason === 'wrongCurrent'
      ? { current: 'staff:profile.wrongCurrent' } : { password: `staff:password.${outcome.reason}` };
    return data({ intent: 'password' as const, errors, done: false }, { status: 400 });
  }
  // Every other session ended with the old password; this browser gets a fresh one.
  throw redirect('/staff/profile?saved=password', { headers: { 'Set-Cookie': sessionCookie(context.config, outcome.token) } });
}

export default function Profile() {
  const { t } = useT();
  const { profile, saved } = useLoaderData<typeof loader>();
  const languageOptions = useLanguageOptions();
  const actionData = useActionData<typeof action>();
  const passwordForm = useZodForm(changePasswordSchema, actionData?.intent === 'password' ? actionData.errors : null);
  const languageForm = useZodForm(languageSchema, actionData?.intent === 'language' ? actionData.errors : null);
  return (
    <>
      <h1>{t('staff:profile.title')}</h1>
      {saved === 'password' ? <FormMessage kind="success">{t('staff:profile.passwordChanged')}</FormMessage> : null}
      {saved === 'language' ? <FormMessage kind="success">{t('staff:profile.languageSaved')}</FormMessage> : null}
      <dl className="facts">
        <dt>{t('staff:profile.name')}</dt><dd>{profile.displayName}</dd>
        <dt>{t('staff:login.email')}</dt><dd>{profile.email}</dd>
        <dt>{t('staff:dashboard.role')}</dt><dd>{t(`domain:role.${profile.role}`)}</dd>
      </dl>

      <section className="panel" aria-labelledby="password-title">
        <h2 id="password-title">{t('staff:profile.passwordTitle')}</h2>
        <Form method="post" noValidate onSubmit={passwordForm.onSubmit} className="stack">
          <input type="text" name="username" autoComplete="username" value={profile.email} readOnly hidden aria-label={t('staff:login.email')} />
          <TextField form={passwordForm} name="current" type="password" label={t('staff:profile.currentPassword')} autoComplete="current-password" required />
          <TextField form={passwordForm} name="password" type="password" label={t('staff:setPassword.password')} autoComplete="new-password" required
            hint={t('staff:password.rules')} />
          <TextField form={passwordForm} name="confirm" type="password" label={t('staff:setPassword.confirm')} autoComplete="new-password" required />
          <button type="submit" name="intent" value="password" className="button button--primary">{t('staff:profile.changePassword')}</button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="language-title">
        <h2 id="language-title">{t('staff:profile.languageTitle')}</h2>
        <Form method="post" noValidate onSubmit={languageForm.onSubmit} className="stack">
          <SelectField form={languageForm} name="language" label={t('staff:profile.language')} defaultValue={profile.language}
            options={languageOptions} hint={t('staff:profile.languageHint')} />
          <button type="submit" name="intent" value="language" className="button">{t('staff:form.save')}</button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="totp-title">
        <h2 id="totp-title">{t('staff:totp.title')}</h2>
        <p>{profile.totpEnabled ? t('staff:totp.statusOn') : t('staff:totp.statusOff')}</p>
        <p><Link to="/staff/profile/totp">{profile.totpEnabled ? t('staff:totp.manage') : t('staff:totp.setUp')}</Link></p>
      </section>

      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('staff:profile.sessionsTitle')}</h2>
        <p>{t('staff:profile.sessions', { count: profile.sessions })}</p>
        <Form method="post">
          <button type="submit" name="intent" value="signOutEverywhere" className="button">{t('staff:profile.signOutEverywhere')}</button>
        </Form>
      </section>
    </>
  );
}
