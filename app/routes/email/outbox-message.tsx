import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { auditActor, recordAudit } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { notFound, requireUserWithPermission, userHasPermission } from '~/auth/session.server';
import { getOutboxMessage, renderOutboxMessage, retryDeadLetter, retryFormSchema } from '~/email/outbox-admin.server';
import { maskAddress } from '~/email/transport.server';
import { useT } from '~/i18n/i18n';
import { useLanguageName } from '~/components/language-switch';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { MailView, templateLabel } from './mail-view';
import { StaffFrame, StaffFrameError, staffFrameLinks, staffFrameMeta } from './staff-frame';
import { loadStaffFrame } from './staff-frame.server';
import { parseId } from '~/utils/ids';
import { japanDateFormat } from '~/japan-time';

// /staff/outbox/:messageId: one message with its state and as the recipient reads it.

export const handle = { access: { signedIn: true, permission: 'outbox:manage' }, chrome: 'staff' } satisfies { access: RouteAccess; chrome: string };

export const links = staffFrameLinks;

export const meta: MetaFunction<typeof loader> = (args) => staffFrameMeta('outboxPage.title', args.data?.title, args);

function messageIdOf(value: string | undefined): number | null {
  return value && /^[1-9]\d{0,9}$/.test(value) ? parseId(value) : null;
}

export async function loader(args: LoaderFunctionArgs) {
  const { request, context, params } = args;
  const user = await requireUserWithPermission(request, context, 'outbox:manage');
  const id = messageIdOf(params.messageId);
  const message = id === null ? null : await getOutboxMessage(context.db, id);
  if (!message) throw notFound(request);
  // A resident's address is contact data: shown (and audited) only to those who may see it.
  const showAddress = message.audience === 'staff' || userHasPermission(user, 'voice:contact_view');
  if (message.audience === 'resident' && showAddress) {
    await recordAudit(context.db, {
      ...auditActor(request, context, user), action: 'contact.view', entityType: 'submission', entityId: message.submissionId,
      details: { via: 'email_outbox', outboxId: message.id, template: message.template },
    });
  }
  const { payload: _payload, ...facts } = message;
  return {
    chrome: await loadStaffFrame(args),
    title: serverT(requestLanguage(request), 'email')('messagePage.title', { id: message.id }),
    message: { ...facts, toAddress: showAddress ? message.toAddress : maskAddress(message.toAddress) },
    rendered: await renderOutboxMessage(context.db, message, { appUrl: context.config.APP_URL }),
    retried: new URL(request.url).searchParams.get('retried') === '1',
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'outbox:manage');
  const parsed = retryFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success || String(parsed.data.messageId) !== params.messageId) return data({ error: 'invalidRetry' as const }, { status: 400 });
  if (!(await retryDeadLetter(context.db, parsed.data.messageId, auditActor(request, context, user)))) {
    return data({ error: 'notDead' as const }, { status: 409 });
  }
  throw redirect(`/staff/outbox/${parsed.data.messageId}?retried=1`);
}

export default function OutboxMessage() {
  const { message, rendered, retried, chrome } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, language } = useT('email');
  const languageName = useLanguageName();
  const format = japanDateFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  const when = (iso: string | null) => (iso ? format.format(new Date(iso)) : '—');
  return (
    <StaffFrame chrome={chrome}>
      <p><Link to="/staff/outbox">{t('messagePage.back')}</Link></p>
      <h1>{t('messagePage.title', { id: message.id })}</h1>
      {retried ? <p className="notice notice--success" role="status">{t('outboxPage.retried', { id: message.id })}</p> : null}
      {actionData?.error ? <p className="notice notice--error" role="alert">{t(`outboxPage.${actionData.error}`)}</p> : null}
      <dl className="facts">
        <dt>{t('messagePage.facts.template')}</dt><dd>{templateLabel(t, message.template)}</dd>
        <dt>{t('messagePage.facts.to')}</dt><dd>{message.toAddress}</dd>
        <dt>{t('messagePage.facts.language')}</dt><dd>{languageName(message.language)}</dd>
        <dt>{t('messagePage.facts.status')}</dt><dd>{t(`outboxPage.status.${message.status}`)}</dd>
        <dt>{t('messagePage.facts.attempts')}</dt><dd>{message.attempts}</dd>
        <dt>{t('messagePage.facts.createdAt')}</dt><dd>{when(message.createdAt)}</dd>
        <dt>{t('messagePage.facts.sentAt')}</dt><dd>{when(message.sentAt)}</dd>
        {message.status === 'pending' ? <><dt>{t('messagePage.facts.nextAttemptAt')}</dt><dd>{when(message.nextAttemptAt)}</dd></> : null}
        <dt>{t('messagePage.facts.lastError')}</dt><dd>{message.lastError ?? '—'}</dd>
        <dt>{t('messagePage.facts.providerId')}</dt><dd>{message.providerMessageId ?? '—'}</dd>
      </dl>
      {message.status === 'dead' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry" />
          <input type="hidden" name="messageId" value={message.id} />
          <button type="submit" className="button button--primary">{t('outboxPage.retry')}</button>
        </Form>
      ) : null}
      {rendered.ok ? <MailView mail={rendered.mail} /> : <p className="notice notice--error">{t('messagePage.renderError', { reason: rendered.reason })}</p>}
    </StaffFrame>
  );
}

export const ErrorBoundary = StaffFrameError;
