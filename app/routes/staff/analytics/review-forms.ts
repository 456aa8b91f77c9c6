import { z } from 'zod';
import { isIsoDate, monthsOf, MAX_MONTHS } from '~/domain/analytics/period';
import { optionalText, requiredText } from '../ui/form-schema';

// The forms of the recorded management review, run in the browser and on the server.

const dateText = z.string().trim().refine(isIsoDate, 'staff:validation.date');
const optionalDate = z.preprocess((v) => (v === '' || v === undefined ? null : v), dateText.nullable());

export const reviewFormSchema = z.object({
  title: requiredText(200),
  from: dateText,
  to: dateText,
  heldOn: optionalDate,
  notes: optionalText(20_000),
}).superRefine((v, ctx) => {
  if (!isIsoDate(v.from) || !isIsoDate(v.to)) return;
  if (v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'analytics:period.errors.from_after_to' });
  else if (monthsOf({ from: v.from, to: v.to }).length > MAX_MONTHS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'analytics:period.errors.too_long' });
});

export const decisionFormSchema = z.object({
  decision: requiredText(4000),
});
