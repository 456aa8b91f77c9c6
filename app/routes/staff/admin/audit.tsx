import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { auditActions, auditPeople, listAuditEntries } from '~/audit/audit-log.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { auditFilterSchema } from './schemas';
import { japanDateFormat } from '~/japan-time';

// The audit log: who did what to which record, when and from where. Read-only by design.
export const handle = { access: { signedIn: true, permission: 'audit:read' } } satisfies { access: RouteAccess };

const PAGE_SIZE = 50;

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'audit:read');
  const url = new URL(request.url);
  const filter = auditFilterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')));
  const entries = await listAuditEntries(context.db, filter, PAGE_SIZE + 1);
  const people = await auditPeople(context.db);
  const query = new URLSearchParams([...url.searchParams].filter(([k, v]) => k !== 'before' && v !== ''));
  return {
    title: serverT(requestLanguage(request), 'admin')('audit.title'),
    filter,
    entries: entries.slice(0, PAGE_SIZE),
    nextBefore: entries.length > PAGE_SIZE ? entries[PAGE_SIZE - 1]!.id : null,
    actions: await auditActions(context.db),
    people,
    query: query.toString(),
  };
}

export default function AdminAudit() {
  const { t, language } = useT();
  const { filter, entries, nextBefore, actions, people, query } = useLoaderData<typeof loader>();
  const dateTime = japanDateFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  const withQuery = (extra: Record<string, string>) => {
    const params = new URLSearchParams(query);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return params.toString();
  };
  return (
    <>
      <p><Link to="/staff/admin">{t('admin:back')}</Link></p>
      <h1>{t('admin:audit.title')}</h1>
      <p>{t('admin:audit.lead')}</p>
      <Form method="get" className="panel filters" aria-label={t('admin:audit.filters')}>
        <div className="field">
          <label htmlFor="audit-from">{t('admin:audit.from')}</label>
          <input id="audit-from" type="date" name="from" defaultValue={filter.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('admin:audit.to')}</label>
          <input id="audit-to" type="date" name="to" defaultValue={filter.to ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-user">{t('admin:audit.user')}</label>
          <select id="audit-user" name="userId" defaultValue={filter.userId ? String(filter.userId) : ''}>
            <option value="">{t('admin:audit.anyone')}</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('admin:audit.action')}</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">{t('admin:audit.anyAction')}</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity-type">{t('admin:audit.entityType')}</label>
          <input id="audit-entity-type" name="entityType" defaultValue={filter.entityType ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-entity-id">{t('admin:audit.entityId')}</label>
          <input id="audit-entity-id" name="entityId" defaultValue={filter.entityId ?? ''} />
        </div>
        <div className="actions-row">
          <button type="submit" className="button button--primary">{t('admin:audit.apply')}</button>
          <Link to="/staff/admin/audit">{t('admin:audit.clear')}</Link>
        </div>
      </Form>
      <p>
        <a href={`/staff/admin/audit.csv${query ? `?${query}` : ''}`} download>{t('admin:audit.export')}</a>
      </p>
      {entries.length === 0 ? <p>{t('admin:audit.none')}</p> : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('admin:audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin:audit.at')}</th>
                <th scope="col">{t('admin:audit.user')}</th>
                <th scope="col">{t('admin:audit.action')}</th>
                <th scope="col">{t('admin:audit.record')}</th>
                <th scope="col">{t('admin:audit.from_where')}</th>
                <th scope="col">{t('admin:audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime.format(new Date(e.at))}</td>
                  <td>{e.userName ?? '—'}</td>
                  <td><code>{e.action}</code></td>
                  <td>{e.entityType}{e.entityId ? ` #${e.entityId}` : ''}</td>
                  <td>{e.ip ?? '—'}</td>
                  <td><code>{Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : ''}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore ? <p className="pager"><Link to={`/staff/admin/audit?${withQuery({ before: String(nextBefore) })}`}>{t('admin:audit.older')}</Link></p> : null}
    </>
  );
}
