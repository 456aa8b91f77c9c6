import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { formatInstant } from '~/components/public/dates';
import { pageTitle } from '~/components/public/meta';
import { parsePublishedFilters } from '~/domain/published';
import { VOICE_KINDS } from '~/domain/voice-kinds';
import { useT } from '~/i18n/i18n';
import { contentLanguage } from '~/domain/text-language';
import { requestLanguage } from '~/i18n/resources.server';
import { listPublishedVoices } from '~/models/public-voices.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: pageTitle(matches, 'citizen:voices.title') }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const filters = parsePublishedFilters(new URL(request.url).searchParams);
  const result = await listPublishedVoices(context.db, filters, requestLanguage(request));
  return { filters, ...result };
}

function pageLink(filters: { q: string; kind: string | null; category: number | null }, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.category) params.set('category', String(filters.category));
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/voices?${query}` : '/voices';
}

export default function PublishedVoices() {
  const { t, language } = useT();
  const { filters, voices, total, pages, categories } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>{t('citizen:voices.title')}</h1>
      <p>{t('citizen:voices.lead')}</p>
      <section className="panel" aria-labelledby="filters-title">
        <h2 id="filters-title">{t('citizen:voices.filtersTitle')}</h2>
        <Form method="get" action="/voices" className="filters">
          <div className="field">
            <label htmlFor="voices-q">{t('citizen:voices.searchLabel')}</label>
            <p className="field-hint" id="voices-q-hint">{t('citizen:voices.searchHint')}</p>
            <input type="search" id="voices-q" name="q" defaultValue={filters.q} aria-describedby="voices-q-hint" />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="voices-kind">{t('citizen:voices.kindLabel')}</label>
              <select id="voices-kind" name="kind" defaultValue={filters.kind ?? ''}>
                <option value="">{t('citizen:voices.all')}</option>
                {VOICE_KINDS.map((kind) => <option key={kind} value={kind}>{t(`domain:kind.${kind}`)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="voices-category">{t('citizen:voices.categoryLabel')}</label>
              <select id="voices-category" name="category" defaultValue={filters.category ? String(filters.category) : ''}>
                <option value="">{t('citizen:voices.all')}</option>
                {categories.map((c) => <option key={c.id} value={String(c.id)}>{c.name}</option>)}
              </select>
            </div>
          </div>
          <p className="cta-row">
            <button type="submit" className="button button--primary">{t('citizen:voices.apply')}</button>
            <Link to="/voices" className="button">{t('citizen:voices.clear')}</Link>
          </p>
        </Form>
      </section>

      <p role="status" className="result-count">{t('citizen:voices.count', { count: total })}</p>
      {voices.length === 0 ? <p>{t('citizen:voices.none')}</p> : (
        <ul className="card-list voice-list">
          {voices.map((voice) => (
            <li key={voice.receiptNumber}>
              <p className="card-meta">
                <span className="tag">{t(`domain:kind.${voice.kind}`)}</span>
                {voice.category ? <span className="muted"> {voice.category}</span> : null}
              </p>
              <h2 className="card-title" lang={contentLanguage(voice.title)}><Link to={`/voices/${voice.receiptNumber}`}>{voice.title}</Link></h2>
              <p lang={contentLanguage(voice.excerpt)}>{voice.excerpt}</p>
              <p className="muted">
                {t('citizen:voices.published', { date: formatInstant(voice.publishedAt, language) })}
                {voice.replied ? <> · {t('citizen:voices.replied')}</> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label={t('citizen:voices.pagination')} className="pagination">
          {filters.page > 1 ? <Link to={pageLink(filters, filters.page - 1)} rel="prev">{t('citizen:voices.previous')}</Link> : null}
          <span>{t('citizen:voices.pageOf', { page: filters.page, pages })}</span>
          {filters.page < pages ? <Link to={pageLink(filters, filters.page + 1)} rel="next">{t('citizen:voices.next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
