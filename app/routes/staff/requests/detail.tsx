import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { notFound, requireUserWithPermission } from '~/auth/session.server';
import {
  correctContact, decideResidentRequest, eraseRequestedVoices, getResidentRequest,
} from '~/domain/resident-requests.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { photoStorageFor } from '~/storage/photo-storage.server';
import { FormMessage, SelectField, TextAreaField, TextField, useZodForm } from '../ui/form';
import { parseForm } from '../ui/form-schema';
import { correctSchema, decideSchema } from './schemas';
import { runWrite } from '../write-answer.server';

// One request: the voices found, the 決裁 (by someone other than who recorded it), then the
// step its kind calls for — disclosure downloads, a correction, or erasure now.
export const handle = { access: { signedIn: true, permission: 'resident_request:manage' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

function requestId(request: Request, value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound(request);
  return id;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'resident_request:manage');
  const found = await getResidentRequest(context.db, requestId(request, params.requestId));
  if (!found) throw notFound(request);
  const { request: r, voices } = found;
  return {
    title: serverT(requestLanguage(request), 'staff')('requests.title'),
    request: {
      id: r.id, kind: r.kind, status: r.status, source: r.source, requesterName: r.requesterName, identityCheck: r.identityCheck, details: r.details,
      receivedOn: r.receivedOn, decisionDue: r.decisionDue, decisionNote: r.decisionNote, recordedById: r.recordedById,
    },
    voices: voices.map((v) => ({ id: v.id, receiptNumber: v.receiptNumber, title: v.title, erased: v.erasedAt !== null })),
    done: new URL(request.url).searchParams.get('done'),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'resident_request:manage');
  const id = requestId(request, params.requestId);
  const actor = auditActor(request, context, user);
  const form = await request.formData();
  const intent = form.get('intent');
  let write: () => Promise<unknown>;
  if (intent === 'decide') {
    const parsed = parseForm(decideSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    write = () => decideResidentRequest(context.db, id, { approve: parsed.data.decision === 'approve', note: parsed.data.note }, actor, new Date());
  } else if (intent === 'correct') {
    const parsed = parseForm(correctSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    const { submissionId, ...fields } = parsed.data;
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
    write = () => correctContact(context.db, id, { submissionId, ...given }, actor, new Date());
  } else if (intent === 'erase') {
    write = () => eraseRequestedVoices(context.db, photoStorageFor(context.config), id, actor, new Date());
  } else {
    return data({ errors: { form: 'staff:validation.required' } }, { status: 400 });
  }
  const written = await runWrite(request, write, (error) => data({ errors: { form: error.messageKey } }, { status: error.status }));
  if (!written.ok) return written.response;
  throw redirect(`/staff/requests/${id}?done=${intent}`);
}

export default function ResidentRequest() {
  const { t } = useT();
  const { request: r, voices, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const decideForm = useZodForm(decideSchema, actionData?.errors);
  const correctForm = useZodForm(correctSchema, actionData?.errors);
  const formError = actionData?.errors && 'form' in actionData.errors ? actionData.errors.form : undefined;
  return (
    <>
      <p><Link to="/staff/requests">{t('staff:requests.back')}</Link></p>
      <h1>{t('staff:requests.one', { id: r.id, kind: t(`staff:requests.kinds.${r.kind}`) })}</h1>
      {done ? <FormMessage kind="success">{t(`staff:requests.done.${done}`)}</FormMessage> : null}
      {formError ? <FormMessage kind="error">{t(formError)}</FormMessage> : null}
      <dl className="facts">
        <dt>{t('staff:requests.status')}</dt><dd>{t(`staff:requests.statuses.${r.status}`)}</dd>
        <dt>{t('staff:requests.receivedOn')}</dt><dd>{r.receivedOn}</dd>
        <dt>{t('staff:requests.decisionDue')}</dt><dd>{r.decisionDue}</dd>
        <dt>{t('staff:requests.requesterName')}</dt><dd>{r.requesterName ?? '—'}</dd>
        <dt>{t('staff:requests.identityCheck')}</dt><dd>{r.identityCheck ?? '—'}</dd>
        <dt>{t('staff:requests.details')}</dt><dd>{r.details ?? '—'}</dd>
        {r.decisionNote ? <><dt>{t('staff:requests.note')}</dt><dd>{r.decisionNote}</dd></> : null}
      </dl>
      <h2>{t('staff:requests.voicesFound', { count: voices.length })}</h2>
      <ul>
        {voices.map((v) => (
          <li key={v.id}><Link to={`/staff/voices/${v.receiptNumber}`}>{v.receiptNumber}</Link> {v.title}{v.erased ? ` (${t('staff:requests.erased')})` : ''}</li>
        ))}
      </ul>

      {r.status === 'recorded' ? (
        <Form method="post" noValidate onSubmit={decideForm.onSubmit} className="stack">
          <h2>{t('staff:requests.decideTitle')}</h2>
          <p>{t('staff:requests.decideHint')}</p>
          <input type="hidden" name="intent" value="decide" />
          <SelectField form={decideForm} name="decision" label={t('staff:requests.decision')} required
            options={[{ value: 'approve', label: t('staff:requests.approve') }, { value: 'reject', label: t('staff:requests.reject') }]} />
          <TextAreaField form={decideForm} name="note" label={t('staff:requests.note')} rows={2} />
          <button type="submit" className="button button--primary">{t('staff:requests.decide')}</button>
        </Form>
      ) : null}

      {r.kind === 'disclosure' && (r.status === 'approved' || r.status === 'completed') ? (
        <section>
          <h2>{t('staff:requests.exportTitle')}</h2>
          <p>
            <a href={`/staff/requests/${r.id}/held-data/html`} download>{t('staff:requests.exportHtml')}</a>
            {' · '}
            <a href={`/staff/requests/${r.id}/held-data/json`} download>{t('staff:requests.exportJson')}</a>
          </p>
        </section>
      ) : null}

      {r.kind === 'correction' && r.status === 'approved' ? (
        <Form method="post" noValidate onSubmit={correctForm.onSubmit} className="stack">
          <h2>{t('staff:requests.correctTitle')}</h2>
          <input type="hidden" name="intent" value="correct" />
          <SelectField form={correctForm} name="submissionId" label={t('staff:requests.voice')} required
            options={voices.map((v) => ({ value: String(v.id), label: v.receiptNumber }))} />
          <TextField form={correctForm} name="familyName" label={t('staff:requests.familyName')} />
          <TextField form={correctForm} name="givenName" label={t('staff:requests.givenName')} />
          <TextField form={correctForm} name="email" type="email" label={t('staff:requests.email')} />
          <TextField form={correctForm} name="phone" type="tel" label={t('staff:requests.phone')} />
          <TextField form={correctForm} name="address" label={t('staff:requests.address')} />
          <button type="submit" className="button button--primary">{t('staff:requests.correct')}</button>
        </Form>
      ) : null}

      {r.kind === 'erasure' && r.status === 'approved' ? (
        <Form method="post">
          <h2>{t('staff:requests.eraseTitle')}</h2>
          <p>{t('staff:requests.eraseHint')}</p>
          <input type="hidden" name="intent" value="erase" />
          <button type="submit" className="button button--danger">{t('staff:requests.erase')}</button>
        </Form>
      ) : null}
    </>
  );
}
