import { useLanguageOptions } from '~/components/language-switch';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import type { RouteAccess } from '~/auth/route-access';
import { notFound } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import {
  departmentOptions, getUserForAdmin, resendInvitation, setUserDisabled, unlockAndSignOut, updateUser,
} from '~/domain/admin/users.server';
import { FormMessage, SelectField, TextField, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { adminWrite, idParam, requireAdmin } from './admin.server';
import { userSchema } from './schemas';
import { useRoleOptions, withNone } from './options';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

const intentField = z.enum(['update', 'disable', 'enable', 'reinvite', 'unlock']);

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.user.displayName ?? 'Meyasu' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user: me } = await requireAdmin(request, context);
  const language = requestLanguage(request);
  const user = await getUserForAdmin(context.db, idParam(request, params.userId), language);
  if (!user) throw notFound(request);
  return {
    user,
    isSelf: user.id === me.id,
    departments: await departmentOptions(context.db, language, 'ka'),
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user: me, actor } = await requireAdmin(request, context);
  const userId = idParam(request, params.userId);
  const form = await request.formData();
  const intent = intentField.safeParse(form.get('intent'));
  if (!intent.success) return data({ errors: { _form: 'staff:validation.badRequest' } as Record<string, string> }, { status: 400 });
  const back = (saved: string) => redirect(`/staff/admin/users/${userId}?saved=${saved}`);
  switch (intent.data) {
    case 'update': {
      const parsed = parseForm(userSchema, form);
      if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
      const written = await adminWrite(request, () => updateUser(context.db, userId, parsed.data, actor));
      if (!written.ok) return written.response;
      throw back('update');
    }
    case 'disable':
    case 'enable': {
      const written = await adminWrite(request, () => setUserDisabled(context.db, userId, intent.data === 'disable', actor));
      if (!written.ok) return written.response;
      throw back(intent.data);
    }
    case 'reinvite':
      if (!(await resendInvitation(context.db, userId, { inviterName: me.displayName, appUrl: context.config.APP_URL }, actor))) throw notFound(request);
      throw back('reinvite');
    case 'unlock':
      if (!(await unlockAndSignOut(context.db, userId, actor))) throw notFound(request);
      throw back('unlock');
  }
}

export default function AdminUser() {
  const { t } = useT();
  const languageOptions = useLanguageOptions();
  const { user, isSelf, departments, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(userSchema, actionData?.errors);
  const roles = useRoleOptions();
  const departmentChoices = withNone(t('admin:users.noDepartment'), departments);
  return (
    <>
      <p><Link to="/staff/admin/users">{t('admin:users.back')}</Link></p>
      <h1>{user.displayName}</h1>
      {saved ? <FormMessage kind="success">{t(`admin:users.saved.${saved}`)}</FormMessage> : null}
      {actionData?.errors?._form ? <FormMessage kind="error">{t(actionData.errors._form)}</FormMessage> : null}
      <dl className="facts">
        <dt>{t('admin:users.email')}</dt><dd>{user.email}</dd>
        <dt>{t('admin:users.state')}</dt><dd>{t(`admin:users.states.${user.state}`)}</dd>
        <dt>{t('admin:users.totp')}</dt><dd>{user.totpEnabled ? t('admin:yes') : t('admin:no')}</dd>
      </dl>

      <section className="panel" aria-labelledby="edit-title">
        <h2 id="edit-title">{t('admin:users.editTitle')}</h2>
        <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
          <TextField form={form} name="displayName" label={t('admin:users.name')} required defaultValue={user.displayName} />
          <SelectField form={form} name="role" label={t('admin:users.role')} required options={roles} defaultValue={user.role} />
          <SelectField form={form} name="departmentId" label={t('admin:users.department')} options={departmentChoices}
            defaultValue={user.departmentId === null ? '' : String(user.departmentId)} hint={t('admin:users.departmentHint')} />
          <SelectField form={form} name="language" label={t('staff:profile.language')} defaultValue={user.language}
            options={languageOptions} />
          <button type="submit" name="intent" value="update" className="button button--primary">{t('staff:form.save')}</button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="account-title">
        <h2 id="account-title">{t('admin:users.accountTitle')}</h2>
        <div className="actions-row">
          {user.state === 'invited' ? (
            <Form method="post"><button type="submit" name="intent" value="reinvite" className="button">{t('admin:users.reinvite')}</button></Form>
          ) : null}
          <Form method="post"><button type="submit" name="intent" value="unlock" className="button">{t('admin:users.unlock')}</button></Form>
          {user.state === 'disabled' ? (
            <Form method="post"><button type="submit" name="intent" value="enable" className="button">{t('admin:users.enable')}</button></Form>
          ) : isSelf ? null : (
            <Form method="post"><button type="submit" name="intent" value="disable" className="button button--danger">{t('admin:users.disable')}</button></Form>
          )}
        </div>
        <p className="field__hint">{t('admin:users.accountHint')}</p>
      </section>
    </>
  );
}
