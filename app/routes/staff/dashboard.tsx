import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission, userHasPermission } from '~/auth/session.server';
import { mayorQueueSummary } from '~/domain/mayor-review.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { departmentName, listVisibleVoices } from '~/models/staff-voices.server';
import { MayorSummary } from './triage/mayor-summary';
import { japanDateFormat } from '~/japan-time';

// The backoffice landing page: who is signed in, the mayor's unread count and the age of the
// oldest (for the mayor), links to the saved inbox views, and the latest voices they may
// see, with a search box. Both the list and the search are narrowed to the user's 課.
export const handle = { access: { signedIn: true, permission: 'voice:read' } } satisfies { access: RouteAccess };

const searchSchema = z.object({ q: z.string().trim().max(100).catch('') });

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const language = requestLanguage(request);
  const { q } = searchSchema.parse({ q: new URL(request.url).searchParams.get('q') ?? '' });
  const voices = await listVisibleVoices(context.db, user, { query: q, language, limit: 20 });
  return {
    title: serverT(language, 'staff')('dashboard.title'),
    me: { displayName: user.displayName, role: user.role, departmentName: await departmentName(context.db, user.departmentId, language) },
    q,
    voices,
    mayorSummary: userHasPermission(user, 'mayor:review') ? await mayorQueueSummary(context.db) : null,
    views: [
      'all',
      ...(user.departmentId !== null ? ['my_department', 'assigned_to_me'] : []),
      ...(user.role === 'manager' ? ['awaiting_my_approval'] : []),
    ],
    hasDepartment: user.departmentId !== null,
  };
}

export default function Dashboard() {
  const { t, language } = useT();
  const { me, q, voices, mayorSummary, views, hasDepartment } = useLoaderData<typeof loader>();
  const dateFormat = japanDateFormat(language, { dateStyle: 'medium' });
  return (
    <>
      <h1>{t('staff:dashboard.title')}</h1>
      <section className="panel" aria-labelledby="me-title">
        <h2 id="me-title">{t('staff:dashboard.welcome', { name: me.displayName })}</h2>
        <dl className="facts">
          <dt>{t('staff:dashboard.role')}</dt>
          <dd>{t(`domain:role.${me.role}`)}</dd>
          <dt>{t('staff:dashboard.department')}</dt>
          <dd>{me.departmentName ?? t('staff:dashboard.noDepartment')}</dd>
        </dl>
      </section>

      {mayorSummary ? (
        <section className="panel" aria-labelledby="mayor-title">
          <h2 id="mayor-title">{t('triage:mayor.title')}</h2>
          <MayorSummary summary={mayorSummary} link />
        </section>
      ) : null}

      <nav className="panel" aria-labelledby="views-title">
        <h2 id="views-title">{t('triage:inbox.viewsLabel')}</h2>
        <ul className="saved-views">
          {views.map((v) => (
            <li key={v}><Link to={v === 'all' ? '/staff/inbox' : `/staff/inbox?view=${v}`}>{t(`triage:views.${v}`)}</Link></li>
          ))}
          {hasDepartment ? <li><Link to="/staff/department">{t('triage:department.title')}</Link></li> : null}
        </ul>
      </nav>

      <section aria-labelledby="voices-title">
        <h2 id="voices-title">{q ? t('staff:dashboard.resultsTitle', { query: q }) : t('staff:dashboard.latestTitle')}</h2>
        <Form method="get" role="search" className="search-form">
          <label htmlFor="voice-search">{t('staff:dashboard.searchLabel')}</label>
          <div className="search-form__row">
            <input id="voice-search" type="search" name="q" defaultValue={q} maxLength={100} />
            <button type="submit" className="button">{t('staff:dashboard.searchSubmit')}</button>
          </div>
        </Form>
        {voices.length === 0 ? (
          <p>{q ? t('staff:dashboard.noResults') : t('staff:dashboard.noVoices')}</p>
        ) : (
          <ul className="voice-list">
            {voices.map((v) => (
              <li key={v.receiptNumber}>
                <Link to={`/staff/voices/${v.receiptNumber}`} className="voice-list__title">{v.title}</Link>
                <span className="voice-list__meta">
                  <span>{v.receiptNumber}</span>
                  <span>{t(`domain:kind.${v.kind}`)}</span>
                  <span className={`status status--${v.status}`}>{t(`domain:status.${v.status}`)}</span>
                  <span>{dateFormat.format(new Date(v.receivedAt))}</span>
                  {v.departmentName ? <span>{v.departmentName}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
