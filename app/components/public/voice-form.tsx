import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { Form, Link, useNavigation, useSubmit } from '@remix-run/react';
import { useForm, type UseFormRegister } from 'react-hook-form';
import { useT } from '~/i18n/i18n';
import {
  BODY_MAX, CONTACT_MODES, PHOTO_TYPES, TITLE_MAX, VOICE_FORM_FIELDS, VOICE_KINDS, characterCount, voiceFormSchema,
  type VoiceForm, type VoiceFormInput,
} from '~/domain/voice-form';
import { PlacePicker } from '~/components/map/place-picker';
import type { MapSettings } from '~/domain/map-settings';
import { ErrorSummary, FieldError, Hint, RequiredMark, describedBy, messageOf, schemaResolver, useServerErrors } from './form-fields';

// The send form. Without JavaScript it is a plain multipart POST that the server checks;
// with JavaScript, react-hook-form runs the same zod schema first and shows the same
// messages without a round trip, then submits the very same form element.
// (Kept compact: this page has the tightest JavaScript budget of the site.)

export type VoiceFormValues = Partial<Record<string, string>>;

export interface VoiceFormProps {
  idempotencyKey: string;
  categories: { id: number; name: string }[];
  values: VoiceFormValues;
  serverErrors?: Partial<Record<string, string>>;
  /** The map to pick the place on, when one is configured (loaded only when asked for). */
  map?: MapSettings | null;
}

type Field = keyof VoiceFormInput & string;

const id = (field: string) => `voice-${field}`;
const errorId = (field: string) => `voice-${field}-error`;
const hintId = (field: string) => `voice-${field}-hint`;

const TEXT_FIELDS = ['categoryId', 'title', 'body', 'placeText', 'postcode', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'email', 'phone'] as const;

interface FormState {
  register: UseFormRegister<VoiceFormInput>;
  errorOf: (field: string) => string | undefined;
  values: VoiceFormValues;
}

const FormContext = createContext<FormState>(null as unknown as FormState);

/** The attributes every control shares: id, error state, described-by, and react-hook-form's wiring. */
function useControl(field: Field, hint?: boolean) {
  const { register, errorOf } = useContext(FormContext);
  const error = errorOf(field);
  return {
    id: id(field),
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy(hint && hintId(field), error && errorId(field)),
    ...register(field),
  };
}

function TextField({ field, label, hint, required, type = 'text', autoComplete, inputMode, className }: {
  field: Field; label: string; hint?: string; required?: boolean; type?: string; autoComplete?: string;
  inputMode?: 'numeric'; className?: string;
}) {
  const { errorOf, values } = useContext(FormContext);
  const control = useControl(field, !!hint);
  return (
    <div className="field">
      <label htmlFor={id(field)}>{label}{required !== undefined ? <> <RequiredMark required={required} /></> : null}</label>
      {hint ? <Hint id={hintId(field)}>{hint}</Hint> : null}
      <FieldError id={errorId(field)} message={errorOf(field)} />
      <input
        type={type} autoComplete={autoComplete} inputMode={inputMode} className={className} defaultValue={values[field] ?? ''}
        aria-required={required ? 'true' : undefined} {...control}
      />
    </div>
  );
}

