import { Form } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { PhotoField, SelectField, TextField, useZodForm } from '../ui/form';
import { PHOTO_LABELS, photoEvidenceSchema } from './schemas';
import { Refusals, useLabelOptions, type ActionResult } from './ui';

/** Photo evidence (改善前/改善後), shown on the record page and on photos.tsx; it posts to photos.tsx either way. */
export function PhotoEvidenceForm({ number, result }: { number: string; result?: ActionResult }) {
  const { t } = useT();
  const form = useZodForm(photoEvidenceSchema, result?.intent === 'photos' ? result.errors ?? null : null);
  return (
    <Form method="post" action={`/staff/improvements/${encodeURIComponent(number)}/photos`} encType="multipart/form-data" noValidate
      onSubmit={form.onSubmit} className="stack" aria-labelledby="ir-photos-add-title">
      <h3 id="ir-photos-add-title">{t('improvement:ui.photos.addTitle')}</h3>
      <p className="hint">{t('improvement:ui.photos.addLead')}</p>
      <Refusals result={result} intent="photos" />
      <SelectField form={form} name="label" label={t('improvement:ui.photos.labelField')} required defaultValue="before"
        options={useLabelOptions('ui.photos.label', PHOTO_LABELS)} />
      <TextField form={form} name="caption" label={t('improvement:ui.photos.caption')} required maxLength={200} hint={t('improvement:ui.photos.captionHint')} />
      <PhotoField form={form} label={t('improvement:ui.photos.photos')} hint={t('improvement:ui.photos.photosHint')} />
      <div className="button-row">
        <button type="submit" className="button button--primary">{t('improvement:ui.photos.submit')}</button>
      </div>
    </Form>
  );
}
