import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { localText } from '~/i18n/city-text';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { listCategories, saveCategory } from '~/domain/admin/organisation.server';
import { departmentOptions } from '~/domain/admin/users.server';
import { parseForm } from '../ui/form-schema';
import { AdminListPage } from './list-page';
import { adminWrite, requireAdmin } from './admin.server';
import { CategoryForm } from './forms';
import { categorySchema } from './schemas';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const departments = await departmentOptions(context.db, language, 'ka');
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const rows = await listCategories(context.db);
  return {
    title: serverT(language, 'admin')('categories.title'),
    categories: rows.map((c) => ({
      id: c.id, code: c.code, name: localText(language, c.nameJa, c.nameTranslations), days: c.replyTargetDays, active: c.active,
      departmentName: c.defaultDepartmentId ? departmentNames.get(c.defaultDepartmentId) ?? null : null,
    })),
    departments,
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const parsed = parseForm(categorySchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const written = await adminWrite(request, () => saveCategory(context.db, null, parsed.data, actor));
  if (!written.ok) return written.response;
  throw redirect('/staff/admin/categories?saved=1');
}

export default function AdminCategories() {
  const { t } = useT();
  const { categories, departments, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AdminListPage
      title={t('admin:categories.title')}
      notice={saved ? t('staff:form.saved') : null}
      columns={[t('admin:name'), t('admin:categories.routing'), t('admin:categories.replyTargetDays'), t('admin:state')]}
      rows={categories.map((c) => (
        <tr key={c.id}>
          <td><Link to={`/staff/admin/categories/${c.id}`}>{c.name}</Link></td>
          <td>{c.departmentName ?? t('admin:categories.reformTeam')}</td>
          <td>{t('admin:categories.days', { count: c.days })}</td>
          <td>{c.active ? t('admin:active') : t('admin:inactive')}</td>
        </tr>
      ))}
      formTitle={t('admin:categories.newTitle')}
    >
      <CategoryForm key={categories.length} departments={departments} errors={actionData?.errors} submitLabel={t('admin:create')} />
    </AdminListPage>
  );
}
