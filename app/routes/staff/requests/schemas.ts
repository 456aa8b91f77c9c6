import { z } from 'zod';
import { idField, optionalText, requiredText } from '../ui/form-schema';

// One zod schema per form of the residents' requests screens (browser and server).

export const REQUEST_KINDS = ['disclosure', 'correction', 'erasure'] as const;

export const newRequestSchema = z.object({
  kind: z.enum(REQUEST_KINDS, { errorMap: () => ({ message: 'staff:validation.required' }) }),
  requesterName: requiredText(80),
  identityCheck: requiredText(200),
  receiptNumber: optionalText(20),
  email: optionalText(254),
  phone: optionalText(30),
  details: optionalText(2000),
}).superRefine((value, ctx) => {
  if (!value.receiptNumber && !value.email && !value.phone) {
    ctx.addIssue({ code: 'custom', path: ['receiptNumber'], message: 'staff:requests.validation.oneKey' });
  }
});

export const decideSchema = z.object({
  decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: 'staff:validation.required' }) }),
  note: optionalText(1000),
});

export const correctSchema = z.object({
  submissionId: idField,
  familyName: optionalText(60),
  givenName: optionalText(60),
  email: optionalText(254),
  phone: optionalText(30),
  address: optionalText(200),
});
