import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { recordManagementReview } from '~/domain/reports/management-review.server';
import { runWrite } from '../write-answer.server';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import reportStylesHref from '~/styles/report.css?url';
import { FormMessage, TextAreaField, TextField, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { readPeriodFilter, todayInJapan } from './analytics.server';
import { reviewFormSchema } from './review-forms';
import { useFigures } from './ui/format';

// /staff/analytics/reviews/new: the reform team records a management review as held (title,
// period, date, minutes); its decisions are added on the review's page.

export const handle = { access: { signedIn: true, permission: 'improvement:manage' } } satisfies { access: RouteAccess };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'improvement:manage');
  const today = todayInJapan();
  const { period, fiscalYear } = readPeriodFilter(request, today);
  const t = serverT(requestLanguage(request), 'analytics');
  return {
    title: t('review.recordNew'),
    defaults: {
      title: fiscalYear !== null ? t('review.defaultTitle', { year: fiscalYear }) : '',
      from: period?.from ?? '', to: period?.to ?? '', heldOn: today,
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:manage');
  const parsed = parseForm(reviewFormSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const v = parsed.data;
  const written = await runWrite(request, () => recordManagementReview(context.db, { user, audit: auditActor(request, context, user) }, {
    title: v.title, period: { from: v.from, to: v.to }, heldOn: v.heldOn, notes: v.notes || null,
  }), (error) => data({ errors: { _form: error.messageKey } as Record<string, string> }, { status: error.status }), []);
  if (!written.ok) return written.response;
  throw redirect(`/staff/analytics/reviews/${written.value.id}?saved=1`);
}

export default function NewReview() {
  const { defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(reviewFormSchema, actionData?.errors);
  const { t } = useFigures();
  return (
    <div className="analytics">
      <p><Link to="/staff/analytics/review">{t('review.backToReport')}</Link></p>
      <h1>{t('review.recordNew')}</h1>
      <p>{t('review.recordLead')}</p>
      {actionData?.errors._form ? <FormMessage kind="error">{t(actionData.errors._form)}</FormMessage> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack panel">
        <TextField form={form} name="title" label={t('review.fields.title')} required defaultValue={defaults.title} />
        <TextField form={form} name="from" type="date" label={t('period.from')} required defaultValue={defaults.from} />
        <TextField form={form} name="to" type="date" label={t('period.to')} required defaultValue={defaults.to} />
        <TextField form={form} name="heldOn" type="date" label={t('review.heldOn')} defaultValue={defaults.heldOn} />
        <TextAreaField form={form} name="notes" label={t('review.fields.notes')} hint={t('review.fields.notesHint')} rows={6} />
        <button type="submit" className="button button--primary">{t('review.record')}</button>
      </Form>
    </div>
  );
}