function Choices({ field, legend, options, label, required }: { field: 'kind' | 'contactMode'; legend: string; options: readonly string[]; label: (o: string) => string; required?: boolean }) {
  const { register, errorOf, values } = useContext(FormContext);
  const checked = values[field] ?? (field === 'contactMode' ? 'anonymous' : undefined);
  return (
    <fieldset className="field" aria-describedby={describedBy(errorOf(field) && errorId(field))}>
      <legend>{legend}{required ? <> <RequiredMark required /></> : null}</legend>
      <FieldError id={errorId(field)} message={errorOf(field)} />
      <div className="choice-list">
        {options.map((option) => (
          <label key={option} className="choice" htmlFor={id(`${field}-${option}`)}>
            <input type="radio" id={id(`${field}-${option}`)} value={option} defaultChecked={checked === option} {...register(field)} />
            {label(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Checkbox({ field, label, hint }: { field: 'replyWanted' | 'consentToPublish'; label: string; hint: string }) {
  const { errorOf, values } = useContext(FormContext);
  const control = useControl(field, true);
  return (
    <div className="field">
      <div className="choice">
        <input type="checkbox" defaultChecked={values[field] === 'on'} {...control} />
        <label htmlFor={id(field)}>{label}</label>
      </div>
      <Hint id={hintId(field)}>{hint}</Hint>
      <FieldError id={errorId(field)} message={errorOf(field)} />
    </div>
  );
}

function CategorySelect({ categories }: { categories: { id: number; name: string }[] }) {
  const { t } = useT();
  const { errorOf, values } = useContext(FormContext);
  return (
    <div className="field">
      <label htmlFor={id('categoryId')}>{t('citizen:send.categoryLabel')} <RequiredMark /></label>
      <FieldError id={errorId('categoryId')} message={errorOf('categoryId')} />
      <select {...useControl('categoryId')} defaultValue={values.categoryId ?? ''}>
        <option value="">{t('citizen:send.categoryUnknown')}</option>
        {categories.map((c) => <option key={c.id} value={String(c.id)}>{c.name}</option>)}
      </select>
    </div>
  );
}

function Photos() {
  const { t } = useT();
  const { errorOf } = useContext(FormContext);
  return (
    <div className="field">
      <label htmlFor={id('photos')}>{t('citizen:send.photosLabel')}</label>
      <Hint id={hintId('photos')}>{t('citizen:send.photosHint')}</Hint>
      <FieldError id={errorId('photos')} message={errorOf('photos')} />
      <input type="file" multiple accept={PHOTO_TYPES.join(',')} {...useControl('photos', true)} />
    </div>
  );
}

/** The message with a live character counter (counted as the schema counts). */
function BodyField({ label, hint }: { label: string; hint: string }) {
  const { t } = useT();
  const { register, errorOf, values } = useContext(FormContext);
  const [count, setCount] = useState(() => characterCount(values.body ?? ''));
  const over = count - BODY_MAX;
  const error = errorOf('body');
  return (
    <div className="field">
      <label htmlFor={id('body')}>{label} <RequiredMark required /></label>
      <Hint id={hintId('body')}>{hint}</Hint>
      <FieldError id={errorId('body')} message={error} />
      <textarea
        id={id('body')} rows={8} aria-required="true" defaultValue={values.body ?? ''} aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId('body'), id('body-counter'), error && errorId('body'))}
        {...register('body', { onChange: (e: { target: { value: string } }) => setCount(characterCount(e.target.value)) })}
      />
      <p className={over > 0 ? 'counter counter--over' : 'counter'} id={id('body-counter')}>
        {t(over > 0 ? 'citizen:send.counterOver' : 'citizen:send.counter', { count, max: BODY_MAX, over })}
      </p>
    </div>
  );
}

export function VoiceFormView({ idempotencyKey, categories, values, serverErrors: fromServer, map }: VoiceFormProps) {
  const { t } = useT();
  const s = (key: string, v?: Record<string, number>) => t(`citizen:send.${key}`, v);
  const submit = useSubmit();
  const busy = useNavigation().state === 'submitting';
  const formRef = useRef<HTMLFormElement>(null);
  const { serverErrors, dismissServerErrors } = useServerErrors(fromServer);
  const form = useForm<VoiceFormInput, unknown, VoiceForm>({
    resolver: schemaResolver(voiceFormSchema),
    shouldFocusError: false,
    defaultValues: {
      ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, values[f] ?? ''])),
      kind: values.kind ?? null,
      contactMode: values.contactMode ?? 'anonymous',
      replyWanted: values.replyWanted === 'on',
      consentToPublish: values.consentToPublish === 'on',
    },
  });
  const { formState } = form;
  const errorOf = (field: string) => messageOf(formState.errors, field) ?? serverErrors[field];
  const summary = [...VOICE_FORM_FIELDS, 'form']
    .map((field) => ({
      field,
      message: errorOf(field)!,
      // Radio groups are reached through their first choice.
      target: id(field === 'form' ? 'title' : field === 'kind' ? `kind-${VOICE_KINDS[0]}` : field === 'contactMode' ? `contactMode-${CONTACT_MODES[0]}` : field),
    }))
    .filter((item) => item.message);
  // Marks the form once React runs it, so tests (and styles) can tell the two modes apart.
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);

  const onSubmit = form.handleSubmit(() => {
    dismissServerErrors();
    if (formRef.current) submit(formRef.current, { method: 'post', encType: 'multipart/form-data' });
  }, dismissServerErrors);

  return (
    <FormContext.Provider value={{ register: form.register, errorOf, values }}>
      <Form method="post" encType="multipart/form-data" noValidate ref={formRef} onSubmit={onSubmit} className="voice-form" data-enhanced={enhanced ? 'true' : undefined}>
        <ErrorSummary items={summary} focusKey={`${formState.submitCount}:${String(!!fromServer)}`} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <Choices field="kind" legend={s('kindLegend')} options={VOICE_KINDS} label={(k) => t(`domain:kind.${k}`)} required />

        <CategorySelect categories={categories} />

        <TextField field="title" label={s('titleLabel')} hint={s('titleHint', { max: TITLE_MAX })} required autoComplete="off" />
        <BodyField label={s('bodyLabel')} hint={s('bodyHint', { max: BODY_MAX })} />

        <fieldset className="field-group">
          <legend>{s('placeLegend')}</legend>
          <TextField field="placeText" label={s('placeLabel')} hint={s('placeHint')} />
          <TextField field="postcode" label={s('postcodeLabel')} hint={s('postcodeHint')} inputMode="numeric" autoComplete="postal-code" className="input--short" />
          {map ? <PlacePicker settings={map} initial={{ latitude: values.latitude, longitude: values.longitude }} /> : null}
        </fieldset>

        <Photos />

        {/* 匿名 or named: the contact fields show only for "named" (CSS :has, no JavaScript needed);
            under 匿名 anything in them is not sent (voiceFormSchema empties it), as the note says. */}
        <fieldset className="field-group contact-choice">
          <legend>{s('contactLegend')}</legend>
          <Choices field="contactMode" legend={s('contactModeLegend')} options={CONTACT_MODES} label={(m) => s(`contactMode.${m}`)} />
          <p className="anonymous-note" id="voice-anonymous-note">{s('anonymousNote')}</p>
          <div className="contact-fields">
            <p>{s('contactFieldsNote')}</p>
            <div className="field-row">
              <TextField field="familyName" label={s('familyNameLabel')} autoComplete="family-name" />
              <TextField field="givenName" label={s('givenNameLabel')} autoComplete="given-name" />
            </div>
            <div className="field-row">
              <TextField field="familyNameKana" label={s('familyNameKanaLabel')} autoComplete="off" />
              <TextField field="givenNameKana" label={s('givenNameKanaLabel')} autoComplete="off" />
            </div>
            <TextField field="email" type="email" autoComplete="email" label={s('emailLabel')} hint={s('emailHint')} />
            <TextField field="phone" type="tel" autoComplete="tel" label={s('phoneLabel')} hint={s('phoneHint')} />
            <Checkbox field="replyWanted" label={s('replyWantedLabel')} hint={s('replyWantedHint')} />
          </div>
        </fieldset>

        <Checkbox field="consentToPublish" label={s('consentLabel')} hint={s('consentHint')} />

        <section className="notice" aria-labelledby="purpose-title">
          <h2 id="purpose-title">{s('purposeTitle')}</h2>
          <p>{s('purposeBody')}</p>
          <p><Link to="/privacy">{s('purposeLink')}</Link></p>
        </section>

        {/* A field people never see: bots that fill every input give themselves away. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="voice-website">{s('honeypotLabel')}</label>
          <input type="text" id="voice-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>

        <p>
          <button type="submit" className="button button--primary button--wide" disabled={busy}>{s(busy ? 'submitting' : 'submit')}</button>
        </p>
      </Form>
    </FormContext.Provider>
  );
}
