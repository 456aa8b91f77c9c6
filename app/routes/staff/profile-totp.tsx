import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment, totpStatus } from '~/auth/second-factor.server';
import { getSessionState, requireUser } from '~/auth/session.server';
import { totpQrDataUrl, totpUri } from '~/auth/totp.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { totpPolicyApplies } from '~/auth/totp-policy.server';
import { FormMessage, TextField, useZodForm } from './ui/form';
import { parseForm } from './ui/form-schema';
import { totpCodeSchema } from './login-totp';

// Enrolling the TOTP second factor: a secret shown as text and as a QR code, confirmed by
// a first code. Admins and the mayor cannot remove it while the city's policy requires it.
export const handle = { access: { signedIn: true } } satisfies { access: RouteAccess };

const intentField = z.enum(['start', 'confirm', 'disable']);

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const status = await totpStatus(context.db, user.id, context.config.keys);
  const pending = status.pendingSecret
    ? { secret: status.pendingSecret, qr: await totpQrDataUrl(totpUri(user.email, status.pendingSecret)) }
    : null;
  return {
    title: serverT(requestLanguage(request), 'staff')('totp.title'),
    enabled: status.enabled,
    pending,
    required: await totpPolicyApplies(context.db, user.role),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  const intent = intentField.safeParse(form.get('intent'));
  if (!intent.success) return data({ errors: { _form: 'staff:validation.badRequest' }, formError: null }, { status: 400 });
  const actor = auditActor(request, context, user);
  const secret = context.config.keys;

  const status = await totpStatus(context.db, user.id, secret);
  // Only a first enrolment needs no code; replacing or removing a second factor takes one.
  if (intent.data === 'start' && !status.enabled) {
    await startTotpEnrolment(context.db, { userId: user.id, keys: secret, actor });
    throw redirect('/staff/profile/totp');
  }
  const parsed = parseForm(totpCodeSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  if (intent.data === 'start') {
    const started = await startTotpEnrolment(context.db, { userId: user.id, code: parsed.data.code, keys: secret, actor });
    if (started.ok) throw redirect('/staff/profile/totp');
    const throttled = started.reason === 'throttled';
    return data({ errors: null, formError: throttled ? 'staff:login.throttled' : 'staff:totp.wrongCode' }, { status: throttled ? 429 : 400 });
  }
  if (intent.data === 'disable' && (await totpPolicyApplies(context.db, user.role))) {
    return data({ errors: null, formError: 'staff:totp.cannotDisable' }, { status: 400 });
  }
  const state = await getSessionState(request, context);
  const verdict = intent.data === 'confirm'
    ? await confirmTotpEnrolment(context.db, { userId: user.id, sessionToken: state!.token, code: parsed.data.code, keys: secret, actor })
    : await disableTotp(context.db, { userId: user.id, code: parsed.data.code, keys: secret, actor });
  if (verdict === 'ok') throw redirect('/staff/profile');
  return data({ errors: null, formError: verdict === 'throttled' ? 'staff:login.throttled' : 'staff:totp.wrongCode' }, { status: verdict === 'throttled' ? 429 : 400 });
}

export default function ProfileTotp() {
  const { t } = useT();
  const { enabled, pending, required } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(totpCodeSchema, actionData?.errors);
  return (
    <>
      <h1>{t('staff:totp.title')}</h1>
      {required && !enabled ? <FormMessage kind="info">{t('staff:totp.requiredNotice')}</FormMessage> : null}
      {actionData?.formError ? <FormMessage kind="error">{t(actionData.formError)}</FormMessage> : null}
      {enabled ? (
        <>
          <p>{t('staff:totp.statusOn')}</p>
          {required ? <p>{t('staff:totp.cannotDisable')}</p> : null}
          <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
            <TextField form={form} name="code" label={t('staff:totp.code')} inputMode="numeric" autoComplete="one-time-code" required
              hint={t(required ? 'staff:totp.reenrolHint' : 'staff:totp.disableHint')} />
            <div className="button-row">
              <button type="submit" name="intent" value="start" className="button">{t('staff:totp.reenrol')}</button>
              {required ? null : <button type="submit" name="intent" value="disable" className="button">{t('staff:totp.disable')}</button>}
            </div>
          </Form>
        </>
      ) : pending ? (
        <>
          <ol className="steps">
            <li>{t('staff:totp.step1')}</li>
            <li>
              {t('staff:totp.step2')}
              <div className="totp-qr"><img src={pending.qr} alt={t('staff:totp.qrAlt')} width={200} height={200} /></div>
              <p>{t('staff:totp.secretLabel')} <code className="totp-secret">{pending.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
            </li>
            <li>{t('staff:totp.step3')}</li>
          </ol>
          <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
            <TextField form={form} name="code" label={t('staff:totp.code')} inputMode="numeric" autoComplete="one-time-code" required
              hint={t('staff:totp.codeHint')} />
            <button type="submit" name="intent" value="confirm" className="button button--primary">{t('staff:totp.confirm')}</button>
          </Form>
        </>
      ) : (
        <>
          <p>{t('staff:totp.intro')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="start" className="button button--primary">{t('staff:totp.start')}</button>
          </Form>
        </>
      )}
      <p><Link to="/staff/profile">{t('staff:profile.back')}</Link></p>
    </>
  );
}
