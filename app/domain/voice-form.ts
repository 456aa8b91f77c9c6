import { z } from 'zod';
import { VOICE_KINDS } from './voice-kinds';
import { MAX_ID } from '~/utils/ids';

// The resident's "send a voice" form: one schema, run by react-hook-form in the browser and
// again by the server. Messages are translation keys (rendered with t()), so a resident sees
// the same Japanese (or English) sentence whichever side refused the input.

export { VOICE_KINDS };
export const CONTACT_MODES = ['anonymous', 'named'] as const;

export const TITLE_MAX = 100;
export const BODY_MAX = 4000;
const PLACE_MAX = 200;
const NAME_MAX = 50;
export const PHOTO_MAX_COUNT = 3;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

const error = (key: string) => `citizen:send.errors.${key}`;

/** Characters as a person counts them (an emoji is one), with browser CRLF folded to LF. */
export function characterCount(text: string): number {
  return Array.from(text.replace(/\r\n?/g, '\n')).length;
}

function cleanText(value: unknown): unknown {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value;
}

const optionalText = (max: number, tooLong: string) =>
  z.preprocess(cleanText, z.string().refine((v) => characterCount(v) <= max, error(tooLong)));

const requiredText = (max: number, missing: string, tooLong: string) =>
  z.preprocess(cleanText, z.string().min(1, error(missing)).refine((v) => characterCount(v) <= max, error(tooLong)));

/** 〒 123-4567, 1234567 or full-width １２３－４５６７ → "1234567"; anything else is null. */
export function normalizePostcode(input: string): string | null {
  const folded = input.normalize('NFKC').replace(/[〒\s]/g, '').replace(/[‐‑–—−ー]/g, '-');
  return /^\d{3}-?\d{4}$/.test(folded) ? folded.replace('-', '') : null;
}

/** A map pin's latitude or longitude from a hidden field; anything but a number is no pin. */
const coordinate = (limit: number) => z.preprocess((v) => {
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) <= limit ? v : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}, z.number().nullable());

const postcode = z.preprocess(cleanText, z.string()).superRefine((value, ctx) => {
  if (value !== '' && normalizePostcode(value) === null) ctx.addIssue({ code: 'custom', message: error('postcode') });
}).transform((value) => (value === '' ? null : normalizePostcode(value)));

const email = z.preprocess(cleanText, z.string()).superRefine((value, ctx) => {
  if (value !== '' && !z.string().email().max(254).safeParse(value).success) ctx.addIssue({ code: 'custom', message: error('email') });
});

/** Japanese numbers (090-1234-5678) and international ones (+81 90 …): 10–15 digits. */
export function isPhoneNumber(input: string): boolean {
  const folded = input.normalize('NFKC');
  const digits = folded.replace(/\D/g, '');
  return /^\+?[\d\s()-]+$/.test(folded) && digits.length >= 10 && digits.length <= 15;
}

const phone = z.preprocess(cleanText, z.string()).superRefine((value, ctx) => {
  if (value !== '' && !isPhoneNumber(value)) ctx.addIssue({ code: 'custom', message: error('phone') });
}).transform((value) => value.normalize('NFKC'));

const kana = z.preprocess(cleanText, z.string()).superRefine((value, ctx) => {
  if (characterCount(value) > NAME_MAX) ctx.addIssue({ code: 'custom', message: error('nameTooLong') });
  else if (value !== '' && !/^[\u3041-\u3096\u30A1-\u30FA\u30FC\u30FB\s]+$/u.test(value.normalize('NFKC'))) {
    ctx.addIssue({ code: 'custom', message: error('kana') });
  }
}).transform((value) => value.normalize('NFKC'));

/** A checkbox: true from react-hook-form, "on" from a plain form post, absent when unticked. */
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

/** What the form knows about a chosen photo: from the browser's File, or from the server's reading of the bytes. */
interface PhotoMeta {
  name: string;
  type: string;
  size: number;
}

function toPhotoList(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return [];
  // A FileList in the browser; an array on the server.
  const items = Array.isArray(value) ? value : typeof value === 'object' && 'length' in value ? Array.from(value as ArrayLike<unknown>) : [value];
  return items
    .map((f) => (f && typeof f === 'object' ? { name: String((f as PhotoMeta).name ?? ''), type: String((f as PhotoMeta).type ?? ''), size: Number((f as PhotoMeta).size ?? 0) } : f))
    .filter((f) => !(f && typeof f === 'object' && (f as PhotoMeta).name === '' && (f as PhotoMeta).size === 0));
}

