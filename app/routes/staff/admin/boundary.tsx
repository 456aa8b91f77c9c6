import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { japanDateFormat } from '~/japan-time';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { cityBoundaryFormSchema } from '~/domain/place/city-boundary';
import { getCityBoundary, saveCityBoundary } from '~/domain/place/city-boundary.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { FormMessage, TextAreaField, TextField, TranslationFields, useZodForm } from '../ui/form';
import { parseForm, withTranslations } from '../ui/form-schema';
import { requireAdmin } from './admin.server';

// The city's boundary (GeoJSON) and what residents and staff are told about a place outside
// it. The geometry is not sent back to the page: it can be megabytes; its size and date are.
export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

// The domain's schema plus one `outsideHint:<language>` field per translation.
const boundaryFormSchema = withTranslations(cityBoundaryFormSchema, { outsideHint: 500 });

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const boundary = await getCityBoundary(context.db);
  const saved = Number(new URL(request.url).searchParams.get('saved'));
  return {
    title: serverT(requestLanguage(request), 'place')('boundary.title'),
    boundary: boundary
      ? { polygons: boundary.coordinates.length, vertices: boundary.vertexCount, updatedAt: boundary.updatedAt.toISOString(),
          outsideHintJa: boundary.outsideHintJa, outsideHintTranslations: boundary.outsideHintTranslations, referTo: boundary.referTo }
      : null,
    saved: Number.isInteger(saved) && saved > 0 ? saved : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const parsed = parseForm(boundaryFormSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await saveCityBoundary(context.db, parsed.data, actor);
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  throw redirect(`/staff/admin/boundary?saved=${result.vertices}`);
}

export default function AdminBoundary() {
  const { t, language } = useT();
  const { boundary, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(boundaryFormSchema, actionData?.errors);
  const date = japanDateFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <p><Link to="/staff/admin">{t('admin:back')}</Link></p>
      <h1>{t('place:boundary.title')}</h1>
      <p>{t('place:boundary.lead')}</p>
      {saved ? <FormMessage kind="success">{t('place:boundary.saved', { vertices: String(saved) })}</FormMessage> : null}
      <p className="boundary-current">
        {boundary
          ? t('place:boundary.current', { polygons: String(boundary.polygons), vertices: String(boundary.vertices), date: date.format(new Date(boundary.updatedAt)) })
          : t('place:boundary.none')}
      </p>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        <TextAreaField form={form} name="geojson" label={t('place:boundary.geojson')} hint={t('place:boundary.geojsonHint')} required rows={10}
          spellCheck={false} autoComplete="off" className="code" />
        <TextAreaField form={form} name="outsideHintJa" label={t('place:boundary.outsideHintJa')} hint={t('place:boundary.outsideHintHint')} required rows={3}
          defaultValue={boundary?.outsideHintJa ?? ''} lang="ja" />
        <TranslationFields form={form} field="outsideHint" label={t('place:boundary.outsideHint')} values={boundary?.outsideHintTranslations} multiline />
        <TextField form={form} name="referTo" label={t('place:boundary.referTo')} hint={t('place:boundary.referToHint')} required defaultValue={boundary?.referTo ?? ''} />
        <button type="submit" className="button button--primary">{t('place:boundary.save')}</button>
      </Form>
    </>
  );
}
