import { z } from 'zod';
import { COMMENT_MAX, SCORES } from './ratings';

// 窓口アンケート: four 1–5 scores and a comment, no sign-in. Shared by browser and server.

export const SURVEY_QUESTIONS = ['speed', 'courtesy', 'clarity', 'overall'] as const;

const error = (key: string) => `citizen:survey.errors.${key}`;
const score = z
  .preprocess((v) => (v === null || v === '' ? undefined : v), z.enum(SCORES, { errorMap: () => ({ message: error('score') }) }))
  .transform(Number);

export const counterSurveySchema = z.object({
  speed: score,
  courtesy: score,
  clarity: score,
  overall: score,
  comment: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''),
    z.string().refine((v) => Array.from(v).length <= COMMENT_MAX, error('commentTooLong')),
  ),
});

export type CounterSurveyInput = z.input<typeof counterSurveySchema>;
export type CounterSurvey = z.output<typeof counterSurveySchema>;
