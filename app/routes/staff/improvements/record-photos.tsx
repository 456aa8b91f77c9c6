import { Form } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { PhotoEvidenceForm } from './photo-evidence-form';
import { Section, type ActionResult } from './ui';

// The record page's photo evidence: before/after thumbnails with their captions (each opens
// the full photo: a plain link, so keyboard, screen readers and JavaScript-off all work), the
// upload form at DO and CHECK, and the reform team's choice of what goes public.

interface PhotoView {
  id: number;
  stage: string;
  label: 'before' | 'after';
  caption: string;
  width: number;
  height: number;
  published: boolean;
}

const staffUrl = (number: string, id: number, thumb = false) => `/staff/improvements/${encodeURIComponent(number)}/photos/${id}${thumb ? '?size=thumb' : ''}`;

function box(photo: PhotoView, edge = 160) {
  const scale = Math.min(1, edge / Math.max(photo.width, photo.height, 1));
  return { width: Math.max(1, Math.round(photo.width * scale)), height: Math.max(1, Math.round(photo.height * scale)) };
}

export function RecordPhotos({ number, photos, canAdd, canPublish, result }: {
  number: string; photos: PhotoView[]; canAdd: boolean; canPublish: boolean; result?: ActionResult;
}) {
  const { t } = useT();
  const label = (p: PhotoView) => t(`improvement:ui.photos.label.${p.label}`);
  return (
    <Section id="ir-photos" title={t('improvement:ui.photos.title')}>
      {photos.length === 0 ? <p className="muted">{t('improvement:ui.photos.none')}</p> : (
        <ul className="photo-list" aria-label={t('improvement:ui.photos.listLabel', { count: photos.length })}>
          {photos.map((p) => (
            <li key={p.id} className="photo-list__item">
              <figure>
                <a href={staffUrl(number, p.id)} target="_blank" rel="noopener" className="photo-list__link">
                  <img src={staffUrl(number, p.id, true)} alt={t('improvement:ui.photos.alt', { label: label(p), caption: p.caption })} loading="lazy" decoding="async" {...box(p)} />
                  <span className="visually-hidden">{t('improvement:ui.photos.openFull')}</span>
                </a>
                <figcaption>
                  <strong>{label(p)}</strong> {p.caption}
                  <span className="muted"> · {t('improvement:ui.photos.stageTaken', { stage: t(`improvement:stage.${p.stage}`) })}</span>
                  {p.published ? <span className="tag"> {t('improvement:ui.photos.published')}</span> : null}
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
      {canAdd ? <PhotoEvidenceForm number={number} result={result} /> : null}
      {canPublish && photos.length > 0 ? (
        <Form method="post" className="stack photo-publish">
          <fieldset>
            <legend>{t('improvement:ui.photos.publishLegend')}</legend>
            {photos.map((p) => (
              <div className="field field--checkbox" key={p.id}>
                <input type="checkbox" id={`ir-photo-publish-${p.id}`} name="photoIds" value={p.id} defaultChecked={p.published} />
                <label htmlFor={`ir-photo-publish-${p.id}`}>{t('improvement:ui.photos.publishOne', { label: label(p), caption: p.caption })}</label>
              </div>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="submit" name="intent" value="photos" className="button">{t('improvement:ui.photos.publishSave')}</button>
          </div>
        </Form>
      ) : null}
    </Section>
  );
}
