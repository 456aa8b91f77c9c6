import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { formatInstant } from '~/components/public/dates';
import { pageTitle, textTitle } from '~/components/public/meta';
import { useT } from '~/i18n/i18n';
import { contentLanguage } from '~/domain/text-language';
import { requestLanguage } from '~/i18n/resources.server';
import { getPublishedVoice } from '~/models/public-voices.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches, data: voice }) => [
  { title: voice ? textTitle(matches, voice.title) : pageTitle(matches, 'citizen:voices.detailTitle') },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const voice = await getPublishedVoice(context.db, params.receiptNumber ?? '', requestLanguage(request));
  if (!voice) throw data(null, { status: 404 });
  return voice;
}

export default function PublishedVoice() {
  const { t, language } = useT();
  const voice = useLoaderData<typeof loader>();
  return (
    <article className="published-voice">
      <p className="card-meta">
        <span className="tag">{t(`domain:kind.${voice.kind}`)}</span>
        {voice.category ? <span className="muted"> {voice.category}</span> : null}
      </p>
      <h1 lang={contentLanguage(voice.title)}>{voice.title}</h1>
      <dl className="facts">
        <dt>{t('citizen:voices.receiptLabel')}</dt><dd>{voice.receiptNumber}</dd>
        <dt>{t('citizen:voices.receivedLabel')}</dt><dd>{formatInstant(voice.receivedAt, language)}</dd>
        {voice.department ? <><dt>{t('citizen:voices.departmentLabel')}</dt><dd lang={contentLanguage(voice.department)}>{voice.department}</dd></> : null}
      </dl>
      <section aria-labelledby="voice-title">
        <h2 id="voice-title">{t('citizen:voices.voiceTitle')}</h2>
        <p className="voice-body" lang={contentLanguage(voice.body)}>{voice.body}</p>
      </section>
      {voice.reply ? (
        <section className="panel" aria-labelledby="reply-title">
          <h2 id="reply-title">{t('citizen:voices.replyTitle')}{voice.repliedAt ? <span className="muted"> {formatInstant(voice.repliedAt, language)}</span> : null}</h2>
          <p className="reply-body" lang={contentLanguage(voice.reply)}>{voice.reply}</p>
        </section>
      ) : null}
      {voice.improvements.length > 0 ? (
        <section aria-labelledby="improvements-title">
          <h2 id="improvements-title">{t('citizen:voices.improvementsTitle')}</h2>
          <ul className="card-list">
            {voice.improvements.map((i) => <li key={i.number}><strong lang={contentLanguage(i.title)}>{i.title}</strong><p lang={contentLanguage(i.summary)}>{i.summary}</p></li>)}
          </ul>
        </section>
      ) : null}
      <p><Link to="/voices">{t('citizen:voices.backToList')}</Link></p>
    </article>
  );
}
