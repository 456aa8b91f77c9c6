import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { localText } from '~/i18n/city-text';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { notFound } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { getDepartment, listDepartments, saveDepartment } from '~/domain/admin/organisation.server';
import { FormMessage } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { adminWrite, idParam, requireAdmin } from './admin.server';
import { DepartmentForm } from './forms';
import { departmentSchema } from './schemas';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const department = await getDepartment(context.db, idParam(request, params.departmentId));
  if (!department) throw notFound(request);
  const parents = (await listDepartments(context.db)).filter((r) => r.level === 'bu' && r.id !== department.id);
  return {
    title: localText(language, department.nameJa, department.nameTranslations),
    department,
    parents: parents.map((r) => ({ id: r.id, name: localText(language, r.nameJa, r.nameTranslations) })),
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const id = idParam(request, params.departmentId);
  const parsed = parseForm(departmentSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const written = await adminWrite(request, () => saveDepartment(context.db, id, parsed.data, actor));
  if (!written.ok) return written.response;
  throw redirect(`/staff/admin/departments/${id}?saved=1`);
}

export default function AdminDepartment() {
  const { t } = useT();
  const { title, department, parents, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p><Link to="/staff/admin/departments">{t('admin:departments.back')}</Link></p>
      <h1>{title}</h1>
      {saved ? <FormMessage kind="success">{t('staff:form.saved')}</FormMessage> : null}
      <DepartmentForm values={department} parents={parents} errors={actionData?.errors} submitLabel={t('staff:form.save')} />
    </>
  );
}
