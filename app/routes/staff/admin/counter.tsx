import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { localText } from '~/i18n/city-text';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { notFound } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { getCounter, saveCounter } from '~/domain/admin/organisation.server';
import { departmentOptions } from '~/domain/admin/users.server';
import { FormMessage } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { adminWrite, idParam, requireAdmin } from './admin.server';
import { CounterForm } from './forms';
import { counterSchema } from './schemas';

export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const counter = await getCounter(context.db, idParam(request, params.counterId));
  if (!counter) throw notFound(request);
  return {
    title: localText(language, counter.nameJa, counter.nameTranslations),
    counter,
    departments: await departmentOptions(context.db, language, 'ka'),
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const id = idParam(request, params.counterId);
  const parsed = parseForm(counterSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const fields = { ...parsed.data, locationJa: parsed.data.locationJa || null };
  const written = await adminWrite(request, () => saveCounter(context.db, id, fields, actor));
  if (!written.ok) return written.response;
  throw redirect(`/staff/admin/counters/${id}?saved=1`);
}

export default function AdminCounter() {
  const { t } = useT();
  const { title, counter, departments, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p><Link to="/staff/admin/counters">{t('admin:counters.back')}</Link></p>
      <h1>{title}</h1>
      {saved ? <FormMessage kind="success">{t('staff:form.saved')}</FormMessage> : null}
      <p><Link to={`/staff/admin/counters/${counter.id}/poster`}>{t('admin:counters.posterLink', { name: title })}</Link></p>
      <CounterForm values={counter} departments={departments} errors={actionData?.errors} submitLabel={t('staff:form.save')} />
    </>
  );
}
