import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { lastRetentionRun, loadRetentionSettings, saveRetentionSettings } from '~/domain/retention.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { FormMessage, TextField, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { requireAdmin } from './admin.server';
import { retentionSchema } from './schemas';

// The retention periods of personal data: what the daily erasure job erases and when, and
// what the public privacy page says (both read the same row).
export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return {
    title: serverT(requestLanguage(request), 'admin')('retention.title'),
    settings: await loadRetentionSettings(context.db),
    lastRun: await lastRetentionRun(context.db),
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const parsed = parseForm(retentionSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  await saveRetentionSettings(context.db, parsed.data, actor);
  throw redirect('/staff/admin/retention?saved=1');
}

const FIELDS = ['voiceYears', 'contactMonths', 'photoMonths', 'auditYears', 'mailDays'] as const;

export default function AdminRetention() {
  const { t } = useT();
  const { settings, lastRun, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(retentionSchema, actionData?.errors);
  return (
    <>
      <p><Link to="/staff/admin">{t('admin:back')}</Link></p>
      <h1>{t('admin:retention.title')}</h1>
      <p>{t('admin:retention.lead')}</p>
      <p>{lastRun ? t('admin:retention.lastRun', { day: lastRun.lastDay }) : t('admin:retention.neverRun')}</p>
      {saved ? <FormMessage kind="success">{t('staff:form.saved')}</FormMessage> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        {FIELDS.map((name) => (
          <TextField key={name} form={form} name={name} inputMode="numeric" label={t(`admin:retention.${name}`)} required defaultValue={String(settings[name])} />
        ))}
        <button type="submit" className="button button--primary">{t('staff:form.save')}</button>
      </Form>
    </>
  );
}
