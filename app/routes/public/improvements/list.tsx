import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { formatInstant } from '~/components/public/dates';
import { pageTitle } from '~/components/public/meta';
import { listPublicImprovements } from '~/domain/improvements/records.server';
import { useT } from '~/i18n/i18n';
import { contentLanguage } from '~/domain/text-language';
import { requestLanguage } from '~/i18n/resources.server';

// "You said, we did": closed improvement records, what changed, and the residents' voices
// (published titles only) that started them.

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: pageTitle(matches, 'improvement:public.title') }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = Math.max(1, Math.min(10_000, Math.trunc(Number(new URL(request.url).searchParams.get('page')) || 1)));
  const result = await listPublicImprovements(context.db, requestLanguage(request), { page });
  return { ...result, pages: Math.max(1, Math.ceil(result.total / result.pageSize)) };
}

export default function PublicImprovements() {
  const { t, language } = useT();
  const { items, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <div className="improvements-page">
      <h1>{t('improvement:public.title')}</h1>
      <p>{t('improvement:public.lead')}</p>
      <p role="status" className="result-count">{t('improvement:public.count', { count: total })}</p>
      {items.length === 0 ? <p>{t('improvement:public.none')}</p> : (
        <ul className="card-list improvement-list">
          {items.map((item) => (
            <li key={item.number}>
              <p className="card-meta">
                <span className="tag">{t(`improvement:public.typeForResidents.${item.type}`)}</span> <span className="muted">{item.department}</span>
              </p>
              <h2 className="card-title" lang={contentLanguage(item.title)}><Link to={`/improvements/${item.number}`}>{item.title}</Link></h2>
              {item.summary ? <p className="improvement-summary" lang={contentLanguage(item.summary)}>{item.summary}</p> : null}
              <p className="muted">{t('improvement:public.closedOn', { date: formatInstant(item.closedAt, language) })}</p>
              {item.voices.length > 0 ? (
                <>
                  <h3 className="improvement-voices-title">{t('improvement:public.voicesTitle')}</h3>
                  <ul className="improvement-voices">
                    {item.voices.map((v) => <li key={v.receiptNumber} lang={contentLanguage(v.title)}><Link to={`/voices/${v.receiptNumber}`}>{v.title}</Link></li>)}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label={t('improvement:ui.pagination')} className="pagination">
          {page > 1 ? <Link to={page === 2 ? '/improvements' : `/improvements?page=${page - 1}`} rel="prev">{t('improvement:ui.previous')}</Link> : null}
          <span>{t('improvement:ui.pageOf', { page, pages })}</span>
          {page < pages ? <Link to={`/improvements?page=${page + 1}`} rel="next">{t('improvement:ui.next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