const photoMeta = z.object({ name: z.string(), type: z.string(), size: z.number() }).superRefine((photo, ctx) => {
  if (!(PHOTO_TYPES as readonly string[]).includes(photo.type)) ctx.addIssue({ code: 'custom', message: error('photoType') });
  else if (photo.size > PHOTO_MAX_BYTES) ctx.addIssue({ code: 'custom', message: error('photoTooLarge') });
  else if (photo.size === 0) ctx.addIssue({ code: 'custom', message: error('photoUnreadable') });
});

/** A file input of photos: the resident's rules (count, type, size), shared by every form that takes photos. */
export const photosField = z.preprocess(toPhotoList, z.array(photoMeta).max(PHOTO_MAX_COUNT, error('photoCount')));

const fieldsSchema = z.object({
  kind: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.enum(VOICE_KINDS, { errorMap: () => ({ message: error('kind') }) })),
  categoryId: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? null : Number(v)),
    z.number({ invalid_type_error: error('category') }).int(error('category')).positive(error('category')).max(MAX_ID, error('category')).nullable(),
  ),
  title: requiredText(TITLE_MAX, 'titleRequired', 'titleTooLong'),
  body: requiredText(BODY_MAX, 'bodyRequired', 'bodyTooLong'),
  placeText: optionalText(PLACE_MAX, 'placeTooLong'),
  postcode,
  latitude: coordinate(90),
  longitude: coordinate(180),
  contactMode: z.preprocess((v) => (v === null || v === '' || v === undefined ? 'anonymous' : v), z.enum(CONTACT_MODES, { errorMap: () => ({ message: error('contactMode') }) })),
  familyName: optionalText(NAME_MAX, 'nameTooLong'),
  givenName: optionalText(NAME_MAX, 'nameTooLong'),
  familyNameKana: kana,
  givenNameKana: kana,
  email,
  phone,
  replyWanted: checkbox,
  consentToPublish: checkbox,
  photos: photosField,
});

// The contact rules look at several fields at once. Zod skips an object's refinements when a
// field failed, so they run on their own lenient reading of the input: a resident then sees
// every problem at once, whichever side checks.
const lenientText = z.preprocess(cleanText, z.string()).catch('');
const contactView = z.object({
  contactMode: z.enum(CONTACT_MODES).catch('anonymous'),
  familyName: lenientText, givenName: lenientText, familyNameKana: lenientText, givenNameKana: lenientText,
  email: lenientText, phone: lenientText,
  replyWanted: checkbox.catch(false),
});

const contactRules = z.unknown().superRefine((raw, ctx) => {
  const form = contactView.parse(raw && typeof raw === 'object' ? raw : {});
  // Anonymous: the contact fields were emptied before (see voiceFormSchema); nothing to ask.
  if (form.contactMode === 'anonymous') return;
  if (form.familyName === '') ctx.addIssue({ code: 'custom', path: ['familyName'], message: error('familyNameRequired') });
  if (form.givenName === '') ctx.addIssue({ code: 'custom', path: ['givenName'], message: error('givenNameRequired') });
  if (form.replyWanted && form.email === '' && form.phone === '') {
    ctx.addIssue({ code: 'custom', path: ['replyWanted'], message: error('replyNeedsContact') });
  }
}).transform(() => ({}));

/** The fields that exist only for a resident who gives their name. */
const CONTACT_FIELDS = ['familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'email', 'phone'] as const;

/**
 * When the resident chose 匿名 (or chose nothing), whatever sits in the contact fields is not
 * theirs to send: the page hides those fields then, and a browser without that styling shows a
 * note that they are not sent. So they are emptied here, on both sides, before any rule looks
 * at them: no error about a field the resident cannot see, and nothing kept that they meant to withhold.
 */
function withoutContactWhenAnonymous(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const mode = (raw as { contactMode?: unknown }).contactMode;
  if (mode !== undefined && mode !== null && mode !== '' && mode !== 'anonymous') return raw;
  return { ...raw, ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f, ''])), replyWanted: false };
}

const fullSchema = z.intersection(fieldsSchema, contactRules);
export const voiceFormSchema = z.preprocess(withoutContactWhenAnonymous, fullSchema) as unknown as
  z.ZodType<z.output<typeof fullSchema>, z.ZodTypeDef, z.input<typeof fullSchema>>;

export type VoiceFormInput = z.input<typeof fieldsSchema>;
export type VoiceForm = z.output<typeof fieldsSchema>;
export type VoiceFormField = keyof VoiceForm;

/** The order fields appear in, for the error summary. */
export const VOICE_FORM_FIELDS: VoiceFormField[] = [
  'kind', 'categoryId', 'title', 'body', 'placeText', 'postcode', 'photos', 'contactMode', 'familyName', 'givenName',
  'familyNameKana', 'givenNameKana', 'email', 'phone', 'replyWanted', 'consentToPublish',
];

/** Zod issues → one message key per field (the first), as both sides show them. */
export function fieldErrors(issues: readonly z.ZodIssue[]): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
