import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { issueApiKeyAsAdmin, listApiClients, revokeApiKeyAsAdmin } from '~/open311/api-keys.server';
import { FormMessage, TextField, useZodForm } from '../ui/form';
import { AdminListPage } from './list-page';
import { idField, parseForm, requiredText } from '../ui/form-schema';
import { requireAdmin } from './admin.server';
import { japanDateFormat } from '~/japan-time';

// Open311 client applications: an admin issues an api_key (shown once) and revokes it.
export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const issueSchema = z.object({ name: requiredText(100) });
const revokeSchema = z.object({ clientId: idField });

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const clients = await listApiClients(context.db);
  return {
    title: serverT(requestLanguage(request), 'admin')('apiClients.title'),
    endpoint: `${context.config.APP_URL}/open311/v2/discovery.json`,
    clients: clients.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), revokedAt: c.revokedAt?.toISOString() ?? null })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const form = await request.formData();
  if (form.get('intent') === 'revoke') {
    const parsed = parseForm(revokeSchema, form);
    if (!parsed.ok || !(await revokeApiKeyAsAdmin(context.db, actor, parsed.data.clientId))) {
      return data({ errors: { _form: 'admin:apiClients.revokeFailed' } as Record<string, string>, issued: null, revoked: false }, { status: 400 });
    }
    return { errors: null, issued: null, revoked: true };
  }
  const parsed = parseForm(issueSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, issued: null, revoked: false }, { status: 400 });
  const { client, apiKey } = await issueApiKeyAsAdmin(context.db, actor, parsed.data.name);
  return { errors: null, issued: { name: client.name, apiKey }, revoked: false };
}

export default function AdminApiClients() {
  const { t, language } = useT();
  const { clients, endpoint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(issueSchema, actionData?.errors);
  const date = japanDateFormat(language, { dateStyle: 'medium' });
  return (
    <AdminListPage
      title={t('admin:apiClients.title')}
      lead={<p>{t('admin:apiClients.lead', { endpoint })}</p>}
      notices={(
        <>
          {actionData?.issued ? (
            <FormMessage kind="success">
              {t('admin:apiClients.issued', { name: actionData.issued.name })}
              <br />
              <code style={{ display: 'block', marginTop: '.5rem', overflowWrap: 'anywhere', fontSize: '1rem' }}>{actionData.issued.apiKey}</code>
            </FormMessage>
          ) : null}
          {actionData?.revoked ? <FormMessage kind="success">{t('admin:apiClients.revoked')}</FormMessage> : null}
          {actionData?.errors?._form ? <FormMessage kind="error">{t(actionData.errors._form)}</FormMessage> : null}
        </>
      )}
      columns={[t('admin:name'), t('admin:apiClients.prefix'), t('admin:apiClients.created'), t('admin:state')]}
      rows={clients.map((c) => (
        <tr key={c.id}>
          <td>{c.name}</td>
          <td><code>{c.keyPrefix}…</code></td>
          <td>{date.format(new Date(c.createdAt))}</td>
          <td>
            {c.revokedAt ? t('admin:apiClients.revokedOn', { date: date.format(new Date(c.revokedAt)) }) : (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="clientId" value={c.id} />
                <button type="submit" className="button button--danger">{t('admin:apiClients.revoke', { name: c.name })}</button>
              </Form>
            )}
          </td>
        </tr>
      ))}
      formTitle={t('admin:apiClients.issueTitle')}
      formId="issue-title"
    >
      <Form method="post" onSubmit={form.onSubmit} noValidate>
        <TextField form={form} name="name" label={t('admin:apiClients.nameLabel')} hint={t('admin:apiClients.nameHint')} required />
        <button type="submit" className="button button--primary">{t('admin:apiClients.issue')}</button>
      </Form>
    </AdminListPage>
  );
}
