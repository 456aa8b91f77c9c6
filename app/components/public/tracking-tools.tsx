import { useEffect, useRef, useState } from 'react';
import { Form, useNavigation, useSubmit } from '@remix-run/react';
import { useForm, type FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { useT } from '~/i18n/i18n';
import { NOTE_MAX, residentNoteSchema, trackingMailSchema } from '~/domain/tracking-forms';
import { FieldError, Hint, describedBy, messageOf, schemaResolver, useServerErrors } from './form-fields';

// The tracking page's own tools: copy the link, mail it to oneself, add to one's voice.
// The two forms are plain POSTs (intent mailLink / note) that the server checks; with
// JavaScript the same zod schema answers first, without a round trip.

/** Copies the link; shown only once JavaScript runs (without it, the link is there to select). */
export function CopyLinkButton({ url }: { url: string }) {
  const { t } = useT();
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <p className="copy-link">
      <button type="button" className="button" onClick={copy}>{t('citizen:track.copyLink')}</button>{' '}
      <span role="status" className="copy-link__status">
        {state === 'copied' ? t('citizen:track.copied') : state === 'failed' ? t('citizen:track.copyFailed') : ''}
      </span>
    </p>
  );
}

interface SmallFormProps {
  formKey: string;
  serverErrors?: Partial<Record<string, string>>;
  values?: Partial<Record<string, string>>;
}

/** react-hook-form over one schema, submitting the very form element (as the send form does). */
function useSmallForm<S extends z.ZodType<FieldValues, z.ZodTypeDef, FieldValues>>(schema: S, defaults: Record<string, string>, fromServer?: Partial<Record<string, string>>) {
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const { serverErrors, dismissServerErrors } = useServerErrors(fromServer);
  const form = useForm({ resolver: schemaResolver(schema), shouldFocusError: true, defaultValues: defaults });
  const errorOf = (field: string) => messageOf(form.formState.errors, field) ?? serverErrors[field];
  const onSubmit = form.handleSubmit(() => {
    dismissServerErrors();
    if (formRef.current) submit(formRef.current, { method: 'post' });
  }, () => dismissServerErrors());
  return { form, formRef, errorOf, onSubmit };
}

export function MailLinkForm({ formKey, serverErrors, values }: SmallFormProps) {
  const { t } = useT();
  const busy = useNavigation().state === 'submitting';
  const { form, formRef, errorOf, onSubmit } = useSmallForm(trackingMailSchema, { email: values?.email ?? '' }, serverErrors);
  const error = errorOf('email');
  return (
    <Form method="post" noValidate ref={formRef} onSubmit={onSubmit} className="mail-link-form">
      <input type="hidden" name="intent" value="mailLink" />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="field">
        <label htmlFor="mail-link-email">{t('citizen:track.mailLabel')}</label>
        <Hint id="mail-link-hint">{t('citizen:track.mailHint')}</Hint>
        <FieldError id="mail-link-error" message={error} />
        <input
          id="mail-link-email" type="email" autoComplete="email" defaultValue={values?.email ?? ''} aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('mail-link-hint', error && 'mail-link-error')} autoFocus={!!serverErrors?.email} {...form.register('email')}
        />
      </div>
      <p><button type="submit" className="button" disabled={busy}>{t('citizen:track.mailSubmit')}</button></p>
    </Form>
  );
}

export function ResidentNoteForm({ formKey, serverErrors, values }: SmallFormProps) {
  const { t } = useT();
  const busy = useNavigation().state === 'submitting';
  const { form, formRef, errorOf, onSubmit } = useSmallForm(residentNoteSchema, { note: values?.note ?? '' }, serverErrors);
  const error = errorOf('note');
  return (
    <Form method="post" noValidate ref={formRef} onSubmit={onSubmit} className="resident-note-form">
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="formKey" value={formKey} />
      <div className="field">
        <label htmlFor="resident-note">{t('citizen:track.noteLabel')}</label>
        <Hint id="resident-note-hint">{t('citizen:track.noteHint', { max: NOTE_MAX })}</Hint>
        <FieldError id="resident-note-error" message={error} />
        <textarea
          id="resident-note" rows={5} defaultValue={values?.note ?? ''} aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('resident-note-hint', error && 'resident-note-error')} autoFocus={!!serverErrors?.note} {...form.register('note')}
        />
      </div>
      <p><button type="submit" className="button button--primary" disabled={busy}>{t('citizen:track.noteSubmit')}</button></p>
    </Form>
  );
}
