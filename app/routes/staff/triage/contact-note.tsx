import { useEffect, useRef } from 'react';
import { Form } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { FormMessage, TextAreaField } from '../ui/form';
import { noteSchema } from './schemas';
import { intentIn, Panel, TriageForm, type ActionState } from './ui';
import type { VoicePageData } from './voice-types';

// The resident's contact details (each view audited) and the internal notes.

function ContactDetails({ contact }: { contact: Record<string, string | null> }) {
  const { t } = useT();
  const name = [contact.familyName, contact.givenName].filter(Boolean).join(' ');
  const kana = [contact.familyNameKana, contact.givenNameKana].filter(Boolean).join(' ');
  return (
    <dl className="facts" aria-label={t('staff:voice.contactTitle')}>
      <dt>{t('staff:voice.contactName')}</dt><dd>{name || '—'}{kana ? `（${kana}）` : ''}</dd>
      <dt>{t('staff:voice.contactEmail')}</dt><dd>{contact.email ?? '—'}</dd>
      <dt>{t('staff:voice.contactPhone')}</dt><dd>{contact.phone ?? '—'}</dd>
      <dt>{t('staff:voice.contactAddress')}</dt><dd>{contact.address ?? '—'}</dd>
    </dl>
  );
}

export function ContactPanel({ data, actionData }: { data: VoicePageData; actionData: ActionState | null | undefined }) {
  const { t } = useT();
  const { voice } = data;
  return (
    <section className="panel" aria-labelledby="contact-title">
      <h2 id="contact-title">{t('staff:voice.contactTitle')}</h2>
      {voice.anonymous ? <p>{t('staff:voice.anonymous')}</p>
        : actionData?.contact ? <ContactDetails contact={actionData.contact} />
        : data.canViewContact ? (
          <Form method="post">
            <p className="muted">{t('staff:voice.contactAuditNotice')}</p>
            <input type="hidden" name="submissionId" value={voice.id} />
            <button type="submit" name="intent" value="contact" className="button">{t('staff:voice.showContact')}</button>
          </Form>
        ) : <p>{t('staff:voice.contactNotAllowed')}</p>}
    </section>
  );
}

export function NotePanel({ data, actionData }: { data: VoicePageData; actionData: ActionState | null | undefined }) {
  const { t } = useT();
  const noteForm = useRef<HTMLFormElement>(null);
  const noted = actionData?.intent === 'note' && actionData.done === 'note';
  useEffect(() => {
    if (noted) noteForm.current?.reset();
  }, [noted, actionData]);
  if (!data.canNote) return null;
  return (
    <Panel id="note" title={t('staff:voice.noteTitle')} collapsible open={noted || intentIn(actionData, ['note'])}>
      {noted ? <FormMessage kind="success">{t('staff:voice.noted')}</FormMessage> : null}
      <TriageForm submissionId={data.voice.id} actionData={actionData} intent="note" schema={noteSchema} formRef={noteForm}
        submitLabel={t('staff:voice.addNote')} primary>
        {(form) => <TextAreaField form={form} name="text" label={t('staff:voice.noteLabel')} hint={t('staff:voice.noteHint')} required maxLength={2000} />}
      </TriageForm>
    </Panel>
  );
}
