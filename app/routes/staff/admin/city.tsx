import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { getCitySettings, saveCitySettings } from '~/domain/admin/organisation.server';
import { CheckboxField, FormMessage, TextAreaField, TextField, TranslationFields, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { requireAdmin } from './admin.server';
import { citySchema } from './schemas';

// The city's name and promise (shown to residents), the default reply target, and the
// security policy for admins and the mayor.
export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return {
    title: serverT(requestLanguage(request), 'admin')('city.title'),
    city: await getCitySettings(context.db),
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const parsed = parseForm(citySchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  await saveCitySettings(context.db, parsed.data, actor);
  throw redirect('/staff/admin/city?saved=1');
}

export default function AdminCity() {
  const { t } = useT();
  const { city, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(citySchema, actionData?.errors);
  return (
    <>
      <p><Link to="/staff/admin">{t('admin:back')}</Link></p>
      <h1>{t('admin:city.title')}</h1>
      {saved ? <FormMessage kind="success">{t('staff:form.saved')}</FormMessage> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <TextField form={form} name="nameJa" label={t('admin:city.nameJa')} required defaultValue={city?.nameJa ?? ''} lang="ja" />
        <TranslationFields form={form} field="name" label={t('admin:city.name')} values={city?.nameTranslations} />
        <TextAreaField form={form} name="promiseJa" label={t('admin:city.promiseJa')} required defaultValue={city?.promiseJa ?? ''} rows={3} lang="ja"
          hint={t('admin:city.promiseHint')} />
        <TranslationFields form={form} field="promise" label={t('admin:city.promise')} values={city?.promiseTranslations} multiline />
        <TextField form={form} name="defaultReplyTargetDays" inputMode="numeric" label={t('admin:city.defaultReplyTargetDays')} required
          defaultValue={String(city?.defaultReplyTargetDays ?? 10)} hint={t('admin:categories.replyTargetDaysHint')} />
        <fieldset className="stack">
          <legend>{t('admin:city.contactTitle')}</legend>
          <p className="hint">{t('admin:city.contactHint')}</p>
          <TextField form={form} name="contactPhone" type="tel" label={t('admin:city.contactPhone')} defaultValue={city?.contactPhone ?? ''} />
          <TextField form={form} name="contactFax" type="tel" label={t('admin:city.contactFax')} defaultValue={city?.contactFax ?? ''} />
          <TextField form={form} name="officeHoursJa" label={t('admin:city.officeHoursJa')} defaultValue={city?.officeHoursJa ?? ''} lang="ja" />
          <TranslationFields form={form} field="officeHours" label={t('admin:city.officeHours')} values={city?.officeHoursTranslations} />
          <TextField form={form} name="afterHoursPhone" type="tel" label={t('admin:city.afterHoursPhone')} defaultValue={city?.afterHoursPhone ?? ''} />
        </fieldset>
        <CheckboxField form={form} name="requireTotpForAdminAndMayor" label={t('admin:city.requireTotp')} hint={t('admin:city.requireTotpHint')}
          defaultChecked={city?.requireTotpForAdminAndMayor ?? false} />
        <CheckboxField form={form} name="allowSelfApproval" label={t('admin:city.allowSelfApproval')} hint={t('admin:city.allowSelfApprovalHint')}
          defaultChecked={city?.allowSelfApproval ?? false} />
        <button type="submit" className="button button--primary">{t('staff:form.save')}</button>
      </Form>
    </>
  );
}
