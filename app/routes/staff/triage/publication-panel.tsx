import { useT } from '~/i18n/i18n';
import { TextAreaField, TextField } from '../ui/form';
import { noFieldsSchema, publishSchema } from './schemas';
import { intentIn, Panel, TriageForm, type ActionState } from './ui';
import type { VoicePageData } from './voice-types';

// Publishing (reform team, resident's consent): a preview with e-mail addresses, phone
// numbers, postcodes and the resident's name already masked, editable before it goes public.

export function PublicationPanel({ data, actionData }: { data: VoicePageData; actionData: ActionState | null | undefined }) {
  const { t } = useT();
  const { voice, work, preview } = data;
  if (!work.may.publish || !preview) return null;
  const common = { submissionId: voice.id, version: voice.version, actionData };
  return (
    <Panel id="publication" title={t('triage:panel.publication')} collapsible open={intentIn(actionData, ['publish', 'unpublish'])}
      summary={work.publishedAt ? t('triage:publication.isPublished') : undefined}>
      <p>{work.publishedAt ? t('triage:publication.isPublished') : t('triage:publication.lead')}</p>
      <TriageForm {...common} intent="publish" schema={publishSchema} primary
        submitLabel={work.publishedAt ? t('triage:publication.update') : t('triage:publication.publish')}>
        {(form) => (
          <>
            <TextField form={form} name="title" label={t('triage:publication.title')} required defaultValue={preview.title} />
            <TextAreaField form={form} name="body" rows={8} label={t('triage:publication.body')} required defaultValue={preview.body} />
            <TextAreaField form={form} name="reply" rows={6} label={t('triage:publication.reply')} defaultValue={preview.reply ?? ''}
              hint={preview.reply === null ? t('triage:publication.noReply') : undefined} />
          </>
        )}
      </TriageForm>
      {work.publishedAt ? (
        <TriageForm {...common} intent="unpublish" schema={noFieldsSchema} submitLabel={t('triage:publication.unpublish')} />
      ) : null}
    </Panel>
  );
}
