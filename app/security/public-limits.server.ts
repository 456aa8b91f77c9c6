import { z } from 'zod';
import type { LimitRule } from '~/security/rate-limit.server';

// Per-IP limits of the resident side, held in the database so they apply across every app
// instance. Operators (and tests) may change them with "points/seconds" environment values.

/** A limit as operators write it: "points/seconds". */
export const pointsPerSeconds = z.string().regex(/^\d+\/\d+$/, 'must look like 10/600 (points/seconds)');
const limitValue = pointsPerSeconds.optional();

const limitsEnv = z.object({
  CITIZEN_SUBMIT_LIMIT: limitValue,
  CITIZEN_SURVEY_LIMIT: limitValue,
  CITIZEN_RATING_LIMIT: limitValue,
  CITIZEN_NOTE_LIMIT: limitValue,
  CITIZEN_LINK_MAIL_LIMIT: limitValue,
});

export function rule(keyPrefix: string, value: string | undefined, fallback: string): LimitRule {
  const [points, seconds] = (value ?? fallback).split('/').map(Number) as [number, number];
  return { keyPrefix, points, durationSeconds: seconds };
}

export interface CitizenLimits {
  submit: LimitRule;
  survey: LimitRule;
  rating: LimitRule;
  /** A resident adding to their voice from the tracking page. */
  note: LimitRule;
  /** "Mail me this link": few, since each one sends a mail to an address anyone could type. */
  linkMail: LimitRule;
}

/** 10 voices per 10 minutes per IP by default (a shared mobile IP still has room). */
export function citizenLimits(env: Record<string, string | undefined> = process.env): CitizenLimits {
  const parsed = limitsEnv.parse(env);
  return {
    submit: rule('citizen-submit-ip', parsed.CITIZEN_SUBMIT_LIMIT, '10/600'),
    survey: rule('citizen-survey-ip', parsed.CITIZEN_SURVEY_LIMIT, '20/600'),
    rating: rule('citizen-rating-ip', parsed.CITIZEN_RATING_LIMIT, '20/600'),
    note: rule('citizen-note-ip', parsed.CITIZEN_NOTE_LIMIT, '10/600'),
    linkMail: rule('citizen-link-mail-ip', parsed.CITIZEN_LINK_MAIL_LIMIT, '5/3600'),
  };
}

/** Refuse request bodies above this before reading them: 3 photos × 10 MB plus the text. */
export const MAX_SEND_REQUEST_BYTES = 35 * 1024 * 1024;
/** A text field longer than this is not a resident typing. */
export const MAX_TEXT_FIELD_BYTES = 64 * 1024;
/** Plain (non-photo) forms: ratings, counter surveys. */
export const MAX_SMALL_FORM_BYTES = 64 * 1024;
