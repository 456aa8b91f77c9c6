import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { localText } from '~/i18n/city-text';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import type { RouteAccess } from '~/auth/route-access';
import { notFound } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/resources.server';
import { getCategory, listTemplates, saveCategory, saveTemplate } from '~/domain/admin/organisation.server';
import { departmentOptions } from '~/domain/admin/users.server';
import { FormMessage } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { adminWrite, idParam, requireAdmin } from './admin.server';
import { CategoryForm, TemplateForm } from './forms';
import { categorySchema, templateSchema } from './schemas';
import { MAX_ID } from '~/utils/ids';

// One category: its routing to a 課, reply target days, and its reply templates.
export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

const intentField = z.enum(['save', 'template']);
const templateIdField = z.preprocess((v) => (v === null || v === '' ? null : Number(v)), z.number().int().positive().max(MAX_ID).nullable());

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const category = await getCategory(context.db, idParam(request, params.categoryId));
  if (!category) throw notFound(request);
  return {
    title: localText(language, category.nameJa, category.nameTranslations),
    category,
    templates: await listTemplates(context.db, category.id),
    departments: await departmentOptions(context.db, language, 'ka'),
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const id = idParam(request, params.categoryId);
  const form = await request.formData();
  const intent = intentField.safeParse(form.get('intent'));
  if (!intent.success) return data({ target: null, errors: { _form: 'staff:validation.badRequest' } as Record<string, string> }, { status: 400 });

  if (intent.data === 'template') {
    const templateId = templateIdField.safeParse(form.get('templateId'));
    if (!templateId.success) return data({ target: null, errors: { _form: 'staff:validation.badRequest' } as Record<string, string> }, { status: 400 });
    const target = templateId.data === null ? 'new' : String(templateId.data);
    const parsed = parseForm(templateSchema, form);
    if (!parsed.ok) return data({ target, errors: parsed.errors }, { status: 400 });
    if (!(await getCategory(context.db, id))) throw notFound(request);
    const written = await adminWrite(request, () => saveTemplate(context.db, id, templateId.data, parsed.data, actor), { target });
    if (!written.ok) return written.response;
    throw redirect(`/staff/admin/categories/${id}?saved=template`);
  }

  const parsed = parseForm(categorySchema, form);
  if (!parsed.ok) return data({ target: 'category', errors: parsed.errors }, { status: 400 });
  const written = await adminWrite(request, () => saveCategory(context.db, id, parsed.data, actor), { target: 'category' });
  if (!written.ok) return written.response;
  throw redirect(`/staff/admin/categories/${id}?saved=category`);
}

export default function AdminCategory() {
  const { t } = useT();
  const { title, category, templates, departments, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (target: string) => (actionData?.target === target ? actionData.errors : null);
  return (
    <>
      <p><Link to="/staff/admin/categories">{t('admin:categories.back')}</Link></p>
      <h1>{title}</h1>
      {saved ? <FormMessage kind="success">{t('staff:form.saved')}</FormMessage> : null}
      <section className="panel" aria-labelledby="category-title">
        <h2 id="category-title">{t('admin:categories.settingsTitle')}</h2>
        <CategoryForm values={category} departments={departments} errors={errorsFor('category')} submitLabel={t('staff:form.save')} />
      </section>
      <section aria-labelledby="templates-title">
        <h2 id="templates-title">{t('admin:templates.title')}</h2>
        <p>{t('admin:templates.lead')}</p>
        {templates.map((tpl) => (
          <details key={tpl.id} className="panel" open={actionData?.target === String(tpl.id)}>
            <summary>{tpl.title}{tpl.active ? '' : ` (${t('admin:inactive')})`}</summary>
            <TemplateForm values={tpl} errors={errorsFor(String(tpl.id))} submitLabel={t('staff:form.save')} />
          </details>
        ))}
        <div className="panel">
          <h3>{t('admin:templates.newTitle')}</h3>
          <TemplateForm key={templates.length} errors={errorsFor('new')} submitLabel={t('admin:create')} />
        </div>
      </section>
    </>
  );
}
