import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { formatInstant } from '~/components/public/dates';
import { pageTitle, textTitle } from '~/components/public/meta';
import { useT } from '~/i18n/i18n';
import { contentLanguage } from '~/domain/text-language';
import { requestLanguage } from '~/i18n/resources.server';
import { getPublishedVoice } from '~/models/public-voices.server';
import { publicPhotoPath, publicPhotosOfVoices } from '~/domain/voice-photos.server';
import { publicPlaceOfVoice } from '~/domain/place/voice-place.server';

export const handle = { access: 'public' } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ matches, data: voice }) => [
  { title: voice ? textTitle(matches, voice.title) : pageTitle(matches, 'citizen:voices.detailTitle') },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const voice = await getPublishedVoice(context.db, params.receiptNumber ?? '', requestLanguage(request));
  if (!voice) throw data(null, { status: 404 });
  const { id, ...shown } = voice;
  const photos = (await publicPhotosOfVoices(context.db, [id])).get(id) ?? [];
  return {
    ...shown,
    place: await publicPlaceOfVoice(context.db, id),
    photos: photos.map((p) => ({ id: p.id, width: p.width, height: p.height, full: publicPhotoPath(voice.receiptNumber, p.id), thumb: publicPhotoPath(voice.receiptNumber, p.id, 'thumb') })),
  };
}

/** The photos staff chose to publish, as thumbnails linking to the full photo. */
function PublicPhotos({ photos, title }: { photos: { id: number; width: number; height: number; full: string; thumb: string }[]; title: string }) {
  const { t } = useT();
  if (photos.length === 0) return null;
  return (
    <section aria-labelledby="photos-title">
      <h2 id="photos-title">{t('citizen:voices.photosTitle')}</h2>
      <ul className="photo-list">
        {photos.map((p, i) => {
          const scale = Math.min(1, 240 / Math.max(p.width, p.height, 1));
          return (
            <li key={p.id}>
              <a href={p.full} className="photo-list__link">
                <img src={p.thumb} alt={t('citizen:voices.photoAlt', { n: i + 1, count: photos.length, title })} loading="lazy"
                  width={Math.round(p.width * scale)} height={Math.round(p.height * scale)} />
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
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
        {voice.place ? (
          <><dt>{t('citizen:publicPlace.label')}</dt>
            <dd className="public-place">{t('citizen:publicPlace.value', { lat: voice.place.lat.toFixed(3), lon: voice.place.lng.toFixed(3) })}</dd></>
        ) : null}
      </dl>
      <section aria-labelledby="voice-title">
        <h2 id="voice-title">{t('citizen:voices.voiceTitle')}</h2>
        <p className="voice-body" lang={contentLanguage(voice.body)}>{voice.body}</p>
      </section>
      <PublicPhotos photos={voice.photos} title={voice.title} />
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
