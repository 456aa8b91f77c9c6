import { Form } from '@remix-run/react';
import { useT } from '~/i18n/i18n';

// The resident's photos of a voice, as thumbnails that open the full photo (a plain link:
// keyboard, screen readers and JavaScript-off all work). Served by voice-photo.ts under the
// voice's own scope. Self-contained so that the voice page, the mayor's queue and the
// department view can all show it.

export interface PhotoItem {
  id: number;
  width: number;
  height: number;
  published?: boolean;
}

export function photoUrl(receiptNumber: string, photoId: number, size: 'full' | 'thumb' = 'full'): string {
  return `/staff/voices/${encodeURIComponent(receiptNumber)}/photos/${photoId}${size === 'thumb' ? '?size=thumb' : ''}`;
}

/** Thumbnail box of a photo (the long edge at 160 CSS px), so the layout does not jump. */
function thumbBox(photo: PhotoItem, edge: number) {
  const scale = Math.min(1, edge / Math.max(photo.width, photo.height, 1));
  return { width: Math.max(1, Math.round(photo.width * scale)), height: Math.max(1, Math.round(photo.height * scale)) };
}

export function PhotoThumbnails({ receiptNumber, title, photos, edge = 160 }: { receiptNumber: string; title: string; photos: PhotoItem[]; edge?: number }) {
  const { t } = useT();
  if (photos.length === 0) return null;
  return (
    <ul className="photo-list" aria-label={t('triage:photos.listLabel', { count: photos.length })}>
      {photos.map((photo, index) => {
        const alt = t('triage:photos.alt', { n: index + 1, count: photos.length, title });
        return (
          <li key={photo.id} className="photo-list__item">
            <a href={photoUrl(receiptNumber, photo.id)} target="_blank" rel="noopener" className="photo-list__link">
              <img src={photoUrl(receiptNumber, photo.id, 'thumb')} alt={alt} loading="lazy" decoding="async" {...thumbBox(photo, edge)} />
              <span className="visually-hidden">{t('triage:photos.openFull')}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The photos section of the voice page. With `publishFor` (the reform team), a form to choose
 * which photos go on the public pages: none is ticked until someone ticks it; the thumbnails
 * above are the preview.
 */
export function VoicePhotos({ receiptNumber, title, photos, publishFor }: {
  receiptNumber: string; title: string; photos: PhotoItem[]; publishFor?: { submissionId: number } | null;
}) {
  const { t } = useT();
  if (photos.length === 0) return null;
  return (
    <section aria-labelledby="photos-title" className="panel voice-photos">
      <h2 id="photos-title">{t('triage:photos.title', { count: photos.length })}</h2>
      <PhotoThumbnails receiptNumber={receiptNumber} title={title} photos={photos} />
      <p className="hint">{t('triage:photos.hint')}</p>
      {publishFor ? (
        <Form method="post" className="stack photo-publish">
          <input type="hidden" name="submissionId" value={publishFor.submissionId} />
          <fieldset>
            <legend>{t('triage:photos.publishLegend')}</legend>
            {photos.map((photo, index) => (
              <div className="field field--checkbox" key={photo.id}>
                <input type="checkbox" id={`photo-publish-${photo.id}`} name="photoIds" value={photo.id} defaultChecked={!!photo.published} />
                <label htmlFor={`photo-publish-${photo.id}`}>{t('triage:photos.publishOne', { n: index + 1 })}</label>
              </div>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="submit" name="intent" value="photos" className="button">{t('triage:photos.publishSave')}</button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
