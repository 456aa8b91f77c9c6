import { z } from 'zod';

// The resident's rating of a reply (顧客満足 1): resolved?, 1–5, comment. Shared by the
// browser and the server, with translation keys as messages.

export const RESOLVED_VALUES = ['yes', 'partly', 'no'] as const;
export const SCORES = ['1', '2', '3', '4', '5'] as const;
export const COMMENT_MAX = 1000;

const error = (key: string) => `citizen:rating.errors.${key}`;
const emptyToUndefined = (v: unknown) => (v === null || v === '' ? undefined : v);

export const ratingFormSchema = z.object({
  resolved: z.preprocess(emptyToUndefined, z.enum(RESOLVED_VALUES, { errorMap: () => ({ message: error('resolved') }) })),
  satisfaction: z.preprocess(emptyToUndefined, z.enum(SCORES, { errorMap: () => ({ message: error('satisfaction') }) })).transform(Number),
  comment: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''),
    z.string().refine((v) => Array.from(v).length <= COMMENT_MAX, error('commentTooLong')),
  ),
});

export type RatingFormInput = z.input<typeof ratingFormSchema>;
export type RatingForm = z.output<typeof ratingFormSchema>;
