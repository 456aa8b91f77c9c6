import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { localText } from '~/i18n/city-text';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import type { RouteAccess } from '~/auth/route-access';
import { notFound } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { addClosedDay, listClosedDays, removeClosedDay } from '~/domain/admin/organisation.server';
import { SelectField, TextField, TranslationFields, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { AdminListPage } from './list-page';
import { requireAdmin } from './admin.server';
import { closedDaySchema } from './schemas';
import { idText } from '~/utils/ids';

// The city calendar: days the city hall is closed besides weekends and national holidays.
// Reply target dates count business days against it.
export const handle = { access: { signedIn: true, permission: 'admin:manage' } } satisfies { access: RouteAccess };

const intentField = z.enum(['add', 'remove']);
const idField = idText;

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const language = requestLanguage(request);
  const rows = await listClosedDays(context.db);
  return {
    title: serverT(language, 'admin')('calendar.title'),
    days: rows.map((r) => ({ id: r.id, kind: r.kind, month: r.month, day: r.day, date: r.date, label: localText(language, r.labelJa, r.labelTranslations) })),
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, context);
  const form = await request.formData();
  const intent = intentField.safeParse(form.get('intent'));
  if (!intent.success) return data({ errors: { _form: 'staff:validation.badRequest' } as Record<string, string> }, { status: 400 });
  if (intent.data === 'remove') {
    const id = idField.safeParse(form.get('id'));
    if (!id.success || !(await removeClosedDay(context.db, id.data, actor))) throw notFound(request);
    throw redirect('/staff/admin/calendar?saved=removed');
  }
  const parsed = parseForm(closedDaySchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const v = parsed.data;
  await addClosedDay(context.db, v.kind === 'annual'
    ? { kind: 'annual', month: v.month!, day: v.day!, labelJa: v.labelJa, labelTranslations: v.labelTranslations }
    : { kind: 'date', date: v.date!, labelJa: v.labelJa, labelTranslations: v.labelTranslations }, actor);
  throw redirect('/staff/admin/calendar?saved=added');
}

export default function AdminCalendar() {
  const { t } = useT();
  const { days, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(closedDaySchema, actionData?.errors);
  return (
    <AdminListPage
      title={t('admin:calendar.title')}
      lead={<p>{t('admin:calendar.lead')}</p>}
      notice={saved ? t('staff:form.saved') : null}
      columns={[t('admin:calendar.when'), t('admin:calendar.label'), <span key="remove" className="visually-hidden">{t('admin:calendar.remove')}</span>]}
      rows={days.map((d) => (
        <tr key={d.id}>
          <td>{d.kind === 'annual' ? t('admin:calendar.everyYear', { date: `${d.month}/${d.day}` }) : d.date}</td>
          <td>{d.label}</td>
          <td>
            <Form method="post">
              <input type="hidden" name="id" value={d.id} />
              <button type="submit" name="intent" value="remove" className="button-link">
                {t('admin:calendar.remove')}<span className="visually-hidden"> {d.label} {d.date ?? `${d.month}/${d.day}`}</span>
              </button>
            </Form>
          </td>
        </tr>
      ))}
      formTitle={t('admin:calendar.newTitle')}
    >
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack" key={days.length}>
        <SelectField form={form} name="kind" label={t('admin:calendar.kind')} defaultValue="date"
          options={[{ value: 'date', label: t('admin:calendar.kinds.date') }, { value: 'annual', label: t('admin:calendar.kinds.annual') }]} />
        <TextField form={form} name="date" type="date" label={t('admin:calendar.date')} hint={t('admin:calendar.dateHint')} />
        <TextField form={form} name="month" inputMode="numeric" label={t('admin:calendar.month')} hint={t('admin:calendar.annualHint')} />
        <TextField form={form} name="day" inputMode="numeric" label={t('admin:calendar.day')} />
        <TextField form={form} name="labelJa" label={t('admin:calendar.labelJa')} required lang="ja" />
        <TranslationFields form={form} field="label" label={t('admin:calendar.label')} />
        <button type="submit" name="intent" value="add" className="button button--primary">{t('admin:create')}</button>
      </Form>
    </AdminListPage>
  );
}
