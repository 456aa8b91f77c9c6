import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { EmergencyNotice } from '~/components/public/city-contact';
import { formatInstant } from '~/components/public/dates';
import { useT } from '~/i18n/i18n';
import { contentLanguage } from '~/domain/text-language';
import { requestLanguage } from '~/i18n/resources.server';
import { getHomeFeed } from '~/models/public-feed.server';
import { useRootData } from '~/root';
import type { RouteAccess } from '~/auth/route-access';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { city?: { name: string } } | undefined;
  return [{ title: root?.city?.name ? `${root.city.name} — Meyasu` : 'Meyasu' }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  return getHomeFeed(context.db, requestLanguage(request));
}

const JOURNEY = ['see', 'reply', 'improve'] as const;

export default function Home() {
  const { t, language } = useT();
  const root = useRootData();
  const feed = useLoaderData<typeof loader>();
  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title', { city: root?.city.name ?? '' })}</h1>
        {root?.city.promise ? <p className="promise">{root.city.promise}</p> : null}
        <p>{t('home.lead')}</p>
        <p className="cta-row">
          <Link className="button button--primary" to="/send">{t('home.sendCta')}</Link>
          <Link className="button" to="/survey">{t('home.surveyCta')}</Link>
        </p>
        <p className="muted">{t('home.stats', { count: feed.voiceCount })}</p>
      </section>

      <EmergencyNotice />

      <section aria-labelledby="journey-title">
        <h2 id="journey-title">{t('home.journeyTitle')}</h2>
        <ol className="journey">
          {JOURNEY.map((step) => (
            <li key={step}>
              <strong>{t(`home.journeyStep.${step}`)}</strong>
              <p>{t(`home.journey.${step}`)}</p>
            </li>
          ))}
        </ol>
        <p>{t('home.trackNote')}</p>
      </section>

      <section aria-labelledby="replies-title">
        <h2 id="replies-title">{t('home.recentRepliesTitle')}</h2>
        {feed.recentReplies.length === 0 ? <p>{t('home.noneYet')}</p> : (
          <ul className="card-list">
            {feed.recentReplies.map((r) => (
              <li key={r.receiptNumber}>
                <p className="card-meta">
                  <span className="tag">{t(`domain:kind.${r.kind}`)}</span>
                  {r.publishedAt ? <span className="muted"> {formatInstant(r.publishedAt, language)}</span> : null}
                </p>
                <h3 className="card-title" lang={contentLanguage(r.title)}><Link to={`/voices/${r.receiptNumber}`}>{r.title}</Link></h3>
                {r.replyExcerpt ? <p><span className="muted">{t('home.replyLabel')}</span> <span lang={contentLanguage(r.replyExcerpt)}>{r.replyExcerpt}</span></p> : null}
              </li>
            ))}
          </ul>
        )}
        <p><Link to="/voices">{t('home.allVoices')}</Link></p>
      </section>

      <section aria-labelledby="improvements-title">
        <h2 id="improvements-title">{t('home.recentImprovementsTitle')}</h2>
        {feed.recentImprovements.length === 0 ? <p>{t('home.noneYet')}</p> : (
          <ul className="card-list">
            {feed.recentImprovements.map((r) => (
              <li key={r.number}>
                <h3 className="card-title" lang={contentLanguage(r.title)}>{r.title}</h3>
                <p lang={contentLanguage(r.summary)}>{r.summary}</p>
                {r.closedAt ? <p className="muted">{t('home.closedOn', { date: formatInstant(r.closedAt, language) })}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="survey-title" className="panel">
        <h2 id="survey-title">{t('home.surveyTitle')}</h2>
        <p>{t('home.surveyBody')}</p>
        <p><Link to="/survey">{t('home.surveyCta')}</Link></p>
      </section>
    </div>
  );
}
