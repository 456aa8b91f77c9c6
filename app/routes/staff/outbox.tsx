import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { listOutbox, retryDeadLetter, retryFormSchema, type OutboxListItem } from '~/email/outbox-admin.server';
import { OUTBOX_FILTERS } from '~/email/outbox-filters';
import { maskAddress } from '~/email/transport.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { templateLabel } from '../email/mail-view';
import { StaffFrame, StaffFrameError, staffFrameLinks, staffFrameMeta } from '../email/staff-frame';
import { loadStaffFrame } from '../email/staff-frame.server';
import { idText } from '~/utils/ids';
import { japanDateFormat } from '~/japan-time';

// /staff/outbox: every mail by status (kept, waiting, sent, failed), and "send again" for a
// failed one. Residents' addresses are partly hidden here; the message page shows them
// (audited) to those who may see contact details.

export const handle = { access: { signedIn: true, permission: 'outbox:manage' }, chrome: 'staff' } satisfies { access: RouteAccess; chrome: string };

export const links = staffFrameLinks;

export const meta: MetaFunction<typeof loader> = (args) => staffFrameMeta('outboxPage.title', args.data?.title, args);

const listQuery = z.object({
  status: z.enum(OUTBOX_FILTERS).catch('all'),
  page: z.coerce.number().int().min(1).catch(1),
  retried: idText.optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  await requireUserWithPermission(request, context, 'outbox:manage');
  const query = listQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const outbox = await listOutbox(context.db, { status: query.status, page: query.page });
  const items: OutboxListItem[] = outbox.items.map((item) => (item.audience === 'resident' ? { ...item, toAddress: maskAddress(item.toAddress) } : item));
  return {
    chrome: await loadStaffFrame(args),
    title: serverT(requestLanguage(request), 'email')('outboxPage.title'),
    ...outbox,
    items,
    filter: query.status,
    retried: query.retried ?? null,
    keptMode: !context.config.RESEND_API_KEY,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'outbox:manage');
  const parsed = retryFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: 'invalidRetry' as const }, { status: 400 });
  const retried = await retryDeadLetter(context.db, parsed.data.messageId, auditActor(request, context, user));
  if (!retried) return data({ error: 'notDead' as const }, { status: 409 });
  throw redirect(`/staff/outbox?status=pending&retried=${parsed.data.messageId}`);
}

function useDateTime() {
  const { language } = useT();
  const format = japanDateFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  return (iso: string | null) => (iso ? format.format(new Date(iso)) : '—');
}

export default function Outbox() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT('email');
  const formatDateTime = useDateTime();
  const pageLink = (n: number) => `/staff/outbox?${new URLSearchParams({ status: page.filter, page: String(n) })}`;
  return (
    <StaffFrame chrome={page.chrome}>
      <h1>{t('outboxPage.title')}</h1>
      <p>{t('outboxPage.lead')}</p>
      {page.keptMode ? <p className="notice notice--warning">{t('outboxPage.keptNotice')}</p> : null}
      {page.retried ? <p className="notice notice--success" role="status">{t('outboxPage.retried', { id: page.retried })}</p> : null}
      {actionData?.error ? <p className="notice notice--error" role="alert">{t(`outboxPage.${actionData.error}`)}</p> : null}
      <p><Link to="/staff/email-previews">{t('outboxPage.previewsLink')}</Link></p>

      <nav aria-label={t('outboxPage.filterLabel')}>
        <ul className="filter-list" style={{ display: 'flex', flexWrap: 'wrap', gap: '.25rem 1rem', listStyle: 'none', padding: 0 }}>
          {OUTBOX_FILTERS.map((f) => (
            <li key={f}>
              <Link to={`/staff/outbox?status=${f}`} aria-current={page.filter === f ? 'page' : undefined} style={page.filter === f ? { fontWeight: 700 } : undefined}>
                {t(`outboxPage.filter.${f}`)} ({page.counts[f]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {page.items.length === 0 ? <p>{t('outboxPage.empty')}</p> : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t(`outboxPage.filter.${page.filter}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outboxPage.columns.id')}</th>
                <th scope="col">{t('outboxPage.columns.createdAt')}</th>
                <th scope="col">{t('outboxPage.columns.template')}</th>
                <th scope="col">{t('outboxPage.columns.to')}</th>
                <th scope="col">{t('outboxPage.columns.status')}</th>
                <th scope="col">{t('outboxPage.columns.attempts')}</th>
                <th scope="col">{t('outboxPage.columns.lastError')}</th>
                <th scope="col">{t('outboxPage.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((item) => (
                <tr key={item.id}>
                  <td>{item.id}</td>
                  <td>{formatDateTime(item.createdAt)}</td>
                  <td>{templateLabel(t, item.template)}</td>
                  <td>{item.toAddress}</td>
                  <td>{t(`outboxPage.status.${item.status}`)}</td>
                  <td>{item.attempts}</td>
                  <td>{item.lastError ?? '—'}</td>
                  <td>
                    <Link to={`/staff/outbox/${item.id}`}>{t('outboxPage.view')}<span className="visually-hidden"> {item.id}</span></Link>
                    {item.status === 'dead' ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="messageId" value={item.id} />
                        <button type="submit" className="button">{t('outboxPage.retry')}<span className="visually-hidden"> {item.id}</span></button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">{t('outboxPage.maskedNote')}</p>
      {page.pageCount > 1 ? (
        <nav aria-label={t('outboxPage.pageOf', { page: page.page, pages: page.pageCount })}>
          <p>
            {page.page > 1 ? <Link to={pageLink(page.page - 1)} rel="prev">{t('outboxPage.previous')}</Link> : null}
            {' '}{t('outboxPage.pageOf', { page: page.page, pages: page.pageCount })}{' '}
            {page.page < page.pageCount ? <Link to={pageLink(page.page + 1)} rel="next">{t('outboxPage.next')}</Link> : null}
          </p>
        </nav>
      ) : null}
    </StaffFrame>
  );
}

export const ErrorBoundary = StaffFrameError;
