import { z } from 'zod';
import { supportedLanguages } from '~/i18n/resources.server';

// Request parameters of GeoReport v2, validated at the boundary. Messages are English: the
// audience is the developer of a client application, as in the spec's own examples.

const trimmed = z.string().trim();
const optionalText = (max: number) => trimmed.max(max).optional().transform((v) => (v === '' ? undefined : v));

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export const postRequestParams = z
  .object({
    api_key: optionalText(200),
    jurisdiction_id: optionalText(200),
    service_code: optionalText(100),
    lat: z.coerce.number().min(-90).max(90).optional(),
    long: z.coerce.number().min(-180).max(180).optional(),
    address_string: optionalText(500),
    address_id: optionalText(200),
    email: trimmed.email('email is not a valid address').max(254).optional().or(z.literal('').transform(() => undefined)),
    device_id: optionalText(200),
    account_id: optionalText(200),
    first_name: optionalText(100),
    last_name: optionalText(100),
    phone: z.string().trim().regex(/^[0-9０-９+\-－() ]{6,20}$/, 'phone is not a valid telephone number').optional().or(z.literal('').transform(() => undefined)),
    description: optionalText(4000),
    // A reference to a photo the client hosts: kept, shown to staff, never fetched by the server.
    media_url: optionalText(2000).refine((v) => v === undefined || isWebAddress(v), 'media_url must be an http or https URL'),
    'attribute[kind]': z.enum(['idea', 'complaint', 'request', 'question', 'praise']).optional(),
    'attribute[title]': optionalText(120),
    'attribute[reply_wanted]': z.enum(['yes', 'no']).optional(),
    'attribute[consent_to_publish]': z.enum(['yes', 'no']).optional(),
    // Any installed language (a folder under app/i18n/locales): the answer's language.
    'attribute[language]': z.string().refine((l) => supportedLanguages().includes(l), 'attribute[language] must be one of the languages GET services/{code} lists').optional(),
  })
  .passthrough();

export type PostRequestParams = z.infer<typeof postRequestParams>;

const isoDate = z
  .string()
  .trim()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time')
  .transform((v) => new Date(v));

export const listRequestParams = z.object({
  service_request_id: optionalText(10_000),
  service_code: optionalText(1000),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  status: z.string().trim().regex(/^(open|closed)(,(open|closed))*$/, 'status must be open, closed or both').optional(),
  jurisdiction_id: optionalText(200),
  api_key: optionalText(200),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(1000).default(1000),
});

export type ListRequestParams = z.infer<typeof listRequestParams>;

/** "a.b: message" lines for the spec's error array. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
}
