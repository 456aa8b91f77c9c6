import { LANGUAGE_CODE } from '~/i18n/i18n';
import { z } from 'zod';
import { MAX_ID } from '~/utils/ids';

// Building blocks for the backoffice's zod form schemas. Each form has one schema, run by
// react-hook-form in the browser and by parseForm on the server; messages are translation
// keys so both sides show the same sentence in the user's language.

export type FieldErrors = Record<string, string>;

const required = 'staff:validation.required';

function trimmed(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value ?? '';
}

export const requiredText = (max = 200) =>
  z.preprocess(trimmed, z.string().min(1, required).max(max, 'staff:validation.tooLong'));

export const optionalText = (max = 200) =>
  z.preprocess(trimmed, z.string().max(max, 'staff:validation.tooLong'));

export const emailField = z.preprocess(trimmed, z.string().min(1, required).max(254, 'staff:validation.tooLong').email('staff:validation.email'));

/** A checkbox: "on" from a posted form, true/false from react-hook-form, absent when unticked. */
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

/** A required id chosen from a <select>. */
export const idField = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? undefined : Number(v)),
  z.number({ required_error: required, invalid_type_error: required }).int().positive(required).max(MAX_ID, required),
);

/** An optional id (empty option = none). */
export const optionalIdField = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : Number(v)),
  z.number().int().positive().max(MAX_ID).nullable(),
);

export const integerField = (min: number, max: number) => z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? undefined : Number(v)),
  z.number({ required_error: required, invalid_type_error: 'staff:validation.number' }).int('staff:validation.number')
    .min(min, 'staff:validation.range').max(max, 'staff:validation.range'),
);

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Server side: the first value of each field through the schema; errors keyed by field. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): ParsedForm<z.output<S>> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (!(key in raw) && typeof value === 'string') raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

type TranslationsOf<F extends string> = { [K in F as `${K}Translations`]: Record<string, string> };

/**
 * A form whose city texts are translated: besides `name` (the Japanese) it posts `name:en`,
 * `name:pt`… one field per language folder (TranslationFields draws them), which arrive as
 * `nameTranslations: { en, pt }` with empty ones left out. `fields` gives each text's longest
 * translation. (The language list is not fixed here: the domain keeps only the installed ones.)
 */
export function withTranslations<S extends z.AnyZodObject, F extends string>(schema: S, fields: Record<F, number>) {
  const pattern = new RegExp(`^(${Object.keys(fields).join('|')}):(${LANGUAGE_CODE})$`);
  const translated = (key: string) => pattern.exec(key) as (RegExpExecArray & [string, F, string]) | null;
  return schema.passthrough().superRefine((value: Record<string, unknown>, ctx) => {
    for (const [key, text] of Object.entries(value)) {
      const match = translated(key);
      if (match && String(trimmed(text)).length > fields[match[1]]) ctx.addIssue({ code: 'custom', path: [key], message: 'staff:validation.tooLong' });
    }
  }).transform((value: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(schema.shape)) out[key] = value[key];
    for (const field of Object.keys(fields)) out[`${field}Translations`] = {};
    for (const [key, text] of Object.entries(value)) {
      const match = translated(key);
      const clean = String(trimmed(text));
      if (match && clean !== '') (out[`${match[1]}Translations`] as Record<string, string>)[match[2]] = clean;
    }
    return out as z.output<S> & TranslationsOf<F>;
  });
}
