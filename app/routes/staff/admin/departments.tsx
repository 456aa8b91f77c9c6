import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { localText } from '~/i18n/city-text';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { listDepartments, saveDepartment } from '~/domain/admin/organisation.server';
import { parseForm } from '../ui/form-schema';
import { AdminListPage } from './list-page';
import { adminWrite, requireAdmin } from './admin.server';
import { DepartmentForm } from './forms';
import { departmentSchema } from './schemas';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const rows = await listDepartments(context.db);
  const names = new Map(rows.map((r) => [r.id, localText(language, r.nameJa, r.nameTranslations)]));
  return {
    title: serverT(language, 'admin')('departments.title'),
    departments: rows.map((r) => ({ id: r.id, code: r.code, level: r.level, name: names.get(r.id)!, parentName: r.parentId ? names.get(r.parentId) ?? null : null, isReformTeam: r.isReformTeam, active: r.active })),
    parents: rows.filter((r) => r.level === 'bu').map((r) => ({ id: r.id, name: names.get(r.id)! })),
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const parsed = parseForm(departmentSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const written = await adminWrite(request, () => saveDepartment(context.db, null, parsed.data, actor));
  if (!written.ok) return written.response;
  throw redirect('/staff/admin/departments?saved=1');
}

export default function AdminDepartments() {
  const { t } = useT();
  const { departments, parents, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AdminListPage
      title={t('admin:departments.title')}
      notice={saved ? t('staff:form.saved') : null}
      columns={[t('admin:name'), t('admin:departments.code'), t('admin:departments.level'), t('admin:departments.parent'), t('admin:state')]}
      rows={departments.map((d) => (
        <tr key={d.id}>
          <td><Link to={`/staff/admin/departments/${d.id}`}>{d.name}</Link>{d.isReformTeam ? ` (${t('admin:departments.reformBadge')})` : ''}</td>
          <td>{d.code}</td>
          <td>{t(`admin:departments.levels.${d.level}`)}</td>
          <td>{d.parentName ?? '—'}</td>
          <td>{d.active ? t('admin:active') : t('admin:inactive')}</td>
        </tr>
      ))}
      formTitle={t('admin:departments.newTitle')}
    >
      <DepartmentForm key={departments.length} parents={parents} errors={actionData?.errors} submitLabel={t('admin:create')} />
    </AdminListPage>
  );
}
