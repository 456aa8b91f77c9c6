import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { listDepartments, saveDepartment } from '~/domain/admin/organisation.server';
import { FormMessage } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { adminWrite, localName, requireAdmin } from './admin.server';
import { DepartmentForm } from './forms';
import { departmentSchema } from './schemas';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const rows = await listDepartments(context.db);
  const names = new Map(rows.map((r) => [r.id, localName(language, r.nameJa, r.nameEn)]));
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
    <>
      <p><Link to="/staff/admin">{t('admin:back')}</Link></p>
      <h1>{t('admin:departments.title')}</h1>
      {saved ? <FormMessage kind="success">{t('staff:form.saved')}</FormMessage> : null}
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t('admin:departments.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin:name')}</th>
              <th scope="col">{t('admin:departments.code')}</th>
              <th scope="col">{t('admin:departments.level')}</th>
              <th scope="col">{t('admin:departments.parent')}</th>
              <th scope="col">{t('admin:state')}</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id}>
                <td><Link to={`/staff/admin/departments/${d.id}`}>{d.name}</Link>{d.isReformTeam ? ` (${t('admin:departments.reformBadge')})` : ''}</td>
                <td>{d.code}</td>
                <td>{t(`admin:departments.levels.${d.level}`)}</td>
                <td>{d.parentName ?? '—'}</td>
                <td>{d.active ? t('admin:active') : t('admin:inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="panel" aria-labelledby="new-title">
        <h2 id="new-title">{t('admin:departments.newTitle')}</h2>
        <DepartmentForm key={departments.length} parents={parents} errors={actionData?.errors} submitLabel={t('admin:create')} />
      </section>
    </>
  );
}
