import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { japanDate } from '~/japan-time';
import { listResidentRequests, recordResidentRequest } from '~/domain/resident-requests.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { SelectField, TextAreaField, TextField, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { newRequestSchema, REQUEST_KINDS } from './schemas';

// 開示・訂正・利用停止の請求: the open requests by decision date (overdue first), and the form
// to record a new one (the voices of the person are found and fixed on the request).
export const handle = { access: { signedIn: true, permission: 'resident_request:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'resident_request:manage');
  return {
    title: serverT(requestLanguage(request), 'staff')('requests.title'),
    requests: await listResidentRequests(context.db, japanDate(new Date())),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'resident_request:manage');
  const parsed = parseForm(newRequestSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const recorded = await recordResidentRequest(context.db, parsed.data, auditActor(request, context, user), new Date());
  throw redirect(`/staff/requests/${recorded.id}`);
}

export default function ResidentRequests() {
  const { t } = useT();
  const { requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useZodForm(newRequestSchema, actionData?.errors);
  return (
    <>
      <h1>{t('staff:requests.title')}</h1>
      <p>{t('staff:requests.lead')}</p>
      <table className="table">
        <thead><tr>
          <th scope="col">{t('staff:requests.number')}</th><th scope="col">{t('staff:requests.kind')}</th><th scope="col">{t('staff:requests.status')}</th>
          <th scope="col">{t('staff:requests.receivedOn')}</th><th scope="col">{t('staff:requests.decisionDue')}</th><th scope="col">{t('staff:requests.voices')}</th>
        </tr></thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id}>
              <td><Link to={`/staff/requests/${r.id}`}>#{r.id}</Link></td>
              <td>{t(`staff:requests.kinds.${r.kind}`)}{r.source === 'tracking' ? ` (${t('staff:requests.fromTracking')})` : ''}</td>
              <td>{t(`staff:requests.statuses.${r.status}`)}</td>
              <td>{r.receivedOn}</td>
              <td>{r.decisionDue}{r.overdue ? <strong className="overdue"> {t('staff:requests.overdue')}</strong> : null}</td>
              <td>{r.voices}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('staff:requests.newTitle')}</h2>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
        {form.errorFor('form') ? <p role="alert">{t(form.errorFor('form')!)}</p> : null}
        <SelectField form={form} name="kind" label={t('staff:requests.kind')} required
          options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`staff:requests.kinds.${k}`) }))} />
        <TextField form={form} name="requesterName" label={t('staff:requests.requesterName')} required />
        <TextField form={form} name="identityCheck" label={t('staff:requests.identityCheck')} required hint={t('staff:requests.identityCheckHint')} />
        <TextField form={form} name="receiptNumber" label={t('staff:requests.receiptNumber')} hint={t('staff:requests.keysHint')} />
        <TextField form={form} name="email" type="email" label={t('staff:requests.email')} />
        <TextField form={form} name="phone" type="tel" label={t('staff:requests.phone')} />
        <TextAreaField form={form} name="details" label={t('staff:requests.details')} rows={3} />
        <button type="submit" className="button button--primary">{t('staff:requests.record')}</button>
      </Form>
    </>
  );
}
