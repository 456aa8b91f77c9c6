import { useLanguageOptions } from '~/components/language-switch';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { departmentOptions, inviteUser, listUsers } from '~/domain/admin/users.server';
import { SelectField, TextField, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { AdminListPage } from './list-page';
import { adminWrite, requireAdmin } from './admin.server';
import { useRoleOptions, withNone } from './options';
import { inviteSchema } from './schemas';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  return {
    title: serverT(language, 'admin')('users.title'),
    users: await listUsers(context.db, language),
    departments: await departmentOptions(context.db, language, 'ka'),
    invited: new URL(request.url).searchParams.get('invited'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, actor } = await requireAdmin(request, context);
  const parsed = parseForm(inviteSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const written = await adminWrite(request, () => inviteUser(context.db, { ...parsed.data, inviterName: user.displayName, appUrl: context.config.APP_URL }, actor));
  if (!written.ok) return written.response;
  throw redirect(`/staff/admin/users?invited=${written.value}`);
}

export default function AdminUsers() {
  const { t } = useT();
  const languageOptions = useLanguageOptions();
  const { users, departments, invited } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(inviteSchema, actionData?.errors);
  const roles = useRoleOptions();
  const departmentChoices = withNone(t('admin:users.noDepartment'), departments);
  return (
    <AdminListPage
      title={t('admin:users.title')}
      notice={invited ? t('admin:users.invited') : null}
      columns={[t('admin:users.name'), t('admin:users.email'), t('admin:users.role'), t('admin:users.department'), t('admin:users.state')]}
      rows={users.map((u) => (
        <tr key={u.id}>
          <td><Link to={`/staff/admin/users/${u.id}`}>{u.displayName}</Link></td>
          <td>{u.email}</td>
          <td>{t(`domain:role.${u.role}`)}</td>
          <td>{u.departmentName ?? '—'}</td>
          <td className={u.state === 'disabled' ? 'status--disabled' : undefined}>
            {t(`admin:users.states.${u.state}`)}{u.totpEnabled ? ` · ${t('admin:users.totp')}` : ''}
          </td>
        </tr>
      ))}
      formTitle={t('admin:users.inviteTitle')}
      formId="invite-title"
    >
      <p>{t('admin:users.inviteLead')}</p>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" key={users.length}>
        <TextField form={form} name="email" type="email" label={t('admin:users.email')} required autoComplete="off" spellCheck={false} />
        <TextField form={form} name="displayName" label={t('admin:users.name')} required autoComplete="off" />
        <SelectField form={form} name="role" label={t('admin:users.role')} required options={roles} defaultValue="staff" />
        <SelectField form={form} name="departmentId" label={t('admin:users.department')} options={departmentChoices} defaultValue=""
          hint={t('admin:users.departmentHint')} />
        <SelectField form={form} name="language" label={t('staff:profile.language')} defaultValue="ja"
          options={languageOptions} />
        <button type="submit" className="button button--primary">{t('admin:users.invite')}</button>
      </Form>
    </AdminListPage>
  );
}
