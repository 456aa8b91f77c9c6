import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { formatInstant } from '~/components/public/dates';
import { pageTitle, textTitle } from '~/components/public/meta';
import { useT } from '~/i18n/i18n';
import { contentLanguage } from '~/domain/text-language';
import { requestLanguage } from '~/i18n/resources.server';
import { getPublicImprovement } from '~/models/public-improvements.server';

// One closed improvement, as residents see it: what changed, and the voices behind it.

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches, data: d }) => [
  { title: d ? textTitle(matches, d.title) : pageTitle(matches, 'improvement:public.title') },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const record = await getPublicImprovement(context.db, requestLanguage(request), params.number ?? '');
  if (!record) throw data(null, { status: 404 });
  return record;
}

type PublicPhoto = { id: number; label: 'before' | 'after'; caption: string; width: number; height: number; full: string; thumb: string };

/** The before/after photos staff chose to publish, as thumbnails linking to the full photo. */
function ImprovementPhotos({ photos }: { photos: PublicPhoto[] }) {
  const { t } = useT();
  if (photos.length === 0) return null;
  return (
    <section aria-labelledby="improvement-photos-title">
      <h2 id="improvement-photos-title">{t('improvement:public.photosTitle')}</h2>
      <ul className="photo-list">
        {photos.map((p) => {
          const scale = Math.min(1, 240 / Math.max(p.width, p.height, 1));
          const label = t(`improvement:ui.photos.label.${p.label}`);
          return (
            <li key={p.id} className="photo-list__item">
              <figure>
                <a href={p.full} className="photo-list__link">
                  <img src={p.thumb} alt={t('improvement:public.photoAlt', { label, caption: p.caption })} loading="lazy" decoding="async"
                    width={Math.max(1, Math.round(p.width * scale))} height={Math.max(1, Math.round(p.height * scale))} />
                </a>
                <figcaption><strong>{label}</strong> <span lang={contentLanguage(p.caption)}>{p.caption}</span></figcaption>
              </figure>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export default function PublicImprovement() {
  const { t, language } = useT();
  const r = useLoaderData<typeof loader>();
  return (
    <article className="improvement-page">
      <p><Link to="/improvements">{t('improvement:public.back')}</Link></p>
      <p className="card-meta"><span className="tag">{t(`improvement:public.typeForResidents.${r.type}`)}</span> <span className="muted">{t(`improvement:level.${r.level}`)}</span></p>
      <h1 lang={contentLanguage(r.title)}>{r.title}</h1>
      <dl className="facts">
        <dt>{t('improvement:public.department')}</dt><dd>{r.department}</dd>
        <dt>{t('improvement:public.closed')}</dt><dd>{formatInstant(r.closedAt, language)}</dd>
      </dl>
      <section aria-labelledby="improvement-summary-title">
        <h2 id="improvement-summary-title">{t('improvement:public.whatChanged')}</h2>
        <p className="improvement-summary" lang={r.summary ? contentLanguage(r.summary) : undefined}>{r.summary ?? t('improvement:public.noSummary')}</p>
      </section>
      <ImprovementPhotos photos={r.photos} />
      <section aria-labelledby="improvement-voices-title">
        <h2 id="improvement-voices-title">{t('improvement:public.voicesTitle')}</h2>
        {r.voices.length === 0 ? <p>{t('improvement:public.noVoices')}</p> : (
          <ul className="improvement-voices">
            {r.voices.map((v) => <li key={v.receiptNumber} lang={contentLanguage(v.title)}><Link to={`/voices/${v.receiptNumber}`}>{v.title}</Link></li>)}
          </ul>
        )}
      </section>
    </article>
  );
}
