import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { localText } from '~/i18n/city-text';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { listCounters, saveCounter } from '~/domain/admin/organisation.server';
import { departmentOptions } from '~/domain/admin/users.server';
import { parseForm } from '../ui/form-schema';
import { AdminListPage } from './list-page';
import { adminWrite, requireAdmin } from './admin.server';
import { CounterForm } from './forms';
import { counterSchema } from './schemas';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const departments = await departmentOptions(context.db, language, 'ka');
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const rows = await listCounters(context.db);
  return {
    title: serverT(language, 'admin')('counters.title'),
    counters: rows.map((c) => ({ id: c.id, slug: c.slug, name: localText(language, c.nameJa, c.nameTranslations), departmentName: names.get(c.departmentId) ?? null, active: c.active })),
    departments,
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const parsed = parseForm(counterSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const fields = { ...parsed.data, locationJa: parsed.data.locationJa || null };
  const written = await adminWrite(request, () => saveCounter(context.db, null, fields, actor));
  if (!written.ok) return written.response;
  throw redirect('/staff/admin/counters?saved=1');
}

export default function AdminCounters() {
  const { t } = useT();
  const { counters, departments, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AdminListPage
      title={t('admin:counters.title')}
      notice={saved ? t('staff:form.saved') : null}
      columns={[t('admin:name'), t('admin:counters.department'), t('admin:counters.poster'), t('admin:state')]}
      rows={counters.map((c) => (
        <tr key={c.id}>
          <td><Link to={`/staff/admin/counters/${c.id}`}>{c.name}</Link></td>
          <td>{c.departmentName ?? '—'}</td>
          <td><Link to={`/staff/admin/counters/${c.id}/poster`}>{t('admin:counters.posterLink', { name: c.name })}</Link></td>
          <td>{c.active ? t('admin:active') : t('admin:inactive')}</td>
        </tr>
      ))}
      formTitle={t('admin:counters.newTitle')}
    >
      <CounterForm key={counters.length} departments={departments} errors={actionData?.errors} submitLabel={t('admin:create')} />
    </AdminListPage>
  );
}
