import type { Executor } from '#db/client';
import { counterSurveys } from '#db/schema/index';
import type { CounterSurvey } from './counter-survey';

/** Stores one counter survey answer under its counter (no personal data is asked for). */
export async function recordCounterSurvey(db: Executor, counterId: number, survey: CounterSurvey, language: string, now = new Date()) {
  const [row] = await db.insert(counterSurveys).values({
    counterId,
    speed: survey.speed,
    courtesy: survey.courtesy,
    clarity: survey.clarity,
    overall: survey.overall,
    comment: survey.comment === '' ? null : survey.comment,
    language,
    createdAt: now,
  }).returning({ id: counterSurveys.id });
  return row!;
}
