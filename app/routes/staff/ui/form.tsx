import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useLocation, useSubmit } from '@remix-run/react';
import { useForm, type FieldValues, type Resolver, type UseFormRegister } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { useT } from '~/i18n/i18n';
import { useTranslationLanguages } from '~/components/language-switch';
import type { FieldErrors } from './form-schema';

// react-hook-form over plain posted forms: with JavaScript the schema runs in the browser
// first (and the form is then posted by Remix); without it the browser posts the form and
// the same schema answers from the server. Either way the errors look the same.

export interface ZodForm {
  register: UseFormRegister<FieldValues>;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  errorFor: (name: string) => string | undefined;
  /** Empties the form after a successful post (e.g. a note added). */
  reset: () => void;
}

export function useZodForm(schema: z.ZodTypeAny, serverErrors?: FieldErrors | null): ZodForm {
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const submit = useSubmit();
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | HTMLInputElement | null;
    event.preventDefault();
    void form.handleSubmit(() => {
      submit(submitter ?? formElement, { method: 'post', action: formElement.getAttribute('action') ?? undefined });
    })();
  };
  const errorFor = (name: string) => {
    const client = form.formState.errors[name]?.message;
    return typeof client === 'string' && client !== '' ? client : serverErrors?.[name];
  };
  // form.reset is stable across renders, so effects may depend on it.
  return { register: form.register, onSubmit, errorFor, reset: form.reset as () => void };
}

interface FieldShellProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}

function FieldShell({ id, label, hint, error, required, children }: FieldShellProps) {
  const { t } = useT();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="field__required">{t('staff:form.required')}</span> : null}
      </label>
      {hint ? <p id={`${id}-hint`} className="field__hint">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="field__error">{t(error)}</p> : null}
      {children(describedBy)}
    </div>
  );
}

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'form' | 'name'> & {
  form: ZodForm;
  name: string;
  label: string;
  hint?: string;
};

export function TextField({ form, name, label, hint, required, id: givenId, ...rest }: InputProps) {
  const autoId = useId();
  const id = givenId ?? `f-${name.replace(/:/g, '-')}-${autoId.replace(/:/g, '')}`;
  const error = form.errorFor(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <input id={id} {...rest} {...form.register(name)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}
          aria-required={required || undefined} />
      )}
    </FieldShell>
  );
}

type TextAreaProps = Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'form' | 'name'> & {
  form: ZodForm;
  name: string;
  label: string;
  hint?: string;
};

export function TextAreaField({ form, name, label, hint, required, id: givenId, ...rest }: TextAreaProps) {
  const autoId = useId();
  const id = givenId ?? `f-${name.replace(/:/g, '-')}-${autoId.replace(/:/g, '')}`;
  const error = form.errorFor(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <textarea id={id} rows={5} {...rest} {...form.register(name)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}
          aria-required={required || undefined} />
      )}
    </FieldShell>
  );
}

/**
 * A city text's translations: one field per installed language but Japanese, posted as
 * `${field}:${code}` (withTranslations in form-schema.ts reads them). Empty shows the Japanese.
 */
export function TranslationFields({ form, field, label, values, multiline, hint }: {
  form: ZodForm;
  field: string;
  label: string;
  values?: Record<string, string> | null;
  multiline?: boolean;
  hint?: string;
}) {
  const { t } = useT();
  return useTranslationLanguages().map(({ code, name }) => {
    // Each language is named in itself (English, Português): the admin's files may not know it.
    const props = { form, name: `${field}:${code}`, label: t('staff:form.translation', { label, language: name }), hint: hint ?? t('staff:form.translationHint'), lang: code, defaultValue: values?.[code] ?? '' };
    return multiline ? <TextAreaField key={code} {...props} /> : <TextField key={code} {...props} />;
  });
}

type SelectProps = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'form' | 'name'> & {
  form: ZodForm;
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
};

export function SelectField({ form, name, label, hint, required, options, id: givenId, ...rest }: SelectProps) {
  const autoId = useId();
  const id = givenId ?? `f-${name.replace(/:/g, '-')}-${autoId.replace(/:/g, '')}`;
  const error = form.errorFor(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <select id={id} {...rest} {...form.register(name)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}
          aria-required={required || undefined}>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </FieldShell>
  );
}

type CheckboxProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'form' | 'name' | 'type'> & {
  form: ZodForm;
  name: string;
  label: string;
  hint?: string;
};

export function CheckboxField({ form, name, label, hint, id: givenId, ...rest }: CheckboxProps) {
  const autoId = useId();
  const id = givenId ?? `f-${name.replace(/:/g, '-')}-${autoId.replace(/:/g, '')}`;
  return (
    <div className="field field--checkbox">
      <input id={id} type="checkbox" {...rest} {...form.register(name)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? <p id={`${id}-hint`} className="field__hint">{hint}</p> : null}
    </div>
  );
}

/** Photos to attach (multipart form): the resident's rules — 3 at most, 10 MB each, JPEG/PNG/WebP. */
export function PhotoField({ form, name = 'photos', label, hint, multiple = true, id: givenId }: {
  form: ZodForm; name?: string; label: string; hint?: string; multiple?: boolean; id?: string;
}) {
  const autoId = useId();
  const id = givenId ?? `f-${name.replace(/:/g, '-')}-${autoId.replace(/:/g, '')}`;
  const error = form.errorFor(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input id={id} type="file" multiple={multiple} accept="image/jpeg,image/png,image/webp" {...form.register(name)}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      )}
    </FieldShell>
  );
}

/** A message about the whole form (sign-in refused, saved, …), announced to screen readers. */
/**
 * The answer to a post ("saved", "refused because…"). A success or error message takes the
 * focus when it appears and after every navigation that shows it (a post redirects back to
 * the page), so keyboard and screen reader users land on what happened; Tab goes on from there.
 */
export function FormMessage({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const { key } = useLocation();
  const takesFocus = kind !== 'info';
  useEffect(() => {
    if (takesFocus) ref.current?.focus({ preventScroll: false });
  }, [takesFocus, key]);
  return (
    <div ref={ref} className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'} tabIndex={takesFocus ? -1 : undefined}>
      {children}
    </div>
  );
}
